#include "lawlist/export/publication.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/model/teams.hpp"
#include "lawlist/model/units.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::exporting {
namespace {

constexpr std::array<ListKind, 4> k_lists = {ListKind::power, ListKind::problem, ListKind::warning,
                                             ListKind::performance};

// Bodies of every jurisdiction in the bundle by id: items name county departments, lists name
// bodies of the county and of the township.
class Bodies {
  public:
    explicit Bodies(const model::Bundle& bundle) {
        for (const auto& set : bundle.list_sets) {
            for (const auto& body : set.jurisdiction.bodies) {
                m_by_id.emplace(body.id, &body);
            }
        }
    }

    const model::Body* find(const std::string& id) const {
        const auto it = m_by_id.find(id);
        return it == m_by_id.end() ? nullptr : it->second;
    }

    // The name of body `id`, or the id itself when the bundle does not hold it.
    std::string name(const std::string& id) const {
        const auto* body = find(id);
        return body ? body->name : id;
    }

    std::vector<std::string> names(const std::vector<model::Ref>& refs) const {
        std::vector<std::string> out;
        out.reserve(refs.size());
        for (const auto& ref : refs) {
            out.push_back(name(ref.id));
        }
        return out;
    }

    // The department a body belongs to: a team or squad's parent chain up to the first body that
    // is not a team or squad (the body itself when it is one).
    const model::Body* department(const std::string& id) const {
        const model::Body* body = find(id);
        for (int depth = 0; body && depth < 8; ++depth) {
            if (!model::is_team(*body) || !body->parent) {
                return body;
            }
            const model::Body* parent = find(body->parent->id);
            if (!parent) {
                return body;
            }
            body = parent;
        }
        return body;
    }

  private:
    std::unordered_map<std::string, const model::Body*> m_by_id;
};

std::size_t sector_rank(const model::Body* body) {
    const auto& codes = model::sector_codes();
    if (!body || !body->sector) {
        return codes.size();
    }
    return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), *body->sector) -
                                    codes.begin());
}

std::vector<std::string> citations(const std::vector<model::LegalBasis>& basis) {
    std::vector<std::string> out;
    out.reserve(basis.size());
    for (const auto& b : basis) {
        out.push_back(b.citation());
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    }
    return out;
}

// A county item's grants as its remark says them: 赋权石河镇、东城街道实施.
std::string grants(const model::Item& item, const model::Bundle& bundle) {
    std::string out;
    for (const auto mode : {model::DelegationMode::grant, model::DelegationMode::entrustment}) {
        std::vector<std::string> names;
        for (const auto& to : item.delegated_to) {
            if (to.mode == mode) {
                const auto* set = bundle.find(to.jurisdiction.id);
                names.push_back(set ? set->jurisdiction.name : to.jurisdiction.id);
            }
        }
        if (!names.empty()) {
            out += (out.empty() ? "" : "；") + std::string(model::to_label(mode)) +
                   join(names, "、") + "实施";
        }
    }
    return out;
}

// The legal subject (实施主体) and the unit doing the work (承办机构) of an item; an item without a
// unit is done by its subject.
std::string subject_of(const model::Item& item, const Bodies& bodies) {
    return bodies.name(item.body.id);
}
std::string unit_of(const model::Item& item, const Bodies& bodies) {
    return bodies.name(item.unit ? item.unit->id : item.body.id);
}

std::string number_text(double value) {
    if (value == std::floor(value) && std::abs(value) < 1e15) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

std::string target_text(const model::Metric& metric) {
    return std::string(model::to_sign(metric.comparison)) + number_text(metric.value) +
           std::string(model::unit_label(metric.unit));
}

std::string list_title(const Publication& p, ListKind kind) {
    std::string name;
    switch (kind) {
        case ListKind::power:
            name = p.level == model::Level::county ? "行政执法事项清单" : "综合行政执法事项清单";
            break;
        case ListKind::problem:
            name = "问题清单";
            break;
        case ListKind::warning:
            name = "警示清单";
            break;
        case ListKind::performance:
            name = "绩效清单";
            break;
        case ListKind::body:
            name = std::string(to_label(kind));  // no published list
            break;
    }
    return p.jurisdiction_name + name + (p.revision.empty() ? "" : "（" + p.revision + "）");
}

}  // namespace

const std::vector<ListKind>& all_lists() {
    static const std::vector<ListKind> lists(k_lists.begin(), k_lists.end());
    return lists;
}

std::string chinese_date(std::string_view iso_date) {
    int year = 0;
    int month = 0;
    int day = 0;
    if (iso_date.size() != 10 ||
        std::sscanf(std::string(iso_date).c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3) {
        return std::string(iso_date);
    }
    return fmt::format("{}年{}月{}日", year, month, day);
}

Publication publish(const model::Bundle& bundle, std::string_view jurisdiction) {
    const model::ListSet* set = bundle.find(jurisdiction);
    if (!set) {
        throw Error("no list set of jurisdiction '" + std::string(jurisdiction) + "'");
    }
    const Bodies bodies(bundle);
    const auto& j = set->jurisdiction;
    Publication p;
    p.jurisdiction_id = j.id;
    p.jurisdiction_name = j.name;
    p.level = j.level;
    p.revision = j.revision.value_or("");
    p.effective = j.effective.value_or("");
    p.issuer = j.name + "人民政府";
    for (const auto& body : j.bodies) {
        if (body.kind == model::BodyKind::government ||
            body.kind == model::BodyKind::subdistrict_office) {
            p.issuer = body.name;
            break;
        }
    }
    p.title = list_title(p, ListKind::power);

    // Items under the department they come from (a township's delegated items) or the department
    // holding them (a county's items, a township's own items); departments in sector order,
    // delegated groups first; within a group by category in customary order, then list order.
    struct Key {
        bool own;
        std::size_t sector;
        std::string name;
        std::string id;
        bool operator<(const Key& o) const {
            return std::tie(own, sector, name, id) < std::tie(o.own, o.sector, o.name, o.id);
        }
    };
    std::map<Key, std::vector<const model::Item*>> groups;
    std::map<model::Category, std::size_t> counts;  // in the customary order
    for (const auto& item : set->items) {
        const bool delegated = item.delegation.has_value();
        const std::string& from = delegated ? item.delegation->from.id : item.body.id;
        const model::Body* department = bodies.department(from);
        const std::string id = department ? department->id : from;
        groups[{!delegated, sector_rank(department), bodies.name(id), id}].push_back(&item);
        ++counts[item.category];
        p.delegated += delegated ? 1 : 0;
    }
    p.total = set->items.size();
    for (const auto& [category, count] : counts) {
        p.by_category.push_back({std::string(model::to_label(category)), count});
    }
    for (auto& [key, items] : groups) {
        std::stable_sort(items.begin(), items.end(), [](const auto* a, const auto* b) {
            return a->category < b->category;  // the enum is in the customary order
        });
        PowerGroup group{key.name, key.id, {}};
        for (const auto* item : items) {
            PowerRow row;
            row.number = group.rows.size() + 1;
            row.code = item->code;
            row.name = item->name;
            row.category = model::to_label(item->category);
            row.subject = subject_of(*item, bodies);
            row.unit = unit_of(*item, bodies);
            if (item->delegation) {
                row.mode = model::to_label(item->delegation->mode);
                row.origin = bodies.name(item->delegation->from.id);
            }
            row.basis = citations(item->basis);
            row.remarks = item->remarks.value_or("");
            if (const auto granted = grants(*item, bundle); !granted.empty()) {
                row.remarks += (row.remarks.empty() ? "" : "；") + granted;
            }
            group.rows.push_back(std::move(row));
        }
        p.power.push_back(std::move(group));
    }

    for (const auto& problem : set->problems) {
        ProblemRow row;
        row.number = p.problems.size() + 1;
        row.code = problem.code;
        row.name = problem.name;
        row.description = problem.description.value_or("");
        row.lead = bodies.name(problem.lead.id);
        row.cooperating = bodies.names(problem.cooperating);
        for (const auto& ref : problem.items) {
            row.items.push_back(ref.id);
        }
        p.problems.push_back(std::move(row));
    }
    for (const auto& warning : set->warnings) {
        p.warnings.push_back({p.warnings.size() + 1, warning.code, warning.situation,
                              bodies.names(warning.applies_to), warning.consequence,
                              citations(warning.basis)});
    }
    for (const auto& metric : set->metrics) {
        p.metrics.push_back({p.metrics.size() + 1, metric.code, metric.name,
                             metric.description.value_or(""), target_text(metric),
                             std::string(model::to_string(metric.comparison)), metric.value,
                             metric.unit, metric.weight, bodies.name(metric.assessor.id),
                             bodies.names(metric.assessed)});
    }
    return p;
}

std::vector<ListKind> present_lists(const Publication& p) {
    std::vector<ListKind> out = {ListKind::power};
    if (!p.problems.empty()) {
        out.push_back(ListKind::problem);
    }
    if (!p.warnings.empty()) {
        out.push_back(ListKind::warning);
    }
    if (!p.metrics.empty()) {
        out.push_back(ListKind::performance);
    }
    return out;
}

std::string summary_line(const Publication& p) {
    std::vector<std::string> parts;
    for (const auto& c : p.by_category) {
        parts.push_back(fmt::format("{}{}项", c.category, c.count));
    }
    std::string out = fmt::format("共{}项", p.total);
    if (!parts.empty()) {
        out += "：" + join(parts, "、");
    }
    if (p.delegated > 0 && p.delegated < p.total) {
        out += fmt::format("（其中承接县直部门事项{}项，本级事项{}项）", p.delegated,
                           p.total - p.delegated);
    }
    return out;
}

Document to_document(const Publication& p, const std::vector<ListKind>& lists) {
    Document doc;
    doc.title = p.title;
    doc.author = p.issuer;
    doc.date = p.effective;
    std::string dated = "发布机关：" + p.issuer;
    if (!p.effective.empty()) {
        dated = "施行日期：" + chinese_date(p.effective) + "　　" + dated;
    }
    const bool county = p.level == model::Level::county;
    for (const auto kind : lists) {
        Sheet sheet;
        sheet.key = std::string(to_string(kind));
        sheet.name = std::string(to_label(kind));
        sheet.title = list_title(p, kind);
        sheet.notes.push_back(dated);
        switch (kind) {
            case ListKind::power: {
                sheet.notes.push_back(summary_line(p));
                sheet.group_label = county ? "部门" : "县直部门";
                sheet.columns = {{"序号", 6},
                                 {"事项编码", 16},
                                 {"事项名称", 48},
                                 {"事项类别", 14, true},
                                 {"实施主体", 26, county},
                                 {"承办机构", 26}};
                if (!county) {
                    sheet.columns.insert(sheet.columns.end(),
                                         {{"承接方式", 10}, {"原实施部门", 26, true}});
                }
                sheet.columns.insert(sheet.columns.end(), {{"设定依据", 56}, {"备注", 30}});
                std::size_t n = 0;
                for (const auto& group : p.power) {
                    Group g;
                    g.heading = text::chinese_number(static_cast<int>(++n)) + "、" +
                                group.department + fmt::format("（{}项）", group.rows.size());
                    for (const auto& r : group.rows) {
                        std::vector<std::string> cells = {std::to_string(r.number),
                                                          r.code,
                                                          r.name,
                                                          r.category,
                                                          r.subject,
                                                          r.unit};
                        if (!county) {
                            cells.push_back(r.mode);
                            cells.push_back(r.origin);
                        }
                        cells.push_back(join(r.basis, "；"));
                        cells.push_back(r.remarks);
                        g.rows.push_back(std::move(cells));
                    }
                    sheet.groups.push_back(std::move(g));
                }
                break;
            }
            case ListKind::problem: {
                sheet.notes.push_back(fmt::format("共{}项", p.problems.size()));
                sheet.columns = {{"序号", 6},      {"编码", 12},           {"问题名称", 24},
                                 {"问题描述", 56}, {"牵头单位", 26, true}, {"配合单位", 40},
                                 {"相关事项", 30}};
                Group g;
                for (const auto& r : p.problems) {
                    g.rows.push_back({std::to_string(r.number), r.code, r.name, r.description,
                                      r.lead, join(r.cooperating, "、"), join(r.items, "、")});
                }
                sheet.groups.push_back(std::move(g));
                break;
            }
            case ListKind::warning: {
                sheet.notes.push_back(fmt::format("共{}项", p.warnings.size()));
                sheet.columns = {{"序号", 6},      {"编码", 12}, {"情形", 48},
                                 {"适用对象", 40}, {"后果", 48}, {"依据", 40}};
                Group g;
                for (const auto& r : p.warnings) {
                    g.rows.push_back({std::to_string(r.number), r.code, r.situation,
                                      join(r.applies_to, "、"), r.consequence,
                                      join(r.basis, "；")});
                }
                sheet.groups.push_back(std::move(g));
                break;
            }
            case ListKind::performance: {
                sheet.notes.push_back(fmt::format("共{}项", p.metrics.size()));
                sheet.columns = {
                    {"序号", 6},    {"编码", 12}, {"指标", 24},           {"说明", 48},
                    {"目标值", 10}, {"权重", 8},  {"考核主体", 24, true}, {"被考核单位", 40}};
                Group g;
                for (const auto& r : p.metrics) {
                    g.rows.push_back({std::to_string(r.number), r.code, r.name, r.description,
                                      r.target, number_text(r.weight) + "%", r.assessor,
                                      join(r.assessed, "、")});
                }
                sheet.groups.push_back(std::move(g));
                break;
            }
            case ListKind::body:
                break;  // no published list
        }
        doc.sheets.push_back(std::move(sheet));
    }
    return doc;
}

nlohmann::ordered_json to_json(const Publication& p, const std::vector<ListKind>& lists) {
    using json = nlohmann::ordered_json;
    auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    json by_category = json::array();
    for (const auto& c : p.by_category) {
        by_category.push_back({{"category", c.category}, {"count", c.count}});
    }
    json out = {{"jurisdiction",
                 {{"id", p.jurisdiction_id},
                  {"name", p.jurisdiction_name},
                  {"level", std::string(model::to_string(p.level))}}},
                {"title", p.title},
                {"revision", text_or_null(p.revision)},
                {"effective", text_or_null(p.effective)},
                {"issuer", p.issuer},
                {"summary",
                 {{"text", summary_line(p)},
                  {"total", p.total},
                  {"delegated", p.delegated},
                  {"by_category", by_category}}},
                {"lists", json::object()}};
    json& out_lists = out["lists"];
    for (const auto kind : lists) {
        json list = {{"title", list_title(p, kind)}};
        switch (kind) {
            case ListKind::power: {
                json groups = json::array();
                for (const auto& g : p.power) {
                    json items = json::array();
                    for (const auto& r : g.rows) {
                        items.push_back({{"number", r.number},
                                         {"code", r.code},
                                         {"name", r.name},
                                         {"category", r.category},
                                         {"subject", r.subject},
                                         {"unit", r.unit},
                                         {"mode", text_or_null(r.mode)},
                                         {"origin", text_or_null(r.origin)},
                                         {"basis", r.basis},
                                         {"remarks", text_or_null(r.remarks)}});
                    }
                    groups.push_back(
                        {{"department", {{"id", g.department_id}, {"name", g.department}}},
                         {"items", items}});
                }
                list["groups"] = groups;
                break;
            }
            case ListKind::problem: {
                json rows = json::array();
                for (const auto& r : p.problems) {
                    rows.push_back({{"number", r.number},
                                    {"code", r.code},
                                    {"name", r.name},
                                    {"description", text_or_null(r.description)},
                                    {"lead", r.lead},
                                    {"cooperating", r.cooperating},
                                    {"items", r.items}});
                }
                list["problems"] = rows;
                break;
            }
            case ListKind::warning: {
                json rows = json::array();
                for (const auto& r : p.warnings) {
                    rows.push_back({{"number", r.number},
                                    {"code", r.code},
                                    {"situation", r.situation},
                                    {"applies_to", r.applies_to},
                                    {"consequence", r.consequence},
                                    {"basis", r.basis}});
                }
                list["warnings"] = rows;
                break;
            }
            case ListKind::performance: {
                json rows = json::array();
                for (const auto& r : p.metrics) {
                    rows.push_back({{"number", r.number},
                                    {"code", r.code},
                                    {"name", r.name},
                                    {"description", text_or_null(r.description)},
                                    {"target",
                                     {{"text", r.target},
                                      {"comparison", r.comparison},
                                      {"value", r.value},
                                      {"unit", r.unit}}},
                                    {"weight", r.weight},
                                    {"assessor", r.assessor},
                                    {"assessed", r.assessed}});
                }
                list["metrics"] = rows;
                break;
            }
            case ListKind::body:
                break;  // no published list
        }
        out_lists[std::string(to_string(kind))] = list;
    }
    return out;
}

}  // namespace lawlist::exporting
