#include "lawlist/classify/session.hpp"

#include "lawlist/store/lookup.hpp"

namespace lawlist::classify {
namespace {

model::Bundle read(const store::Database& database, const Revisions& revisions) {
    if (revisions.as_of) {
        return database.read_revisions(store::revisions_in_force(database, *revisions.as_of));
    }
    return database.read_bundle(revisions.label);
}

}  // namespace

Session::Session(const store::Database& database, const Revisions& revisions)
    : Session(database, revisions, store::Database::ReadTransaction(database)) {}

Session::Session(const store::Database& database, const Revisions& revisions,
                 const store::Database::ReadTransaction&)
    : m_bundle(read(database, revisions)),
      m_resolver(std::make_unique<resolve::Resolver>(m_bundle)),
      m_classifier(
          std::make_unique<Classifier>(database.classify_index(), *m_resolver, m_normalizer)) {}

}  // namespace lawlist::classify
