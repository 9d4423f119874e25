// The audit's findings as a listing, with the two reports for people: findings grouped by
// severity (table) and the reform office's report (markdown).

#include <map>

#include <fmt/format.h>

#include "lawlist/format/records.hpp"
#include "lawlist/format/table.hpp"

namespace lawlist::format {
namespace {

std::string item_list(const audit::Finding& f) {
    return join(f.items, "、");
}

std::string grouped_by_severity(const std::vector<audit::Finding>& findings,
                                const WriterOptions& options) {
    if (findings.empty()) {
        return "未发现问题。\n";
    }
    std::string out;
    for (const auto severity :
         {audit::Severity::error, audit::Severity::warning, audit::Severity::info}) {
        Table table({"序号", "代码", "辖区", "涉及事项", "位置", "说明"});
        std::size_t n = 0;
        for (const auto& f : findings) {
            if (f.severity == severity) {
                table.add_row({std::to_string(++n), std::string(audit::to_string(f.code)),
                               f.jurisdiction, item_list(f), f.location.to_string(), f.message});
            }
        }
        if (n > 0) {
            out += fmt::format("{}（{}）：{}项\n", audit::to_label(severity),
                               audit::to_string(severity), n) +
                   render_text(table, options) + '\n';
        }
    }
    return out;
}

std::string markdown_report(const std::vector<audit::Finding>& findings,
                            const model::Bundle& bundle) {
    std::map<std::string, std::string> body_names;
    std::map<std::string, std::string> jurisdiction_names;
    for (const auto& set : bundle.list_sets) {
        jurisdiction_names[set.jurisdiction.id] = set.jurisdiction.name;
        for (const auto& body : set.jurisdiction.bodies) {
            body_names[body.id] = body.name;
        }
    }
    auto name_of = [](const std::map<std::string, std::string>& names, const std::string& id) {
        const auto it = names.find(id);
        return it == names.end() ? id : it->second;
    };
    std::string out = "# 执法事项清单审查报告\n\n";
    std::map<std::string, std::pair<audit::Severity, std::size_t>> by_code;
    std::map<std::string, std::size_t> by_body;
    for (const auto& f : findings) {
        auto& entry = by_code[std::string(audit::to_string(f.code))];
        entry.first = f.severity;
        ++entry.second;
        for (const auto& body : f.bodies) {
            ++by_body[body];
        }
    }
    out += fmt::format("共发现问题{}项。\n\n## 按问题类型\n\n", findings.size());
    Table codes({"问题类型", "级别", "数量"});
    for (const auto& [code, entry] : by_code) {
        codes.add_row(
            {code, std::string(audit::to_label(entry.first)), std::to_string(entry.second)});
    }
    out += codes.render_markdown() + "\n## 按部门\n\n";
    Table bodies({"部门", "涉及问题数"});
    for (const auto& [body, count] : by_body) {
        bodies.add_row({name_of(body_names, body), std::to_string(count)});
    }
    out += bodies.render_markdown();
    const auto groups = audit::overlap_groups(findings);
    if (!groups.empty()) {
        out += "\n## 职责交叉的部门群\n\n";
        for (const auto& group : groups) {
            std::vector<std::string> names;
            for (const auto& id : group) {
                names.push_back(name_of(body_names, id));
            }
            out += "- " + join(names, "、") + '\n';
        }
    }
    out += "\n## 问题明细\n\n";
    Table details({"序号", "级别", "辖区", "涉及事项", "位置", "说明"});
    std::size_t n = 0;
    for (const auto& f : findings) {
        details.add_row({std::to_string(++n), std::string(audit::to_label(f.severity)),
                         name_of(jurisdiction_names, f.jurisdiction), item_list(f),
                         f.location.to_string(), f.message});
    }
    return out + details.render_markdown();
}

}  // namespace

const RecordType<audit::Finding>& finding_record() {
    using R = audit::Finding;
    static const RecordType<R> type{
        {
            {"severity", "级别",
             [](const R& r) { return std::string(audit::to_string(r.severity)); },
             [](const R& r) { return std::string(audit::to_label(r.severity)); }},
            {"code", "代码", [](const R& r) { return std::string(audit::to_string(r.code)); }},
            {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }},
            {"items", "涉及事项", [](const R& r) { return join(r.items, ";"); }, item_list},
            {"bodies", "", [](const R& r) { return join(r.bodies, ";"); }},
            {"location", "位置", [](const R& r) { return r.location.to_string(); }},
            {"message", "说明", [](const R& r) { return r.message; }},
        },
        [](const R& r) { return audit::to_json(r); },
        true,
    };
    return type;
}

Listing findings_listing(const std::vector<audit::Finding>& findings, const model::Bundle& bundle) {
    Listing listing = make_listing(finding_record(), findings);
    listing.report = [&findings, &bundle](
                         Output output,
                         const WriterOptions& options) -> std::optional<std::string> {
        if (output == Output::table) {
            return grouped_by_severity(findings, options);
        }
        if (output == Output::markdown) {
            return markdown_report(findings, bundle);
        }
        return std::nullopt;
    };
    return listing;
}

}  // namespace lawlist::format
