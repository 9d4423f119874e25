#include "lawlist/diff/diff.hpp"

#include <algorithm>
#include <array>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <variant>

#include "lawlist/error.hpp"
#include "lawlist/model/handovers.hpp"
#include "lawlist/model/units.hpp"
#include "util/flat_table.hpp"

namespace lawlist::diff {
namespace {

struct KindName {
    Kind kind;
    std::string_view name;
    std::string_view label;
};

constexpr std::array k_kinds{
    KindName{Kind::added, "added", "新增"},
    KindName{Kind::cancelled, "cancelled", "取消"},
    KindName{Kind::removed, "removed", "删除"},
    KindName{Kind::delegated, "delegated", "下放"},
    KindName{Kind::recalled, "recalled", "收回"},
    KindName{Kind::renamed, "renamed", "更名"},
    KindName{Kind::rebased, "rebased", "依据变更"},
    KindName{Kind::recoded, "recoded", "编码变更"},
    KindName{Kind::holder_changed, "holder-changed", "实施主体变更"},
    KindName{Kind::category_changed, "category-changed", "类别变更"},
    KindName{Kind::mode_changed, "mode-changed", "承接方式变更"},
    KindName{Kind::types_changed, "types-changed", "违法行为类型变更"},
    KindName{Kind::lead_changed, "lead-changed", "牵头单位变更"},
    KindName{Kind::cooperating_changed, "cooperating-changed", "配合单位变更"},
    KindName{Kind::items_changed, "items-changed", "涉及事项变更"},
    KindName{Kind::target_changed, "target-changed", "目标值变更"},
    KindName{Kind::weight_changed, "weight-changed", "权重变更"},
    KindName{Kind::changed, "changed", "内容变更"},
};

// The kind a changed field makes on each list.
Kind kind_of_field(List list, std::string_view field) {
    if (field == "code") {
        return Kind::recoded;
    }
    if (field == "name") {
        return Kind::renamed;
    }
    if (field == "basis") {
        return Kind::rebased;
    }
    if (field == "violation_types") {
        return Kind::types_changed;
    }
    if (list == List::power) {
        if (field == "subject") {
            return Kind::holder_changed;
        }
        if (field == "category") {
            return Kind::category_changed;
        }
        if (field == "mode") {
            return Kind::mode_changed;
        }
    }
    if (list == List::problem) {
        if (field == "lead") {
            return Kind::lead_changed;
        }
        if (field == "cooperating") {
            return Kind::cooperating_changed;
        }
        if (field == "items") {
            return Kind::items_changed;
        }
    }
    if (list == List::performance) {
        if (field == "target") {
            return Kind::target_changed;
        }
        if (field == "weight") {
            return Kind::weight_changed;
        }
    }
    return Kind::changed;
}

// Collects the fields that differ between two versions of an entry.
class FieldDiff {
  public:
    void optional(std::string field, const std::optional<std::string>& a,
                  const std::optional<std::string>& b) {
        if (a != b) {
            m_fields.push_back({std::move(field), false,
                                a ? std::vector{*a} : std::vector<std::string>{},
                                b ? std::vector{*b} : std::vector<std::string>{}});
        }
    }
    // Lists compare as sets: order on the page carries no meaning.
    void set(std::string field, std::vector<std::string> a, std::vector<std::string> b) {
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
        std::sort(b.begin(), b.end());
        b.erase(std::unique(b.begin(), b.end()), b.end());
        if (a != b) {
            m_fields.push_back({std::move(field), true, std::move(a), std::move(b)});
        }
    }
    std::vector<Field>& fields() { return m_fields; }

  private:
    std::vector<Field> m_fields;
};

std::vector<std::string> ids(const std::vector<model::Ref>& refs) {
    std::vector<std::string> out;
    out.reserve(refs.size());
    for (const auto& r : refs) {
        out.push_back(r.id);
    }
    return out;
}

std::vector<std::string> citations(const std::vector<model::LegalBasis>& basis) {
    std::vector<std::string> out;
    out.reserve(basis.size());
    for (const auto& b : basis) {
        out.push_back(b.citation());
    }
    return out;
}

std::string number(double value) {
    std::string s = std::to_string(value);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s;
}

// A described field's value as a diff holds it: none when absent.
std::vector<std::string> values_of(const model::FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return {*text};
    }
    if (const auto* n = std::get_if<double>(&value)) {
        return {number(*n)};
    }
    return {};
}

// Whether two versions of an entry are the same in every described field diff compares.
template <typename Entry>
bool same_described(const model::Description<Entry>& description, const Entry& a, const Entry& b) {
    return std::all_of(description.fields.begin(), description.fields.end(),
                       [&](const auto& f) { return !f.diffed || f.get(a) == f.get(b); });
}

// Kinds from fields, in Kind order, without repeats.
std::vector<Kind> kinds_of(List list, const std::vector<Field>& fields, std::vector<Kind> kinds) {
    for (const auto& f : fields) {
        // Grants gained, lost or changed in mode are delegated, recalled or mode-changed.
        if (f.field != "delegated_to") {
            kinds.push_back(kind_of_field(list, f.field));
        }
    }
    std::sort(kinds.begin(), kinds.end());
    kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
    return kinds;
}

bool same_field(const Field& a, const Field& b) {
    return a.field == b.field && a.old_value == b.old_value && a.new_value == b.new_value;
}

// ---- power items ----------------------------------------------------------------------------

struct ItemRef {
    const model::ListSet* set = nullptr;
    const model::Item* item = nullptr;
};

// One item across the two sides.
struct ItemPair {
    std::string_view jurisdiction;  // the id in a list set of either bundle
    const model::Item* old_item = nullptr;
    const model::Item* new_item = nullptr;
    std::optional<std::size_t> parent;  // the pair of the county item this is a copy of
    std::vector<std::size_t> children;
};

Entry entry_of(const model::Item& item) {
    return {item.code, item.name, citations(item.basis)};
}

// Fields of an item apart from its code, its grants and its delegation: what a county item and
// its township copies share (remarks aside: fields.cpp says why).
std::vector<Field> item_fields(const model::Item& a, const model::Item& b) {
    FieldDiff d;
    d.fields() = described_changes(model::item_description(), a, b, "code");
    d.set("basis", citations(a.basis), citations(b.basis));
    d.set("violation_types", ids(a.violation_types), ids(b.violation_types));
    return std::move(d.fields());
}

// Whether two versions of an item are the same in everything compared (remarks aside), field
// by field in list order: the common case, answered without formatting anything.
bool identical(const model::Item& a, const model::Item& b) {
    auto same_refs = [](const std::vector<model::Ref>& x, const std::vector<model::Ref>& y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                          [](const model::Ref& r, const model::Ref& s) { return r.id == s.id; });
    };
    auto same_basis = [](const model::LegalBasis& x, const model::LegalBasis& y) {
        return x.law == y.law && x.article == y.article && x.paragraph == y.paragraph &&
               x.item == y.item;
    };
    auto same_grant = [](const model::DelegatedTo& x, const model::DelegatedTo& y) {
        return x.jurisdiction.id == y.jurisdiction.id && x.mode == y.mode;
    };
    if (!same_described(model::item_description(), a, b) ||
        a.delegation.has_value() != b.delegation.has_value() ||
        !std::equal(a.basis.begin(), a.basis.end(), b.basis.begin(), b.basis.end(), same_basis) ||
        !std::equal(a.delegated_to.begin(), a.delegated_to.end(), b.delegated_to.begin(),
                    b.delegated_to.end(), same_grant) ||
        !same_refs(a.violation_types, b.violation_types)) {
        return false;
    }
    return !a.delegation || (a.delegation->from.id == b.delegation->from.id &&
                             a.delegation->mode == b.delegation->mode &&
                             a.delegation->item.id == b.delegation->item.id);
}

std::string content_key(const model::Item& item) {
    auto basis = citations(item.basis);
    std::sort(basis.begin(), basis.end());
    std::string key = item.name;
    for (const auto& b : basis) {
        key += '\x1f' + b;
    }
    return key;
}

// The grants of a county item.
using Grants = std::map<std::string, model::DelegationMode, std::less<>>;  // township → mode

Grants grants(const model::Item* item) {
    Grants out;
    if (item) {
        for (const auto& d : item->delegated_to) {
            out[d.jurisdiction.id] = d.mode;
        }
    }
    return out;
}

std::vector<std::string> grant_list(const Grants& g) {
    std::vector<std::string> out;
    for (const auto& [j, mode] : g) {
        out.push_back(j + ":" + std::string(model::to_string(mode)));
    }
    return out;
}

class PowerDiff {
  public:
    PowerDiff(const model::Bundle& a, const model::Bundle& b)
        : m_old(a), m_new(b), m_old_handovers(a), m_new_handovers(b) {}

    void run(std::vector<Change>& out) {
        pair_items();
        link_copies();
        for (std::size_t i = 0; i < m_pairs.size(); ++i) {
            if (!m_pairs[i].parent) {
                unit(i, out);
            }
        }
    }

  private:
    // One jurisdiction's list on one side: its codes in a flat table (index = first item with
    // that code) and the pair each item ended up in.
    struct Side {
        const model::ListSet* set = nullptr;
        util::Interner codes;
        std::vector<std::uint32_t> item_of;  // code index → item index
        std::vector<std::size_t> pair_of;    // item index → pair

        void index(const model::ListSet* s) {
            set = s;
            if (!s) {
                return;
            }
            codes = util::Interner(s->items.size());
            item_of.reserve(s->items.size());
            pair_of.assign(s->items.size(), 0);
            for (std::uint32_t i = 0; i < s->items.size(); ++i) {
                if (codes.add(s->items[i].code).second) {
                    item_of.push_back(i);
                }
            }
        }
        // The pair of the item with `code`, if any.
        std::optional<std::size_t> pair(std::string_view code) const {
            if (!set) {
                return std::nullopt;
            }
            const auto index = codes.find(code);
            if (index == util::k_none) {
                return std::nullopt;
            }
            return pair_of[item_of[index]];
        }
    };
    struct JurisdictionSides {
        std::string_view id;
        Side old_side;
        Side new_side;
    };

    // Pairs the items of every jurisdiction: by code, then leftovers by name and basis.
    void pair_items() {
        std::map<std::string_view, std::pair<const model::ListSet*, const model::ListSet*>> sets;
        for (const auto& s : m_old.list_sets) {
            sets[s.jurisdiction.id].first = &s;
        }
        for (const auto& s : m_new.list_sets) {
            sets[s.jurisdiction.id].second = &s;
        }
        m_sides.reserve(sets.size());
        for (const auto& [id, sides] : sets) {
            m_index[id] = m_sides.size();
            auto& j = m_sides.emplace_back();
            j.id = id;
            j.old_side.index(sides.first);
            j.new_side.index(sides.second);
        }
        m_pairs.reserve(m_old.list_sets.empty() ? 0 : 2 * m_old.list_sets.front().items.size());
        for (std::size_t ji = 0; ji < m_sides.size(); ++ji) {
            auto& j = m_sides[ji];
            const auto* a = j.old_side.set;
            const auto* b = j.new_side.set;
            std::vector<char> new_taken(b ? b->items.size() : 0, 0);
            std::vector<std::uint32_t> old_left;
            if (a) {
                for (std::uint32_t i = 0; i < a->items.size(); ++i) {
                    const auto index = b ? j.new_side.codes.find(a->items[i].code) : util::k_none;
                    const auto other = index == util::k_none ? 0 : j.new_side.item_of[index];
                    if (index != util::k_none && !new_taken[other]) {
                        new_taken[other] = 1;
                        add_pair(ji, i, other);
                    } else {
                        old_left.push_back(i);
                    }
                }
            }
            std::vector<std::uint32_t> new_left;
            for (std::uint32_t i = 0; i < new_taken.size(); ++i) {
                if (!new_taken[i]) {
                    new_left.push_back(i);
                }
            }
            // Re-codings: the same name and basis under another code.
            std::multimap<std::string, std::uint32_t> new_by_content;
            for (const auto i : new_left) {
                new_by_content.emplace(content_key(b->items[i]), i);
            }
            for (const auto i : old_left) {
                const auto it = new_by_content.find(content_key(a->items[i]));
                if (it != new_by_content.end()) {
                    new_taken[it->second] = 1;
                    add_pair(ji, i, it->second);
                    new_by_content.erase(it);
                } else {
                    add_pair(ji, i, k_absent);
                }
            }
            for (const auto i : new_left) {
                if (!new_taken[i]) {
                    add_pair(ji, k_absent, i);
                }
            }
        }
    }

    static constexpr std::uint32_t k_absent = ~std::uint32_t{0};

    void add_pair(std::size_t jurisdiction, std::uint32_t a, std::uint32_t b) {
        auto& j = m_sides[jurisdiction];
        const auto index = m_pairs.size();
        ItemPair pair;
        pair.jurisdiction = j.id;
        if (a != k_absent) {
            pair.old_item = &j.old_side.set->items[a];
            j.old_side.pair_of[a] = index;
        }
        if (b != k_absent) {
            pair.new_item = &j.new_side.set->items[b];
            j.new_side.pair_of[b] = index;
        }
        m_pairs.push_back(std::move(pair));
        m_jurisdiction_of.push_back(static_cast<std::uint32_t>(jurisdiction));
    }

    // The side of the county of a township, on one side of the comparison.
    const Side* county_side(const JurisdictionSides& township, bool new_side) const {
        const auto* set = new_side ? township.new_side.set : township.old_side.set;
        if (!set || !set->jurisdiction.parent) {
            return nullptr;
        }
        const auto it = m_index.find(set->jurisdiction.parent->id);
        if (it == m_index.end()) {
            return nullptr;
        }
        return new_side ? &m_sides[it->second].new_side : &m_sides[it->second].old_side;
    }

    // The pair of the county item that `item` of township `township` takes over, as the
    // handover relation of that side joins them.
    static std::optional<std::size_t> copied(const Side* county, const model::Handovers& handovers,
                                             const model::ListSet* township,
                                             const model::Item* item) {
        if (!county || !township || !item) {
            return std::nullopt;
        }
        const model::LeanItem* original = handovers.original(township->jurisdiction.id, *item);
        return original ? county->pair(original->code) : std::nullopt;
    }

    // A township copy belongs to its county item's unit when both sides agree on which it is.
    void link_copies() {
        std::vector<std::pair<std::size_t, std::size_t>> links;  // parent, child
        std::size_t ji = m_sides.size();
        const Side* county_old = nullptr;
        const Side* county_new = nullptr;
        for (std::size_t i = 0; i < m_pairs.size(); ++i) {
            auto& pair = m_pairs[i];
            if (m_jurisdiction_of[i] != ji) {  // pairs come one jurisdiction after another
                ji = m_jurisdiction_of[i];
                county_old = county_side(m_sides[ji], false);
                county_new = county_side(m_sides[ji], true);
            }
            const auto a =
                copied(county_old, m_old_handovers, m_sides[ji].old_side.set, pair.old_item);
            const auto b =
                copied(county_new, m_new_handovers, m_sides[ji].new_side.set, pair.new_item);
            std::optional<std::size_t> parent;
            if (pair.old_item && pair.new_item) {
                if (a && a == b) {
                    parent = a;
                }
            } else {
                parent = a ? a : b;
            }
            if (parent && *parent != i) {
                links.emplace_back(*parent, i);
            }
        }
        // A copy of a copy is not followed: a parent is never itself a copy.
        std::vector<char> is_copy(m_pairs.size(), 0);
        for (const auto& link : links) {
            is_copy[link.second] = 1;
        }
        for (const auto& [parent, child] : links) {
            if (!is_copy[parent]) {
                m_pairs[child].parent = parent;
            }
        }
        // Children in pair order, grouped by parent.
        std::sort(links.begin(), links.end());
        for (const auto& [parent, child] : links) {
            if (m_pairs[child].parent == parent) {
                m_pairs[parent].children.push_back(child);
            }
        }
    }

    Counterpart counterpart(const ItemPair& p) const {
        return {std::string(p.jurisdiction),
                p.old_item ? std::optional(p.old_item->code) : std::nullopt,
                p.new_item ? std::optional(p.new_item->code) : std::nullopt};
    }

    Change make(const ItemPair& p, std::vector<Kind> kinds, std::vector<Field> fields) const {
        Change c;
        c.list = List::power;
        c.jurisdiction = std::string(p.jurisdiction);
        if (p.old_item) {
            c.old_entry = entry_of(*p.old_item);
        }
        if (p.new_item) {
            c.new_entry = entry_of(*p.new_item);
        }
        c.kinds = kinds_of(List::power, fields, std::move(kinds));
        c.fields = std::move(fields);
        return c;
    }

    // The fields of a pair present on both sides, its code and delegation included.
    std::vector<Field> own_fields(const ItemPair& p) const {
        auto fields = item_fields(*p.old_item, *p.new_item);
        if (p.old_item->code != p.new_item->code) {
            fields.insert(fields.begin(),
                          Field{"code", false, {p.old_item->code}, {p.new_item->code}});
        }
        const auto& da = p.old_item->delegation;
        const auto& db = p.new_item->delegation;
        FieldDiff d;
        auto mode = [](const std::optional<model::Delegation>& delegation) {
            return delegation ? std::optional(std::string(model::to_string(delegation->mode)))
                              : std::nullopt;
        };
        d.optional("mode", mode(da), mode(db));
        d.optional("delegation", da ? std::optional(da->from.id + ":" + da->item.id) : std::nullopt,
                   db ? std::optional(db->from.id + ":" + db->item.id) : std::nullopt);
        for (auto& f : d.fields()) {
            fields.push_back(std::move(f));
        }
        return fields;
    }

    void unit(std::size_t index, std::vector<Change>& out) {
        const ItemPair& p = m_pairs[index];
        if (!p.old_item || !p.new_item) {
            // Added or cancelled, with the copies that come and go with it.
            Change c = make(p, {p.new_item ? Kind::added : Kind::cancelled}, {});
            for (const auto child : p.children) {
                const auto& q = m_pairs[child];
                if (q.old_item && q.new_item) {
                    standalone(q, out);
                } else if (static_cast<bool>(q.new_item) == static_cast<bool>(p.new_item)) {
                    c.counterparts.push_back(counterpart(q));
                } else {
                    standalone(q, out);
                }
            }
            out.push_back(std::move(c));
            return;
        }
        if (identical(*p.old_item, *p.new_item) &&
            std::all_of(p.children.begin(), p.children.end(), [&](std::size_t child) {
                const auto& q = m_pairs[child];
                return q.old_item && q.new_item && identical(*q.old_item, *q.new_item);
            })) {
            return;
        }
        auto fields = own_fields(p);
        std::vector<Kind> kinds;
        std::vector<Counterpart> counterparts;
        const auto ga = grants(p.old_item);
        const auto gb = grants(p.new_item);
        std::vector<std::string> mode_old;
        std::vector<std::string> mode_new;
        for (const auto& [township, mode] : gb) {
            const auto it = ga.find(township);
            if (it == ga.end()) {
                kinds.push_back(Kind::delegated);
            } else if (it->second != mode) {
                kinds.push_back(Kind::mode_changed);
                mode_old.push_back(township + ":" + std::string(model::to_string(it->second)));
                mode_new.push_back(township + ":" + std::string(model::to_string(mode)));
            }
        }
        for (const auto& [township, mode] : ga) {
            if (!gb.contains(township)) {
                kinds.push_back(Kind::recalled);
            }
        }
        if (ga != gb) {
            fields.push_back({"delegated_to", true, grant_list(ga), grant_list(gb)});
        }
        if (!mode_old.empty()) {
            fields.push_back({"mode", true, mode_old, mode_new});
        }
        for (const auto child : p.children) {
            const auto& q = m_pairs[child];
            const bool granted_old = ga.contains(q.jurisdiction);
            const bool granted_new = gb.contains(q.jurisdiction);
            if (!q.old_item || !q.new_item) {
                // A copy that comes with a grant, or goes with its recall, is part of it.
                if ((q.new_item && granted_new && !granted_old) ||
                    (q.old_item && granted_old && !granted_new)) {
                    counterparts.push_back(counterpart(q));
                } else {
                    standalone(q, out);
                }
                continue;
            }
            // A copy changed the way its county item changed is part of the same change; a
            // change of mode follows the grant's.
            auto rest = own_fields(q);
            bool shared = false;
            std::erase_if(rest, [&](const Field& f) {
                // The copy still points at its county item, under the item's new code or body.
                if (f.field == "delegation" &&
                    f.old_value == std::vector{p.old_item->body.id + ":" + p.old_item->code} &&
                    f.new_value == std::vector{p.new_item->body.id + ":" + p.new_item->code}) {
                    return true;
                }
                if (f.field == "mode" && q.old_item->delegation && q.new_item->delegation) {
                    const auto m = gb.find(q.jurisdiction);
                    const auto n = ga.find(q.jurisdiction);
                    auto text = [](model::DelegationMode mode) {
                        return std::vector{std::string(model::to_string(mode))};
                    };
                    if (m != gb.end() && n != ga.end() && f.old_value == text(n->second) &&
                        f.new_value == text(m->second)) {
                        shared = true;
                        return true;
                    }
                    return false;
                }
                for (const auto& g : fields) {
                    if (same_field(f, g)) {
                        shared = true;
                        return true;
                    }
                }
                return false;
            });
            if (shared) {
                counterparts.push_back(counterpart(q));
            }
            if (!rest.empty()) {
                Change c = make(q, {}, std::move(rest));
                c.counterparts.push_back(counterpart(p));
                out.push_back(std::move(c));
            }
        }
        if (fields.empty() && kinds.empty()) {
            return;
        }
        Change c = make(p, std::move(kinds), std::move(fields));
        c.counterparts = std::move(counterparts);
        out.push_back(std::move(c));
    }

    // A pair changed on its own (own items, copies changed apart from their county item).
    void standalone(const ItemPair& p, std::vector<Change>& out) {
        Change c;
        if (!p.old_item || !p.new_item) {
            c = make(p, {p.new_item ? Kind::added : Kind::cancelled}, {});
        } else {
            if (identical(*p.old_item, *p.new_item)) {
                return;
            }
            auto fields = own_fields(p);
            if (fields.empty()) {
                return;
            }
            c = make(p, {}, std::move(fields));
        }
        if (p.parent) {
            c.counterparts.push_back(counterpart(m_pairs[*p.parent]));
        }
        out.push_back(std::move(c));
    }

    const model::Bundle& m_old;
    const model::Bundle& m_new;
    model::Handovers m_old_handovers;
    model::Handovers m_new_handovers;
    std::vector<JurisdictionSides> m_sides;
    std::unordered_map<std::string_view, std::size_t> m_index;  // jurisdiction → m_sides
    std::vector<ItemPair> m_pairs;
    std::vector<std::uint32_t> m_jurisdiction_of;  // pair → m_sides
};

// ---- the other lists ------------------------------------------------------------------------

// Pairs the entries of one list by key within each jurisdiction and reports what differs.
// `entries_of` gives the entries a list set holds (problems_of...).
template <typename T, typename Key, typename EntryOf, typename Fields>
void compare_list(List list, const model::Bundle& a, const model::Bundle& b,
                  const std::vector<T>& (*entries_of)(const model::ListSet&), Key key,
                  EntryOf entry_of, Fields fields_of, std::vector<Change>& out) {
    std::map<std::string, std::pair<const model::ListSet*, const model::ListSet*>> sets;
    for (const auto& s : a.list_sets) {
        sets[s.jurisdiction.id].first = &s;
    }
    for (const auto& s : b.list_sets) {
        sets[s.jurisdiction.id].second = &s;
    }
    for (const auto& entry : sets) {
        // Not a structured binding: lambdas below capture it (clang before 16 refuses those).
        const std::string& jurisdiction = entry.first;
        const auto& sides = entry.second;
        std::unordered_map<std::string, const T*> new_by_key;
        if (sides.second) {
            for (const auto& e : entries_of(*sides.second)) {
                new_by_key.emplace(key(e), &e);
            }
        }
        std::set<const T*> matched;
        auto base = [&](const T* x, const T* y) {
            Change c;
            c.list = list;
            c.jurisdiction = jurisdiction;
            if (x) {
                c.old_entry = entry_of(*x);
            }
            if (y) {
                c.new_entry = entry_of(*y);
            }
            return c;
        };
        if (sides.first) {
            for (const auto& e : entries_of(*sides.first)) {
                const auto it = new_by_key.find(key(e));
                if (it == new_by_key.end() || matched.contains(it->second)) {
                    Change c = base(&e, nullptr);
                    c.kinds = {list == List::power ? Kind::cancelled : Kind::removed};
                    out.push_back(std::move(c));
                    continue;
                }
                matched.insert(it->second);
                auto fields = fields_of(e, *it->second);
                if (!fields.empty()) {
                    Change c = base(&e, it->second);
                    c.kinds = kinds_of(list, fields, {});
                    c.fields = std::move(fields);
                    out.push_back(std::move(c));
                }
            }
        }
        if (sides.second) {
            for (const auto& e : entries_of(*sides.second)) {
                if (!matched.contains(&e)) {
                    Change c = base(nullptr, &e);
                    c.kinds = {Kind::added};
                    out.push_back(std::move(c));
                }
            }
        }
    }
}

// The entries of each list a list set holds, for compare_list.
const std::vector<model::Body>& bodies_of(const model::ListSet& s) {
    return s.jurisdiction.bodies;
}
const std::vector<model::Problem>& problems_of(const model::ListSet& s) {
    return s.problems;
}
const std::vector<model::Warning>& warnings_of(const model::ListSet& s) {
    return s.warnings;
}
const std::vector<model::Metric>& metrics_of(const model::ListSet& s) {
    return s.metrics;
}

void compare_bodies(const model::Bundle& a, const model::Bundle& b, std::vector<Change>& out) {
    compare_list(
        List::body, a, b, bodies_of, [](const model::Body& x) { return x.id; },
        [](const model::Body& x) {
            return Entry{x.id, x.name, {}};
        },
        [](const model::Body& x, const model::Body& y) {
            return described_changes(model::body_description(), x, y, "id");
        },
        out);
}

// As published: 不低于95%, 不超过30分钟.
std::string target_text(std::string_view, const model::Metric& m) {
    return std::string(model::to_label(m.comparison)) + number(m.value) +
           std::string(model::unit_label(m.unit));
}

void compare_others(const model::Bundle& a, const model::Bundle& b, std::vector<Change>& out) {
    compare_list(
        List::problem, a, b, problems_of, [](const model::Problem& p) { return p.code; },
        [](const model::Problem& p) {
            return Entry{p.code, p.name, {}};
        },
        [](const model::Problem& x, const model::Problem& y) {
            FieldDiff d;
            d.fields() = described_changes(model::problem_description(), x, y, "code");
            d.set("violation_types", ids(x.violation_types), ids(y.violation_types));
            d.set("items", ids(x.items), ids(y.items));
            d.set("cooperating", ids(x.cooperating), ids(y.cooperating));
            return std::move(d.fields());
        },
        out);
    compare_list(
        List::warning, a, b, warnings_of, [](const model::Warning& w) { return w.code; },
        [](const model::Warning& w) {
            return Entry{w.code, w.situation, citations(w.basis)};
        },
        [](const model::Warning& x, const model::Warning& y) {
            FieldDiff d;
            d.fields() = described_changes(model::warning_description(), x, y, "code");
            d.set("applies_to", ids(x.applies_to), ids(y.applies_to));
            d.set("basis", citations(x.basis), citations(y.basis));
            return std::move(d.fields());
        },
        out);
    compare_list(
        List::performance, a, b, metrics_of, [](const model::Metric& m) { return m.code; },
        [](const model::Metric& m) {
            return Entry{m.code, m.name, {}};
        },
        [](const model::Metric& x, const model::Metric& y) {
            FieldDiff d;
            d.fields() = described_changes(model::metric_description(), x, y, "code", target_text);
            d.set("assessed", ids(x.assessed), ids(y.assessed));
            return std::move(d.fields());
        },
        out);
    compare_bodies(a, b, out);
}

}  // namespace

template <typename Entry>
std::vector<Field> described_changes(const model::Description<Entry>& description, const Entry& a,
                                     const Entry& b, std::string_view key,
                                     std::string (*group_text)(std::string_view, const Entry&)) {
    std::vector<Field> out;
    std::set<std::string_view> groups;
    for (const auto& f : description.fields) {
        if (!f.diffed || f.key == key) {
            continue;
        }
        const auto slash = f.key.find('/');
        if (slash == std::string_view::npos) {
            auto x = values_of(f.get(a));
            auto y = values_of(f.get(b));
            if (x != y) {
                out.push_back({std::string(f.key), false, std::move(x), std::move(y)});
            }
            continue;
        }
        // A nested key: its group, once, from all the fields under it.
        const auto group = f.key.substr(0, slash + 1);
        if (!groups.insert(group).second) {
            continue;
        }
        bool differs = false;
        std::vector<std::string> x;
        std::vector<std::string> y;
        for (const auto& g : description.fields) {
            if (g.diffed && g.key.starts_with(group)) {
                differs = differs || g.get(a) != g.get(b);
                for (auto& v : values_of(g.get(a))) {
                    x.push_back(std::move(v));
                }
                for (auto& v : values_of(g.get(b))) {
                    y.push_back(std::move(v));
                }
            }
        }
        if (!differs) {
            continue;
        }
        const auto name = group.substr(0, slash);
        auto text = [&](const Entry& e, const std::vector<std::string>& values) {
            if (group_text) {
                return group_text(name, e);
            }
            std::string joined;
            for (const auto& v : values) {
                joined += (joined.empty() ? "" : " ") + v;
            }
            return joined;
        };
        out.push_back({std::string(name), false, {text(a, x)}, {text(b, y)}});
    }
    return out;
}

// Each entry type with a description.
#define LAWLIST_DESCRIBED_CHANGES(Entry)                                                \
    template std::vector<Field> described_changes(                                      \
        const model::Description<Entry>&, const Entry&, const Entry&, std::string_view, \
        std::string (*)(std::string_view, const Entry&));
LAWLIST_DESCRIBED_CHANGES(model::Item)
LAWLIST_DESCRIBED_CHANGES(model::Body)
LAWLIST_DESCRIBED_CHANGES(model::Problem)
LAWLIST_DESCRIBED_CHANGES(model::Warning)
LAWLIST_DESCRIBED_CHANGES(model::Metric)
#undef LAWLIST_DESCRIBED_CHANGES

namespace {

// ---- impact ---------------------------------------------------------------------------------

std::string body_id(const std::optional<resolve::BodyInfo>& b) {
    return b ? b->id : std::string();
}

std::string finding_key(const audit::Finding& f) {
    auto items = f.items;
    auto bodies = f.bodies;
    std::sort(items.begin(), items.end());
    std::sort(bodies.begin(), bodies.end());
    std::string key = std::string(audit::to_string(f.code)) + '\x1e' + f.jurisdiction;
    for (const auto& i : items) {
        key += '\x1f' + i;
    }
    key += '\x1e';
    for (const auto& b : bodies) {
        key += '\x1f' + b;
    }
    return key;
}

bool touches(const Change& c, const std::string& jurisdiction) {
    if (c.jurisdiction == jurisdiction) {
        return true;
    }
    return std::any_of(c.counterparts.begin(), c.counterparts.end(),
                       [&](const Counterpart& p) { return p.jurisdiction == jurisdiction; });
}

// The violation types whose resolution a set of changes can move: those of the items and
// problems changed, on either side. A change of bodies can move any of them (nullopt).
std::optional<std::set<std::string>> touched_types(const model::Bundle& a, const model::Bundle& b,
                                                   const std::vector<Change>& changes) {
    std::set<std::string> keys;  // "jurisdiction\x1fcode" of changed items and problems
    for (const auto& c : changes) {
        if (c.list == List::body) {
            return std::nullopt;
        }
        if (c.list != List::power && c.list != List::problem) {
            continue;
        }
        for (const auto* e : {&c.old_entry, &c.new_entry}) {
            if (*e) {
                keys.insert(c.jurisdiction + '\x1f' + (*e)->code);
            }
        }
        for (const auto& p : c.counterparts) {
            for (const auto* code : {&p.old_code, &p.new_code}) {
                if (*code) {
                    keys.insert(p.jurisdiction + '\x1f' + **code);
                }
            }
        }
    }
    std::set<std::string> types;
    for (const auto* bundle : {&a, &b}) {
        for (const auto& s : bundle->list_sets) {
            const std::string prefix = s.jurisdiction.id + '\x1f';
            for (const auto& i : s.items) {
                if (keys.contains(prefix + i.code)) {
                    for (const auto& t : i.violation_types) {
                        types.insert(t.id);
                    }
                }
            }
            for (const auto& p : s.problems) {
                if (keys.contains(prefix + p.code)) {
                    for (const auto& t : p.violation_types) {
                        types.insert(t.id);
                    }
                }
            }
        }
    }
    return types;
}

// What one side says about the matters compared: resolutions (jurisdiction by jurisdiction,
// types in the order given), audit findings and their keys.
struct SideImpact {
    std::vector<Outcome> outcomes;
    std::vector<std::string> type_names;
    std::vector<audit::Finding> findings;
    std::vector<std::string> keys;
};

SideImpact side_impact(const model::Bundle& bundle, const std::vector<std::string>& jurisdictions,
                       const std::vector<std::string>& types) {
    SideImpact out;
    const resolve::Resolver resolver(bundle);
    out.outcomes.reserve(jurisdictions.size() * types.size());
    for (const auto& j : jurisdictions) {
        for (const auto& type : types) {
            auto r = resolver.resolve(j, type);
            out.outcomes.push_back({r.route, std::move(r.handler), std::move(r.lead)});
            if (out.type_names.size() < types.size()) {
                out.type_names.push_back(std::move(r.violation_type_name));
            }
        }
    }
    out.findings = audit::run(bundle);
    out.keys.reserve(out.findings.size());
    for (const auto& f : out.findings) {
        out.keys.push_back(finding_key(f));
    }
    return out;
}

void compare_impact(const model::Bundle& a, const model::Bundle& b, const Options& options,
                    const std::vector<Change>& all_changes, Result& result) {
    std::set<std::string> types_b;
    for (const auto& t : b.violation_types) {
        types_b.insert(t.id);
    }
    const auto touched = touched_types(a, b, all_changes);
    std::vector<std::string> types;
    for (const auto& t : a.violation_types) {
        if (types_b.contains(t.id) && (!touched || touched->contains(t.id))) {
            types.push_back(t.id);
        }
    }
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    std::vector<std::string> jurisdictions;
    for (const auto& j : result.jurisdictions) {
        if (j.old_revision && j.new_revision &&
            (!options.jurisdiction || *options.jurisdiction == j.id)) {
            jurisdictions.push_back(j.id);
        }
    }
    // The two sides are independent: the new one is worked out on a second thread.
    auto later =
        std::async(std::launch::async, [&] { return side_impact(b, jurisdictions, types); });
    SideImpact x = side_impact(a, jurisdictions, types);
    SideImpact y = later.get();
    for (std::size_t j = 0; j < jurisdictions.size(); ++j) {
        for (std::size_t t = 0; t < types.size(); ++t) {
            auto& before = x.outcomes[j * types.size() + t];
            auto& after = y.outcomes[j * types.size() + t];
            if (before.route == after.route && body_id(before.handler) == body_id(after.handler) &&
                body_id(before.lead) == body_id(after.lead)) {
                continue;
            }
            result.resolutions.push_back(
                {jurisdictions[j], types[t], y.type_names[t], std::move(before), std::move(after)});
        }
    }

    auto& fa = x.findings;
    auto& fb = y.findings;
    // Findings of one side that the other lacks, counted by key (a finding may repeat).
    const auto& ka = x.keys;
    const auto& kb = y.keys;
    auto only = [&](std::vector<audit::Finding>& from, const std::vector<std::string>& from_keys,
                    const std::vector<std::string>& other_keys, bool appeared) {
        std::unordered_map<std::string_view, std::size_t> count;
        count.reserve(other_keys.size());
        for (const auto& k : other_keys) {
            ++count[k];
        }
        for (std::size_t i = 0; i < from.size(); ++i) {
            if (options.jurisdiction && from[i].jurisdiction != *options.jurisdiction) {
                continue;
            }
            const auto it = count.find(from_keys[i]);
            if (it != count.end() && it->second > 0) {
                --it->second;
            } else {
                result.findings.push_back({appeared, std::move(from[i])});
            }
        }
    };
    only(fa, ka, kb, false);
    only(fb, kb, ka, true);
}

}  // namespace

std::string_view to_string(Kind kind) {
    return k_kinds[static_cast<std::size_t>(kind)].name;
}

std::string_view to_label(Kind kind) {
    return k_kinds[static_cast<std::size_t>(kind)].label;
}

std::optional<Kind> parse_kind(std::string_view text) {
    for (const auto& k : k_kinds) {
        if (k.name == text) {
            return k.kind;
        }
    }
    return std::nullopt;
}

Kind inverse(Kind kind, List list) {
    switch (kind) {
        case Kind::added:
            return list == List::power ? Kind::cancelled : Kind::removed;
        case Kind::cancelled:
        case Kind::removed:
            return Kind::added;
        case Kind::delegated:
            return Kind::recalled;
        case Kind::recalled:
            return Kind::delegated;
        default:
            return kind;
    }
}

bool Change::has(Kind kind) const {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::size_t Result::count(List list, Kind kind) const {
    return static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(),
                      [&](const Change& c) { return c.list == list && c.has(kind); }));
}

Change invert(const Change& change) {
    Change c = change;
    std::swap(c.old_entry, c.new_entry);
    for (auto& k : c.kinds) {
        k = inverse(k, c.list);
    }
    std::sort(c.kinds.begin(), c.kinds.end());
    for (auto& p : c.counterparts) {
        std::swap(p.old_code, p.new_code);
    }
    for (auto& f : c.fields) {
        std::swap(f.old_value, f.new_value);
    }
    return c;
}

Result compare(const model::Bundle& old_bundle, const model::Bundle& new_bundle,
               const Options& options) {
    Result result;
    {
        std::map<std::pair<bool, std::string>, JurisdictionRevisions> js;  // county first
        auto note = [&](const model::ListSet& s, bool is_new) {
            auto& j = js[{s.jurisdiction.level != model::Level::county, s.jurisdiction.id}];
            j.id = s.jurisdiction.id;
            j.name = s.jurisdiction.name;
            j.level = s.jurisdiction.level;
            (is_new ? j.new_revision : j.old_revision) = s.jurisdiction.revision.value_or("");
        };
        for (const auto& s : old_bundle.list_sets) {
            note(s, false);
        }
        for (const auto& s : new_bundle.list_sets) {
            note(s, true);
        }
        for (auto& [key, j] : js) {
            result.jurisdictions.push_back(std::move(j));
        }
        for (const auto* bundle : {&old_bundle, &new_bundle}) {
            for (const auto& s : bundle->list_sets) {
                for (const auto& b : s.jurisdiction.bodies) {
                    result.body_names[b.id] = b.name;
                }
            }
            for (const auto& t : bundle->violation_types) {
                result.type_names[t.id] = t.name;
            }
        }
    }

    PowerDiff(old_bundle, new_bundle).run(result.changes);
    compare_others(old_bundle, new_bundle, result.changes);
    std::vector<Change> all_changes;
    if (options.jurisdiction) {
        if (options.impact) {
            all_changes = result.changes;
        }
        std::erase_if(result.changes,
                      [&](const Change& c) { return !touches(c, *options.jurisdiction); });
    }
    for (auto& c : result.changes) {
        std::sort(c.counterparts.begin(), c.counterparts.end(),
                  [](const Counterpart& x, const Counterpart& y) {
                      return std::tie(x.jurisdiction, x.new_code, x.old_code) <
                             std::tie(y.jurisdiction, y.new_code, y.old_code);
                  });
    }
    std::stable_sort(
        result.changes.begin(), result.changes.end(), [](const Change& x, const Change& y) {
            return std::tuple(x.list, x.kinds.front(), x.jurisdiction, x.entry().code) <
                   std::tuple(y.list, y.kinds.front(), y.jurisdiction, y.entry().code);
        });
    if (options.impact && !result.changes.empty()) {
        compare_impact(old_bundle, new_bundle, options,
                       options.jurisdiction ? all_changes : result.changes, result);
    }
    return result;
}

}  // namespace lawlist::diff
