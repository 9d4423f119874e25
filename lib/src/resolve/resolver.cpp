#include "lawlist/resolve/resolver.hpp"

#include <algorithm>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"
#include "util/flat_table.hpp"

namespace lawlist::resolve {
namespace {

// Penalties decide a case; the order in which items of one holder are listed.
int category_rank(const std::string& category) {
    static const std::vector<std::string> k_order = {"行政处罚", "行政强制", "行政检查"};
    const auto it = std::find(k_order.begin(), k_order.end(), category);
    return it == k_order.end() ? static_cast<int>(k_order.size())
                               : static_cast<int>(it - k_order.begin());
}

std::string source_of(const model::Bundle& bundle, const model::Location& loc) {
    return fmt::format("{}:{}", bundle.files.at(loc.file).path, loc.line + 1);
}

}  // namespace

std::string_view to_string(Route route) {
    switch (route) {
        case Route::township:
            return "township";
        case Route::department:
            return "department";
        case Route::joint:
            return "joint";
        case Route::unassigned:
            return "unassigned";
    }
    return "unassigned";
}

std::string_view to_label(Route route) {
    switch (route) {
        case Route::township:
            return "乡街办";
        case Route::department:
            return "行业办";
        case Route::joint:
            return "联合执法";
        case Route::unassigned:
            return "无主";
    }
    return "无主";
}

namespace {

// Values grouped by a dense key (util::group_by), read a range of keys at a time.
template <class T>
struct Grouped : util::Grouped<T> {
    std::span<const T> range(std::uint32_t first_key, std::uint32_t end_key) const {
        return {this->values.data() + this->begin[first_key],
                this->values.data() + this->begin[end_key]};
    }
};

template <class T>
Grouped<T> group_by(std::size_t keys, const std::vector<std::pair<std::uint32_t, T>>& entries) {
    return {util::group_by<T>(
        keys, entries, [](const auto& entry) { return entry.first; },
        [](const auto& entry) { return entry.second; })};
}

constexpr std::uint32_t k_ranks = 4;  // category_rank's values

}  // namespace

// What a resolution looks up, indexed once: flat tables keyed by interned ids, and per
// jurisdiction the items and problems of each violation type it holds, stored contiguously.
struct Resolver::Index {
    struct Holding {
        const model::ListSet* set = nullptr;
        util::KeyTable slot_of_type;              // violation type → this holding's slot
        Grouped<const model::Item*> items;        // by slot * k_ranks + category rank
        Grouped<const model::Problem*> problems;  // by slot
        std::span<const model::Item* const> items_of(std::uint32_t type) const;
        std::span<const model::Problem* const> problems_of(std::uint32_t type) const;
    };

    util::Interner types;  // violation type ids
    std::vector<const model::ViolationType*> type_of;
    util::Interner names;  // formal names and aliases
    Grouped<const model::ViolationType*> named;
    util::Interner bodies;
    std::vector<std::pair<const model::Body*, const std::string*>> body_of;  // body, jurisdiction
    util::Interner jurisdictions;
    std::vector<Holding> holdings;

    explicit Index(const model::Bundle& bundle);
    std::uint32_t type(const std::string& text) const;
};

std::span<const model::Item* const> Resolver::Index::Holding::items_of(std::uint32_t type) const {
    const std::uint32_t slot = slot_of_type.find(type);
    return slot == util::k_none ? std::span<const model::Item* const>()
                                : items.range(slot * k_ranks, (slot + 1) * k_ranks);
}

std::span<const model::Problem* const> Resolver::Index::Holding::problems_of(
    std::uint32_t type) const {
    const std::uint32_t slot = slot_of_type.find(type);
    return slot == util::k_none ? std::span<const model::Problem* const>()
                                : problems.range(slot, slot + 1);
}

Resolver::Index::Index(const model::Bundle& bundle) : types(bundle.violation_types.size()) {
    std::vector<std::pair<std::uint32_t, const model::ViolationType*>> name_entries;
    for (const auto& type : bundle.violation_types) {
        const auto [t, added] = types.add(type.id);
        if (added) {
            type_of.push_back(&type);
        } else {
            type_of[t] = &type;  // the last definition, as everywhere else
        }
        name_entries.emplace_back(names.add(type.name).first, &type);
        for (const auto& alias : type.aliases) {
            name_entries.emplace_back(names.add(alias).first, &type);
        }
    }
    named = group_by(names.size(), name_entries);

    // A jurisdiction listed by several list sets holds the items of all of them.
    std::vector<std::vector<std::pair<std::uint32_t, const model::Item*>>> item_entries;
    std::vector<std::vector<std::pair<std::uint32_t, const model::Problem*>>> problem_entries;
    std::vector<std::uint32_t> slot_counts;  // per holding, across all its list sets
    for (const auto& set : bundle.list_sets) {
        const auto [h, added] = jurisdictions.add(set.jurisdiction.id);
        if (added) {
            holdings.emplace_back();
            item_entries.emplace_back();
            problem_entries.emplace_back();
            slot_counts.emplace_back();
        }
        Holding& holding = holdings[h];
        holding.set = &set;
        for (const auto& body : set.jurisdiction.bodies) {
            const auto [b, new_body] = bodies.add(body.id);
            if (new_body) {
                body_of.emplace_back();
            }
            body_of[b] = {&body, &set.jurisdiction.id};
        }
        const auto slot_of = [&](const model::Ref& ref) {
            const std::uint32_t t = types.find(ref.id);
            if (t == util::k_none) {
                return util::k_none;  // not a known type: nothing resolves to it
            }
            std::uint32_t slot = holding.slot_of_type.find(t);
            if (slot == util::k_none) {
                slot = slot_counts[h]++;
                holding.slot_of_type.emplace(t, slot);
            }
            return slot;
        };
        for (const auto& item : set.items) {
            const auto rank = static_cast<std::uint32_t>(category_rank(item.category));
            for (const auto& ref : item.violation_types) {
                if (const std::uint32_t slot = slot_of(ref); slot != util::k_none) {
                    item_entries[h].emplace_back(slot * k_ranks + rank, &item);
                }
            }
        }
        for (const auto& problem : set.problems) {
            for (const auto& ref : problem.violation_types) {
                if (const std::uint32_t slot = slot_of(ref); slot != util::k_none) {
                    problem_entries[h].emplace_back(slot, &problem);
                }
            }
        }
    }
    for (std::size_t h = 0; h < holdings.size(); ++h) {
        std::size_t slots = 0;
        for (const auto& [key, _] : item_entries[h]) {
            slots = std::max<std::size_t>(slots, key / k_ranks + 1);
        }
        for (const auto& [key, _] : problem_entries[h]) {
            slots = std::max<std::size_t>(slots, key + 1);
        }
        holdings[h].items = group_by(slots * k_ranks, item_entries[h]);
        holdings[h].problems = group_by(slots, problem_entries[h]);
    }
}

std::uint32_t Resolver::Index::type(const std::string& text) const {
    if (const std::uint32_t t = types.find(text); t != util::k_none) {
        return t;
    }
    if (const std::uint32_t n = names.find(text); n != util::k_none) {
        const auto span = named.range(n, n + 1);
        std::vector<const model::ViolationType*> candidates(span.begin(), span.end());
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        if (candidates.size() == 1) {
            return types.find(candidates.front()->id);
        }
        std::string ids;
        for (const auto* candidate : candidates) {
            ids += (ids.empty() ? "" : ", ") + candidate->id;
        }
        throw Error(fmt::format("'{}' names several violation types: {}", text, ids));
    }
    std::vector<std::string> ids;
    ids.reserve(types.size());
    for (std::uint32_t t = 0; t < types.size(); ++t) {
        ids.emplace_back(types.view(t));
    }
    std::sort(ids.begin(), ids.end());
    const auto near = text::closest(text, ids, 3);
    std::string hint;
    for (const auto& id : near) {
        hint += (hint.empty() ? "; did you mean " : ", ") + ("'" + id + "'");
    }
    throw Error(
        fmt::format("unknown violation type '{}'{}{}", text, hint, near.empty() ? "" : "?"));
}

Resolver::Resolver(const model::Bundle& bundle)
    : m_bundle(bundle), m_index(std::make_unique<const Index>(bundle)) {}

Resolver::~Resolver() = default;
Resolver::Resolver(Resolver&&) noexcept = default;

std::string Resolver::default_jurisdiction() const {
    for (const auto level :
         {model::Level::township, model::Level::subdistrict, model::Level::county}) {
        for (const auto& set : m_bundle.list_sets) {
            if (set.jurisdiction.level == level) {
                return set.jurisdiction.id;
            }
        }
    }
    throw Error("no jurisdiction is loaded");
}

const model::ViolationType& Resolver::violation_type(const std::string& text) const {
    return *m_index->type_of[m_index->type(text)];
}

std::uint32_t Resolver::holding(const std::string& jurisdiction) const {
    if (const std::uint32_t h = m_index->jurisdictions.find(jurisdiction); h != util::k_none) {
        return h;
    }
    std::vector<std::string> ids;
    for (const auto& set : m_bundle.list_sets) {
        ids.push_back(set.jurisdiction.id);
    }
    const auto near = text::closest(jurisdiction, ids, 1);
    throw Error(near.empty() ? fmt::format("unknown jurisdiction '{}'", jurisdiction)
                             : fmt::format("unknown jurisdiction '{}'; did you mean '{}'?",
                                           jurisdiction, near.front()));
}

BodyInfo Resolver::body(const std::string& id) const {
    const std::uint32_t b = m_index->bodies.find(id);
    if (b == util::k_none) {
        return {id, id, "", std::nullopt};
    }
    const auto& [found, jurisdiction] = m_index->body_of[b];
    return {id, found->name, *jurisdiction, found->sector};
}

ItemInfo Resolver::item(const model::ListSet& set, const model::Item& item) const {
    ItemInfo info;
    info.jurisdiction = set.jurisdiction.id;
    info.code = item.code;
    info.name = item.name;
    info.category = item.category;
    info.sector = item.sector;
    info.body = body(item.body.id);
    if (item.delegation) {
        info.origin = body(item.delegation->from.id);
        info.mode = item.delegation->mode;
    }
    for (const auto& basis : item.basis) {
        info.basis.push_back(basis.citation());
    }
    info.source = source_of(m_bundle, item.loc);
    return info;
}

Resolution Resolver::resolve(const std::string& jurisdiction,
                             const std::string& violation_type_text) const {
    using Holding = Index::Holding;
    const Holding& own = m_index->holdings[holding(jurisdiction)];
    const std::uint32_t t = m_index->type(violation_type_text);
    const model::ViolationType& type = *m_index->type_of[t];
    Resolution r;
    r.jurisdiction = jurisdiction;
    r.violation_type = type.id;
    r.violation_type_name = type.name;
    r.sector = type.sector;

    const model::Jurisdiction& j = own.set->jurisdiction;
    const Holding* county = nullptr;
    if (j.parent) {
        const std::uint32_t h = m_index->jurisdictions.find(j.parent->id);
        county = h == util::k_none ? nullptr : &m_index->holdings[h];
    }
    auto items_of = [&](const Holding* h) {
        return h ? h->items_of(t) : std::span<const model::Item* const>();
    };
    // A county item the township holds by delegation is the same power: list it once, as the
    // township's.
    std::vector<std::string_view> held_copies;
    for (const model::Item* i : items_of(&own)) {
        if (i->delegation) {
            held_copies.push_back(i->delegation->item.id);
        }
    }
    auto add_items = [&](const Holding* h) {
        for (const model::Item* i : items_of(h)) {
            if (h == &own ||
                std::find(held_copies.begin(), held_copies.end(), i->code) == held_copies.end()) {
                r.items.push_back(item(*h->set, *i));
            }
        }
    };

    // A problem-list entry of the jurisdiction, else of its county, makes it a joint matter.
    for (const Holding* h : {&own, county}) {
        if (!h || h->problems_of(t).empty()) {
            continue;
        }
        const model::Problem& p = *h->problems_of(t).front();
        r.route = Route::joint;
        r.problem_code = p.code;
        r.problem_name = p.name;
        r.lead = body(p.lead.id);
        r.handler = r.lead;
        for (const auto& c : p.cooperating) {
            r.cooperating.push_back(body(c.id));
        }
        add_items(&own);
        if (county != &own) {
            add_items(county);
        }
        return r;
    }
    if (const auto list = items_of(&own); !list.empty()) {
        r.route = j.level == model::Level::county ? Route::department : Route::township;
        r.handler = body(list.front()->body.id);
        add_items(&own);
        return r;
    }
    if (const auto list = items_of(county); !list.empty()) {
        r.route = Route::department;
        r.handler = body(list.front()->body.id);
        add_items(county);
        return r;
    }
    r.route = Route::unassigned;
    return r;
}

nlohmann::ordered_json to_json(const BodyInfo& body) {
    return {{"id", body.id}, {"name", body.name}, {"jurisdiction", body.jurisdiction}};
}

nlohmann::ordered_json to_json(const Resolution& r) {
    auto optional_body = [](const std::optional<BodyInfo>& b) {
        return b ? to_json(*b) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json cooperating = nlohmann::ordered_json::array();
    for (const auto& b : r.cooperating) {
        cooperating.push_back(to_json(b));
    }
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& i : r.items) {
        items.push_back({{"jurisdiction", i.jurisdiction},
                         {"code", i.code},
                         {"name", i.name},
                         {"category", i.category},
                         {"body", to_json(i.body)},
                         {"origin", optional_body(i.origin)},
                         {"mode", i.mode ? nlohmann::ordered_json(*i.mode) : nullptr},
                         {"basis", i.basis},
                         {"source", i.source}});
    }
    nlohmann::ordered_json problem = nullptr;
    if (r.problem_code) {
        problem = {{"code", *r.problem_code}, {"name", r.problem_name.value_or("")}};
    }
    return {{"jurisdiction", r.jurisdiction},
            {"violation_type", {{"id", r.violation_type}, {"name", r.violation_type_name}}},
            {"sector", r.sector},
            {"route", to_string(r.route)},
            {"handler", optional_body(r.handler)},
            {"lead", optional_body(r.lead)},
            {"cooperating", cooperating},
            {"problem", problem},
            {"items", items}};
}

}  // namespace lawlist::resolve
