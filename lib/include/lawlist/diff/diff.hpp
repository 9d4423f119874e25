#pragma once
// What changed between two revisions of the lists (动态调整), and what it changes on the ground.
// Changes are semantic: items are paired by code, then by content (same name and legal basis
// under a new code is a re-coding); a county item and its township copies change as one unit (a
// delegation is the county item's grant plus the township's new copy). The impact compares the
// resolution of every violation type and the audit findings of both sides.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/audit/audit.hpp"
#include "lawlist/model/fields.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/resolve/resolver.hpp"

namespace lawlist::diff {

// The list a change belongs to (model::to_string and to_label name it).
using List = model::ListKind;

// Kinds of change, in the order reports list them. `cancelled` is for power items (取消),
// `removed` for entries of the other lists and bodies (删除).
enum class Kind {
    added,
    cancelled,
    removed,
    delegated,
    recalled,
    renamed,
    rebased,
    recoded,
    holder_changed,
    category_changed,
    mode_changed,
    types_changed,
    lead_changed,
    cooperating_changed,
    items_changed,
    target_changed,
    weight_changed,
    changed,
};

// "added", "cancelled", "holder-changed", ...
std::string_view to_string(Kind kind);
// 新增, 取消, 下放, 收回, 更名, 依据变更, 编码变更, 实施主体变更, ...
std::string_view to_label(Kind kind);
std::optional<Kind> parse_kind(std::string_view text);
// The kind of the reverse change: added↔cancelled, added↔removed (other lists), delegated↔recalled;
// every other kind is its own inverse.
Kind inverse(Kind kind, List list);

// One changed field. Scalar fields hold at most one value (none: absent on that side); list
// fields (basis, violation types, bodies, delegations) hold their elements, sorted.
struct Field {
    std::string field;  // name, basis, body, category, sector, mode, violation_types, ...
    bool list = false;
    std::vector<std::string> old_value;
    std::vector<std::string> new_value;
};

// The described scalar fields (model/fields.hpp) of two versions of an entry that differ, in
// description order: every field marked `diffed` but `key` (the field the entries are paired by),
// each named by its key (subject, unit, description...). Text compares as is, numbers print
// without trailing zeros, an absent value is no value. Fields of one nested key (target/value,
// target/unit) compare together as their group (target), written by `group_text` when given,
// else as their values joined by spaces. compare() finds every scalar change through this, so a
// field added to a description is compared with no other edit.
template <typename Entry>
std::vector<Field> described_changes(const model::Description<Entry>& description, const Entry& a,
                                     const Entry& b, std::string_view key,
                                     std::string (*group_text)(std::string_view group,
                                                               const Entry&) = nullptr);

// An entry as it stands on one side.
struct Entry {
    std::string code;                // item/problem/warning/metric code, body id
    std::string name;                // item/problem/metric/body name, warning situation
    std::vector<std::string> basis;  // citations, in list order (items and warnings)
};

// The same entry on another list: the county item of a township copy, or the copies of a county
// item, that the change touches together with the entry.
struct Counterpart {
    std::string jurisdiction;
    std::optional<std::string> old_code;  // none when the copy is new
    std::optional<std::string> new_code;  // none when the copy was removed
};

// One change: an entry added, removed, or changed in one or more ways (kinds, in Kind order).
struct Change {
    List list = List::power;
    std::vector<Kind> kinds;
    std::string jurisdiction;
    std::optional<Entry> old_entry;  // none when added
    std::optional<Entry> new_entry;  // none when removed
    std::vector<Counterpart> counterparts;
    std::vector<Field> fields;

    // The entry in NEW, or in OLD when removed.
    const Entry& entry() const { return new_entry ? *new_entry : *old_entry; }
    bool has(Kind kind) const;
};

// Who acts on a violation type in a jurisdiction, as far as the impact compares it.
struct Outcome {
    resolve::Route route = resolve::Route::unassigned;
    std::optional<resolve::BodyInfo> handler;
    std::optional<resolve::BodyInfo> lead;
};

// A violation type whose route, handler or lead differs between the two sides.
struct ResolutionChange {
    std::string jurisdiction;
    std::string violation_type;
    std::string violation_type_name;
    Outcome old_outcome;
    Outcome new_outcome;
};

// An audit finding present on one side only.
struct FindingChange {
    bool appeared = false;  // true: only in NEW; false: only in OLD
    audit::Finding finding;
};

// A jurisdiction of the comparison and the revision each side holds (none: absent on that side).
struct JurisdictionRevisions {
    std::string id;
    std::string name;
    model::Level level = model::Level::county;
    std::optional<std::string> old_revision;
    std::optional<std::string> new_revision;
};

struct Options {
    // Keep only changes of this jurisdiction (as the entry's or a counterpart's jurisdiction).
    std::optional<std::string> jurisdiction;
    // Compare resolutions and audit findings (costs a resolver and an audit per side).
    bool impact = true;
};

struct Result {
    std::vector<JurisdictionRevisions> jurisdictions;  // county first, then by id
    std::vector<Change> changes;                // by list, then first kind, jurisdiction and code
    std::vector<ResolutionChange> resolutions;  // by jurisdiction, then violation type id
    std::vector<FindingChange> findings;        // disappeared first, then audit order
    // Names of the bodies and violation types of both sides (NEW's where both have one), for
    // reports that print names rather than ids.
    std::map<std::string, std::string> body_names;
    std::map<std::string, std::string> type_names;

    bool empty() const { return changes.empty(); }
    // How many changes carry `kind` on `list`.
    std::size_t count(List list, Kind kind) const;
};

// Compares two bundles (each a whole state of the lists: county with its townships).
// Deterministic; diff(a, a) is empty and diff(b, a) is the inverse of diff(a, b).
Result compare(const model::Bundle& old_bundle, const model::Bundle& new_bundle,
               const Options& options = {});

// The reverse of `change`: sides swapped and kinds inverted.
Change invert(const Change& change);

}  // namespace lawlist::diff
