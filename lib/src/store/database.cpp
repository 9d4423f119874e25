#include "lawlist/store/database.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "lawlist/text/normalize.hpp"
#include "lawlist/text/utf8.hpp"
#include "statement.hpp"

namespace lawlist::store {

extern const char* const k_schema_sql;
extern const char* const k_schema_2_sql;
extern const char* const k_schema_3_sql;
extern const char* const k_schema_4_sql;
extern const char* const k_schema_5_sql;
extern const char* const k_schema_6_sql;

namespace fs = std::filesystem;

namespace {

// Migrations from version N-1 to N are k_migrations[N-1]; version 0 is an empty lawlist database.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list = {k_schema_sql,   k_schema_2_sql, k_schema_3_sql,
                                                  k_schema_4_sql, k_schema_5_sql, k_schema_6_sql};
    return list;
}

// How long a command waits for another process's write to finish before giving up: a load of
// 100,000 items commits in a few seconds.
constexpr int k_busy_timeout_ms = 60000;

sqlite3* open_handle(const fs::path& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw DatabaseError(fmt::format("{}: cannot open database: {}", path.string(), message));
    }
    sqlite3_busy_timeout(db, k_busy_timeout_ms);
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
                fmt::format("{}: database is busy: another process kept it locked for {} s; try "
                            "again when it has finished",
                            shown, k_busy_timeout_ms / 1000));
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
        sqlite3_busy_timeout(db, k_busy_timeout_ms);
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

void rebuild_classify_index(sqlite3* db);
bool classify_index_stale(sqlite3* db);

void migrate(sqlite3* db, int from) {
    for (int version = from; version < k_schema_version; ++version) {
        exec(db, migrations()[static_cast<std::size_t>(version)]);
    }
    if (from >= 1) {
        // Version 2 compiles the index into one blob, version 3 adds the scope model to it.
        rebuild_classify_index(db);
    }
    exec(db, fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};", k_application_id,
                         k_schema_version)
                 .c_str());
}

// Commits on success, rolls back when an exception leaves the scope.
class Transaction {
  public:
    explicit Transaction(sqlite3* db) : m_db(db) { exec(db, "BEGIN IMMEDIATE"); }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() {
        if (!m_done) {
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    void commit() {
        exec(m_db, "COMMIT");
        m_done = true;
    }

  private:
    sqlite3* m_db;
    bool m_done = false;
};

// Writes one list set as a new revision.
class RevisionWriter {
  public:
    RevisionWriter(sqlite3* db, const model::Bundle& bundle)
        : m_bundle(bundle),
          m_body(db,
                 "INSERT INTO body (revision_id, id, name, kind, sector, parent_id, remarks, "
                 "source_path, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
          m_item(db,
                 "INSERT INTO item (revision_id, code, name, category, sector, body_id, "
                 "delegation_from, delegation_mode, delegation_item, remarks, source_path, "
                 "source_line, unit_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                 "?12, ?13)"),
          m_item_basis(db,
                       "INSERT INTO item_basis (item_id, seq, law, article, paragraph, item_no, "
                       "version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
          m_item_violation(db,
                           "INSERT OR IGNORE INTO item_violation (item_id, violation_type_id) "
                           "VALUES (?1, ?2)"),
          m_item_delegated(db,
                           "INSERT INTO item_delegated_to (item_id, jurisdiction_id, mode) VALUES "
                           "(?1, ?2, ?3)"),
          m_db(db) {}

    void write(std::int64_t revision, const model::ListSet& set) {
        for (const auto& body : set.jurisdiction.bodies) {
            m_body.bind(1, revision)
                .bind(2, body.id)
                .bind(3, body.name)
                .bind(4, body.kind)
                .bind(5, body.sector)
                .bind(6, body.parent ? std::optional(body.parent->id) : std::nullopt)
                .bind(7, body.remarks)
                .bind(8, path(body.loc))
                .bind(9, line(body.loc))
                .run();
        }
        for (const auto& item : set.items) {
            write_item(revision, item);
        }
        write_problems(revision, set);
        write_warnings(revision, set);
        write_metrics(revision, set);
    }

  private:
    const std::string& path(const model::Location& loc) const {
        return m_bundle.files[loc.file].path;
    }
    static std::int64_t line(const model::Location& loc) { return loc.line + 1; }

    void write_item(std::int64_t revision, const model::Item& item) {
        const auto& d = item.delegation;
        m_item.bind(1, revision)
            .bind(2, item.code)
            .bind(3, item.name)
            .bind(4, item.category)
            .bind(5, item.sector)
            .bind(6, item.body.id)
            .bind(7, d ? std::optional(d->from.id) : std::nullopt)
            .bind(8, d ? std::optional(d->mode) : std::nullopt)
            .bind(9, d ? std::optional(d->item.id) : std::nullopt)
            .bind(10, item.remarks)
            .bind(11, path(item.loc))
            .bind(12, line(item.loc))
            .bind(13, item.unit ? std::optional(item.unit->id) : std::nullopt)
            .run();
        const std::int64_t id = sqlite3_last_insert_rowid(m_db);
        int seq = 0;
        for (const auto& basis : item.basis) {
            m_item_basis.bind(1, id)
                .bind(2, ++seq)
                .bind(3, basis.law)
                .bind(4, basis.article)
                .bind(5, basis.paragraph)
                .bind(6, basis.item)
                .bind(7, basis.version)
                .run();
        }
        for (const auto& type : item.violation_types) {
            m_item_violation.bind(1, id).bind(2, type.id).run();
        }
        for (const auto& to : item.delegated_to) {
            m_item_delegated.bind(1, id).bind(2, to.jurisdiction.id).bind(3, to.mode).run();
        }
    }

    void write_problems(std::int64_t revision, const model::ListSet& set) {
        Statement problem(m_db,
                          "INSERT INTO problem (revision_id, code, name, description, lead_id, "
                          "source_path, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        Statement violation(m_db,
                            "INSERT INTO problem_violation (problem_id, violation_type_id) VALUES "
                            "(?1, ?2)");
        Statement item(m_db, "INSERT INTO problem_item (problem_id, item_code) VALUES (?1, ?2)");
        Statement cooperating(
            m_db, "INSERT INTO problem_cooperating (problem_id, seq, body_id) VALUES (?1, ?2, ?3)");
        for (const auto& p : set.problems) {
            problem.bind(1, revision)
                .bind(2, p.code)
                .bind(3, p.name)
                .bind(4, p.description)
                .bind(5, p.lead.id)
                .bind(6, path(p.loc))
                .bind(7, line(p.loc))
                .run();
            const std::int64_t id = sqlite3_last_insert_rowid(m_db);
            for (const auto& v : p.violation_types) {
                violation.bind(1, id).bind(2, v.id).run();
            }
            for (const auto& code : p.items) {
                item.bind(1, id).bind(2, code.id).run();
            }
            int seq = 0;
            for (const auto& body : p.cooperating) {
                cooperating.bind(1, id).bind(2, ++seq).bind(3, body.id).run();
            }
        }
    }

    void write_warnings(std::int64_t revision, const model::ListSet& set) {
        Statement warning(m_db,
                          "INSERT INTO warning (revision_id, code, situation, consequence, "
                          "source_path, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        Statement body(m_db, "INSERT INTO warning_body (warning_id, body_id) VALUES (?1, ?2)");
        Statement basis(m_db,
                        "INSERT INTO warning_basis (warning_id, seq, law, article, paragraph, "
                        "item_no, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        for (const auto& w : set.warnings) {
            warning.bind(1, revision)
                .bind(2, w.code)
                .bind(3, w.situation)
                .bind(4, w.consequence)
                .bind(5, path(w.loc))
                .bind(6, line(w.loc))
                .run();
            const std::int64_t id = sqlite3_last_insert_rowid(m_db);
            for (const auto& b : w.applies_to) {
                body.bind(1, id).bind(2, b.id).run();
            }
            int seq = 0;
            for (const auto& b : w.basis) {
                basis.bind(1, id)
                    .bind(2, ++seq)
                    .bind(3, b.law)
                    .bind(4, b.article)
                    .bind(5, b.paragraph)
                    .bind(6, b.item)
                    .bind(7, b.version)
                    .run();
            }
        }
    }

    void write_metrics(std::int64_t revision, const model::ListSet& set) {
        Statement metric(m_db,
                         "INSERT INTO metric (revision_id, code, name, description, comparison, "
                         "value, unit, weight, assessor_id, source_path, source_line) VALUES (?1, "
                         "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        Statement assessed(m_db,
                           "INSERT INTO metric_assessed (metric_id, body_id) VALUES (?1, ?2)");
        for (const auto& m : set.metrics) {
            metric.bind(1, revision)
                .bind(2, m.code)
                .bind(3, m.name)
                .bind(4, m.description)
                .bind(5, m.comparison)
                .bind(6, m.value)
                .bind(7, m.unit)
                .bind(8, m.weight)
                .bind(9, m.assessor.id)
                .bind(10, path(m.loc))
                .bind(11, line(m.loc))
                .run();
            const std::int64_t id = sqlite3_last_insert_rowid(m_db);
            for (const auto& b : m.assessed) {
                assessed.bind(1, id).bind(2, b.id).run();
            }
        }
    }

    const model::Bundle& m_bundle;
    Statement m_body;
    Statement m_item;
    Statement m_item_basis;
    Statement m_item_violation;
    Statement m_item_delegated;
    sqlite3* m_db;
};

// Rebuilds the classification index from the whole vocabulary in the database (a load may carry
// only part of it).
void rebuild_classify_index(sqlite3* db) {
    StoredVocabulary vocabulary =
        read_vocabulary(db, [](const std::string&, std::int64_t) { return model::Location{}; });
    const auto& types = vocabulary.types;
    // In text order: the out-of-scope reports are grouped ten to a document in this order.
    std::vector<std::string> out_of_scope =
        vocabulary.out_of_scope.value_or(std::vector<std::string>{});
    std::sort(out_of_scope.begin(), out_of_scope.end());
    const text::Normalizer normalizer;
    const classify::IndexRows rows = classify::build_index(types, out_of_scope, normalizer);
    exec(db, "DELETE FROM classify_term; DELETE FROM classify_compiled;");
    Statement term(db,
                   "INSERT OR IGNORE INTO classify_term (violation_type_id, term) VALUES (?1, ?2)");
    for (const auto& entry : rows.types) {
        for (const auto& t : entry.terms) {
            term.bind(1, entry.violation_type).bind(2, text::encode(t)).run();
        }
    }
    Statement image(db, "INSERT INTO classify_compiled (id, image) VALUES (1, ?1)");
    image.bind_blob(1, classify::compile(rows).to_bytes()).run();
}

// Whether a compiled index is stored in a format this lawlist does not read.
bool classify_index_stale(sqlite3* db) {
    Statement image(db, "SELECT image FROM classify_compiled WHERE id = 1");
    return image.step() && !classify::CompiledIndex::is_current(image.blob(0));
}

}  // namespace

classify::IndexRows Database::classify_index() const {
    classify::IndexRows rows;
    std::unordered_map<std::string, std::size_t> at;
    auto entry = [&](const std::string& id) -> classify::TypeEntry& {
        auto [it, fresh] = at.emplace(id, rows.types.size());
        if (fresh) {
            rows.types.push_back({id, {}, {}, {}});
        }
        return rows.types[it->second];
    };
    Statement terms(m_db,
                    "SELECT violation_type_id, term FROM classify_term ORDER BY violation_type_id");
    classify::TypeEntry* current = nullptr;
    std::string current_id;
    while (terms.step()) {
        if (!current || terms.text(0) != current_id) {
            current_id = terms.text(0);
            current = &entry(current_id);
        }
        current->terms.push_back(text::decode(terms.text(1)));
    }
    Statement image(m_db, "SELECT image FROM classify_compiled WHERE id = 1");
    if (image.step()) {
        try {
            rows.compiled = classify::CompiledIndex::from_bytes(image.blob(0));
        } catch (const std::runtime_error& e) {
            throw DatabaseError(fmt::format("{}: {}", m_path.string(), e.what()));
        }
    }
    return rows;
}

Database::Database(fs::path path, sqlite3* db) : m_path(std::move(path)), m_db(db) {}

Database::Database(Database&& other) noexcept
    : m_path(std::move(other.m_path)), m_db(std::exchange(other.m_db, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close(m_db);
        m_path = std::move(other.m_path);
        m_db = std::exchange(other.m_db, nullptr);
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
    Transaction tx(db);
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
    Transaction tx(db);
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

int Database::upgrade(const fs::path& path) {
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
    if (version < k_schema_version) {
        Transaction tx(db);
        migrate(db, version);
        tx.commit();
    } else if (classify_index_stale(db)) {
        // The schema is current but the compiled index is of an older format: compile it anew
        // from the stored vocabulary.
        Transaction tx(db);
        rebuild_classify_index(db);
        tx.commit();
    }
    return version;
}

model::KnownWorld Database::known_world() const {
    model::KnownWorld world;
    {
        Statement st(m_db, "SELECT id, level, parent_id FROM jurisdiction");
        while (st.step()) {
            world.jurisdictions[st.text(0)] = {*model::parse_level(st.text(1)),
                                               st.optional_text(2)};
        }
    }
    {
        Statement st(m_db,
                     "SELECT b.id, r.jurisdiction_id FROM body b JOIN latest_revision r ON "
                     "r.id = b.revision_id");
        while (st.step()) {
            world.bodies[st.text(0)] = st.text(1);
        }
    }
    {
        Statement st(m_db,
                     "SELECT i.code, r.jurisdiction_id FROM item i JOIN latest_revision r ON "
                     "r.id = i.revision_id");
        while (st.step()) {
            world.items[st.text(1)].insert(st.text(0));
        }
    }
    {
        Statement st(m_db, "SELECT id FROM violation_type");
        while (st.step()) {
            world.violation_types.insert(st.text(0));
        }
    }
    {
        Statement st(m_db, "SELECT code FROM sector");
        while (st.step()) {
            world.sectors.insert(st.text(0));
        }
    }
    return world;
}

namespace {

// The law registry is vocabulary: each law a load carries replaces that law's stored versions.
void write_laws(sqlite3* db, const model::Bundle& bundle) {
    Statement clear(db, "DELETE FROM law WHERE name = ?1");
    Statement law(db, "INSERT INTO law (name, source_path, source_line) VALUES (?1, ?2, ?3)");
    Statement version(db,
                      "INSERT INTO law_version (law, seq, version_id, label, adopted, effective, "
                      "source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    Statement move(db,
                   "INSERT INTO law_renumbering (law, version_id, seq, from_article, to_article) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& l : bundle.laws) {
        clear.bind(1, l.name).run();
        law.bind(1, l.name)
            .bind(2, bundle.files[l.loc.file].path)
            .bind(3, static_cast<std::int64_t>(l.loc.line + 1))
            .run();
        int seq = 0;
        for (const auto& v : l.versions) {
            version.bind(1, l.name)
                .bind(2, ++seq)
                .bind(3, v.id)
                .bind(4, v.label)
                .bind(5, v.adopted)
                .bind(6, v.effective)
                .bind(7, static_cast<std::int64_t>(v.loc.line + 1))
                .run();
            int m = 0;
            for (const auto& a : v.renumbered) {
                move.bind(1, l.name).bind(2, v.id).bind(3, ++m).bind(4, a.from).bind(5, a.to).run();
            }
        }
    }
}

}  // namespace

LoadReport Database::write(const model::Bundle& bundle, const std::optional<std::string>& label,
                           const std::string& loaded_at) {
    LoadReport report;
    Transaction tx(m_db);

    Statement sector(m_db,
                     "INSERT INTO sector (code, name) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE "
                     "SET name = excluded.name");
    for (const auto& s : bundle.sectors) {
        sector.bind(1, s.code).bind(2, s.name).run();
    }

    Statement type(m_db,
                   "INSERT INTO violation_type (id, name, sector, description, source_path, "
                   "source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET "
                   "name = excluded.name, sector = excluded.sector, description = "
                   "excluded.description, source_path = excluded.source_path, source_line = "
                   "excluded.source_line");
    Statement clear_aliases(m_db, "DELETE FROM violation_alias WHERE violation_type_id = ?1");
    Statement alias(m_db,
                    "INSERT OR IGNORE INTO violation_alias (violation_type_id, alias) VALUES (?1, "
                    "?2)");
    Statement clear_examples(m_db, "DELETE FROM violation_example WHERE violation_type_id = ?1");
    Statement example(m_db,
                      "INSERT OR IGNORE INTO violation_example (violation_type_id, example) VALUES "
                      "(?1, ?2)");
    for (const auto& v : bundle.violation_types) {
        type.bind(1, v.id)
            .bind(2, v.name)
            .bind(3, v.sector)
            .bind(4, v.description)
            .bind(5, bundle.files[v.loc.file].path)
            .bind(6, static_cast<std::int64_t>(v.loc.line + 1))
            .run();
        clear_aliases.bind(1, v.id).run();
        for (const auto& a : v.aliases) {
            alias.bind(1, v.id).bind(2, a).run();
        }
        clear_examples.bind(1, v.id).run();
        for (const auto& e : v.examples) {
            example.bind(1, v.id).bind(2, e).run();
        }
    }
    if (bundle.out_of_scope) {
        exec(m_db, "DELETE FROM out_of_scope_example");
        Statement out(m_db, "INSERT OR IGNORE INTO out_of_scope_example (example) VALUES (?1)");
        for (const auto& e : *bundle.out_of_scope) {
            out.bind(1, e).run();
        }
    }
    write_laws(m_db, bundle);
    report.violation_types = bundle.violation_types.size();
    if (!bundle.violation_types.empty() || bundle.out_of_scope) {
        rebuild_classify_index(m_db);
    }

    // Parents first: a township's row refers to its county's.
    std::vector<const model::ListSet*> order;
    for (const auto& set : bundle.list_sets) {
        if (set.jurisdiction.level == model::Level::county) {
            order.push_back(&set);
        }
    }
    for (const auto& set : bundle.list_sets) {
        if (set.jurisdiction.level != model::Level::county) {
            order.push_back(&set);
        }
    }
    Statement jurisdiction(m_db,
                           "INSERT INTO jurisdiction (id, name, level, parent_id) VALUES (?1, ?2, "
                           "?3, ?4) ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = "
                           "excluded.level, parent_id = excluded.parent_id");
    // Revisions whose sources are these, newest first: the latest, or one with the same label,
    // means the load changes nothing (re-loading an older revision's files is not a new revision).
    Statement same_sources(m_db,
                           "SELECT r.id, r.label, r.loaded_at, r.effective, r.id = (SELECT max(id) "
                           "FROM revision WHERE jurisdiction_id = ?1) FROM revision r WHERE "
                           "r.jurisdiction_id = ?1 AND r.source_hash = ?2 ORDER BY r.id DESC");
    Statement label_taken(m_db, "SELECT 1 FROM revision WHERE jurisdiction_id = ?1 AND label = ?2");
    Statement revision(m_db,
                       "INSERT INTO revision (jurisdiction_id, label, effective, loaded_at, "
                       "source_hash, sources) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    // All jurisdiction rows first: a county item may be delegated to a township of this load.
    for (const model::ListSet* set : order) {
        const auto& j = set->jurisdiction;
        jurisdiction.bind(1, j.id)
            .bind(2, j.name)
            .bind(3, model::to_string(j.level))
            .bind(4, j.parent ? std::optional(j.parent->id) : std::nullopt)
            .run();
    }
    RevisionWriter writer(m_db, bundle);
    for (const model::ListSet* set : order) {
        const auto& j = set->jurisdiction;
        RevisionInfo info;
        info.jurisdiction = j.id;
        info.source_hash = set->source_hash;
        info.items = static_cast<std::int64_t>(set->items.size());
        info.label = label ? *label : j.revision ? *j.revision : loaded_at;
        same_sources.bind(1, j.id).bind(2, set->source_hash);
        bool unchanged = false;
        while (same_sources.step()) {
            if (same_sources.integer(4) != 0 || same_sources.text(1) == info.label) {
                info.id = same_sources.integer(0);
                info.label = same_sources.text(1);
                info.loaded_at = same_sources.text(2);
                info.effective = same_sources.optional_text(3);
                unchanged = true;
                break;
            }
        }
        same_sources.reset();
        if (unchanged) {
            report.revisions.push_back(std::move(info));
            continue;
        }
        label_taken.bind(1, j.id).bind(2, info.label);
        const bool taken = label_taken.step();
        label_taken.reset();
        if (taken) {
            throw DatabaseError(fmt::format(
                "revision '{}' of {} already exists with other contents; give this load another "
                "label with --revision",
                info.label, j.id));
        }
        nlohmann::json sources = nlohmann::json::array();
        for (const auto index : set->files) {
            sources.push_back(bundle.files[index].path);
        }
        revision.bind(1, j.id)
            .bind(2, info.label)
            .bind(3, j.effective)
            .bind(4, loaded_at)
            .bind(5, set->source_hash)
            .bind(6, sources.dump())
            .run();
        info.id = sqlite3_last_insert_rowid(m_db);
        info.loaded_at = loaded_at;
        info.effective = j.effective;
        info.created = true;
        writer.write(info.id, *set);
        report.revisions.push_back(std::move(info));
    }
    tx.commit();
    return report;
}

std::vector<RevisionInfo> Database::revisions() const {
    Statement st(m_db,
                 "SELECT r.id, r.jurisdiction_id, r.label, r.effective, r.loaded_at, "
                 "r.source_hash, (SELECT count(*) FROM item i WHERE i.revision_id = r.id) FROM "
                 "revision r ORDER BY r.id");
    std::vector<RevisionInfo> out;
    while (st.step()) {
        RevisionInfo info;
        info.id = st.integer(0);
        info.jurisdiction = st.text(1);
        info.label = st.text(2);
        info.effective = st.optional_text(3);
        info.loaded_at = st.text(4);
        info.source_hash = st.text(5);
        info.items = st.integer(6);
        out.push_back(std::move(info));
    }
    return out;
}

std::vector<ItemRow> Database::items(const ItemFilter& filter) const {
    std::vector<ItemRow> out;
    each_item(filter, [&out](ItemRow&& row) { out.push_back(std::move(row)); });
    return out;
}

void Database::each_item(const ItemFilter& filter,
                         const std::function<void(ItemRow&&)>& each) const {
    if (filter.revision) {
        // An unknown label would otherwise list nothing and look like an empty revision.
        Statement known(m_db, "SELECT 1 FROM revision WHERE label = ?1");
        known.bind(1, *filter.revision);
        if (!known.step()) {
            std::vector<std::string> labels;
            Statement all(m_db, "SELECT DISTINCT label FROM revision ORDER BY id");
            while (all.step()) {
                labels.push_back(all.text(0));
            }
            const auto near = text::closest(*filter.revision, labels, 1);
            std::string joined;
            for (const auto& label : labels) {
                joined += (joined.empty() ? "" : ", ") + label;
            }
            throw Error(near.empty() ? fmt::format("no revision labelled '{}' (labels: {})",
                                                   *filter.revision, joined)
                                     : fmt::format("no revision labelled '{}'; did you mean '{}'?",
                                                   *filter.revision, near.front()));
        }
    }
    // Related lists are aggregated per item with the unit separator, which cannot occur in text
    // that passed the schemas (it is a control character).
    std::string sql =
        "SELECT r.jurisdiction_id, r.label, i.code, i.name, i.category, i.sector, i.body_id, "
        "coalesce(b.name, (SELECT sb.name FROM body sb JOIN latest_revision srv ON srv.id = "
        "  sb.revision_id WHERE sb.id = i.body_id)), i.delegation_from, "
        "(SELECT ob.name FROM body ob JOIN latest_revision orv ON orv.id = ob.revision_id "
        "  WHERE ob.id = i.delegation_from), i.delegation_mode, i.delegation_item, "
        "(SELECT group_concat(d.jurisdiction_id || ':' || d.mode, char(31)) FROM "
        "  item_delegated_to d WHERE d.item_id = i.id), "
        "(SELECT group_concat(law || char(30) || article || char(30) || ifnull(paragraph, '') || "
        "  char(30) || ifnull(item_no, ''), char(31)) FROM (SELECT * FROM item_basis ib WHERE "
        "  ib.item_id = i.id ORDER BY ib.seq)), "
        "(SELECT group_concat(v.violation_type_id, char(31)) FROM item_violation v WHERE "
        "  v.item_id = i.id), i.remarks, i.source_path, i.source_line, i.unit_id, "
        "(SELECT ub.name FROM body ub WHERE ub.revision_id = i.revision_id AND ub.id = i.unit_id), "
        "(SELECT ub.name FROM body ub JOIN latest_revision urv ON urv.id = ub.revision_id WHERE "
        "  ub.id = i.unit_id) "
        "FROM item i JOIN revision r ON r.id = i.revision_id "
        "LEFT JOIN body b ON b.revision_id = i.revision_id AND b.id = i.body_id WHERE ";
    sql += filter.revision ? "r.label = ?1" : "r.id IN (SELECT id FROM latest_revision)";
    if (filter.jurisdiction) {
        sql += " AND r.jurisdiction_id = ?2";
    }
    if (filter.body) {
        sql += " AND (i.body_id = ?3 OR i.unit_id = ?3)";
    }
    if (filter.sector) {
        sql += " AND i.sector = ?4";
    }
    if (filter.category) {
        sql += " AND i.category = ?5";
    }
    if (filter.name_contains) {
        sql += " AND instr(i.name, ?6) > 0";
    }
    sql += " ORDER BY r.jurisdiction_id, i.id";
    Statement st(m_db, sql);
    st.bind(1, filter.revision)
        .bind(2, filter.jurisdiction)
        .bind(3, filter.body)
        .bind(4, filter.sector)
        .bind(5, filter.category)
        .bind(6, filter.name_contains);
    while (st.step()) {
        ItemRow row;
        row.jurisdiction = st.text(0);
        row.revision = st.text(1);
        row.code = st.text(2);
        row.name = st.text(3);
        row.category = st.text(4);
        row.sector = st.text(5);
        row.body_id = st.text(6);
        row.body_name = st.text(7);
        row.delegation_from = st.optional_text(8);
        row.delegation_from_name = st.optional_text(9);
        row.delegation_mode = st.optional_text(10);
        row.delegation_item = st.optional_text(11);
        row.delegated_to = split_units(st.text(12));
        for (const auto& joined : split_units(st.text(13))) {
            std::vector<std::string> parts;
            std::size_t start = 0;
            for (std::size_t k = 0; k < 4; ++k) {
                const auto end = joined.find('\x1e', start);
                parts.push_back(joined.substr(start, end - start));
                start = end == std::string::npos ? joined.size() : end + 1;
            }
            model::LegalBasis basis;
            basis.law = parts[0];
            basis.article = std::stoi(parts[1]);
            if (!parts[2].empty()) {
                basis.paragraph = std::stoi(parts[2]);
            }
            if (!parts[3].empty()) {
                basis.item = std::stoi(parts[3]);
            }
            row.basis.push_back(basis.citation());
        }
        row.violation_types = split_units(st.text(14));
        row.remarks = st.optional_text(15);
        row.source_path = st.text(16);
        row.source_line = st.integer(17);
        row.unit_id = st.optional_text(18);
        row.unit_name = st.is_null(19) ? st.optional_text(20) : st.optional_text(19);
        each(std::move(row));
    }
}

std::vector<BodyRow> Database::bodies(const BodyFilter& filter) const {
    std::string sql =
        "SELECT r.jurisdiction_id, b.id, b.name, b.kind, b.sector, b.parent_id, "
        "(SELECT count(*) FROM item i WHERE i.revision_id = b.revision_id AND (i.body_id = b.id OR "
        "i.unit_id = b.id)) "
        "FROM body b JOIN latest_revision r ON r.id = b.revision_id WHERE 1";
    if (filter.jurisdiction) {
        sql += " AND r.jurisdiction_id = ?1";
    }
    if (filter.sector) {
        sql += " AND b.sector = ?2";
    }
    sql += " ORDER BY r.jurisdiction_id, b.rowid";
    Statement st(m_db, sql);
    st.bind(1, filter.jurisdiction).bind(2, filter.sector);
    std::vector<BodyRow> out;
    while (st.step()) {
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.optional_text(4),
                       st.optional_text(5), st.integer(6)});
    }
    return out;
}

std::vector<model::Sector> Database::sectors() const {
    Statement st(m_db, "SELECT code, name FROM sector ORDER BY rowid");
    std::vector<model::Sector> out;
    while (st.step()) {
        out.push_back({st.text(0), st.text(1), {}});
    }
    return out;
}

std::vector<std::string> Database::jurisdictions() const {
    Statement st(m_db, "SELECT id FROM jurisdiction ORDER BY id");
    std::vector<std::string> out;
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

std::optional<std::string> Database::find_jurisdiction(const std::string& id_or_name) const {
    Statement st(m_db, "SELECT id FROM jurisdiction WHERE id = ?1 OR name = ?1 ORDER BY id != ?1");
    st.bind(1, id_or_name);
    return st.step() ? std::optional(st.text(0)) : std::nullopt;
}

std::optional<std::string> Database::meta(const std::string& key) const {
    Statement st(m_db, "SELECT value FROM meta WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? std::optional(st.text(0)) : std::nullopt;
}

void Database::set_meta(const std::string& key, const std::string& value) {
    Statement st(m_db,
                 "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value");
    st.bind(1, key).bind(2, value).run();
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
