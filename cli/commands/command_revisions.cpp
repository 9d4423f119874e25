#include "commands/command_revisions.hpp"

#include <memory>

#include "app.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct RevisionsOptions {
    DatabaseOption database;
    std::string format;
};

int run_revisions(const RevisionsOptions& options) {
    const store::Database database = open_database(options.database);
    const auto revisions = database.revisions();
    if (options.format == "json" || options.format == "jsonl") {
        nlohmann::ordered_json records = nlohmann::ordered_json::array();
        for (const auto& r : revisions) {
            records.push_back(
                {{"id", r.id},
                 {"jurisdiction", r.jurisdiction},
                 {"label", r.label},
                 {"effective", r.effective ? nlohmann::ordered_json(*r.effective) : nullptr},
                 {"loaded_at", r.loaded_at},
                 {"source_hash", r.source_hash},
                 {"items", r.items}});
        }
        print_json(records, options.format);
        return k_exit_ok;
    }
    const bool csv = options.format == "csv";
    format::Table table(csv ? std::vector<std::string>{"id", "jurisdiction", "label", "effective",
                                                       "loaded_at", "source_hash", "items"}
                            : std::vector<std::string>{"序号", "辖区", "版本", "施行日期",
                                                       "载入时间", "来源摘要", "事项数"});
    for (const auto& r : revisions) {
        table.add_row({std::to_string(r.id), r.jurisdiction, r.label, r.effective.value_or(""),
                       r.loaded_at, csv ? r.source_hash : r.source_hash.substr(0, 12),
                       std::to_string(r.items)});
    }
    print_table(table, options.format);
    return k_exit_ok;
}

}  // namespace

void register_revisions(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<RevisionsOptions>();
    auto* command = app.add_subcommand("revisions", "List the revisions in the database");
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "json", "jsonl", "csv"});
    command->callback([options, &exit_code] { exit_code = run_revisions(*options); });
}

}  // namespace lawlist::cli
