#pragma once
// Names users type, turned into ids: jurisdictions, bodies, violation types, sectors and revision
// labels, with the nearest known value as a hint when nothing matches; and the default
// jurisdiction (`lawlist use`), which commands answer for when not told otherwise.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/store/database.hpp"
#include "lawlist/store/lists.hpp"

namespace lawlist::store {

// Ids and names of the loaded jurisdictions, by id.
std::vector<Named> jurisdiction_names(const Database& database);

// The id of the jurisdiction `text` names by id or Chinese name (石河镇): one loaded in the
// database, one of a bundle's list sets (read from files), or one of `loaded`. Throws
// lawlist::Error otherwise, suggesting the nearest id or name.
std::string jurisdiction_named(const Database& database, const std::string& text);
std::string jurisdiction_named(const model::Bundle& bundle, const std::string& text);
std::string jurisdiction_named(const std::vector<Named>& loaded, const std::string& text);
// The id of the body (latest revisions) `text` names by id or name; throws like jurisdiction_named.
std::string body_id(const Database& database, const std::string& text);
// The id of the violation type `text` names by id, formal name or alias; throws likewise.
std::string violation_type_id(const Database& database, const std::string& text);

// The code of the sector `text` names in the sectors vocabulary, by code or by its department's
// name (水利局, or either half of 城市管理/综合行政执法局); throws lawlist::Error otherwise, with
// the nearest code as a hint.
std::string sector_code(const Database& database, const std::string& text);

// Throws lawlist::Error unless some revision is labelled `label`, suggesting the nearest label.
void check_revision_label(const Database& database, const std::string& label);

// The revision of each jurisdiction in force on `date` (YYYY-MM-DD): the one with the latest
// effective date not after it (a revision without a date counts as in force from the start), the
// later loaded of two with one date. Jurisdictions with none in force are left out.
std::vector<std::int64_t> revisions_in_force(const Database& database, const std::string& date);

// Where the jurisdiction a command answers for came from.
enum class JurisdictionSource {
    option,          // -j
    environment,     // $LAWLIST_JURISDICTION
    database,        // the database's default, set by `lawlist use`
    first_township,  // none set: the first township by id (else sub-district, else county)
};
// "option", "environment", "database", "first-township".
std::string_view to_string(JurisdictionSource source);

struct JurisdictionChoice {
    std::string id;
    std::string name;
    std::optional<std::string> revision;  // label of its latest revision
    JurisdictionSource source = JurisdictionSource::first_township;
};

// The jurisdiction to answer for: `option` when given, else `environment` when given and not
// empty, else the database's default, else the first township. `option` and `environment` may be
// ids or names. Throws lawlist::Error when one names no loaded jurisdiction (saying which), or
// when no jurisdiction is loaded.
JurisdictionChoice choose_jurisdiction(const Database& database,
                                       const std::optional<std::string>& option,
                                       const std::optional<std::string>& environment);

// The default jurisdiction stored in the database, if any.
std::optional<std::string> default_jurisdiction(const Database& database);
// Stores `id` (a loaded jurisdiction's id) as the default, or removes the default (nullopt).
void set_default_jurisdiction(Database& database, const std::optional<std::string>& id);

}  // namespace lawlist::store
