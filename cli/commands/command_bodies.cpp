#include "commands/command_bodies.hpp"

#include <map>
#include <memory>

#include "app.hpp"
#include "lawlist/model/model.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct BodiesOptions {
    store::BodyFilter filter;
    DatabaseOption database;
    std::string format;
};

std::string kind_label(const std::string& kind) {
    if (kind == "department")
        return "县级部门";
    if (kind == "sector-team")
        return "县级行业执法队伍";
    if (kind == "township-team")
        return "综合行政执法队";
    if (kind == "stationed-squad")
        return "派驻中队";
    if (kind == "government")
        return "人民政府/街道办事处";
    return kind;
}

int run_bodies(const BodiesOptions& options) {
    const store::Database database = open_database(options.database);
    if (options.filter.jurisdiction) {
        check_jurisdiction(database, *options.filter.jurisdiction);
    }
    if (options.filter.sector) {
        check_sector(database, *options.filter.sector);
    }
    const auto rows = database.bodies(options.filter);
    if (options.format == "json" || options.format == "jsonl") {
        nlohmann::ordered_json records = nlohmann::ordered_json::array();
        for (const auto& r : rows) {
            records.push_back({{"jurisdiction", r.jurisdiction},
                               {"id", r.id},
                               {"name", r.name},
                               {"kind", r.kind},
                               {"sector", r.sector ? nlohmann::ordered_json(*r.sector) : nullptr},
                               {"parent", r.parent ? nlohmann::ordered_json(*r.parent) : nullptr},
                               {"items", r.items}});
        }
        print_json(records, options.format);
        return k_exit_ok;
    }
    if (options.format == "csv") {
        format::Table table({"jurisdiction", "id", "name", "kind", "sector", "parent", "items"});
        for (const auto& r : rows) {
            table.add_row({r.jurisdiction, r.id, r.name, r.kind, r.sector.value_or(""),
                           r.parent.value_or(""), std::to_string(r.items)});
        }
        print_table(table, options.format);
        return k_exit_ok;
    }
    format::Table table({"序号", "辖区", "主体编码", "主体名称", "主体类型", "行业领域", "事项数"});
    std::map<std::string, std::string> sector_names;
    for (const auto& sector : database.sectors()) {
        sector_names[sector.code] = sector.name;
    }
    std::size_t n = 0;
    for (const auto& r : rows) {
        table.add_row({std::to_string(++n), r.jurisdiction, r.id, r.name, kind_label(r.kind),
                       r.sector ? sector_names[*r.sector] : "跨领域", std::to_string(r.items)});
    }
    print_table(table, options.format);
    return k_exit_ok;
}

}  // namespace

void register_bodies(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<BodiesOptions>();
    auto* command = app.add_subcommand("bodies", "List the bodies of the loaded jurisdictions");
    command->add_option("-j,--jurisdiction", options->filter.jurisdiction, "Jurisdiction id");
    command->add_option("--sector", options->filter.sector, "Sector code");
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "json", "jsonl", "csv"});
    command->callback([options, &exit_code] { exit_code = run_bodies(*options); });
}

}  // namespace lawlist::cli
