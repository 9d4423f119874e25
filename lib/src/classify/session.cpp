#include "lawlist/classify/session.hpp"

namespace lawlist::classify {

Session::Session(const store::Database& database) : Session(database, store::ReadScope{}) {}

Session::Session(const store::Database& database, const store::ReadScope& scope)
    : Session(database, scope, store::Database::ReadTransaction(database)) {}

Session::Session(const store::Database& database, const store::ReadScope& scope,
                 const store::Database::ReadTransaction&)
    : m_bundle(database.read_bundle({}, scope)),
      m_resolver(std::make_unique<resolve::Resolver>(m_bundle)),
      m_classifier(
          std::make_unique<Classifier>(database.classify_index(), *m_resolver, m_normalizer)) {}

Classification classify_stored(const store::Database& database, const std::string& jurisdiction,
                               const std::string& text, std::size_t top,
                               const Thresholds& thresholds) {
    const store::Database::ReadTransaction snapshot(database);
    const auto lists_of = database.with_county(jurisdiction);
    // Scoring needs the vocabulary and the index; its resolutions, over no lists, are redone.
    const model::Bundle vocabulary =
        database.read_bundle({}, {std::vector<std::string>{}, std::nullopt});
    const resolve::Resolver without_lists(vocabulary);
    const text::Normalizer normalizer;
    const Classifier classifier(database.classify_index(), without_lists, normalizer);
    Classification c = classifier.classify(text, jurisdiction, top, thresholds);
    std::vector<std::string> types;
    for (const auto& m : c.matches) {
        types.push_back(m.scored.violation_type);
    }
    const model::Bundle lists = database.read_bundle({}, {lists_of, types});
    const resolve::Resolver resolver(lists);
    for (auto& m : c.matches) {
        m.resolution = resolver.resolve(jurisdiction, m.scored.violation_type);
    }
    return c;
}

}  // namespace lawlist::classify
