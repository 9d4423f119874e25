#include "lawlist/audit/audit.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "lawlist/graph/graph.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::audit {
namespace {

struct CodeInfo {
    const char* code;
    Severity severity;
};

constexpr CodeInfo k_codes[] = {
    {"dangling-reference", Severity::error},
    {"dropped-handover", Severity::error},
    {"double-claim", Severity::error},
    {"delegation-cycle", Severity::error},
    {"missing-basis", Severity::error},
    {"overlap", Severity::warning},
    {"gap", Severity::warning},
    {"gap-problem", Severity::warning},
    {"mode-mismatch", Severity::warning},
    {"duplicate-name", Severity::warning},
    {"lead-not-holder", Severity::warning},
    {"sleeping-item", Severity::info},
    {"idle-body", Severity::info},
};

// A name reduced to what distinguishes it: no spaces or punctuation, full-width forms folded.
std::string normalized_name(const std::string& name) {
    std::string out;
    for (char32_t cp : text::decode(name)) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0;  // full-width ASCII
        }
        const bool punctuation = cp == U' ' || cp == U'\u3000' || cp == U'、' || cp == U'，' ||
                                 cp == U'。' || cp == U'；' || cp == U'：' || cp == U'“' ||
                                 cp == U'”' || cp == U'‘' || cp == U'’' || cp == U'《' ||
                                 cp == U'》' || (cp < 0x80 && !std::isalnum(static_cast<int>(cp)));
        if (!punctuation) {
            text::append_utf8(out, cp);
        }
    }
    return out;
}

class Auditor {
  public:
    explicit Auditor(const model::Bundle& bundle) : m_bundle(bundle) {
        for (const auto& set : bundle.list_sets) {
            m_sets[set.jurisdiction.id] = &set;
            for (const auto& body : set.jurisdiction.bodies) {
                m_bodies[body.id] = {&body, set.jurisdiction.id};
            }
            auto& by_code = m_items[set.jurisdiction.id];
            for (const auto& item : set.items) {
                by_code.emplace(item.code, &item);
                if (item.delegation) {
                    m_caught[set.jurisdiction.id].emplace(item.delegation->item.id, &item);
                }
            }
            if (set.jurisdiction.parent) {
                m_townships[set.jurisdiction.parent->id].push_back(&set);
            }
        }
        for (const auto& type : bundle.violation_types) {
            m_types[type.id] = &type;
        }
    }

    std::vector<Finding> run() {
        for (const auto& set : m_bundle.list_sets) {
            check_references(set);
            check_items(set);
            check_delegations(set);
            check_overlaps(set);
            check_gaps(set);
            check_problems(set);
        }
        check_graph();
        std::sort(m_out.begin(), m_out.end(), [](const Finding& a, const Finding& b) {
            if (a.severity != b.severity) {
                return a.severity > b.severity;
            }
            return std::tie(a.code, a.jurisdiction, a.location, a.message) <
                   std::tie(b.code, b.jurisdiction, b.location, b.message);
        });
        return std::move(m_out);
    }

  private:
    const model::ListSet* county_of(const model::ListSet& set) const {
        if (!set.jurisdiction.parent) {
            return nullptr;
        }
        const auto it = m_sets.find(set.jurisdiction.parent->id);
        return it == m_sets.end() ? nullptr : it->second;
    }

    std::string where(const model::Location& loc) const {
        return fmt::format("{}:{}", m_bundle.files.at(loc.file).path, loc.line + 1);
    }

    std::string body_name(const std::string& id) const {
        const auto it = m_bodies.find(id);
        return it == m_bodies.end() ? id : it->second.first->name;
    }

    std::string type_name(const std::string& id) const {
        const auto it = m_types.find(id);
        return it == m_types.end() ? id : it->second->name;
    }

    void add(const char* code, const model::ListSet& set, std::vector<std::string> items,
             std::vector<std::string> bodies, const model::Location& loc, std::string message) {
        m_out.push_back({code, severity_of(code), set.jurisdiction.id, std::move(items),
                         std::move(bodies), where(loc), std::move(message)});
    }

    bool body_exists(const std::string& id) const { return m_bodies.contains(id); }

    const model::Item* find_item(const model::ListSet& set, const std::string& code) const {
        const auto& by_code = m_items.at(set.jurisdiction.id);
        const auto it = by_code.find(code);
        return it == by_code.end() ? nullptr : it->second;
    }
    bool has_item(const model::ListSet& set, const std::string& code) const {
        return find_item(set, code) != nullptr;
    }

    void dangling(const model::ListSet& set, const std::string& owner, const model::Ref& ref,
                  const std::string& what) {
        add("dangling-reference", set, {owner}, {}, ref.loc,
            fmt::format("引用不存在：{}引用的{}“{}”在已载入的清单中不存在", owner, what, ref.id));
    }

    void check_references(const model::ListSet& set) {
        const auto& j = set.jurisdiction;
        const model::ListSet* county = county_of(set);
        if (j.parent && !county) {
            add("dangling-reference", set, {}, {}, j.loc,
                fmt::format("引用不存在：{}的上级县“{}”未载入", j.name, j.parent->id));
        }
        for (const auto& body : j.bodies) {
            if (body.parent && !body_exists(body.parent->id)) {
                dangling(set, body.id, *body.parent, "上级主体");
            }
        }
        for (const auto& item : set.items) {
            if (!body_exists(item.body.id)) {
                dangling(set, item.code, item.body, "实施主体");
            }
            for (const auto& type : item.violation_types) {
                if (!m_types.contains(type.id)) {
                    dangling(set, item.code, type, "违法行为类型");
                }
            }
            if (item.delegation) {
                if (!body_exists(item.delegation->from.id)) {
                    dangling(set, item.code, item.delegation->from, "下放部门");
                }
                if (county && !has_item(*county, item.delegation->item.id)) {
                    dangling(set, item.code, item.delegation->item, "县级事项");
                }
            }
            for (const auto& to : item.delegated_to) {
                if (!m_sets.contains(to.jurisdiction.id)) {
                    dangling(set, item.code, to.jurisdiction, "承接乡镇（街道）");
                }
            }
        }
        for (const auto& p : set.problems) {
            for (const auto& ref : p.cooperating) {
                if (!body_exists(ref.id)) {
                    dangling(set, p.code, ref, "配合单位");
                }
            }
            if (!body_exists(p.lead.id)) {
                dangling(set, p.code, p.lead, "牵头单位");
            }
            for (const auto& type : p.violation_types) {
                if (!m_types.contains(type.id)) {
                    dangling(set, p.code, type, "违法行为类型");
                }
            }
            for (const auto& code : p.items) {
                const bool own = has_item(set, code.id);
                const bool up = county && has_item(*county, code.id);
                if (!own && !up) {
                    dangling(set, p.code, code, "事项");
                }
            }
        }
        for (const auto& w : set.warnings) {
            for (const auto& ref : w.applies_to) {
                if (!body_exists(ref.id)) {
                    dangling(set, w.code, ref, "适用主体");
                }
            }
        }
        for (const auto& m : set.metrics) {
            if (!body_exists(m.assessor.id)) {
                dangling(set, m.code, m.assessor, "考核主体");
            }
            for (const auto& ref : m.assessed) {
                if (!body_exists(ref.id)) {
                    dangling(set, m.code, ref, "被考核主体");
                }
            }
        }
    }

    void check_items(const model::ListSet& set) {
        // Items a problem of this jurisdiction or of one of its townships names.
        std::unordered_set<std::string> named;
        auto collect = [&named](const model::ListSet& s) {
            for (const auto& p : s.problems) {
                for (const auto& code : p.items) {
                    named.insert(code.id);
                }
            }
        };
        collect(set);
        if (const auto it = m_townships.find(set.jurisdiction.id); it != m_townships.end()) {
            for (const auto* township : it->second) {
                collect(*township);
            }
        }
        std::unordered_map<std::string, const model::Item*> names;  // body + category + name
        for (const auto& item : set.items) {
            if (item.basis.empty()) {
                add("missing-basis", set, {item.code}, {item.body.id}, item.loc,
                    fmt::format("缺少设定依据：“{}”（{}）未列明法律法规依据", item.name,
                                item.code));
            }
            if (item.violation_types.empty() && !named.contains(item.code)) {
                add("sleeping-item", set, {item.code}, {item.body.id}, item.loc,
                    fmt::format("沉睡事项：“{}”（{}）不对应任何违法行为类型，也未列入问题清单",
                                item.name, item.code));
            }
            const std::string key =
                item.body.id + '\x1f' + item.category + '\x1f' + normalized_name(item.name);
            const auto [it, fresh] = names.emplace(key, &item);
            if (!fresh) {
                add("duplicate-name", set, {it->second->code, item.code}, {item.body.id}, item.loc,
                    fmt::format("事项重复：{}的“{}”（{}）与{}名称相同或仅标点不同",
                                body_name(item.body.id), item.name, item.code, it->second->code));
            }
        }
    }

    void check_delegations(const model::ListSet& set) {
        const auto& j = set.jurisdiction;
        if (j.level == model::Level::county) {
            // Each handover must be caught by the township named.
            for (const auto& item : set.items) {
                for (const auto& to : item.delegated_to) {
                    const auto it = m_sets.find(to.jurisdiction.id);
                    if (it == m_sets.end()) {
                        continue;  // dangling, reported above
                    }
                    const auto& caught_by = m_caught[to.jurisdiction.id];
                    const auto found = caught_by.find(item.code);
                    const model::Item* caught = found == caught_by.end() ? nullptr : found->second;
                    if (!caught) {
                        add("dropped-handover", set, {item.code}, {item.body.id}, item.loc,
                            fmt::format("放得下没接住：{}将“{}”（{}）下放{}，但{}的清单未承接",
                                        body_name(item.body.id), item.name, item.code,
                                        it->second->jurisdiction.name,
                                        it->second->jurisdiction.name));
                    } else if (caught->delegation->mode != to.mode) {
                        add("mode-mismatch", set, {item.code, caught->code}, {item.body.id},
                            item.loc,
                            fmt::format("承接方式不一致：“{}”县级清单标注{}，{}清单标注{}",
                                        item.name, to.mode, it->second->jurisdiction.name,
                                        caught->delegation->mode));
                    }
                }
            }
            return;
        }
        const model::ListSet* county = county_of(set);
        if (!county) {
            return;
        }
        for (const auto& item : set.items) {
            if (!item.delegation) {
                continue;
            }
            const model::Item* original = find_item(*county, item.delegation->item.id);
            if (!original) {
                continue;  // dangling, reported above
            }
            const auto& marks = original->delegated_to;
            const bool marked = std::any_of(marks.begin(), marks.end(), [&](const auto& to) {
                return to.jurisdiction.id == j.id;
            });
            if (!marked) {
                add("double-claim", set, {item.code, original->code},
                    {item.body.id, original->body.id}, item.loc,
                    fmt::format(
                        "县乡重复主张：{}清单承接“{}”（{}），但{}清单未标注下放，县乡两级同时行使",
                        j.name, item.name, item.code, county->jurisdiction.name));
            }
        }
    }

    // Violation types named by a problem of the jurisdiction or of its county: joint matters.
    std::unordered_set<std::string> joint_types(const model::ListSet& set) const {
        std::unordered_set<std::string> out;
        for (const model::ListSet* s : {&set, county_of(set)}) {
            if (!s) {
                continue;
            }
            for (const auto& p : s->problems) {
                for (const auto& type : p.violation_types) {
                    out.insert(type.id);
                }
            }
        }
        return out;
    }

    void check_overlaps(const model::ListSet& set) {
        const auto joint = joint_types(set);
        // (violation type, category) → holding bodies with their first item, in list order.
        using Holders = std::vector<std::pair<std::string, const model::Item*>>;
        std::unordered_map<std::string, Holders> claims;
        for (const auto& item : set.items) {
            for (const auto& type : item.violation_types) {
                Holders& holders = claims[type.id + '\x1f' + item.category];
                const bool known = std::any_of(holders.begin(), holders.end(), [&](const auto& h) {
                    return h.first == item.body.id;
                });
                if (!known) {
                    holders.emplace_back(item.body.id, &item);
                }
            }
        }
        // Only the contested claims are sorted, by body id, for stable output.
        std::vector<std::pair<std::string, Holders*>> contested;
        for (auto& [key, holders] : claims) {
            if (holders.size() >= 2) {
                std::sort(holders.begin(), holders.end());
                contested.emplace_back(key, &holders);
            }
        }
        std::sort(contested.begin(), contested.end());
        for (const auto& [joined, holders_ptr] : contested) {
            const auto separator = joined.find('\x1f');
            const std::pair<std::string, std::string> key = {joined.substr(0, separator),
                                                             joined.substr(separator + 1)};
            const Holders& holders = *holders_ptr;
            if (joint.contains(key.first)) {
                continue;
            }
            std::vector<std::string> items;
            std::vector<std::string> bodies;
            std::string names;
            const model::Item* first = nullptr;
            for (const auto& [body, item] : holders) {
                bodies.push_back(body);
                items.push_back(item->code);
                names += (names.empty() ? "" : "、") + body_name(body);
                if (!first || item->loc.line < first->loc.line) {
                    first = item;
                }
            }
            add("overlap", set, items, bodies, first->loc,
                fmt::format("多头执法：“{}”的{}由{}同时行使，问题清单未明确牵头单位",
                            type_name(key.first), key.second, names));
        }
    }

    // Violation types the items of `set` cover, computed once per list set.
    const std::unordered_set<std::string>& held_by(const model::ListSet& set) {
        auto [it, fresh] = m_held.try_emplace(set.jurisdiction.id);
        if (fresh) {
            for (const auto& item : set.items) {
                for (const auto& type : item.violation_types) {
                    it->second.insert(type.id);
                }
            }
        }
        return it->second;
    }

    void check_gaps(const model::ListSet& set) {
        // Held in the jurisdiction: by its own items, its county's, and for a county its
        // townships'.
        std::vector<const std::unordered_set<std::string>*> holders = {&held_by(set)};
        if (const model::ListSet* county = county_of(set)) {
            holders.push_back(&held_by(*county));
        }
        if (const auto it = m_townships.find(set.jurisdiction.id); it != m_townships.end()) {
            for (const auto* township : it->second) {
                holders.push_back(&held_by(*township));
            }
        }
        auto is_held = [&holders](const std::string& id) {
            return std::any_of(holders.begin(), holders.end(),
                               [&id](const auto* held) { return held->contains(id); });
        };
        for (const auto& type : m_bundle.violation_types) {
            if (!is_held(type.id)) {
                add("gap", set, {}, {}, type.loc,
                    fmt::format("没人管：“{}”（{}）在{}{}的清单中均无对应事项", type.name, type.id,
                                set.jurisdiction.name,
                                county_of(set) ? "及" + county_of(set)->jurisdiction.name : ""));
            }
        }
        for (const auto& p : set.problems) {
            const bool covered = std::any_of(p.violation_types.begin(), p.violation_types.end(),
                                             [&](const auto& t) { return is_held(t.id); });
            if (!covered) {
                add("gap-problem", set, {p.code}, {p.lead.id}, p.loc,
                    fmt::format("问题无人有权处置：问题清单“{}”（{}"
                                "）涉及的违法行为，县乡两级清单均无对应事项",
                                p.name, p.code));
            }
        }
    }

    void check_problems(const model::ListSet& set) {
        const model::ListSet* county = county_of(set);
        auto item_of = [&](const std::string& code) -> const model::Item* {
            const model::Item* own = find_item(set, code);
            return own || !county ? own : find_item(*county, code);
        };
        for (const auto& p : set.problems) {
            if (p.items.empty() || !body_exists(p.lead.id)) {
                continue;
            }
            bool holds = false;
            for (const auto& code : p.items) {
                const model::Item* held = item_of(code.id);
                if (!held) {
                    continue;
                }
                const std::string& holder = held->body.id;
                // The lead may be the holder, its department, or a team or squad of it.
                const auto* lead = m_bodies.at(p.lead.id).first;
                const auto holder_it = m_bodies.find(holder);
                const auto* holder_body =
                    holder_it == m_bodies.end() ? nullptr : holder_it->second.first;
                if (holder == p.lead.id || (lead->parent && lead->parent->id == holder) ||
                    (holder_body && holder_body->parent && holder_body->parent->id == p.lead.id) ||
                    (held->delegation && held->delegation->from.id == p.lead.id)) {
                    holds = true;
                    break;
                }
            }
            if (!holds) {
                add("lead-not-holder", set, {p.code}, {p.lead.id}, p.loc,
                    fmt::format(
                        "牵头单位无权处置：问题“{}”（{}）由{}牵头，但其不持有该问题涉及的任何事项",
                        p.name, p.code, body_name(p.lead.id)));
            }
        }
    }

    void check_graph() {
        const graph::JurisdictionGraph g(m_bundle);
        for (const auto& cycle : g.cycles()) {
            std::string names;
            for (const auto& id : cycle) {
                names += (names.empty() ? "" : "→") + body_name(id);
            }
            const auto& [body, home] = m_bodies.at(cycle.front());
            add("delegation-cycle", *m_sets.at(home), {}, cycle, body->loc,
                fmt::format("下放或隶属关系成环：{}互为上级或互相下放", names));
        }
        for (const auto& id : g.idle_bodies()) {
            const auto& [body, home] = m_bodies.at(id);
            add("idle-body", *m_sets.at(home), {}, {id}, body->loc,
                fmt::format("主体未承担任何事项：{}不持有事项，也未列入问题清单或警示清单",
                            body->name));
        }
    }

    const model::Bundle& m_bundle;
    std::unordered_map<std::string, const model::ListSet*> m_sets;
    std::unordered_map<std::string, std::pair<const model::Body*, std::string>> m_bodies;
    // Per jurisdiction: item code → item.
    std::unordered_map<std::string, std::unordered_map<std::string, const model::Item*>> m_items;
    // Per township: county item code → the township item that took it over.
    std::unordered_map<std::string, std::unordered_map<std::string, const model::Item*>> m_caught;
    std::unordered_map<std::string, std::vector<const model::ListSet*>> m_townships;
    std::unordered_map<std::string, const model::ViolationType*> m_types;
    std::unordered_map<std::string, std::unordered_set<std::string>> m_held;
    std::vector<Finding> m_out;
};

}  // namespace

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::info:
            return "info";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "error";
}

std::string_view to_label(Severity severity) {
    switch (severity) {
        case Severity::info:
            return "提示";
        case Severity::warning:
            return "警告";
        case Severity::error:
            return "错误";
    }
    return "错误";
}

std::optional<Severity> parse_severity(std::string_view text) {
    for (Severity s : {Severity::info, Severity::warning, Severity::error}) {
        if (text == to_string(s)) {
            return s;
        }
    }
    return std::nullopt;
}

Severity severity_of(std::string_view code) {
    for (const auto& info : k_codes) {
        if (code == info.code) {
            return info.severity;
        }
    }
    return Severity::error;
}

std::vector<Finding> run(const model::Bundle& bundle) {
    return Auditor(bundle).run();
}

std::vector<std::vector<std::string>> overlap_groups(const std::vector<Finding>& findings) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& f : findings) {
        if (f.code == "overlap") {
            for (std::size_t i = 1; i < f.bodies.size(); ++i) {
                pairs.emplace_back(f.bodies.front(), f.bodies[i]);
            }
        }
    }
    return graph::connected_groups(pairs);
}

nlohmann::ordered_json to_json(const Finding& f) {
    return {{"code", f.code},
            {"severity", to_string(f.severity)},
            {"jurisdiction", f.jurisdiction},
            {"items", f.items},
            {"bodies", f.bodies},
            {"location", f.location},
            {"message", f.message}};
}

}  // namespace lawlist::audit
