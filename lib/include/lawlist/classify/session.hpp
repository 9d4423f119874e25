#pragma once
// What classification needs, read from a database once: the latest revisions (or the part of
// them a scope names), the resolver over them, the normalizer and the stored classification
// index.

#include <memory>

#include "lawlist/classify/classifier.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::classify {

class Session {
  public:
    // Reads everything in one read transaction, so that a load committing meanwhile cannot pair
    // the lists of one revision with the index of another.
    explicit Session(const store::Database& database);
    // The same, reading only what `scope` takes (a batch classified in one jurisdiction needs
    // the lists of that jurisdiction and its county: store::Database::with_county).
    Session(const store::Database& database, const store::ReadScope& scope);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const Classifier& classifier() const { return *m_classifier; }
    const resolve::Resolver& resolver() const { return *m_resolver; }
    const model::Bundle& bundle() const { return m_bundle; }

  private:
    Session(const store::Database& database, const store::ReadScope& scope,
            const store::Database::ReadTransaction& snapshot);
    model::Bundle m_bundle;
    std::unique_ptr<resolve::Resolver> m_resolver;
    text::Normalizer m_normalizer;
    std::unique_ptr<Classifier> m_classifier;
};

// One incident classified in `jurisdiction` reading only what it needs: scored against the
// whole vocabulary with no lists read, then resolved over the jurisdiction's and its county's
// items and problems of the matched types. The same classification as a Session's, at a cost
// that does not grow with the province.
Classification classify_stored(const store::Database& database, const std::string& jurisdiction,
                               const std::string& text, std::size_t top,
                               const Thresholds& thresholds);

}  // namespace lawlist::classify
