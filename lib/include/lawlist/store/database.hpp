#pragma once
// The SQLite database: opening with schema checks and migrations, transactions, writing a bundle
// as new revisions in one transaction and reading it back, meta values and blobs. The schema is
// lib/src/store/schema.sql and its migrations schema-N.sql.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lawlist/model/model.hpp"

struct sqlite3;

namespace lawlist::store {

// The schema version this build reads and writes.
inline constexpr int k_schema_version = 8;
// PRAGMA application_id of a lawlist database ('LAWL').
inline constexpr int k_application_id = 0x4C41574C;

struct RevisionInfo {
    std::int64_t id = 0;
    std::string jurisdiction;
    std::string label;
    std::optional<std::string> effective;
    std::string loaded_at;
    std::string source_hash;
    bool created = false;  // in a LoadReport: false when the sources were unchanged
    std::int64_t items = 0;
};

// What a load did: one entry per list set of the bundle.
struct LoadReport {
    std::vector<RevisionInfo> revisions;
    std::size_t violation_types = 0;
};

// How much of each revision a read of the lists takes. A whole read (the default) is what audit,
// export and diff work on; a one-shot command answering about one jurisdiction reads that
// jurisdiction's lists and its county's, and of those only the items and problems of the
// violation types it asks about. Every revision still gives its jurisdiction and bodies, so that
// bodies are named as in a whole read.
struct ReadScope {
    // Jurisdictions whose lists (items, problems, warnings, metrics) are read; nullopt: every one.
    std::optional<std::vector<std::string>> lists_of;
    // Violation types whose items and problems are read, with the township items that take over
    // a county item of one of them, and the only types read of the vocabulary (the law registry,
    // sectors and out-of-scope reports are read whole); nullopt: every item, problem and type.
    std::optional<std::vector<std::string>> violation_types;
    // Whether violation types come with what classification learns from (aliases, examples,
    // description) and the out-of-scope reports are read; false: only ids, names and sectors
    // (an audit, or resolutions by id).
    bool type_terms = true;
};

// A named byte image the database keeps for another part of lawlist (the classification index):
// `format` and `fingerprint` say what it is and what it was built from, as its owner defines
// them; the store only keeps them.
struct Blob {
    std::string format;
    std::string fingerprint;
    std::string bytes;
};

// One part of a blob kept in parts: its key and its bytes.
using BlobPart = std::pair<std::int64_t, std::string>;

namespace detail {
struct Access;   // the store's own files reach the SQLite handle through it
struct Waiting;  // what a connection's busy handler keeps while another process writes
}  // namespace detail

// A lawlist database file: opening it (with schema checks and migrations), transactions, writing
// and reading the lists as a model::Bundle, the meta values and blobs. Listings read it through
// queries.hpp, lists.hpp, lookup.hpp and summary.hpp.
class Database {
  public:
    enum class Mode { read_only, read_write };

    // Opens an existing lawlist database. Throws DatabaseError when the file is missing, is not
    // a lawlist database, or has another schema version (saying what to do about it).
    static Database open(const std::filesystem::path& path, Mode mode);

    // Opens `path` for writing, creating the file and its schema when it does not exist.
    static Database create_or_open(const std::filesystem::path& path);

    // How a new database journals its writes: WAL lets readers go on during a load (databases
    // named with --db); a rollback journal suits a file that is replaced whole by a rename (the
    // per-user database), which a WAL file beside it would not follow.
    enum class Journal { wal, rollback };

    // Creates a new, empty lawlist database at `path`, which must not exist. Throws
    // DatabaseError.
    static Database create(const std::filesystem::path& path, Journal journal);

    // Brings an older lawlist database to k_schema_version in one transaction; returns the
    // schema version it had. `then`, when given, runs in that transaction with the schema
    // current, whatever the version was (the loader compiles the classification index there).
    static int upgrade(const std::filesystem::path& path,
                       const std::function<void(Database&)>& then = {});

    // Throws DatabaseError when SQLite's quick_check finds damage: checked before any write, so
    // that a load never builds on damaged pages.
    void check_integrity() const;

    // A read transaction: every read while it lives sees one snapshot of the database, whatever
    // loads commit meanwhile. For commands that read several things (classification reads the
    // lists and the classification index).
    class ReadTransaction {
      public:
        explicit ReadTransaction(const Database& database);
        ReadTransaction(const ReadTransaction&) = delete;
        ReadTransaction& operator=(const ReadTransaction&) = delete;
        ~ReadTransaction();

      private:
        sqlite3* m_db;
    };

    // A write transaction: writes while it lives (write(), put_blob(), set_meta()) are committed
    // together by commit(), or not at all when it is destroyed first.
    class WriteTransaction {
      public:
        explicit WriteTransaction(Database& database);
        WriteTransaction(const WriteTransaction&) = delete;
        WriteTransaction& operator=(const WriteTransaction&) = delete;
        ~WriteTransaction();
        void commit();

      private:
        sqlite3* m_db;
        bool m_nested;
        bool m_done = false;
    };

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    const std::filesystem::path& path() const { return m_path; }

    // Writes every list set of `bundle` whose sources differ from its latest revision as a new
    // revision, and updates the vocabulary, all in one transaction (the caller's, when a
    // WriteTransaction is open): on any failure nothing is written. `label` overrides each
    // jurisdiction's own revision label; `loaded_at` is ISO 8601.
    LoadReport write(const model::Bundle& bundle, const std::optional<std::string>& label,
                     const std::string& loaded_at);

    // The latest revision of every jurisdiction as a bundle, with the vocabulary: what audit and
    // resolution work on. Locations name the recorded source files and lines (no columns, and
    // the file contents are not kept). `revision_label`, when set, picks that revision for the
    // jurisdictions that have one; a label no revision has throws lawlist::Error.
    // `scope` narrows what is read of each revision (see ReadScope).
    model::Bundle read_bundle(const std::optional<std::string>& revision_label = {},
                              const ReadScope& scope = {}) const;

    // Exactly the revisions `revision_ids` (ids of revisions()), with the vocabulary; ids that
    // name no revision are left out. Two revisions of one jurisdiction give two list sets.
    model::Bundle read_revisions(const std::vector<std::int64_t>& revision_ids,
                                 const ReadScope& scope = {}) const;

    // A value from the meta table; setting nullopt removes the key.
    std::optional<std::string> meta(const std::string& key) const;
    void set_meta(const std::string& key, const std::optional<std::string>& value);

    // The blob stored under `name`, if any; put_blob replaces it.
    std::optional<Blob> blob(const std::string& name) const;
    void put_blob(const std::string& name, const Blob& blob);
    // The parts stored under `name`, by key: every one, or those of `keys` that exist (a reader
    // needing a few parts reads only those); put_blob_parts replaces every part of `name`.
    std::vector<BlobPart> blob_parts(
        const std::string& name,
        const std::optional<std::vector<std::int64_t>>& keys = std::nullopt) const;
    void put_blob_parts(const std::string& name, const std::vector<BlobPart>& parts);

  private:
    friend struct detail::Access;
    Database(std::filesystem::path path, sqlite3* db);
    std::filesystem::path m_path;
    sqlite3* m_db = nullptr;
    std::unique_ptr<detail::Waiting> m_waiting;
};

// Writes one load in parts, inside a write transaction its caller holds, so that a load need not
// be held whole in memory: first the vocabulary and the jurisdictions, then each list set as a
// new revision (parents first). Database::write does the same for a whole bundle.
class LoadWriter {
  public:
    LoadWriter(Database& database, std::optional<std::string> label, std::string loaded_at);
    ~LoadWriter();
    LoadWriter(const LoadWriter&) = delete;
    LoadWriter& operator=(const LoadWriter&) = delete;

    // The sectors, violation types, out-of-scope reports and laws of `bundle`, and a row for the
    // jurisdiction of each of its list sets (whose lists may still be empty).
    void head(const model::Bundle& bundle);
    // `set` (one of `bundle`'s) as a new revision, unless its latest revision, or one with the
    // same label, has the same sources. `label` overrides the jurisdiction's own revision label.
    void list_set(const model::Bundle& bundle, const model::ListSet& set);
    // The revisions written or found unchanged, in the order of the calls.
    const LoadReport& report() const { return m_report; }

  private:
    struct Statements;
    sqlite3* m_db;
    std::optional<std::string> m_label;
    std::string m_loaded_at;
    std::unique_ptr<Statements> m_statements;
    LoadReport m_report;
};

// The list sets of `bundle`, counties first (a township's revision refers to its county).
std::vector<const model::ListSet*> parents_first(const model::Bundle& bundle);

// What a command says while it waits for another process to finish writing the database at
// `path` (said once per wait, after a second of it; readers of a WAL database never wait). By
// default a line on stderr; replace it to say it elsewhere, or nothing. Returns the one it
// replaces.
using WaitNotice = std::function<void(const std::filesystem::path& path)>;
WaitNotice set_wait_notice(WaitNotice notice);

// Current time as ISO 8601 UTC (2024-03-01T08:00:00Z); honours SOURCE_DATE_EPOCH so that builds
// and tests are reproducible.
std::string now_iso8601();

}  // namespace lawlist::store
