#include "lawlist/resolve/resolver.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/model/handovers.hpp"
#include "lawlist/model/teams.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::resolve {

std::string_view to_string(Route route) {
    switch (route) {
        case Route::township:
            return "township";
        case Route::department:
            return "department";
        case Route::joint:
            return "joint";
        case Route::transfer:
            return "transfer";
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
        case Route::transfer:
            return "发现移交";
        case Route::unassigned:
            return "无主";
    }
    return "无主";
}

std::string_view to_description(Route route) {
    switch (route) {
        case Route::township:
            return "乡街办（清单内事项：网格巡、平台转、乡街办）";
        case Route::department:
            return "行业办（清单外事项：网格报、平台派、行业办）";
        case Route::joint:
            return "联合执法（一门主责、其他配合）";
        case Route::transfer:
            return "发现移交（乡镇（街道）发现制止、移交县级部门查处）";
        case Route::unassigned:
            return "无主（清单均未覆盖，需报改革办明确责任主体）";
    }
    return "";
}

bool decides(model::Category category) {
    return category == model::Category::penalty || category == model::Category::coercion;
}

namespace {

// Deciding items first, penalties before coercive measures, then inspections, then the rest;
// list order within each.
int category_rank(model::Category category) {
    switch (category) {
        case model::Category::penalty:
            return 0;
        case model::Category::coercion:
            return 1;
        case model::Category::inspection:
            return 2;
        default:
            return 3;
    }
}

bool any_decides(const std::vector<const model::Item*>& items) {
    return std::any_of(items.begin(), items.end(),
                       [](const model::Item* i) { return decides(i->category); });
}

}  // namespace

// What a resolution looks up, indexed once with standard containers.
struct Resolver::Index {
    // The items and problems of one jurisdiction, by violation type id, in list order.
    struct Holding {
        const model::ListSet* set = nullptr;
        std::string county;  // parent jurisdiction id, empty for a county
        std::unordered_map<std::string, std::vector<const model::Item*>> items;
        std::unordered_map<std::string, std::vector<const model::Problem*>> problems;
    };

    const model::Bundle& bundle;
    model::Handovers handovers;
    std::unordered_map<std::string, const model::ViolationType*> types;  // by id
    std::unordered_map<std::string, const model::Body*> bodies;          // by id
    std::unordered_map<std::string, std::string> body_home;              // body id → jurisdiction
    std::map<std::string, Holding> holdings;                             // by jurisdiction id

    explicit Index(const model::Bundle& source) : bundle(source), handovers(source) {
        for (const auto& type : bundle.violation_types) {
            types[type.id] = &type;  // the last definition, as everywhere else
        }
        for (const auto& set : bundle.list_sets) {
            Holding& h = holdings[set.jurisdiction.id];
            h.set = &set;
            h.county = set.jurisdiction.parent ? set.jurisdiction.parent->id : "";
            for (const auto& b : set.jurisdiction.bodies) {
                bodies[b.id] = &b;
                body_home[b.id] = set.jurisdiction.id;
            }
            for (const auto& item : set.items) {
                for (const auto& type : item.violation_types) {
                    h.items[type.id].push_back(&item);
                }
            }
            for (const auto& problem : set.problems) {
                for (const auto& type : problem.violation_types) {
                    h.problems[type.id].push_back(&problem);
                }
            }
        }
        for (auto& [id, h] : holdings) {
            for (auto& [type, items] : h.items) {
                std::stable_sort(items.begin(), items.end(), [](const auto* a, const auto* b) {
                    return category_rank(a->category) < category_rank(b->category);
                });
            }
        }
    }

    const Holding* holding(const std::string& jurisdiction) const {
        const auto it = holdings.find(jurisdiction);
        return it == holdings.end() ? nullptr : &it->second;
    }

    template <class T>
    static const std::vector<T>& of_type(
        const Holding* h, const std::unordered_map<std::string, std::vector<T>> Holding::*member,
        const std::string& type) {
        static const std::vector<T> k_none;
        if (!h) {
            return k_none;
        }
        const auto it = (h->*member).find(type);
        return it == (h->*member).end() ? k_none : it->second;
    }

    // A team or squad stands for the body it belongs to: a department and its own team, or a
    // township government and its team, are one holder.
    std::string holder_of(const std::string& id) const {
        const auto it = bodies.find(id);
        if (it != bodies.end() && it->second->parent && model::is_team(*it->second)) {
            return it->second->parent->id;
        }
        return id;
    }

    // Whether body `id` holds one of `items`: as the subject or the unit doing the work, or as
    // the department or government such a team belongs to.
    bool holds(const std::string& id, const std::vector<const model::Item*>& items) const {
        const std::string holder = holder_of(id);
        return std::any_of(items.begin(), items.end(), [&](const model::Item* i) {
            return holder_of(i->body.id) == holder || (i->unit && holder_of(i->unit->id) == holder);
        });
    }
};

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
    if (const auto it = m_index->types.find(text); it != m_index->types.end()) {
        return *it->second;
    }
    // A formal name or an alias that names exactly one type.
    std::set<std::string> named;
    for (const auto& type : m_bundle.violation_types) {
        if (type.name == text ||
            std::find(type.aliases.begin(), type.aliases.end(), text) != type.aliases.end()) {
            named.insert(type.id);
        }
    }
    if (named.size() == 1) {
        return *m_index->types.at(*named.begin());
    }
    if (named.size() > 1) {
        std::string ids;
        for (const auto& id : named) {
            ids += (ids.empty() ? "" : ", ") + id;
        }
        throw Error(fmt::format("'{}' names several violation types: {}", text, ids));
    }
    std::vector<std::string> ids;
    for (const auto& [id, type] : m_index->types) {
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    const auto near = text::closest(text, ids, 3);
    std::string hint;
    for (const auto& id : near) {
        hint += (hint.empty() ? "; did you mean " : ", ") + ("'" + id + "'");
    }
    throw UnknownTypeError(
        fmt::format("unknown violation type '{}'{}{}", text, hint, near.empty() ? "" : "?"), near);
}

BodyInfo Resolver::body(const std::string& id) const {
    const auto it = m_index->bodies.find(id);
    if (it == m_index->bodies.end()) {
        return {id, id, "", std::nullopt};
    }
    return {id, it->second->name, m_index->body_home.at(id), it->second->sector};
}

Resolution Resolver::resolve(const std::string& jurisdiction,
                             const std::string& violation_type_text) const {
    const Index& index = *m_index;
    const Index::Holding* own = index.holding(jurisdiction);
    if (!own) {
        std::vector<std::string> ids;
        for (const auto& set : m_bundle.list_sets) {
            ids.push_back(set.jurisdiction.id);
        }
        const auto near = text::closest(jurisdiction, ids, 1);
        throw Error(near.empty() ? fmt::format("unknown jurisdiction '{}'", jurisdiction)
                                 : fmt::format("unknown jurisdiction '{}'; did you mean '{}'?",
                                               jurisdiction, near.front()));
    }
    const model::ViolationType& type = violation_type(violation_type_text);
    const bool is_county = own->set->jurisdiction.level == model::Level::county;
    const Index::Holding* county = is_county ? nullptr : index.holding(own->county);

    // The powers at each level. A county item the township has taken over is the township's.
    const auto& township_items = is_county ? std::vector<const model::Item*>{}
                                           : Index::of_type(own, &Index::Holding::items, type.id);
    std::vector<const model::Item*> county_items;
    for (const model::Item* item :
         Index::of_type(is_county ? own : county, &Index::Holding::items, type.id)) {
        if (is_county || !index.handovers.taken_over(jurisdiction, item->code)) {
            county_items.push_back(item);
        }
    }
    // The problem-list entry naming the type: the jurisdiction's own, else its county's.
    const model::Problem* problem = nullptr;
    for (const Index::Holding* from : {own, county}) {
        const auto& problems = Index::of_type(from, &Index::Holding::problems, type.id);
        if (!problem && !problems.empty()) {
            problem = problems.front();
        }
    }

    Resolution r;
    r.jurisdiction = jurisdiction;
    r.violation_type = type.id;
    r.violation_type_name = type.name;
    r.sector = type.sector;
    if (problem) {
        r.problem_code = problem->code;
        r.problem_name = problem->name;
    }

    // The decision table (README, "How resolve routes a case").
    const bool township_decides = any_decides(township_items);
    const bool county_decides = any_decides(county_items);
    std::vector<const model::Item*> all = township_items;
    all.insert(all.end(), county_items.begin(), county_items.end());
    // The bodies the problem list names that hold powers for the type; a department and its
    // own team are one.
    std::set<std::string> named_holders;
    if (problem) {
        if (index.holds(problem->lead.id, all)) {
            named_holders.insert(index.holder_of(problem->lead.id));
        }
        for (const auto& c : problem->cooperating) {
            if (index.holds(c.id, all)) {
                named_holders.insert(index.holder_of(c.id));
            }
        }
    }
    if (named_holders.size() >= 2 || (township_decides && county_decides)) {
        r.route = Route::joint;
    } else if (township_decides) {
        r.route = Route::township;
    } else if (!township_items.empty() && county_decides) {
        r.route = Route::transfer;
    } else if (!township_items.empty()) {
        r.route = Route::township;
    } else if (!county_items.empty()) {
        r.route = Route::department;
    } else {
        r.route = Route::unassigned;
    }

    // Items listed from the township's list set, or from the county's (the jurisdiction's own
    // when it is a county).
    const model::ListSet& county_set = *(is_county ? own : county ? county : own)->set;
    auto add = [&](const std::vector<const model::Item*>& items, const model::ListSet& set) {
        for (const model::Item* item : items) {
            ItemInfo info;
            info.jurisdiction = set.jurisdiction.id;
            info.code = item->code;
            info.name = item->name;
            info.category = item->category;
            info.sector = item->sector;
            info.subject = body(item->body.id);
            if (item->unit) {
                info.unit = body(item->unit->id);
            }
            if (item->delegation) {
                info.origin = body(item->delegation->from.id);
                info.mode = item->delegation->mode;
            }
            for (const auto& basis : item->basis) {
                info.basis.push_back(basis.citation());
            }
            info.source =
                fmt::format("{}:{}", m_bundle.files.at(item->loc.file).path, item->loc.line + 1);
            r.items.push_back(std::move(info));
        }
    };
    auto act = [&](const model::Item* item) {
        r.handler = body(item->body.id);
        if (item->unit) {
            r.handler_unit = body(item->unit->id);
        }
    };
    switch (r.route) {
        case Route::township:
            act(township_items.front());
            add(township_items, *own->set);
            break;
        case Route::department:
            act(county_items.front());
            add(county_items, county_set);
            break;
        case Route::transfer:
            act(county_items.front());
            r.finder = body(township_items.front()->unit ? township_items.front()->unit->id
                                                         : township_items.front()->body.id);
            add(township_items, *own->set);
            add(county_items, county_set);
            break;
        case Route::joint:
            if (problem) {
                r.lead = body(problem->lead.id);
                for (const auto& c : problem->cooperating) {
                    r.cooperating.push_back(body(c.id));
                }
            } else {
                // Powers split between levels, no problem entry: the township, on the spot,
                // leads (吹哨); the county bodies holding the rest cooperate (报到).
                r.lead = body(township_items.front()->body.id);
                std::set<std::string> seen;
                for (const model::Item* item : county_items) {
                    if (decides(item->category) && seen.insert(item->body.id).second) {
                        r.cooperating.push_back(body(item->body.id));
                    }
                }
            }
            // The lead acts in the name of the department or government it belongs to (a team
            // is 承办机构, never 实施主体).
            if (const std::string subject = index.holder_of(r.lead->id); subject != r.lead->id) {
                r.handler = body(subject);
                r.handler_unit = r.lead;
            } else {
                r.handler = r.lead;
                if (!problem && township_items.front()->unit) {
                    r.handler_unit = body(township_items.front()->unit->id);
                }
            }
            add(township_items, *own->set);
            add(county_items, county_set);
            break;
        case Route::unassigned:
            break;
    }
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
        items.push_back(
            {{"jurisdiction", i.jurisdiction},
             {"code", i.code},
             {"name", i.name},
             {"category", model::to_string(i.category)},
             {"subject", to_json(i.subject)},
             {"unit", optional_body(i.unit)},
             {"origin", optional_body(i.origin)},
             {"mode", i.mode ? nlohmann::ordered_json(model::to_string(*i.mode)) : nullptr},
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
            {"handler_unit", optional_body(r.handler_unit)},
            {"finder", optional_body(r.finder)},
            {"lead", optional_body(r.lead)},
            {"cooperating", std::move(cooperating)},
            {"problem", std::move(problem)},
            {"items", std::move(items)}};
}

}  // namespace lawlist::resolve
