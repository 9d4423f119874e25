#include "lawlist/resolve/stored.hpp"

#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"

namespace lawlist::resolve {

StoredResolution resolve_stored(const store::Database& database,
                                const std::optional<std::string>& jurisdiction,
                                const std::string& violation_type) {
    const store::Database::ReadTransaction snapshot(database);
    const std::string where =
        jurisdiction ? *jurisdiction
                     : store::choose_jurisdiction(database, std::nullopt, std::nullopt).id;
    const auto lists_of = store::with_county(database, where);
    auto named = store::violation_types_named(database, violation_type);
    if (named.size() != 1) {
        // No type or several: the resolver over the whole vocabulary (and no lists) says which,
        // with its suggestions.
        const auto vocabulary =
            database.read_bundle({}, {std::vector<std::string>{}, std::nullopt});
        named = {Resolver(vocabulary).violation_type(violation_type).id};
    }
    StoredResolution out{database.read_bundle({}, {lists_of, named}), {}};
    out.resolution = Resolver(out.bundle).resolve(where, named.front());
    return out;
}

}  // namespace lawlist::resolve
