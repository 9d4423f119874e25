#include "commands/command_items.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/model/model.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ItemsOptions {
    store::ItemFilter filter;
    DatabaseOption database;
    std::string format;
};

nlohmann::ordered_json to_json(const store::ItemRow& row) {
    nlohmann::ordered_json delegation = nullptr;
    if (row.delegation_from) {
        delegation = {
            {"from",
             {{"id", *row.delegation_from}, {"name", row.delegation_from_name.value_or("")}}},
            {"mode", row.delegation_mode.value_or("")},
            {"item", row.delegation_item.value_or("")}};
    }
    nlohmann::ordered_json delegated_to = nlohmann::ordered_json::array();
    for (const auto& entry : row.delegated_to) {
        const auto colon = entry.rfind(':');
        delegated_to.push_back(
            {{"jurisdiction", entry.substr(0, colon)}, {"mode", entry.substr(colon + 1)}});
    }
    return {{"jurisdiction", row.jurisdiction},
            {"revision", row.revision},
            {"code", row.code},
            {"name", row.name},
            {"category", row.category},
            {"sector", row.sector},
            {"body", {{"id", row.body_id}, {"name", row.body_name}}},
            {"delegation", delegation},
            {"delegated_to", delegated_to},
            {"basis", row.basis},
            {"violation_types", row.violation_types},
            {"remarks", row.remarks ? nlohmann::ordered_json(*row.remarks) : nullptr},
            {"source", row.source_path + ":" + std::to_string(row.source_line)}};
}

int run_items(const ItemsOptions& options) {
    const store::Database database = open_database(options.database);
    if (options.filter.jurisdiction) {
        check_jurisdiction(database, *options.filter.jurisdiction);
    }
    if (options.filter.sector) {
        check_sector(database, *options.filter.sector);
    }
    const auto rows = database.items(options.filter);
    if (options.format == "json" || options.format == "jsonl") {
        nlohmann::ordered_json records = nlohmann::ordered_json::array();
        for (const auto& row : rows) {
            records.push_back(to_json(row));
        }
        print_json(records, options.format);
        return k_exit_ok;
    }
    if (options.format == "csv") {
        format::Table table({"jurisdiction", "revision", "code", "name", "category", "sector",
                             "body_id", "body_name", "delegation_from", "delegation_mode",
                             "delegation_item", "delegated_to", "basis", "violation_types",
                             "source"});
        for (const auto& r : rows) {
            table.add_row({r.jurisdiction, r.revision, r.code, r.name, r.category, r.sector,
                           r.body_id, r.body_name, r.delegation_from.value_or(""),
                           r.delegation_mode.value_or(""), r.delegation_item.value_or(""),
                           join(r.delegated_to, ";"), join(r.basis, ";"),
                           join(r.violation_types, ";"),
                           r.source_path + ":" + std::to_string(r.source_line)});
        }
        print_table(table, options.format);
        return k_exit_ok;
    }
    format::Table table(
        {"序号", "辖区", "事项编码", "事项名称", "事项类别", "实施主体", "承接方式", "设定依据"});
    std::size_t n = 0;
    for (const auto& r : rows) {
        const std::string delegation =
            r.delegation_from ? r.delegation_mode.value_or("") + "（" +
                                    r.delegation_from_name.value_or(*r.delegation_from) + "）"
                              : "";
        table.add_row({std::to_string(++n), r.jurisdiction, r.code, r.name, r.category, r.body_name,
                       delegation, join(r.basis, "；")});
    }
    print_table(table, options.format);
    return k_exit_ok;
}

}  // namespace

void register_items(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ItemsOptions>();
    auto* command = app.add_subcommand("items", "List power/responsibility items");
    command->add_option("-j,--jurisdiction", options->filter.jurisdiction, "Jurisdiction id");
    command->add_option("--body", options->filter.body, "Holding body id");
    command->add_option("--sector", options->filter.sector, "Sector code");
    command->add_option("--category", options->filter.category, "Item category, e.g. 行政处罚")
        ->check(CLI::IsMember(model::categories()));
    command->add_option("--revision", options->filter.revision,
                        "Revision label (default: the latest of each jurisdiction)");
    command->add_option("--search", options->filter.name_contains,
                        "Only items whose name contains this text");
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "json", "jsonl", "csv"});
    command->callback([options, &exit_code] { exit_code = run_items(*options); });
}

}  // namespace lawlist::cli
