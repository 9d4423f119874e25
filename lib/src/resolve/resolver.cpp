#include "lawlist/resolve/resolver.hpp"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

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

Resolver::Resolver(const model::Bundle& bundle) : m_bundle(bundle) {
    for (const auto& set : bundle.list_sets) {
        Holding& h = m_holdings[set.jurisdiction.id];
        h.set = &set;
        for (const auto& body : set.jurisdiction.bodies) {
            m_bodies[body.id] = {&body, set.jurisdiction.id};
        }
        for (const auto& item : set.items) {
            for (const auto& type : item.violation_types) {
                h.items_by_type[type.id].push_back(&item);
            }
        }
        for (const auto& problem : set.problems) {
            for (const auto& type : problem.violation_types) {
                h.problems_by_type[type.id].push_back(&problem);
            }
        }
        for (auto& [type, items] : h.items_by_type) {
            std::stable_sort(items.begin(), items.end(), [](const auto* a, const auto* b) {
                return category_rank(a->category) < category_rank(b->category);
            });
        }
    }
    for (const auto& type : bundle.violation_types) {
        m_types[type.id] = &type;
        m_type_names[type.name].push_back(&type);
        for (const auto& alias : type.aliases) {
            m_type_names[alias].push_back(&type);
        }
    }
}

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
    if (const auto it = m_types.find(text); it != m_types.end()) {
        return *it->second;
    }
    if (const auto it = m_type_names.find(text); it != m_type_names.end()) {
        std::vector<const model::ViolationType*> types = it->second;
        std::sort(types.begin(), types.end());
        types.erase(std::unique(types.begin(), types.end()), types.end());
        if (types.size() == 1) {
            return *types.front();
        }
        std::string ids;
        for (const auto* type : types) {
            ids += (ids.empty() ? "" : ", ") + type->id;
        }
        throw Error(fmt::format("'{}' names several violation types: {}", text, ids));
    }
    std::vector<std::string> ids;
    ids.reserve(m_types.size());
    for (const auto& [id, _] : m_types) {
        ids.push_back(id);
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

const Resolver::Holding& Resolver::holding(const std::string& jurisdiction) const {
    const auto it = m_holdings.find(jurisdiction);
    if (it != m_holdings.end()) {
        return it->second;
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
    const auto it = m_bodies.find(id);
    if (it == m_bodies.end()) {
        return {id, id, "", std::nullopt};
    }
    return {id, it->second.first->name, it->second.second, it->second.first->sector};
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
    const Holding& own = holding(jurisdiction);
    const model::ViolationType& type = violation_type(violation_type_text);
    Resolution r;
    r.jurisdiction = jurisdiction;
    r.violation_type = type.id;
    r.violation_type_name = type.name;
    r.sector = type.sector;

    const model::Jurisdiction& j = own.set->jurisdiction;
    const Holding* county = nullptr;
    if (j.parent) {
        const auto it = m_holdings.find(j.parent->id);
        county = it == m_holdings.end() ? nullptr : &it->second;
    }
    auto items_of = [&](const Holding* h) -> const ItemList* {
        if (!h) {
            return nullptr;
        }
        const auto it = h->items_by_type.find(type.id);
        return it == h->items_by_type.end() ? nullptr : &it->second;
    };
    // A county item the township holds by delegation is the same power: list it once, as the
    // township's.
    std::unordered_set<std::string> held_copies;
    if (const ItemList* list = items_of(&own)) {
        for (const model::Item* i : *list) {
            if (i->delegation) {
                held_copies.insert(i->delegation->item.id);
            }
        }
    }
    auto add_items = [&](const Holding* h) {
        if (const ItemList* list = items_of(h)) {
            for (const model::Item* i : *list) {
                if (h == &own || !held_copies.contains(i->code)) {
                    r.items.push_back(item(*h->set, *i));
                }
            }
        }
    };

    // A problem-list entry of the jurisdiction, else of its county, makes it a joint matter.
    for (const Holding* h : {&own, county}) {
        if (!h) {
            continue;
        }
        const auto it = h->problems_by_type.find(type.id);
        if (it == h->problems_by_type.end()) {
            continue;
        }
        const model::Problem& p = *it->second.front();
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
    if (const ItemList* list = items_of(&own)) {
        r.route = j.level == model::Level::county ? Route::department : Route::township;
        r.handler = body(list->front()->body.id);
        add_items(&own);
        return r;
    }
    if (const ItemList* list = items_of(county)) {
        r.route = Route::department;
        r.handler = body(list->front()->body.id);
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
