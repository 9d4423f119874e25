#include "lawlist/resolve/stored.hpp"

namespace lawlist::resolve {

StoredResolution resolve_stored(const store::Database& database,
                                const std::optional<std::string>& jurisdiction,
                                const std::string& violation_type) {
    const store::Database::ReadTransaction snapshot(database);
    const std::string where = jurisdiction.value_or(database.default_jurisdiction());
    const auto lists_of = database.with_county(where);
    auto named = database.violation_types_named(violation_type);
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
