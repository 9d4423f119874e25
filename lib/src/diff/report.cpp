#include "lawlist/diff/report.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <iterator>
#include <map>
#include <set>

#include <fmt/format.h>

#include <optional>
#include <ostream>

#include "lawlist/error.hpp"
#include "lawlist/export/html.hpp"
#include "lawlist/export/text.hpp"
#include "lawlist/export/xlsx.hpp"
#include "lawlist/format/table.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/model/fields.hpp"

namespace lawlist::diff {
namespace {

constexpr std::array k_lists{List::power, List::problem, List::warning, List::performance,
                             List::body};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) {
            out += separator;
        }
        out += p;
    }
    return out;
}

// The published heading of a described field of `list` (model/fields.hpp), or none.
template <typename Entry>
std::optional<std::string_view> heading_in(const model::Description<Entry>& description,
                                           std::string_view field) {
    for (const auto& f : description.fields) {
        if (f.key == field) {
            return f.heading;
        }
    }
    return std::nullopt;
}

// How a report heads a changed field: a described field by its published heading (事项名称,
// 承办机构), the fields kept by hand and the metric's target by these.
std::string_view field_label(List list, std::string_view field) {
    std::optional<std::string_view> heading;
    switch (list) {
        case List::power:
            heading = heading_in(model::item_description(), field);
            break;
        case List::problem:
            heading = heading_in(model::problem_description(), field);
            break;
        case List::warning:
            heading = heading_in(model::warning_description(), field);
            break;
        case List::performance:
            heading = heading_in(model::metric_description(), field);
            break;
        case List::body:
            heading = heading_in(model::body_description(), field);
            break;
    }
    if (heading) {
        return *heading;
    }
    static const std::map<std::string_view, std::string_view> labels{
        {"basis", "设定依据"},       {"violation_types", "违法行为类型"},
        {"mode", "承接方式"},        {"delegation", "原实施部门"},
        {"delegated_to", "下放"},    {"items", "涉及事项"},
        {"cooperating", "配合单位"}, {"applies_to", "适用单位"},
        {"target", "目标值"},        {"assessed", "被考核单位"},
    };
    const auto it = labels.find(field);
    return it == labels.end() ? field : it->second;
}

// Values as people read them: bodies, violation types and townships by name.
class Namer {
  public:
    explicit Namer(const Result& result) : m_result(result) {
        for (const auto& j : result.jurisdictions) {
            m_jurisdictions[j.id] = j.name;
            m_levels[j.id] = j.level;
        }
    }

    std::string value(std::string_view field, const std::string& v) const {
        if (field == "subject" || field == "unit" || field == "lead" || field == "cooperating" ||
            field == "applies_to" || field == "assessor" || field == "assessed" ||
            field == "parent") {
            return lookup(m_result.body_names, v);
        }
        if (field == "violation_types") {
            return lookup(m_result.type_names, v);
        }
        if (field == "delegated_to" || (field == "mode" && v.find(':') != std::string::npos)) {
            const auto colon = v.find(':');
            return jurisdiction(v.substr(0, colon)) + "（" + v.substr(colon + 1) + "）";
        }
        return v;
    }

    std::string jurisdiction(const std::string& id) const { return lookup(m_jurisdictions, id); }

    bool county(const std::string& id) const {
        const auto it = m_levels.find(id);
        return it != m_levels.end() && it->second == model::Level::county;
    }

    // "old → new" for a scalar, "增加 …；删去 …" for a list.
    std::string change(const Field& f) const {
        auto names = [&](const std::vector<std::string>& values) {
            std::vector<std::string> out;
            for (const auto& v : values) {
                out.push_back(value(f.field, v));
            }
            return join(out, "、");
        };
        if (!f.list) {
            const auto a = f.old_value.empty() ? std::string("（无）") : names(f.old_value);
            const auto b = f.new_value.empty() ? std::string("（无）") : names(f.new_value);
            return a + " → " + b;
        }
        std::vector<std::string> added;
        std::vector<std::string> removed;
        std::set_difference(f.new_value.begin(), f.new_value.end(), f.old_value.begin(),
                            f.old_value.end(), std::back_inserter(added));
        std::set_difference(f.old_value.begin(), f.old_value.end(), f.new_value.begin(),
                            f.new_value.end(), std::back_inserter(removed));
        std::vector<std::string> parts;
        if (!added.empty()) {
            parts.push_back("增加 " + names(added));
        }
        if (!removed.empty()) {
            parts.push_back("删去 " + names(removed));
        }
        return join(parts, "，");
    }

    std::string fields(const Change& c) const {
        std::vector<std::string> parts;
        for (const auto& f : c.fields) {
            parts.push_back(std::string(field_label(c.list, f.field)) + "：" + change(f));
        }
        return join(parts, "；");
    }

    // "乡街办（石河镇综合行政执法队）→ 行业办（…）".
    std::string moved(const Outcome& a, const Outcome& b) const {
        const auto from = outcome(a);
        return from + (from.ends_with("）") ? "→ " : " → ") + outcome(b);
    }

    std::string outcome(const Outcome& o) const {
        std::string out(resolve::to_label(o.route));
        const auto& who = o.route == resolve::Route::joint && o.lead ? o.lead : o.handler;
        if (who) {
            out += "（" + who->name + "）";
        }
        return out;
    }

  private:
    static std::string lookup(const std::map<std::string, std::string>& names,
                              const std::string& id) {
        const auto it = names.find(id);
        return it == names.end() ? id : it->second;
    }

    const Result& m_result;
    std::map<std::string, std::string> m_jurisdictions;
    std::map<std::string, model::Level> m_levels;
};

std::string code_of(const Counterpart& p) {
    return p.new_code ? *p.new_code : *p.old_code;
}

std::string counterpart_codes(const Change& c) {
    std::vector<std::string> out;
    for (const auto& p : c.counterparts) {
        out.push_back(code_of(p));
    }
    return join(out, "、");
}

// The county codes and the township codes a power change touches.
std::pair<std::string, std::string> county_and_townships(const Change& c, const Namer& namer) {
    std::vector<std::string> county;
    std::vector<std::string> townships;
    (namer.county(c.jurisdiction) ? county : townships).push_back(c.entry().code);
    for (const auto& p : c.counterparts) {
        (namer.county(p.jurisdiction) ? county : townships).push_back(code_of(p));
    }
    return {join(county, "、"), join(townships, "、")};
}

const Field* find_field(const Change& c, std::string_view name) {
    for (const auto& f : c.fields) {
        if (f.field == name) {
            return &f;
        }
    }
    return nullptr;
}

std::string side_value(const Field* f, bool new_side, const Namer& namer) {
    if (!f) {
        return "";
    }
    std::vector<std::string> out;
    for (const auto& v : new_side ? f->new_value : f->old_value) {
        out.push_back(namer.value(f->field, v));
    }
    return join(out, "、");
}

std::string kinds_text(const Change& c) {
    std::vector<std::string> out;
    for (const auto k : c.kinds) {
        out.emplace_back(to_label(k));
    }
    return join(out, "、");
}

// The kinds present on a list, in order.
std::vector<Kind> kinds_on(const Result& r, List list) {
    std::set<Kind> kinds;
    for (const auto& c : r.changes) {
        if (c.list == list) {
            kinds.insert(c.kinds.begin(), c.kinds.end());
        }
    }
    return {kinds.begin(), kinds.end()};
}

// Jurisdictions the changes touch, in the comparison's order.
std::vector<const JurisdictionRevisions*> touched(const Result& r) {
    std::set<std::string> ids;
    for (const auto& c : r.changes) {
        ids.insert(c.jurisdiction);
        for (const auto& p : c.counterparts) {
            ids.insert(p.jurisdiction);
        }
    }
    std::vector<const JurisdictionRevisions*> out;
    for (const auto& j : r.jurisdictions) {
        if (ids.contains(j.id)) {
            out.push_back(&j);
        }
    }
    return out;
}

std::string revision_text(const std::optional<std::string>& r) {
    return r ? (r->empty() ? std::string("（未标注）") : *r) : std::string("（无）");
}

// "2024年版 → 2025年调整" when every touched jurisdiction moved between the same two revisions.
std::optional<std::string> common_revisions(const std::vector<const JurisdictionRevisions*>& js) {
    if (js.empty()) {
        return std::nullopt;
    }
    for (const auto* j : js) {
        if (j->old_revision != js.front()->old_revision ||
            j->new_revision != js.front()->new_revision) {
            return std::nullopt;
        }
    }
    return revision_text(js.front()->old_revision) + " → " +
           revision_text(js.front()->new_revision);
}

std::string summary_line(const Result& r) {
    std::vector<std::string> lists;
    for (const auto list : k_lists) {
        const auto n = std::count_if(r.changes.begin(), r.changes.end(),
                                     [&](const Change& c) { return c.list == list; });
        if (n == 0) {
            continue;
        }
        std::vector<std::string> kinds;
        for (const auto k : kinds_on(r, list)) {
            kinds.push_back(fmt::format("{}{}", to_label(k), r.count(list, k)));
        }
        lists.push_back(fmt::format("{}{}项（{}）", to_label(list), n, join(kinds, "、")));
    }
    return join(lists, "，");
}

nlohmann::ordered_json field_value(const Field& f, const std::vector<std::string>& v) {
    if (f.list) {
        return v;
    }
    return v.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v.front());
}

nlohmann::ordered_json body_json(const std::optional<resolve::BodyInfo>& b) {
    return b ? resolve::to_json(*b) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json outcome_json(const Outcome& o) {
    return {{"route", resolve::to_string(o.route)},
            {"handler", body_json(o.handler)},
            {"lead", body_json(o.lead)}};
}

}  // namespace

nlohmann::ordered_json to_json(const Change& c) {
    nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
    for (const auto k : c.kinds) {
        kinds.push_back(to_string(k));
    }
    nlohmann::ordered_json counterparts = nlohmann::ordered_json::array();
    for (const auto& p : c.counterparts) {
        counterparts.push_back({{"jurisdiction", p.jurisdiction}, {"code", code_of(p)}});
    }
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const auto& f : c.fields) {
        fields.push_back({{"field", f.field},
                          {"old", field_value(f, f.old_value)},
                          {"new", field_value(f, f.new_value)}});
    }
    const bool recoded = c.old_entry && c.new_entry && c.old_entry->code != c.new_entry->code;
    return {{"list", to_string(c.list)},
            {"kinds", kinds},
            {"jurisdiction", c.jurisdiction},
            {"code", c.entry().code},
            {"old_code", recoded ? nlohmann::ordered_json(c.old_entry->code) : nullptr},
            {"name", c.entry().name},
            {"counterparts", counterparts},
            {"fields", fields}};
}

nlohmann::ordered_json to_json(const Result& r) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& c : r.changes) {
        out.push_back(to_json(c));
    }
    for (const auto& x : r.resolutions) {
        out.push_back(
            {{"list", "impact"},
             {"violation_type", {{"id", x.violation_type}, {"name", x.violation_type_name}}},
             {"jurisdiction", x.jurisdiction},
             {"old", outcome_json(x.old_outcome)},
             {"new", outcome_json(x.new_outcome)}});
    }
    for (const auto& f : r.findings) {
        out.push_back({{"list", "audit"},
                       {"kinds", {f.appeared ? "appeared" : "disappeared"}},
                       {"jurisdiction", f.finding.jurisdiction},
                       {"finding", audit::to_json(f.finding)}});
    }
    return out;
}

std::string render_text(const Result& r, const format::WriterOptions& options) {
    if (r.empty()) {
        return "两个版本之间没有差异。\n";
    }
    const Namer namer(r);
    std::string out;
    const auto js = touched(r);
    for (const auto* j : js) {
        out += fmt::format("{}（{}）：{} → {}\n", j->name, j->id, revision_text(j->old_revision),
                           revision_text(j->new_revision));
    }
    out += '\n';
    format::Table counts({"清单", "调整类型", "数量"});
    for (const auto list : k_lists) {
        for (const auto k : kinds_on(r, list)) {
            counts.add_row({std::string(to_label(list)),
                            fmt::format("{}（{}）", to_label(k), to_string(k)),
                            std::to_string(r.count(list, k))});
        }
    }
    out += format::render_text(counts, options);
    for (const auto list : k_lists) {
        for (const auto k : kinds_on(r, list)) {
            format::Table t({"辖区", "编码", "名称", "关联事项", "调整内容"});
            for (const auto& c : r.changes) {
                if (c.list == list && c.has(k)) {
                    t.add_row({namer.jurisdiction(c.jurisdiction), c.entry().code, c.entry().name,
                               counterpart_codes(c), namer.fields(c)});
                }
            }
            out += fmt::format("\n{} · {}（{}）：{}项\n", to_label(list), to_label(k), to_string(k),
                               t.size()) +
                   format::render_text(t, options);
        }
    }
    if (!r.resolutions.empty()) {
        format::Table t({"辖区", "违法行为类型", "原处置", "新处置"});
        for (const auto& x : r.resolutions) {
            t.add_row({namer.jurisdiction(x.jurisdiction), x.violation_type_name,
                       namer.outcome(x.old_outcome), namer.outcome(x.new_outcome)});
        }
        out += fmt::format("\n影响 · 处置去向变化：{}项\n", t.size()) +
               format::render_text(t, options);
    }
    if (!r.findings.empty()) {
        format::Table t({"变化", "代码", "辖区", "说明"});
        for (const auto& f : r.findings) {
            t.add_row({f.appeared ? "新增" : "消除", std::string(audit::to_string(f.finding.code)),
                       namer.jurisdiction(f.finding.jurisdiction), f.finding.message});
        }
        out += fmt::format("\n影响 · 审查结果变化：{}项\n", t.size()) +
               format::render_text(t, options);
    }
    return out;
}

namespace {

// One table of the notice: a kind of power change, another list, or the impact.
struct NoticeTable {
    std::string key;      // ASCII: power-delegated, problem, impact, ...
    std::string name;     // 下放, 问题清单, ...
    std::string heading;  // the Markdown heading above it
    int level = 3;        // ## for a list, ### for a kind
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
};

// The columns adjustment notices use for each kind of power change.
void power_columns(Kind k, const Namer& namer, std::vector<std::string>& headers,
                   std::function<std::vector<std::string>(const Change&)>& row) {
    auto single = [&](std::string_view field, std::string_view what) {
        headers = {"事项", "事项名称", fmt::format("原{}", what), fmt::format("新{}", what)};
        row = [&namer, field](const Change& c) {
            const auto* f = find_field(c, field);
            return std::vector<std::string>{c.entry().code, c.entry().name,
                                            side_value(f, false, namer),
                                            side_value(f, true, namer)};
        };
    };
    switch (k) {
        case Kind::added:
        case Kind::cancelled:
        case Kind::delegated:
        case Kind::recalled:
            headers = {"县事项", "乡镇事项", "事项名称", "设定依据"};
            row = [&namer](const Change& c) {
                auto [county, townships] = county_and_townships(c, namer);
                return std::vector<std::string>{county, townships, c.entry().name,
                                                join(c.entry().basis, "；")};
            };
            break;
        case Kind::renamed:
            headers = {"县事项", "乡镇事项", "原名称", "新名称"};
            row = [&namer](const Change& c) {
                auto [county, townships] = county_and_townships(c, namer);
                return std::vector<std::string>{county, townships, c.old_entry->name,
                                                c.new_entry->name};
            };
            break;
        case Kind::rebased:
            headers = {"事项", "原依据", "新依据"};
            row = [](const Change& c) {
                std::string codes = c.entry().code;
                for (const auto& p : c.counterparts) {
                    codes += "、" + code_of(p);
                }
                return std::vector<std::string>{codes, join(c.old_entry->basis, "；"),
                                                join(c.new_entry->basis, "；")};
            };
            break;
        case Kind::recoded:
            headers = {"原编码", "新编码", "事项名称"};
            row = [](const Change& c) {
                return std::vector<std::string>{c.old_entry->code, c.new_entry->code,
                                                c.entry().name};
            };
            break;
        case Kind::mode_changed:
            headers = {"县事项", "乡镇事项", "事项名称", "原承接方式", "新承接方式"};
            row = [&namer](const Change& c) {
                auto [county, townships] = county_and_townships(c, namer);
                const auto* f = find_field(c, "mode");
                return std::vector<std::string>{county, townships, c.entry().name,
                                                side_value(f, false, namer),
                                                side_value(f, true, namer)};
            };
            break;
        case Kind::holder_changed:
            single("subject", "实施主体");
            break;
        case Kind::category_changed:
            single("category", "类别");
            break;
        case Kind::types_changed:
            single("violation_types", "违法行为类型");
            break;
        default:
            headers = {"事项", "事项名称", "调整内容"};
            row = [&namer](const Change& c) {
                return std::vector<std::string>{c.entry().code, c.entry().name, namer.fields(c)};
            };
            break;
    }
}

// The notice's tables in order: power changes by kind, the other lists, then the impact.
std::vector<NoticeTable> notice_tables(const Result& r, const Namer& namer) {
    std::vector<NoticeTable> out;
    for (const auto list : k_lists) {
        const auto kinds = kinds_on(r, list);
        if (kinds.empty()) {
            continue;
        }
        if (list != List::power) {
            NoticeTable t{std::string(to_string(list)),         std::string(to_label(list)),
                          std::string(to_label(list)),          2,
                          {"编号", "名称", "调整", "调整内容"}, {}};
            for (const auto& c : r.changes) {
                if (c.list == list) {
                    t.rows.push_back(
                        {c.entry().code, c.entry().name, kinds_text(c), namer.fields(c)});
                }
            }
            out.push_back(std::move(t));
            continue;
        }
        for (const auto k : kinds) {
            NoticeTable t{
                "power-" + std::string(to_string(k)), std::string(to_label(k)), "", 3, {}, {}};
            std::function<std::vector<std::string>(const Change&)> row;
            power_columns(k, namer, t.headers, row);
            for (const auto& c : r.changes) {
                if (c.list == list && c.has(k)) {
                    t.rows.push_back(row(c));
                }
            }
            t.heading = fmt::format("{}（{}项）", to_label(k), t.rows.size());
            out.push_back(std::move(t));
        }
    }
    if (!r.resolutions.empty()) {
        NoticeTable t{"impact",
                      "处置去向变化",
                      "处置去向变化",
                      3,
                      {"辖区", "违法行为类型", "原处置", "新处置"},
                      {}};
        for (const auto& x : r.resolutions) {
            t.rows.push_back({namer.jurisdiction(x.jurisdiction), x.violation_type_name,
                              namer.outcome(x.old_outcome), namer.outcome(x.new_outcome)});
        }
        out.push_back(std::move(t));
    }
    if (!r.findings.empty()) {
        NoticeTable t{"audit", "审查结果变化", "审查结果变化", 3, {"变化", "代码", "辖区", "说明"},
                      {}};
        for (const auto& f : r.findings) {
            t.rows.push_back({f.appeared ? "新增" : "消除",
                              std::string(audit::to_string(f.finding.code)),
                              namer.jurisdiction(f.finding.jurisdiction), f.finding.message});
        }
        out.push_back(std::move(t));
    }
    return out;
}

// The notice's title and the lines under it.
std::pair<std::string, std::vector<std::string>> notice_title(const Result& r) {
    const auto js = touched(r);
    std::vector<std::string> names;
    for (const auto* j : js) {
        names.push_back(j->name);
    }
    const auto revisions = common_revisions(js);
    std::string title = join(names, "、") + "执法事项清单调整对照表";
    if (revisions) {
        title += "（" + *revisions + "）";
    }
    std::vector<std::string> lines;
    if (r.empty()) {
        lines.emplace_back("两个版本之间没有差异。");
        return {title, lines};
    }
    if (!revisions) {
        for (const auto* j : js) {
            lines.push_back(fmt::format("{}：{} → {}", j->name, revision_text(j->old_revision),
                                        revision_text(j->new_revision)));
        }
    }
    lines.push_back("本次调整：" + summary_line(r) + "。");
    return {title, lines};
}

}  // namespace

std::string render_markdown(const Result& r) {
    const Namer namer(r);
    const auto [title, lines] = notice_title(r);
    std::string out = "# " + title + "\n\n";
    if (r.empty()) {
        return out + lines.front() + "\n";
    }
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        out += "- " + lines[i] + "\n";
    }
    if (lines.size() > 1) {
        out += '\n';
    }
    out += lines.back() + "\n";

    std::optional<List> section;
    for (const auto& t : notice_tables(r, namer)) {
        if (t.key == "impact" || t.key == "audit") {
            break;
        }
        if (t.level == 2) {
            out += "\n## " + t.heading + "\n";
        } else if (section != List::power) {
            section = List::power;
            out += fmt::format("\n## {}\n", to_label(List::power));
        }
        if (t.level == 3) {
            out += "\n### " + t.heading + "\n";
        }
        format::Table table(t.headers);
        for (const auto& row : t.rows) {
            table.add_row(row);
        }
        out += '\n' + table.render_markdown();
    }

    if (!r.resolutions.empty() || !r.findings.empty()) {
        out += "\n## 影响\n";
    }
    if (!r.resolutions.empty()) {
        out += "\n### 处置去向变化\n\n";
        for (const auto& x : r.resolutions) {
            out += fmt::format("- {} · {}：{}\n", namer.jurisdiction(x.jurisdiction),
                               x.violation_type_name, namer.moved(x.old_outcome, x.new_outcome));
        }
    }
    if (!r.findings.empty()) {
        out += "\n### 审查结果变化\n\n";
        for (const auto& f : r.findings) {
            out += fmt::format("- {}（{}）{}：{}\n", f.appeared ? "新增" : "消除",
                               std::string(audit::to_string(f.finding.code)),
                               namer.jurisdiction(f.finding.jurisdiction), f.finding.message);
        }
    }
    return out;
}

exporting::Document to_document(const Result& r) {
    const Namer namer(r);
    auto [title, lines] = notice_title(r);
    exporting::Document document;
    document.title = title;
    document.author = "执法事项清单调整";
    for (auto& t : notice_tables(r, namer)) {
        exporting::Sheet sheet;
        sheet.key = t.key;
        sheet.name = t.key.rfind("power-", 0) == 0 ? "权责清单" + t.name : t.name;
        sheet.title = title;
        sheet.notes = lines;
        for (const auto& h : t.headers) {
            sheet.columns.push_back({h, h.find("名称") != std::string::npos ? 50u : 30u, false});
        }
        sheet.groups.push_back({"", std::move(t.rows)});
        document.sheets.push_back(std::move(sheet));
    }
    if (document.sheets.empty()) {
        exporting::Sheet sheet;
        sheet.key = "none";
        sheet.name = "调整对照表";
        sheet.title = title;
        sheet.notes = lines;
        sheet.columns.push_back({"说明", 40, false});
        sheet.groups.push_back({"", {{lines.front()}}});
        document.sheets.push_back(std::move(sheet));
    }
    return document;
}

std::string render_csv(const Result& r) {
    const Namer namer(r);
    format::Table t({"清单", "调整类型", "辖区", "编码", "原编码", "名称", "关联事项", "调整内容"});
    for (const auto& c : r.changes) {
        const bool recoded = c.old_entry && c.new_entry && c.old_entry->code != c.new_entry->code;
        t.add_row({std::string(to_label(c.list)), kinds_text(c), c.jurisdiction, c.entry().code,
                   recoded ? c.old_entry->code : "", c.entry().name, counterpart_codes(c),
                   namer.fields(c)});
    }
    for (const auto& x : r.resolutions) {
        t.add_row({"处置去向", "变化", x.jurisdiction, x.violation_type, "", x.violation_type_name,
                   "", namer.moved(x.old_outcome, x.new_outcome)});
    }
    for (const auto& f : r.findings) {
        t.add_row({"审查结果", f.appeared ? "新增" : "消除", f.finding.jurisdiction,
                   std::string(audit::to_string(f.finding.code)), "", "",
                   join(f.finding.items, "、"), f.finding.message});
    }
    return "\xEF\xBB\xBF" + t.render_csv();
}

const std::vector<format::DocumentOutput>& outputs() {
    using format::DocumentOutput;
    static const std::vector<DocumentOutput> all = {
        DocumentOutput::table,    DocumentOutput::json, DocumentOutput::jsonl, DocumentOutput::csv,
        DocumentOutput::markdown, DocumentOutput::html, DocumentOutput::xlsx};
    return all;
}

void write(const Result& result, format::DocumentOutput output, const std::string& path,
           std::ostream& out, const format::WriterOptions& options) {
    using format::DocumentOutput;
    if (output == DocumentOutput::xlsx) {
        if (path == "-") {
            throw Error("xlsx is a binary format: it needs a file path, not '-'");
        }
        exporting::write_xlsx(to_document(result), path);
        return;
    }
    std::string text;
    switch (output) {
        case DocumentOutput::json:
            text = format::dump_json(to_json(result));
            break;
        case DocumentOutput::jsonl:
            for (const auto& record : to_json(result)) {
                text += format::dump_json_line(record);
            }
            break;
        case DocumentOutput::csv:
            text = render_csv(result);
            break;
        case DocumentOutput::markdown:
            text = render_markdown(result);
            break;
        case DocumentOutput::html:
            text = exporting::render_html(to_document(result));
            break;
        default:
            text = render_text(result, path == "-" ? options : format::WriterOptions{});
            break;
    }
    if (path == "-") {
        out << text;
    } else {
        exporting::write_file(path, text);
    }
}

}  // namespace lawlist::diff
