#include "commands/command_use.hpp"

#include <iostream>
#include <memory>

#include "app.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/store/lookup.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct UseOptions {
    std::optional<std::string> jurisdiction;
    bool clear = false;
    DatabaseOption database;
};

void check(const UseOptions& options) {
    if (options.jurisdiction && options.clear) {
        throw UsageError("give a jurisdiction, or --clear, not both");
    }
}

int run_use(const UseOptions& options) {
    if (options.jurisdiction || options.clear) {
        store::Database database =
            open_database(options.database, store::Database::Mode::read_write);
        std::optional<std::string> id;
        if (options.jurisdiction) {
            id = store::jurisdiction_named(database, *options.jurisdiction);
        }
        store::set_default_jurisdiction(database, id);
    }
    const store::Database database = open_database(options.database);
    std::cout << format::jurisdiction_choice_text(choose_jurisdiction(database, std::nullopt))
              << '\n';
    return k_exit_ok;
}

}  // namespace

void register_use(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<UseOptions>();
    auto* command = app.add_subcommand(
        "use", "Set the default jurisdiction (stored in the database), or show which one answers");
    command->add_option("jurisdiction", options->jurisdiction, "Jurisdiction id or name");
    command->add_flag("--clear", options->clear,
                      "Remove the default (the first township by id answers again)");
    add_database_option(*command, options->database);
    command->callback([options, &exit_code] {
        check(*options);
        exit_code = run_use(*options);
    });
}

}  // namespace lawlist::cli
