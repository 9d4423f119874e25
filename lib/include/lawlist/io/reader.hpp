#pragma once
// Reading list files: YAML → (JSON Schema check) → model. Files are found under the paths given
// (directories are searched recursively for *.yaml and *.yml, in name order) and grouped by
// jurisdiction into list sets.

#include <filesystem>
#include <string>
#include <vector>

#include "lawlist/error.hpp"
#include "lawlist/io/schema.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::io {

// Every YAML file under `paths`, sorted, hidden files and folders skipped. A path that does not
// exist is returned as is, so that reading it reports the problem.
std::vector<std::filesystem::path> collect_files(const std::vector<std::filesystem::path>& paths);

// Reads and checks every file under `paths` against `schemas` and groups them into list sets.
// Problems are appended to `diagnostics` (all of them, not just the first); a file with problems
// contributes nothing to the bundle. Cross-references are checked separately (model/references).
model::Bundle read_bundle(const std::vector<std::filesystem::path>& paths, const SchemaSet& schemas,
                          std::vector<Diagnostic>& diagnostics);

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace lawlist::io
