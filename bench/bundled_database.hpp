#pragma once
// The benches that measure against the bundled data open it the same way: a fresh database of
// their own in the temporary folder, built by store::ensure_bundled, opened read-only, removed
// at the end.
#include <filesystem>
#include <string_view>

#include "lawlist/io/schema.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/store/database.hpp"
#include "lawlist/store/load.hpp"

namespace lawlist::bench {

// The bundled data in a database file of a bench's own, removed when the bench is done with it.
struct BundledDatabase {
    std::filesystem::path path;
    store::Database database;

    ~BundledDatabase() { std::filesystem::remove(path); }
};

// The bundled data loaded into `<temp>/<file_name>`, rebuilt from scratch, opened read-only.
inline BundledDatabase fresh_bundled_database(std::string_view file_name) {
    const std::filesystem::path db = std::filesystem::temp_directory_path() / file_name;
    std::filesystem::remove(db);
    store::ensure_bundled(db, data_dir(), io::SchemaSet::standard());
    return {db, store::Database::open(db, store::Database::Mode::read_only)};
}

}  // namespace lawlist::bench
