#include "commands/command_resolve.hpp"

#include <memory>

#include "app.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/resolve/stored.hpp"
#include "lawlist/store/queries.hpp"
#include "lawlist/text/utf8.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ResolveOptions {
    std::string violation_type;
    std::optional<std::string> jurisdiction;
    DatabaseOption database;
    format::Output output;
};

// Whether `text` is a violation type's id, formal name or alias (one query, not the vocabulary).
bool names_a_type(const store::Database& database, const std::string& text) {
    return !store::violation_types_named(database, text).empty();
}

int run_resolve(const ResolveOptions& options) {
    const store::Database database = open_database(options.database);
    const std::string jurisdiction = choose_jurisdiction(database, options.jurisdiction).id;
    if (names_a_type(database, options.violation_type)) {
        // Reads the jurisdiction's and its county's lists of the one type, not the province.
        const auto stored = resolve::resolve_stored(database, jurisdiction, options.violation_type);
        print(format::resolution_listing(stored.resolution, stored.bundle), options.output);
        return k_exit_ok;
    }
    // Free text (挖沙, 油烟): classified, the best match answering.
    const auto classified = classify::classify_stored(
        database, jurisdiction, text::sanitize(options.violation_type), 3, {});
    if (!classified.matched) {
        try {
            resolve::resolve_stored(database, jurisdiction, options.violation_type);
        } catch (const Error& e) {
            const std::string message = e.what();
            if (message.find("did you mean") != std::string::npos) {
                throw;  // a mistyped id: the hint says more than the classification
            }
            throw Error(message +
                        "; read as a description it matches none ('lawlist types TEXT' searches "
                        "names and aliases)");
        }
    }
    const auto stored = resolve::resolve_stored(
        database, jurisdiction, classified.matches.front().resolution.violation_type);
    print(format::resolution_listing(stored.resolution, stored.bundle, classified), options.output);
    return k_exit_ok;
}

}  // namespace

void register_resolve(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ResolveOptions>();
    auto* command = app.add_subcommand(
        "resolve", "Who acts on a violation type: township team, county department or joint");
    command
        ->add_option("violation_type", options->violation_type,
                     "Violation type id, formal name or colloquial alias; other text is classified")
        ->required();
    add_jurisdiction_option(
        *command, options->jurisdiction,
        "Resolve in this jurisdiction (default: $LAWLIST_JURISDICTION, else the one "
        "'lawlist use' set, else the township whose id sorts first; 'lawlist use' "
        "shows which)");
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_resolve(*options); });
}

}  // namespace lawlist::cli
