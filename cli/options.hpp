#pragma once
// Option groups shared by several commands, and the output plumbing they share.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "lawlist/format/table.hpp"
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

// Throws lawlist::Error when `id` is not a loaded jurisdiction, suggesting the closest ids.
void check_jurisdiction(const store::Database& database, const std::string& id);
// Throws unless `code` is in the database's sectors vocabulary (with the nearest code as a hint).
void check_sector(const store::Database& database, const std::string& code);

// Joins strings with `separator`.
std::string join(const std::vector<std::string>& parts, const std::string& separator);

// --format with the given choices; the first is the default.
void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& choices);

// The JSON Schemas in use.
const io::SchemaSet& schemas();

// Writes records as a JSON array (json) or one object per line (jsonl).
void print_json(const nlohmann::ordered_json& records, const std::string& format);

// Writes `table` as text or CSV.
void print_table(const format::Table& table, const std::string& format);

}  // namespace lawlist::cli
