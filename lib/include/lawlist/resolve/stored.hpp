#pragma once
// A resolution answered from a database, reading only what it needs: the jurisdiction's and its
// county's items and problems of the one violation type, with the bodies of every latest
// revision. A one-shot `resolve` then takes about the same time on a county's database as on a
// province's.

#include <optional>
#include <string>

#include "lawlist/model/model.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::resolve {

struct StoredResolution {
    model::Bundle bundle;  // what was read: the resolution's list sets and its one type
    Resolution resolution;
};

// The resolution of `violation_type` (id, formal name or an alias naming one type) in
// `jurisdiction` (default: the database's, else the first township: store::choose_jurisdiction),
// the same as Resolver::resolve over the whole latest revisions. Throws lawlist::Error as Resolver
// does for unknown ids.
StoredResolution resolve_stored(const store::Database& database,
                                const std::optional<std::string>& jurisdiction,
                                const std::string& violation_type);

}  // namespace lawlist::resolve
