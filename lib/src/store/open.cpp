// Opening a lawlist database: identity and schema checks, migrations, recovery of an
// interrupted write, waiting for other writers; transactions, meta values and blobs.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <sqlite3.h>

#include "lawlist/store/database.hpp"
#include "statement.hpp"

namespace lawlist::store {

extern const char* const k_schema_sql;
extern const char* const k_schema_2_sql;
extern const char* const k_schema_3_sql;
extern const char* const k_schema_4_sql;
extern const char* const k_schema_5_sql;
extern const char* const k_schema_6_sql;
extern const char* const k_schema_7_sql;
extern const char* const k_schema_8_sql;

namespace fs = std::filesystem;

// What the busy handler keeps between its calls for one connection.
struct detail::Waiting {
    fs::path path;
    std::chrono::steady_clock::time_point since{};
    bool told = false;
};

namespace {

WaitNotice& wait_notice() {
    static WaitNotice notice = [](const fs::path& path) {
        std::cerr << fmt::format(
            "lawlist: waiting for another lawlist process to finish writing {} …\n", path.string());
    };
    return notice;
}

using detail::Waiting;

// SQLite calls this while another connection holds a lock this one needs. A write takes as long
// as its load (a province's lists take minutes), so there is no fixed limit: it waits, saying so
// once after a second. Sleeps grow from 1 ms to 50 ms: most writes end within milliseconds.
int wait_for_writer(void* context, int attempt) {
    auto& waiting = *static_cast<Waiting*>(context);
    const auto now = std::chrono::steady_clock::now();
    if (attempt == 0) {
        waiting.since = now;
        waiting.told = false;
    }
    if (!waiting.told && now - waiting.since >= std::chrono::seconds(1)) {
        waiting.told = true;
        if (const auto& notice = wait_notice()) {
            notice(waiting.path);
        }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1 + attempt, 50)));
    return 1;
}

// Migrations from version N-1 to N are k_migrations[N-1]; version 0 is an empty lawlist database.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list = {k_schema_sql,   k_schema_2_sql, k_schema_3_sql,
                                                  k_schema_4_sql, k_schema_5_sql, k_schema_6_sql,
                                                  k_schema_7_sql, k_schema_8_sql};
    return list;
}

sqlite3* open_handle(const fs::path& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw DatabaseError(fmt::format("{}: cannot open database: {}", path.string(), message));
    }
    sqlite3_extended_result_codes(db, 1);
    return db;
}

// The first integer of `sql`'s first row into `out`; the SQLite result code.
int query_int(sqlite3* db, const char* sql, int& out) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            out = 0;
            rc = SQLITE_OK;
        } else {
            rc = sqlite3_extended_errcode(db);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

// Why the first read of `path` failed with SQLite result `rc`, worded for a user: only a file
// that is not SQLite at all is "not a lawlist database"; a busy, damaged or truncated one says so.
[[noreturn]] void throw_unreadable(sqlite3* db, int rc, const fs::path& path) {
    const std::string shown = path.string();
    switch (rc & 0xFF) {
        case SQLITE_NOTADB:
            throw DatabaseError(
                fmt::format("{}: not a lawlist database (not an SQLite file)", shown));
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw DatabaseError(
                fmt::format("{}: database is busy: another process keeps it locked; try again "
                            "when it has finished",
                            shown));
        case SQLITE_CORRUPT:
            throw DatabaseError(fmt::format(
                "{}: database file is damaged ({}); restore it from a copy or load the lists "
                "into a new database",
                shown, sqlite3_errmsg(db)));
        case SQLITE_IOERR:
            throw DatabaseError(fmt::format(
                "{}: cannot read database (input/output error: {}); the file may be truncated "
                "or the disk failing",
                shown, sqlite3_errmsg(db)));
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
            throw DatabaseError(fmt::format(
                "{}: cannot read database: {}; an interrupted write must be recovered by a "
                "process that may write the file and its folder",
                shown, sqlite3_errmsg(db)));
        default:
            throw DatabaseError(
                fmt::format("{}: cannot read database: {}", shown, sqlite3_errmsg(db)));
    }
}

// Checks that `db` is a lawlist database; returns its schema version.
int check_identity(sqlite3* db, const fs::path& path) {
    int application_id = 0;
    if (const int rc = query_int(db, "PRAGMA application_id", application_id); rc != SQLITE_OK) {
        throw_unreadable(db, rc, path);
    }
    if (application_id != k_application_id) {
        throw DatabaseError(fmt::format("{}: not a lawlist database", path.string()));
    }
    int version = 0;
    // Reading the schema also reads past the first page: a truncated file fails here.
    int tables = 0;
    if (const int rc = query_int(db, "PRAGMA user_version", version); rc != SQLITE_OK) {
        throw_unreadable(db, rc, path);
    }
    if (const int rc = query_int(db, "SELECT count(*) FROM sqlite_master", tables);
        rc != SQLITE_OK) {
        throw_unreadable(db, rc, path);
    }
    return version;
}

// A process killed in the middle of a write leaves a hot journal, which only a connection that
// may write can roll back; a read-only open would fail. Rolls it back when there is one.
void recover_hot_journal(const fs::path& path) {
    std::error_code ec;
    fs::path journal = path;
    journal += "-journal";
    if (!fs::exists(journal, ec) || fs::file_size(journal, ec) == 0) {
        return;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        Waiting waiting{path};
        sqlite3_busy_handler(db, wait_for_writer, &waiting);
        int ignored = 0;
        query_int(db, "SELECT count(*) FROM sqlite_master", ignored);  // rolls the journal back
    }
    sqlite3_close(db);
}

void check_version(int version, const fs::path& path) {
    if (version > k_schema_version) {
        throw DatabaseError(
            fmt::format("{}: database schema version {} is newer than this lawlist supports ({}); "
                        "use a newer lawlist",
                        path.string(), version, k_schema_version));
    }
    if (version < k_schema_version) {
        throw DatabaseError(
            fmt::format("{}: database schema version {} is older than this lawlist uses ({}); run "
                        "'lawlist upgrade --db {}' to migrate it",
                        path.string(), version, k_schema_version, path.string()));
    }
}

void migrate(sqlite3* db, int from) {
    for (int version = from; version < k_schema_version; ++version) {
        exec(db, migrations()[static_cast<std::size_t>(version)]);
    }
    exec(db, fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};", k_application_id,
                         k_schema_version)
                 .c_str());
}

}  // namespace

Database::Database(fs::path path, sqlite3* db)
    : m_path(std::move(path)),
      m_db(db),
      m_waiting(std::make_unique<Waiting>(Waiting{m_path, {}, false})) {
    sqlite3_busy_handler(m_db, wait_for_writer, m_waiting.get());
}

Database::Database(Database&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_db(std::exchange(other.m_db, nullptr)),
      m_waiting(std::move(other.m_waiting)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close(m_db);
        m_path = std::move(other.m_path);
        m_db = std::exchange(other.m_db, nullptr);
        m_waiting = std::move(other.m_waiting);
    }
    return *this;
}

Database::~Database() {
    sqlite3_close(m_db);
}

Database Database::open(const fs::path& path, Mode mode) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        throw DatabaseError(
            fmt::format("{}: no such database (create one with 'lawlist load')", path.string()));
    }
    if (fs::is_directory(path, ec)) {
        throw DatabaseError(fmt::format("{}: is a folder, not a database", path.string()));
    }
    if (mode == Mode::read_only) {
        recover_hot_journal(path);
    }
    sqlite3* db =
        open_handle(path, mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
    Database database(path, db);
    check_version(check_identity(db, path), path);
    exec(db, "PRAGMA foreign_keys = ON");
    return database;
}

Database Database::create_or_open(const fs::path& path) {
    std::error_code ec;
    if (fs::exists(path, ec) && fs::file_size(path, ec) > 0) {
        return open(path, Mode::read_write);
    }
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
    }
    sqlite3* db = open_handle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Database database(path, db);
    WriteTransaction tx(database);
    migrate(db, 0);
    tx.commit();
    exec(db, "PRAGMA foreign_keys = ON");
    return database;
}

Database Database::create(const fs::path& path, Journal journal) {
    sqlite3* db = open_handle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Database database(path, db);
    exec(db,
         journal == Journal::wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
    WriteTransaction tx(database);
    migrate(db, 0);
    tx.commit();
    exec(db, "PRAGMA foreign_keys = ON");
    return database;
}

void Database::check_integrity() const {
    Statement st(m_db, "PRAGMA quick_check(5)");
    std::vector<std::string> problems;
    while (st.step()) {
        if (st.text(0) != "ok") {
            problems.push_back(st.text(0));
        }
    }
    if (!problems.empty()) {
        throw DatabaseError(fmt::format(
            "{}: database file is damaged ({}); nothing was written; restore it from a copy or "
            "load the lists into a new database",
            m_path.string(), problems.front()));
    }
}

Database::ReadTransaction::ReadTransaction(const Database& database) : m_db(database.m_db) {
    // A deferred transaction takes its snapshot at the first read.
    exec(m_db, "BEGIN DEFERRED");
}

Database::ReadTransaction::~ReadTransaction() {
    sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
}

int Database::upgrade(const fs::path& path, const std::function<void(Database&)>& then) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        throw DatabaseError(fmt::format("{}: no such database", path.string()));
    }
    sqlite3* db = open_handle(path, SQLITE_OPEN_READWRITE);
    Database database(path, db);
    const int version = check_identity(db, path);
    if (version > k_schema_version) {
        check_version(version, path);
    }
    WriteTransaction tx(database);
    if (version < k_schema_version) {
        migrate(db, version);
    }
    if (then) {
        then(database);
    }
    tx.commit();
    return version;
}

Database::WriteTransaction::WriteTransaction(Database& database)
    : m_db(database.m_db), m_nested(sqlite3_get_autocommit(m_db) == 0) {
    // Inside an open transaction (a load's writes within the caller's), a savepoint of it.
    exec(m_db, m_nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
}

Database::WriteTransaction::~WriteTransaction() {
    if (!m_done) {
        sqlite3_exec(m_db, m_nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK", nullptr,
                     nullptr, nullptr);
    }
}

void Database::WriteTransaction::commit() {
    exec(m_db, m_nested ? "RELEASE nested" : "COMMIT");
    m_done = true;
}

std::optional<std::string> Database::meta(const std::string& key) const {
    Statement st(m_db, "SELECT value FROM meta WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? std::optional(st.text(0)) : std::nullopt;
}

void Database::set_meta(const std::string& key, const std::optional<std::string>& value) {
    if (!value) {
        Statement erase(m_db, "DELETE FROM meta WHERE key = ?1");
        erase.bind(1, key).run();
        return;
    }
    Statement st(m_db,
                 "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value");
    st.bind(1, key).bind(2, *value).run();
}

std::optional<Blob> Database::blob(const std::string& name) const {
    Statement st(m_db, "SELECT format, fingerprint, bytes FROM blob WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) {
        return std::nullopt;
    }
    return Blob{st.text(0), st.text(1), std::string(st.blob(2))};
}

std::vector<BlobPart> Database::blob_parts(
    const std::string& name, const std::optional<std::vector<std::int64_t>>& keys) const {
    std::vector<BlobPart> out;
    if (!keys) {
        Statement st(m_db, "SELECT key, bytes FROM blob_part WHERE name = ?1 ORDER BY key");
        st.bind(1, name);
        while (st.step()) {
            out.emplace_back(st.integer(0), std::string(st.blob(1)));
        }
        return out;
    }
    std::vector<std::int64_t> wanted = *keys;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    Statement st(m_db, "SELECT bytes FROM blob_part WHERE name = ?1 AND key = ?2");
    for (const std::int64_t key : wanted) {
        st.reset();
        st.bind(1, name).bind(2, key);
        if (st.step()) {
            out.emplace_back(key, std::string(st.blob(0)));
        }
    }
    return out;
}

void Database::put_blob_parts(const std::string& name, const std::vector<BlobPart>& parts) {
    Statement(m_db, "DELETE FROM blob_part WHERE name = ?1").bind(1, name).run();
    Statement st(m_db, "INSERT INTO blob_part (name, key, bytes) VALUES (?1, ?2, ?3)");
    for (const auto& [key, bytes] : parts) {
        st.reset();
        st.bind(1, name).bind(2, key).bind_blob(3, bytes).run();
    }
}

void Database::put_blob(const std::string& name, const Blob& blob) {
    Statement st(m_db,
                 "INSERT INTO blob (name, format, fingerprint, bytes) VALUES (?1, ?2, ?3, ?4) ON "
                 "CONFLICT (name) DO UPDATE SET format = excluded.format, fingerprint = "
                 "excluded.fingerprint, bytes = excluded.bytes");
    st.bind(1, name).bind(2, blob.format).bind(3, blob.fingerprint).bind_blob(4, blob.bytes).run();
}

WaitNotice set_wait_notice(WaitNotice notice) {
    return std::exchange(wait_notice(), std::move(notice));
}

std::string now_iso8601() {
    std::time_t t = 0;
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    } else {
        t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    }
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

}  // namespace lawlist::store
