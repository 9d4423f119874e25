#pragma once
// Validating and loading list files: the whole pipeline behind `lawlist validate`, `lawlist load`
// and `lawlist upgrade`, and the default database built from the bundled data. It writes the
// lists with the store and the classification index with classify, in one transaction.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lawlist/io/schema.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/model/references.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::load {

// Reads `paths` and checks them against the schemas and their cross-references (resolving
// references out of the files against `known`), one list set at a time: the vocabulary and every
// jurisdiction file first, then the list files of each set, counties first, found by the top of
// each file. While nothing is wrong, `writer` (when given) writes each part as soon as it is
// checked, and a written set's lists and file texts are released; the next set is parsed while
// one is written, so that a load takes the memory of its two largest list sets. Throws InputError carrying every diagnostic, in the order a
// whole read gives them, once every file is read. Returns the bundle, whole without `writer`.
model::Bundle read_in_parts(const std::vector<std::filesystem::path>& paths,
                            const io::SchemaSet& schemas, const model::KnownWorld& known,
                            store::LoadWriter* writer);

// Reads `paths`, checks them against the schemas and their cross-references (resolving
// references out of the files against `database` when given). Throws InputError carrying every
// diagnostic when anything is wrong.
model::Bundle read_checked(const std::vector<std::filesystem::path>& paths,
                           const io::SchemaSet& schemas, const store::Database* database);

// Validates `paths`, then writes them to the database at `db_path` (created when missing) in one
// transaction. On any error the database file is left exactly as it was (and not created).
// A `label` that is given must not be blank (throws Error).
store::LoadReport load(const std::vector<std::filesystem::path>& paths,
                       const std::filesystem::path& db_path, const io::SchemaSet& schemas,
                       const std::optional<std::string>& label);

// The loads that build a database from a bundled data directory, in order: vocabulary/ with
// base/, then each folder of revisions/ in name order.
std::vector<std::vector<std::filesystem::path>> bundled_loads(
    const std::filesystem::path& data_dir);

// Brings the database at `path` to the current schema version and its classification index to
// the current format (store::Database::upgrade); returns the schema version it had.
int upgrade(const std::filesystem::path& path);

// Makes sure the database at `db_path` holds the bundled data of `data_dir`: loads it when the
// database is new or the bundled files changed since (loads are idempotent, so only changed
// list sets become new revisions). A database of an older schema version is upgraded first.
void ensure_bundled(const std::filesystem::path& db_path, const std::filesystem::path& data_dir,
                    const io::SchemaSet& schemas);

}  // namespace lawlist::load
