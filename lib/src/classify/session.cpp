#include "lawlist/classify/session.hpp"

#include "lawlist/classify/stored.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"

namespace lawlist::classify {

Session::Session(const store::Database& database) : Session(database, store::ReadScope{}) {}

Session::Session(const store::Database& database, const store::ReadScope& scope)
    : Session(database, scope, {}, store::Database::ReadTransaction(database)) {}

Session::Session(const store::Database& database, const Revisions& revisions)
    : Session(database, {}, revisions, store::Database::ReadTransaction(database)) {}

Session::Session(const store::Database& database, const store::ReadScope& scope,
                 const Revisions& revisions, const store::Database::ReadTransaction&)
    : m_bundle(revisions.as_of
                   ? database.read_revisions(store::revisions_in_force(database, *revisions.as_of))
                   : database.read_bundle(revisions.label, scope)),
      m_resolver(std::make_unique<resolve::Resolver>(m_bundle)),
      m_classifier(
          std::make_unique<Classifier>(stored_index(database), *m_resolver, m_normalizer)) {}

Classification classify_stored(const store::Database& database, const std::string& jurisdiction,
                               const std::string& text, std::size_t top,
                               const Thresholds& thresholds) {
    const store::Database::ReadTransaction snapshot(database);
    const auto lists_of = store::with_county(database, jurisdiction);
    // Scoring needs the index alone (it holds the types' sectors); the matches are resolved
    // over the lists of the matched types.
    const text::Normalizer normalizer;
    const Classifier classifier(stored_index(database), normalizer);
    Classification c = classifier.classify(text, top, thresholds);
    std::vector<std::string> types;
    for (const auto& m : c.matches) {
        types.push_back(m.scored.violation_type);
    }
    const model::Bundle lists = database.read_bundle({}, {lists_of, types, false});
    const resolve::Resolver resolver(lists);
    for (auto& m : c.matches) {
        m.resolution = resolver.resolve(jurisdiction, m.scored.violation_type);
    }
    return c;
}

}  // namespace lawlist::classify
