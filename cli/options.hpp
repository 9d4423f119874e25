#pragma once
// Option groups shared by several commands, and the output plumbing they share.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include "lawlist/format/output.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/format/table.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/io/schema.hpp"
#include "lawlist/store/database.hpp"
#include "lawlist/store/lists.hpp"
#include "lawlist/store/lookup.hpp"

namespace lawlist::cli {

// --db PATH. Without it: $LAWLIST_DB, else the per-user default database built from the bundled
// data on first use.
struct DatabaseOption {
    std::optional<std::string> path;
};
// `help` replaces the default description (for commands that use no default database).
void add_database_option(CLI::App& command, DatabaseOption& option, const std::string& help = {});
// Opens the database the option names (building the default one when needed).
store::Database open_database(const DatabaseOption& option,
                              store::Database::Mode mode = store::Database::Mode::read_only);
// The database path the option names, without opening it; nullopt for the default database.
std::optional<std::filesystem::path> explicit_database(const DatabaseOption& option);

// -j/--jurisdiction: one jurisdiction, by id or Chinese name (石河镇); `what` says what it keeps.
void add_jurisdiction_option(CLI::App& command, std::optional<std::string>& jurisdiction,
                             const std::string& what);
// The jurisdiction to answer for: -j, else $LAWLIST_JURISDICTION, else the database's default
// (`lawlist use`), else the first township.
store::JurisdictionChoice choose_jurisdiction(const store::Database& database,
                                              const std::optional<std::string>& option);

// -j, --body, --type and --revision of the problem, warning and performance lists.
void add_list_filter(CLI::App& command, store::ListFilter& filter);
// Checks the filter's jurisdiction, body, violation type and revision against the database
// (throwing lawlist::Error with the nearest known value) and turns a jurisdiction name into its id.
void check_list_filter(const store::Database& database, store::ListFilter& filter);

// Accepts a real calendar date YYYY-MM-DD (2026-02-30 is refused like a malformed one).
CLI::Validator date_validator();

// --format with the given outputs; the first is the default.
void add_output_option(CLI::App& command, format::Output& output,
                       const std::vector<format::Output>& outputs);

// The JSON Schemas in use.
const io::SchemaSet& schemas();

// Where standard output is shown: $COLUMNS when set, else the width of the terminal when
// standard output is one, else no width (never wrapped).
format::WriterOptions terminal();

// Writes `listing` to standard output as `output`, fitted to terminal().
void print(const format::Listing& listing, format::Output output);

// --format with the given document outputs (diff, export); the first is the default unless the
// option is `required`.
CLI::Option* add_document_option(CLI::App& command, format::DocumentOutput& output,
                                 const std::vector<format::DocumentOutput>& outputs,
                                 bool required = false);

using format::join;

}  // namespace lawlist::cli
