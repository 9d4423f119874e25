#pragma once
// Reading list files: YAML → (JSON Schema check) → model. Files are found under the paths given
// (directories are searched recursively for *.yaml and *.yml, in name order) and grouped by
// jurisdiction into list sets.

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lawlist/error.hpp"
#include "lawlist/io/schema.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::io {

// Every YAML file under `paths`, sorted, hidden files and folders skipped. A path that does not
// exist is returned as is, so that reading it reports the problem.
std::vector<std::filesystem::path> collect_files(const std::vector<std::filesystem::path>& paths);

// The files of collect_files(paths); a folder without any is reported in `diagnostics`.
std::vector<std::filesystem::path> collect_list_files(
    const std::vector<std::filesystem::path>& paths, std::vector<Diagnostic>& diagnostics);

// Reads a load in parts, so that a large load need not be held whole: first the vocabulary and
// jurisdiction files, then the list files of one list set at a time.
class BundleReader {
  public:
    explicit BundleReader(const SchemaSet& schemas);

    // Reads `files` into `bundle`, appending to its files, vocabulary and list sets: a jurisdiction
    // file opens a list set, a list file joins the set of its jurisdiction (opened by this call or
    // an earlier one). Problems are appended to `diagnostics`, in file order; a file with problems
    // contributes nothing. The files are parsed and checked on every core. Same as
    // attach(bundle, parse(files, bundle.files.size()), diagnostics).
    void read(model::Bundle& bundle, const std::vector<std::filesystem::path>& files,
              std::vector<Diagnostic>& diagnostics);

    // Files read, parsed and checked, not yet part of a bundle.
    class Parsed {
      public:
        Parsed(Parsed&&) noexcept;
        Parsed& operator=(Parsed&&) noexcept;
        ~Parsed();

      private:
        friend class BundleReader;
        struct Impl;
        explicit Parsed(std::unique_ptr<Impl> impl);
        std::unique_ptr<Impl> m_impl;
    };

    // Reads and parses `files` (on every core) to become the bundle's files from `first_file` on.
    // It touches no bundle, so that one list set can be parsed while another is written.
    Parsed parse(const std::vector<std::filesystem::path>& files, std::size_t first_file) const;

    // Appends `parsed` to `bundle` as read() does; its files must go where parse() was told.
    void attach(model::Bundle& bundle, Parsed parsed, std::vector<Diagnostic>& diagnostics);

  private:
    const SchemaSet& m_schemas;
    std::vector<std::string> m_kinds;
    std::set<std::string> m_broken;                 // jurisdictions whose own file has errors
    std::vector<std::uint32_t> m_vocabulary_files;  // indexes into the bundle's files
};

// Reads and checks every file under `paths` against `schemas` and groups them into list sets.
// Problems are appended to `diagnostics` (all of them, not just the first); a file with problems
// contributes nothing to the bundle. Cross-references are checked separately (model/references).
model::Bundle read_bundle(const std::vector<std::filesystem::path>& paths, const SchemaSet& schemas,
                          std::vector<Diagnostic>& diagnostics);

// The kind and the jurisdiction a file names at its top level ("kind", "jurisdiction"), read only
// as far as those keys. The jurisdiction is looked for in list files (kind *-list) alone, and is
// empty for any other file or a list file without one; nullopt when the file cannot be read or
// parsed as far as its kind, or names none.
struct Heading {
    std::string kind;
    std::string jurisdiction;
};
std::optional<Heading> peek_heading(const std::filesystem::path& path);

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace lawlist::io
