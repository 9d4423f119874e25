#pragma once
// What classification needs, read from a database once: the latest revisions (or the part of
// them a scope names), the resolver over them, the normalizer and the stored classification
// index.

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lawlist/classify/classifier.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/resolve/stored.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::classify {

// Which revisions a session reads: each jurisdiction's revision labelled `label` (else its
// latest), or with `as_of` (YYYY-MM-DD) the ones in force on that date
// (store::revisions_in_force).
struct Revisions {
    std::optional<std::string> label;
    std::optional<std::string> as_of;
};

class Session {
  public:
    // Reads everything in one read transaction, so that a load committing meanwhile cannot pair
    // the lists of one revision with the index of another.
    explicit Session(const store::Database& database);
    // The same, reading only what `scope` takes (a batch classified in one jurisdiction needs
    // the lists of that jurisdiction and its county: store::Database::with_county).
    Session(const store::Database& database, const store::ReadScope& scope);
    // The same over other revisions than the latest.
    Session(const store::Database& database, const Revisions& revisions);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const Classifier& classifier() const { return *m_classifier; }
    const resolve::Resolver& resolver() const { return *m_resolver; }
    const model::Bundle& bundle() const { return m_bundle; }

  private:
    Session(const store::Database& database, const store::ReadScope& scope,
            const Revisions& revisions, const store::Database::ReadTransaction& snapshot);
    model::Bundle m_bundle;
    std::unique_ptr<resolve::Resolver> m_resolver;
    text::Normalizer m_normalizer;
    std::unique_ptr<Classifier> m_classifier;
};

// A batch classified in `jurisdiction` on `threads` threads (0: one per core), a chunk at a time:
// `emit` receives each chunk's incidents and their classifications in input order, on the
// calling thread, while the next chunk is classified. Memory holds two chunks whatever the
// batch's size, and the results do not depend on `threads`.
using EmitChunk = std::function<void(std::span<const Incident>, std::vector<Classification>&&)>;
void classify_each(const Session& session, std::span<const Incident> incidents,
                   const std::string& jurisdiction, std::size_t top, const Thresholds& thresholds,
                   unsigned threads, const EmitChunk& emit);

// One incident classified in `jurisdiction` reading only what it needs: scored against the
// whole vocabulary with no lists read, then resolved over the jurisdiction's and its county's
// items and problems of the matched types. The same classification as a Session's, at a cost
// that does not grow with the province.
Classification classify_stored(const store::Database& database, const std::string& jurisdiction,
                               const std::string& text, std::size_t top,
                               const Thresholds& thresholds);

// What a free text names in a jurisdiction, resolved (`lawlist resolve TEXT`).
struct TextResolution {
    resolve::StoredResolution stored;
    std::optional<Classification> classified;  // when the text named no type and was classified
};

// `text` (invalid bytes replaced: text::sanitize) resolved in `jurisdiction`: a violation type's
// id, formal name or alias as resolve::resolve_stored resolves it; any other text classified as an
// incident (classify_stored: three candidates, default thresholds) and its best match resolved.
// Throws lawlist::Error when the text names no type and matches none: resolve_stored's hint for a
// mistyped id, else its message saying the text matches nothing as a description either.
TextResolution resolve_text(const store::Database& database, const std::string& jurisdiction,
                            const std::string& text);

}  // namespace lawlist::classify
