#include "commands/command_upgrade.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/error.hpp"
#include "lawlist/load/load.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

int run_upgrade(const DatabaseOption& option) {
    const auto path = explicit_database(option);
    if (!path) {
        throw UsageError("upgrade needs --db PATH (or $LAWLIST_DB)");
    }
    const int from = load::upgrade(*path);
    std::cout << (from == store::k_schema_version
                      ? fmt::format("{}: already at schema version {}\n", path->string(), from)
                      : fmt::format("{}: upgraded from schema version {} to {}\n", path->string(),
                                    from, store::k_schema_version));
    return k_exit_ok;
}

}  // namespace

void register_upgrade(CLI::App& app, int& exit_code) {
    auto option = std::make_shared<DatabaseOption>();
    auto* command = app.add_subcommand("upgrade", "Migrate an older database to this version");
    add_database_option(*command, *option,
                        "The database to migrate (required, or $LAWLIST_DB; the per-user database "
                        "is upgraded by itself)");
    command->callback([option, &exit_code] { exit_code = run_upgrade(*option); });
}

}  // namespace lawlist::cli
