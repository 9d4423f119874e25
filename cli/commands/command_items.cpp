#include "commands/command_items.hpp"

#include <iostream>
#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ItemsOptions {
    store::ItemFilter filter;
    DatabaseOption database;
    format::Output output;
};

int run_items(const ItemsOptions& options) {
    const store::Database database = open_database(options.database);
    auto filter = options.filter;
    if (filter.jurisdiction) {
        filter.jurisdiction = store::jurisdiction_named(database, *filter.jurisdiction);
    }
    if (filter.body) {
        filter.body = store::body_id(database, *filter.body);
    }
    if (filter.sector) {
        filter.sector = store::sector_code(database, *filter.sector);
    }
    const auto& type = format::item_record();
    if (format::streams(options.output)) {
        // Each row is printed as it is read: a province's items never sit in memory at once.
        format::StreamWriter stream(
            options.output, format::make_listing(type, std::vector<store::ItemRow>{}).columns,
            std::cout);
        store::each_item(database, filter, [&](store::ItemRow&& row) {
            stream.write(format::make_listing(type, std::vector{std::move(row)}));
        });
        stream.finish();
        return k_exit_ok;
    }
    print(format::make_listing(type, store::items(database, filter)), options.output);
    return k_exit_ok;
}

}  // namespace

void register_items(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ItemsOptions>();
    auto* command = app.add_subcommand("items", "List power/responsibility items");
    add_jurisdiction_option(*command, options->filter.jurisdiction,
                            "Only the items of this jurisdiction");
    command->add_option(
        "--body", options->filter.body,
        "Body id or name: items exercised in its name (实施主体) or done by it (承办机构)");
    command->add_option("--sector", options->filter.sector,
                        "Sector: code or department name (水利局)");
    command->add_option("--category", options->filter.category, "Item category, e.g. 行政处罚")
        ->check(CLI::IsMember(model::categories()));
    command->add_option("--revision", options->filter.revision,
                        "Revision label (default: the latest of each jurisdiction)");
    command->add_option("--search", options->filter.name_contains,
                        "Only items whose name contains this text");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_items(*options); });
}

}  // namespace lawlist::cli
