#pragma once
// What classification needs, read from a database once: the latest revisions, the resolver over
// them, the normalizer and the stored classification index.

#include <memory>
#include <optional>
#include <string>

#include "lawlist/classify/classifier.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::classify {

// Which revisions a session reads: by default the latest of each jurisdiction; with `label`, each
// jurisdiction's revision of that label (else its latest); with `as_of` (YYYY-MM-DD), the ones in
// force on that date (store::revisions_in_force).
struct Revisions {
    std::optional<std::string> label;
    std::optional<std::string> as_of;
};

class Session {
  public:
    // Reads everything in one read transaction, so that a load committing meanwhile cannot pair
    // the lists of one revision with the index of another.
    explicit Session(const store::Database& database, const Revisions& revisions = {});
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const Classifier& classifier() const { return *m_classifier; }
    const resolve::Resolver& resolver() const { return *m_resolver; }
    const model::Bundle& bundle() const { return m_bundle; }

  private:
    Session(const store::Database& database, const Revisions& revisions,
            const store::Database::ReadTransaction& snapshot);
    model::Bundle m_bundle;
    std::unique_ptr<resolve::Resolver> m_resolver;
    text::Normalizer m_normalizer;
    std::unique_ptr<Classifier> m_classifier;
};

}  // namespace lawlist::classify
