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

namespace lawlist::cli {

// --db PATH. Without it: $LAWLIST_DB, else the per-user default database built from the bundled
// data on first use.
struct DatabaseOption {
    std::optional<std::string> path;
};
void add_database_option(CLI::App& command, DatabaseOption& option);
// Opens the database the option names (building the default one when needed).
store::Database open_database(const DatabaseOption& option);
// The database path the option names, without opening it; nullopt for the default database.
std::optional<std::filesystem::path> explicit_database(const DatabaseOption& option);

// -j/--jurisdiction: one jurisdiction, by id or Chinese name (石河镇); `what` says what it keeps.
void add_jurisdiction_option(CLI::App& command, std::optional<std::string>& jurisdiction,
                             const std::string& what);
// The id of the jurisdiction `name` names (id or Chinese name) in the database, or among the list
// sets of a bundle read from files; throws lawlist::Error suggesting the closest ids when none.
std::string jurisdiction_id(const store::Database& database, const std::string& name);
std::string jurisdiction_id(const model::Bundle& bundle, const std::string& name);
// Throws unless `code` is in the database's sectors vocabulary (with the nearest code as a hint).
void check_sector(const store::Database& database, const std::string& code);

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

// Being retired: commands still on raw format strings (export, import) until they move to a
// format::RecordType and add_output_option/print.
using format::join;
void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& choices);
void print_json(const nlohmann::ordered_json& records, const std::string& format);
void print_table(const format::Table& table, const std::string& format);

}  // namespace lawlist::cli
