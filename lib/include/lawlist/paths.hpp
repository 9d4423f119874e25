#pragma once
// Where lawlist finds its schemas, its bundled data and its default database.

#include <filesystem>
#include <optional>

namespace lawlist {

// The folder of the JSON Schema files (what list files point their editors at):
// $LAWLIST_SCHEMA_DIR, else <prefix>/share/lawlist/schemas next to the running executable
// <prefix>/bin/...; empty when neither exists. Validation needs no folder: see
// io::SchemaSet::standard.
std::filesystem::path schema_dir();

// The bundled data set: $LAWLIST_DATA_DIR, else <prefix>/share/lawlist/data next to the running
// executable. Throws lawlist::Error when there is none.
std::filesystem::path data_dir();

// The database named by $LAWLIST_DB, if set.
std::optional<std::filesystem::path> database_from_env();

// The per-user database used without --db and $LAWLIST_DB, built from the bundled data on first
// use: $XDG_DATA_HOME/lawlist/lawlist.db, else ~/.local/share/lawlist/lawlist.db.
std::filesystem::path default_database_path();

}  // namespace lawlist
