#include "commands/command_audit.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/audit/audit.hpp"
#include "lawlist/io/reader.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct AuditOptions {
    std::vector<std::string> paths;
    std::optional<std::string> jurisdiction;
    std::optional<std::string> revision;
    std::string fail_on = "error";
    std::string as_of;  // empty: today
    DatabaseOption database;
    std::string format;
};

std::string item_list(const audit::Finding& f) {
    std::string out;
    for (const auto& code : f.items) {
        out += (out.empty() ? "" : "、") + code;
    }
    return out;
}

void print_text(const std::vector<audit::Finding>& findings) {
    if (findings.empty()) {
        std::cout << "未发现问题。\n";
        return;
    }
    for (const auto severity :
         {audit::Severity::error, audit::Severity::warning, audit::Severity::info}) {
        format::Table table({"序号", "代码", "辖区", "涉及事项", "位置", "说明"});
        std::size_t n = 0;
        for (const auto& f : findings) {
            if (f.severity == severity) {
                table.add_row({std::to_string(++n), f.code, f.jurisdiction, item_list(f),
                               f.location, f.message});
            }
        }
        if (n > 0) {
            std::cout << fmt::format("{}（{}）：{}项\n", audit::to_label(severity),
                                     audit::to_string(severity), n)
                      << table.render_text() << '\n';
        }
    }
}

void print_markdown(const std::vector<audit::Finding>& findings, const model::Bundle& bundle) {
    std::map<std::string, std::string> body_names;
    std::map<std::string, std::string> jurisdiction_names;
    for (const auto& set : bundle.list_sets) {
        jurisdiction_names[set.jurisdiction.id] = set.jurisdiction.name;
        for (const auto& body : set.jurisdiction.bodies) {
            body_names[body.id] = body.name;
        }
    }
    std::cout << "# 执法事项清单审查报告\n\n";
    std::map<std::string, std::pair<audit::Severity, std::size_t>> by_code;
    std::map<std::string, std::size_t> by_body;
    for (const auto& f : findings) {
        auto& entry = by_code[f.code];
        entry.first = f.severity;
        ++entry.second;
        for (const auto& body : f.bodies) {
            ++by_body[body];
        }
    }
    std::cout << fmt::format("共发现问题{}项。\n\n## 按问题类型\n\n", findings.size());
    format::Table codes({"问题类型", "级别", "数量"});
    for (const auto& [code, entry] : by_code) {
        codes.add_row(
            {code, std::string(audit::to_label(entry.first)), std::to_string(entry.second)});
    }
    std::cout << codes.render_markdown() << "\n## 按部门\n\n";
    format::Table bodies({"部门", "涉及问题数"});
    for (const auto& [body, count] : by_body) {
        const auto it = body_names.find(body);
        bodies.add_row({it == body_names.end() ? body : it->second, std::to_string(count)});
    }
    std::cout << bodies.render_markdown();
    const auto groups = audit::overlap_groups(findings);
    if (!groups.empty()) {
        std::cout << "\n## 职责交叉的部门群\n\n";
        for (const auto& group : groups) {
            std::string names;
            for (const auto& id : group) {
                const auto it = body_names.find(id);
                names += (names.empty() ? "" : "、") + (it == body_names.end() ? id : it->second);
            }
            std::cout << "- " << names << '\n';
        }
    }
    std::cout << "\n## 问题明细\n\n";
    format::Table details({"序号", "级别", "辖区", "涉及事项", "位置", "说明"});
    std::size_t n = 0;
    for (const auto& f : findings) {
        const auto it = jurisdiction_names.find(f.jurisdiction);
        details.add_row({std::to_string(++n), std::string(audit::to_label(f.severity)),
                         it == jurisdiction_names.end() ? f.jurisdiction : it->second, item_list(f),
                         f.location, f.message});
    }
    std::cout << details.render_markdown();
}

int run_audit(const AuditOptions& options) {
    const auto fail_on = audit::parse_severity(options.fail_on);
    model::Bundle bundle;
    if (!options.paths.empty()) {
        // Files are audited as they are: schema errors stop the audit, broken references are
        // findings.
        std::vector<Diagnostic> diagnostics;
        bundle =
            io::read_bundle({options.paths.begin(), options.paths.end()}, schemas(), diagnostics);
        if (!diagnostics.empty()) {
            throw InputError(std::move(diagnostics));
        }
    } else {
        const store::Database database = open_database(options.database);
        if (options.jurisdiction) {
            check_jurisdiction(database, *options.jurisdiction);
        }
        bundle = database.read_bundle(options.revision);
    }
    auto findings = audit::run(bundle, {options.as_of});
    if (options.jurisdiction) {
        std::erase_if(findings,
                      [&](const auto& f) { return f.jurisdiction != *options.jurisdiction; });
    }
    if (options.format == "json" || options.format == "jsonl") {
        nlohmann::ordered_json records = nlohmann::ordered_json::array();
        for (const auto& f : findings) {
            records.push_back(audit::to_json(f));
        }
        print_json(records, options.format);
    } else if (options.format == "markdown") {
        print_markdown(findings, bundle);
    } else {
        print_text(findings);
    }
    const bool failing = std::any_of(findings.begin(), findings.end(),
                                     [&](const auto& f) { return f.severity >= *fail_on; });
    return failing ? k_exit_findings : k_exit_ok;
}

}  // namespace

void register_audit(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<AuditOptions>();
    auto* command = app.add_subcommand(
        "audit", "Find overlaps, gaps, dropped handovers and broken references in the lists");
    command->add_option("paths", options->paths,
                        "Audit these YAML files or folders instead of the database");
    command->add_option("-j,--jurisdiction", options->jurisdiction,
                        "Only findings of this jurisdiction");
    command->add_option("--revision", options->revision,
                        "Audit this revision label where it exists (default: the latest)");
    command
        ->add_option("--fail-on", options->fail_on,
                     "Exit 1 when a finding of this severity or worse exists")
        ->check(CLI::IsMember({"info", "warning", "error"}))
        ->capture_default_str();
    command
        ->add_option("--as-of", options->as_of,
                     "Check citations against the texts in force on this date, YYYY-MM-DD "
                     "(default: today)")
        ->check(CLI::Validator(
            [](const std::string& date) {
                // A real calendar date: 2026-02-30 is refused like any malformed one.
                const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                                    std::all_of(date.begin(), date.end(), [](char c) {
                                        return c == '-' || (c >= '0' && c <= '9');
                                    });
                if (shaped) {
                    const std::chrono::year_month_day ymd{
                        std::chrono::year(std::stoi(date.substr(0, 4))),
                        std::chrono::month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                        std::chrono::day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))};
                    if (ymd.ok()) {
                        return std::string();
                    }
                }
                return "expected a date YYYY-MM-DD, got '" + date + "'";
            },
            "DATE"));
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "json", "jsonl", "markdown"});
    command->callback([options, &exit_code] { exit_code = run_audit(*options); });
}

}  // namespace lawlist::cli
