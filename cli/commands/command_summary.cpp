#include "commands/command_summary.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/store/summary.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct SummaryOptions {
    std::optional<std::string> jurisdiction;
    DatabaseOption database;
    std::string format;
};

std::string level_label(const std::string& level) {
    return std::string(model::to_label(*model::parse_level(level)));
}

// The categories that occur, in the national order.
std::vector<std::string> present(const std::map<std::string, std::int64_t>& counts) {
    std::vector<std::string> out;
    for (const auto& category : model::categories()) {
        if (counts.contains(category)) {
            out.push_back(category);
        }
    }
    return out;
}

format::Table department_table(const store::JurisdictionSummary& s) {
    const auto categories = present(s.by_category);
    std::vector<std::string> headers = {"序号", "部门", "合计"};
    headers.insert(headers.end(), categories.begin(), categories.end());
    format::Table table(headers);
    std::size_t n = 0;
    auto row = [&](std::string number, std::string name, std::int64_t total,
                   const std::map<std::string, std::int64_t>& counts) {
        std::vector<std::string> cells = {std::move(number), std::move(name),
                                          std::to_string(total)};
        for (const auto& category : categories) {
            const auto it = counts.find(category);
            cells.push_back(std::to_string(it == counts.end() ? 0 : it->second));
        }
        table.add_row(std::move(cells));
    };
    for (const auto& d : s.by_department) {
        row(std::to_string(++n), d.body_name.empty() ? d.body_id : d.body_name, d.total,
            d.by_category);
    }
    row("", "合计", s.items, s.by_category);
    return table;
}

std::string heading(const store::JurisdictionSummary& s) {
    return fmt::format("{}（{}，{}，{}）", s.name, s.id, level_label(s.level), s.revision);
}

std::string counts_line(const store::JurisdictionSummary& s) {
    std::string delegation;
    if (s.delegated_out > 0) {
        delegation = fmt::format("，其中下放乡镇（街道）{}项", s.delegated_out);
    } else if (s.delegated_in > 0) {
        delegation = fmt::format("，其中承接县级部门下放{}项", s.delegated_in);
    }
    return fmt::format("权责清单{}项{}；问题清单{}项；警示清单{}项；绩效清单{}项", s.items,
                       delegation, s.problems, s.warnings, s.metrics);
}

format::Table vocabulary_table(const store::Summary& summary) {
    format::Table table({"行业领域", "代码", "违法行为类型"});
    for (const auto& sector : summary.sectors) {
        const auto it = summary.violation_types_by_sector.find(sector.code);
        table.add_row(
            {sector.name, sector.code,
             std::to_string(it == summary.violation_types_by_sector.end() ? 0 : it->second)});
    }
    table.add_row({"合计", "", std::to_string(summary.violation_types)});
    return table;
}

void print_text(const store::Summary& summary, bool markdown) {
    auto render = [markdown](const format::Table& t) {
        return markdown ? t.render_markdown() : t.render_text();
    };
    for (const auto& s : summary.jurisdictions) {
        std::cout << (markdown ? "#### " : "") << heading(s) << "\n\n"
                  << counts_line(s) << "\n\n"
                  << render(department_table(s)) << '\n';
    }
    std::cout << (markdown ? "#### " : "")
              << fmt::format("违法行为类型词表：{}个类型，{}条群众说法", summary.violation_types,
                             summary.aliases)
              << "\n\n"
              << render(vocabulary_table(summary));
}

nlohmann::ordered_json to_json(const store::Summary& summary) {
    nlohmann::ordered_json out;
    out["jurisdictions"] = nlohmann::ordered_json::array();
    for (const auto& s : summary.jurisdictions) {
        nlohmann::ordered_json departments = nlohmann::ordered_json::array();
        for (const auto& d : s.by_department) {
            departments.push_back({{"body", d.body_id},
                                   {"name", d.body_name},
                                   {"total", d.total},
                                   {"by_category", d.by_category}});
        }
        out["jurisdictions"].push_back({{"id", s.id},
                                        {"name", s.name},
                                        {"level", s.level},
                                        {"revision", s.revision},
                                        {"items", s.items},
                                        {"delegated_in", s.delegated_in},
                                        {"delegated_out", s.delegated_out},
                                        {"problems", s.problems},
                                        {"warnings", s.warnings},
                                        {"metrics", s.metrics},
                                        {"by_category", s.by_category},
                                        {"by_department", departments}});
    }
    out["violation_types"] = summary.violation_types;
    out["aliases"] = summary.aliases;
    out["violation_types_by_sector"] = summary.violation_types_by_sector;
    return out;
}

int run_summary(const SummaryOptions& options) {
    const store::Database database = open_database(options.database);
    if (options.jurisdiction) {
        check_jurisdiction(database, *options.jurisdiction);
    }
    const auto summary = store::summarize(database, options.jurisdiction.value_or(""));
    if (options.format == "json") {
        std::cout << to_json(summary).dump(2) << '\n';
    } else {
        print_text(summary, options.format == "markdown");
    }
    return k_exit_ok;
}

}  // namespace

void register_summary(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SummaryOptions>();
    auto* command =
        app.add_subcommand("summary", "Count the loaded lists by category and department");
    command->add_option("-j,--jurisdiction", options->jurisdiction, "Only this jurisdiction");
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "markdown", "json"});
    command->callback([options, &exit_code] { exit_code = run_summary(*options); });
}

}  // namespace lawlist::cli
