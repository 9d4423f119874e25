#pragma once
// The listings of the items, bodies, revisions, sectors and jurisdictions as stored: the lookups
// behind `lawlist items`, `bodies` and `revisions`, and the few reads other parts of lawlist need
// without reading a whole bundle.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lawlist/model/model.hpp"
#include "lawlist/model/references.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::store {

// Filters of `lawlist items`; unset fields do not filter. Without a revision label, the latest
// revision of each jurisdiction is used.
struct ItemFilter {
    std::optional<std::string> jurisdiction;
    std::optional<std::string> body;
    std::optional<std::string> sector;
    std::optional<std::string> category;
    std::optional<std::string> revision;
    std::optional<std::string> name_contains;
};

// One item as `lawlist items` lists it: the item as stored (its described fields, see
// model/fields.hpp, its delegation, handovers, legal bases and violation types; no locations),
// the names of the bodies it names, and where it was written.
struct ItemRow {
    std::string jurisdiction;
    std::string revision;
    model::Item item;
    std::string subject_name;              // the legal subject's (实施主体)
    std::optional<std::string> unit_name;  // the unit's (承办机构), when it names one we know
    std::optional<std::string> delegation_from_name;
    std::string source_path;
    std::int64_t source_line = 0;
};

struct BodyFilter {
    std::optional<std::string> jurisdiction;
    std::optional<std::string> sector;
};

// One body as `lawlist bodies` lists it: the body as stored (its described fields) and how many
// items it holds.
struct BodyRow {
    std::string jurisdiction;
    model::Body body;
    std::int64_t items = 0;  // items in its name or done by it, latest revision
};

// Every revision, oldest first.
std::vector<RevisionInfo> revisions(const Database& database);

// The items `filter` keeps, in jurisdiction order and then list order. Throws lawlist::Error for
// a revision label no revision has.
std::vector<ItemRow> items(const Database& database, const ItemFilter& filter);
// The same rows handed to `each` one at a time, in the same order, none of them kept: a listing
// of a province's items in memory bounded by one row.
void each_item(const Database& database, const ItemFilter& filter,
               const std::function<void(ItemRow&&)>& each);

std::vector<BodyRow> bodies(const Database& database, const BodyFilter& filter);

// The sectors vocabulary (行业领域), in load order: the 17 defaults first, then those loads
// added.
std::vector<model::Sector> sectors(const Database& database);

// Ids of all loaded jurisdictions, sorted.
std::vector<std::string> jurisdictions(const Database& database);

// The latest revision of every jurisdiction, for resolving references out of a bundle.
model::KnownWorld known_world(const Database& database);

// The jurisdictions a resolution in `jurisdiction` reads: itself, then its county when it has
// one. Throws lawlist::Error for an id that is not loaded, suggesting the closest one.
std::vector<std::string> with_county(const Database& database, const std::string& jurisdiction);

// The violation types `text` names: itself when it is a type id, else the types whose formal
// name or an alias it is (sorted). One database lookup, without reading the vocabulary.
std::vector<std::string> violation_types_named(const Database& database, const std::string& text);

}  // namespace lawlist::store
