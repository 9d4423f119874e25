#include "lawlist/load/load.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <random>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include "lawlist/classify/index.hpp"
#include "lawlist/classify/stored.hpp"
#include "lawlist/error.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/model/references.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"

namespace lawlist::load {

using store::Database;
using store::LoadReport;

namespace fs = std::filesystem;

namespace {

// Diagnostics shown per file; past that one line says how many more there are.
constexpr std::size_t k_max_file_diagnostics = 100;

std::vector<Diagnostic> capped(std::vector<Diagnostic> diagnostics) {
    std::map<std::string, std::size_t> count;
    std::vector<Diagnostic> out;
    for (auto& d : diagnostics) {
        if (++count[d.path] <= k_max_file_diagnostics) {
            out.push_back(std::move(d));
        }
    }
    for (const auto& [path, n] : count) {
        if (n > k_max_file_diagnostics) {
            out.push_back(
                {path, 0, 0,
                 fmt::format("and {} more errors in this file", n - k_max_file_diagnostics), ""});
        }
    }
    return out;
}

}  // namespace

model::Bundle read_checked(const std::vector<fs::path>& paths, const io::SchemaSet& schemas,
                           const Database* database) {
    std::vector<Diagnostic> diagnostics;
    model::Bundle bundle = io::read_bundle(paths, schemas, diagnostics);
    if (diagnostics.empty()) {
        const model::KnownWorld known =
            database ? store::known_world(*database) : model::KnownWorld{};
        model::check_references(bundle, known, diagnostics);
    }
    if (!diagnostics.empty()) {
        throw InputError(capped(std::move(diagnostics)));
    }
    return bundle;
}

namespace {

// A new file's name beside `path`, hidden and unique to this process: a database is built there
// and renamed into place, so that no other process ever sees it half written.
fs::path temporary_beside(const fs::path& path) {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    return path.parent_path() / fmt::format(".{}.tmp-{}-{}-{:08x}", path.filename().string(),
                                            ::getpid(), counter++, random());
}

// Removes a database file and what SQLite keeps beside it.
void remove_database_files(const fs::path& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        fs::path file = path;
        file += suffix;
        fs::remove(file, ec);
    }
}

void check_not_empty(const model::Bundle& bundle, const std::vector<fs::path>& paths) {
    if (bundle.list_sets.empty() && bundle.violation_types.empty() && !bundle.out_of_scope) {
        throw InputError({{paths.empty() ? std::string(".") : paths.front().string(), 0, 0,
                           "no list files found (expected *.yaml files with a 'kind' field)", ""}});
    }
}

// Writes `bundle` and, when it carries vocabulary, the classification index compiled anew, in
// one transaction.
LoadReport write(Database& database, const model::Bundle& bundle,
                 const std::optional<std::string>& label) {
    Database::WriteTransaction tx(database);
    LoadReport report = database.write(bundle, label, store::now_iso8601());
    if (!bundle.violation_types.empty() || bundle.out_of_scope) {
        classify::store_index(database);
    }
    tx.commit();
    return report;
}

// Loads into the existing database `db_path`, in one transaction, after checking its pages.
LoadReport load_into(const std::vector<fs::path>& paths, const fs::path& db_path,
                     const io::SchemaSet& schemas, const std::optional<std::string>& label) {
    model::Bundle bundle;
    {
        // Check against what is loaded without opening the file for writing.
        const Database reader = Database::open(db_path, Database::Mode::read_only);
        bundle = read_checked(paths, schemas, &reader);
    }
    check_not_empty(bundle, paths);
    Database database = Database::open(db_path, Database::Mode::read_write);
    database.check_integrity();
    return write(database, bundle, label);
}

// Writes `bundle` to a new database built beside `db_path` and links it into place; nullopt
// when another process created `db_path` first (nothing of this process is left then).
std::optional<LoadReport> load_new(const model::Bundle& bundle, const fs::path& db_path,
                                   const std::optional<std::string>& label) {
    std::error_code ec;
    if (db_path.has_parent_path()) {
        fs::create_directories(db_path.parent_path(), ec);
    }
    const fs::path temporary = temporary_beside(db_path);
    LoadReport report;
    try {
        Database database = Database::create(temporary, Database::Journal::wal);
        report = write(database, bundle, label);
    } catch (...) {
        remove_database_files(temporary);
        throw;
    }
    // link() refuses to replace an existing file: of two first loads, one wins, and the other
    // loads into the winner's database instead of deleting it.
    const int linked = ::link(temporary.c_str(), db_path.c_str());
    const int error = errno;
    remove_database_files(temporary);
    if (linked == 0) {
        return report;
    }
    if (error == EEXIST) {
        return std::nullopt;
    }
    throw DatabaseError(
        fmt::format("{}: cannot create database: {}", db_path.string(), std::strerror(error)));
}

}  // namespace

LoadReport load(const std::vector<fs::path>& paths, const fs::path& db_path,
                const io::SchemaSet& schemas, const std::optional<std::string>& label) {
    if (label && label->find_first_not_of(" \t") == std::string::npos) {
        throw Error("the revision label must not be empty");
    }
    std::error_code ec;
    if (fs::exists(db_path, ec)) {
        return load_into(paths, db_path, schemas, label);
    }
    const model::Bundle bundle = read_checked(paths, schemas, nullptr);
    check_not_empty(bundle, paths);
    if (auto report = load_new(bundle, db_path, label)) {
        return *report;
    }
    return load_into(paths, db_path, schemas, label);
}

int upgrade(const fs::path& path) {
    return Database::upgrade(path, [](Database& database) { classify::refresh_index(database); });
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

// Changes whenever a bundled file is added, removed or changed, and when this version compiles
// the classification index in another format than the one that built the database.
std::string fingerprint(const fs::path& data_dir) {
    std::string joined = fmt::format("classification index format {}\n", classify::index_format());
    std::error_code ec;
    for (const auto& load : bundled_loads(data_dir)) {
        for (const auto& file : io::collect_files(load)) {
            const auto time = fs::last_write_time(file, ec).time_since_epoch().count();
            joined += fmt::format("{}\n{}\n{}\n", file.string(), fs::file_size(file, ec), time);
        }
    }
    return io::sha256_hex(joined);
}

// Whether `db_path` is a readable database of this schema version built from these sources.
bool is_current(const fs::path& db_path, const std::string& fingerprint) {
    std::error_code ec;
    if (!fs::exists(db_path, ec)) {
        return false;
    }
    try {
        const Database database = Database::open(db_path, Database::Mode::read_only);
        return database.meta("bundle_fingerprint") == fingerprint;
    } catch (const DatabaseError&) {
        return false;  // older, damaged or half written: lawlist's own file is rebuilt
    }
}

// An exclusive lock on `path` (created when missing), held while the object lives; waits for
// another process that holds it.
class FileLock {
  public:
    explicit FileLock(const fs::path& path)
        : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
        if (m_fd < 0) {
            throw DatabaseError(fmt::format("{}: cannot create lock file: {}", path.string(),
                                            std::strerror(errno)));
        }
        while (::flock(m_fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                const int error = errno;
                ::close(m_fd);
                throw DatabaseError(
                    fmt::format("{}: cannot lock: {}", path.string(), std::strerror(error)));
            }
        }
    }
    ~FileLock() { ::close(m_fd); }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    int m_fd;
};

}  // namespace

namespace {

// The user's default jurisdiction (`lawlist use`) survives a rebuild of the per-user database
// when the new data still hold it. An old file that cannot be read has nothing to keep.
void keep_default_jurisdiction(const fs::path& old_path, Database& rebuilt) {
    std::optional<std::string> id;
    try {
        id = store::default_jurisdiction(Database::open(old_path, Database::Mode::read_only));
    } catch (const Error&) {
        return;
    }
    const auto loaded = store::jurisdictions(rebuilt);
    if (id && std::find(loaded.begin(), loaded.end(), *id) != loaded.end()) {
        store::set_default_jurisdiction(rebuilt, id);
    }
}

}  // namespace

void ensure_bundled(const fs::path& db_path, const fs::path& data_dir,
                    const io::SchemaSet& schemas) {
    const std::string current = fingerprint(data_dir);
    if (is_current(db_path, current)) {
        return;
    }
    std::error_code ec;
    if (db_path.has_parent_path()) {
        fs::create_directories(db_path.parent_path(), ec);
    }
    fs::path lock_path = db_path;
    lock_path += ".lock";
    const FileLock lock(lock_path);
    if (is_current(db_path, current)) {
        return;  // built by another process while this one waited
    }
    // Built whole beside the old file and renamed over it: readers of the old file keep their
    // snapshot, new readers see the new one, and nothing half built is ever visible. A rollback
    // journal, because a WAL file beside the path would not follow the rename.
    const fs::path temporary = temporary_beside(db_path);
    try {
        Database::create(temporary, Database::Journal::rollback);
        for (const auto& paths : bundled_loads(data_dir)) {
            load_into(paths, temporary, schemas, std::nullopt);
        }
        Database database = Database::open(temporary, Database::Mode::read_write);
        database.set_meta("bundle_fingerprint", current);
        keep_default_jurisdiction(db_path, database);
    } catch (...) {
        remove_database_files(temporary);
        throw;
    }
    fs::rename(temporary, db_path, ec);
    if (ec) {
        remove_database_files(temporary);
        throw DatabaseError(
            fmt::format("{}: cannot replace database: {}", db_path.string(), ec.message()));
    }
}

}  // namespace lawlist::load
