#include "lawlist/store/load.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/model/references.hpp"

namespace lawlist::store {

namespace fs = std::filesystem;

model::Bundle read_checked(const std::vector<fs::path>& paths, const io::SchemaSet& schemas,
                           const Database* database) {
    std::vector<Diagnostic> diagnostics;
    model::Bundle bundle = io::read_bundle(paths, schemas, diagnostics);
    if (diagnostics.empty()) {
        const model::KnownWorld known = database ? database->known_world() : model::KnownWorld{};
        model::check_references(bundle, known, diagnostics);
    }
    if (!diagnostics.empty()) {
        throw InputError(std::move(diagnostics));
    }
    return bundle;
}

LoadReport load(const std::vector<fs::path>& paths, const fs::path& db_path,
                const io::SchemaSet& schemas, const std::optional<std::string>& label) {
    std::error_code ec;
    const bool existed = fs::exists(db_path, ec);
    model::Bundle bundle;
    if (existed) {
        // Check against what is loaded without opening the file for writing.
        const Database reader = Database::open(db_path, Database::Mode::read_only);
        bundle = read_checked(paths, schemas, &reader);
    } else {
        bundle = read_checked(paths, schemas, nullptr);
    }
    if (bundle.list_sets.empty() && bundle.violation_types.empty() && !bundle.out_of_scope) {
        throw InputError({{paths.empty() ? std::string(".") : paths.front().string(), 0, 0,
                           "no list files found (expected *.yaml files with a 'kind' field)", ""}});
    }
    try {
        Database database = Database::create_or_open(db_path);
        return database.write(bundle, label, now_iso8601());
    } catch (...) {
        if (!existed) {
            fs::remove(db_path, ec);
        }
        throw;
    }
}

std::vector<std::vector<fs::path>> bundled_loads(const fs::path& data_dir) {
    std::vector<std::vector<fs::path>> loads = {{data_dir / "vocabulary", data_dir / "base"}};
    std::error_code ec;
    std::vector<fs::path> revisions;
    for (const auto& entry : fs::directory_iterator(data_dir / "revisions", ec)) {
        if (entry.is_directory()) {
            revisions.push_back(entry.path());
        }
    }
    std::sort(revisions.begin(), revisions.end());
    for (const auto& revision : revisions) {
        loads.push_back({revision});
    }
    return loads;
}

namespace {

// Changes whenever a bundled file is added, removed, resized or touched.
std::string fingerprint(const fs::path& data_dir) {
    std::string joined;
    std::error_code ec;
    for (const auto& load : bundled_loads(data_dir)) {
        for (const auto& file : io::collect_files(load)) {
            const auto time = fs::last_write_time(file, ec).time_since_epoch().count();
            joined += fmt::format("{}\n{}\n{}\n", file.string(), fs::file_size(file, ec), time);
        }
    }
    return io::sha256_hex(joined);
}

}  // namespace

void ensure_bundled(const fs::path& db_path, const fs::path& data_dir,
                    const io::SchemaSet& schemas) {
    const std::string current = fingerprint(data_dir);
    std::error_code ec;
    if (fs::exists(db_path, ec)) {
        // The bundled database is lawlist's own: one written by an older lawlist is migrated
        // rather than refused.
        Database::upgrade(db_path);
        const Database database = Database::open(db_path, Database::Mode::read_only);
        if (database.meta("bundle_fingerprint") == current) {
            return;
        }
    }
    for (const auto& paths : bundled_loads(data_dir)) {
        load(paths, db_path, schemas, std::nullopt);
    }
    Database database = Database::open(db_path, Database::Mode::read_write);
    database.set_meta("bundle_fingerprint", current);
}

}  // namespace lawlist::store
