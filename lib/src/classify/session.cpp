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

}  // namespace lawlist::classify
