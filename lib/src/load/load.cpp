#include "lawlist/load/load.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <future>
#include <map>
#include <random>
#include <unordered_map>

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

// The list files of each list set, by jurisdiction, found by reading only the top of each file;
// everything else (vocabulary, jurisdiction files, and files whose top says too little) is read
// first with the head of the load.
struct Plan {
    std::vector<fs::path> head;
    std::map<std::string, std::vector<fs::path>> lists;  // by jurisdiction id
};

Plan plan(const std::vector<fs::path>& files) {
    Plan out;
    for (const auto& file : files) {
        const auto heading = io::peek_heading(file);
        if (heading && !heading->jurisdiction.empty()) {
            out.lists[heading->jurisdiction].push_back(file);
        } else {
            out.head.push_back(file);
        }
    }
    return out;
}

// Problems found while reading files, in the order a whole read gives them: folders first, then
// file by file in `files` order.
void in_file_order(std::vector<Diagnostic>& diagnostics, const std::vector<fs::path>& files) {
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < files.size(); ++i) {
        position.emplace(files[i].string(), i + 1);
    }
    auto key = [&](const Diagnostic& d) {
        const auto it = position.find(d.path);
        return it == position.end() ? 0 : it->second;
    };
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

// Empties `container` and gives its memory back (assigning {} would keep the capacity).
template <typename Container>
void free_all(Container& container) {
    Container().swap(container);
}

// Frees what a written list set holds: its lists, and the text of its list files.
void release(model::Bundle& bundle, model::ListSet& set) {
    free_all(set.items);
    free_all(set.problems);
    free_all(set.warnings);
    free_all(set.metrics);
    for (const auto index : set.files) {
        if (index != set.jurisdiction.loc.file) {
            free_all(bundle.files[index].contents);
        }
    }
}

}  // namespace

model::Bundle read_in_parts(const std::vector<fs::path>& paths, const io::SchemaSet& schemas,
                            const model::KnownWorld& known, store::LoadWriter* writer) {
    std::vector<Diagnostic> read_problems;
    const std::vector<fs::path> files = io::collect_list_files(paths, read_problems);
    Plan parts = plan(files);
    io::BundleReader reader(schemas);
    model::Bundle bundle;
    reader.read(bundle, parts.head, read_problems);
    // List files of a jurisdiction without its file in the load: read now, so that they are
    // reported as such.
    for (auto it = parts.lists.begin(); it != parts.lists.end();) {
        if (bundle.find(it->first)) {
            ++it;
            continue;
        }
        reader.read(bundle, it->second, read_problems);
        it = parts.lists.erase(it);
    }
    // While the head or a list set is checked and written, the next set is parsed on another
    // thread (parsing touches no bundle).
    const std::vector<const model::ListSet*> order = store::parents_first(bundle);
    auto parse_next = [&](std::size_t k) {
        return std::async(std::launch::async,
                          [&reader, &files = parts.lists[order[k]->jurisdiction.id],
                           first = bundle.files.size()] { return reader.parse(files, first); });
    };
    std::future<io::BundleReader::Parsed> next;
    if (!order.empty()) {
        next = parse_next(0);
    }
    std::optional<model::ReferenceChecker> checker;
    if (read_problems.empty()) {
        checker.emplace(bundle, known);
        if (writer && !checker->found()) {
            writer->head(bundle);
        }
    }
    for (std::size_t k = 0; k < order.size(); ++k) {
        model::ListSet& set =
            bundle.list_sets[static_cast<std::size_t>(order[k] - bundle.list_sets.data())];
        reader.attach(bundle, next.get(), read_problems);
        if (k + 1 < order.size()) {
            next = parse_next(k + 1);
        }
        if (!read_problems.empty()) {
            checker.reset();  // a whole read reports the files' problems alone
        }
        if (checker) {
            checker->check_lists(set);
            if (writer && !checker->found()) {
                writer->list_set(bundle, set);
            }
            checker->settle();
        }
        if (writer) {
            release(bundle, set);
        }
    }
    std::vector<Diagnostic> diagnostics = std::move(read_problems);
    in_file_order(diagnostics, files);
    if (checker) {
        checker->finish(diagnostics);
    }
    if (!diagnostics.empty()) {
        throw InputError(capped(std::move(diagnostics)));
    }
    return bundle;
}

model::Bundle read_checked(const std::vector<fs::path>& paths, const io::SchemaSet& schemas,
                           const Database* database) {
    const model::KnownWorld known = database ? store::known_world(*database) : model::KnownWorld{};
    return read_in_parts(paths, schemas, known, nullptr);
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

// Reads, checks and writes `paths` into `database` one list set at a time, in one transaction: on
// any error nothing is written. The classification index is compiled anew when the load changed
// the stored vocabulary (its fingerprint).
LoadReport write(Database& database, const std::vector<fs::path>& paths,
                 const io::SchemaSet& schemas, const std::optional<std::string>& label) {
    Database::WriteTransaction tx(database);
    store::LoadWriter writer(database, label, store::now_iso8601());
    const model::Bundle bundle =
        read_in_parts(paths, schemas, store::known_world(database), &writer);
    check_not_empty(bundle, paths);
    if (!bundle.violation_types.empty() || bundle.out_of_scope) {
        classify::refresh_index(database);
    }
    tx.commit();
    return writer.report();
}

// Loads into the existing database `db_path`, in one transaction, after checking its pages.
LoadReport load_into(const std::vector<fs::path>& paths, const fs::path& db_path,
                     const io::SchemaSet& schemas, const std::optional<std::string>& label) {
    Database database = Database::open(db_path, Database::Mode::read_write);
    database.check_integrity();
    return write(database, paths, schemas, label);
}

// Writes `bundle` to a new database built beside `db_path` and links it into place; nullopt
// when another process created `db_path` first (nothing of this process is left then).
std::optional<LoadReport> load_new(const std::vector<fs::path>& paths, const fs::path& db_path,
                                   const io::SchemaSet& schemas,
                                   const std::optional<std::string>& label) {
    std::error_code ec;
    if (db_path.has_parent_path()) {
        fs::create_directories(db_path.parent_path(), ec);
    }
    const fs::path temporary = temporary_beside(db_path);
    LoadReport report;
    try {
        Database database = Database::create(temporary, Database::Journal::wal);
        report = write(database, paths, schemas, label);
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
    if (auto report = load_new(paths, db_path, schemas, label)) {
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
