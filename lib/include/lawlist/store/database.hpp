#pragma once
// The SQLite database: opening with schema checks, writing a bundle as new revisions in one
// transaction, and the lookups the commands need. The schema is lib/src/store/schema.sql.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lawlist/classify/index.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/model/references.hpp"

struct sqlite3;

namespace lawlist::store {

// The schema version this build reads and writes.
inline constexpr int k_schema_version = 6;
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

// Filters of `lawlist items`; unset fields do not filter. Without a revision label, the latest
// revision of each jurisdiction is used.
struct ItemFilter {
    std::optional<std::string> jurisdiction;
    std::optional<std::string> body;
    std::optional<std::string> sector;
    std::optional<std::string> category;
    std::optional<std::string> revision;
    std::optional<std::string> name_contains;
};

struct ItemRow {
    std::string jurisdiction;
    std::string revision;
    std::string code;
    std::string name;
    std::string category;
    std::string sector;
    std::string body_id;  // the legal subject (实施主体)
    std::string body_name;
    std::optional<std::string> unit_id;  // who does the work (承办机构); none: the subject
    std::optional<std::string> unit_name;
    std::optional<std::string> delegation_from;
    std::optional<std::string> delegation_from_name;
    std::optional<std::string> delegation_mode;
    std::optional<std::string> delegation_item;
    std::vector<std::string> delegated_to;  // "jurisdiction:mode"
    std::vector<std::string> basis;         // citations
    std::vector<std::string> violation_types;
    std::optional<std::string> remarks;
    std::string source_path;
    std::int64_t source_line = 0;
};

struct BodyFilter {
    std::optional<std::string> jurisdiction;
    std::optional<std::string> sector;
};

struct BodyRow {
    std::string jurisdiction;
    std::string id;
    std::string name;
    std::string kind;
    std::optional<std::string> sector;
    std::optional<std::string> parent;
    std::int64_t items = 0;  // items in its name or done by it, latest revision
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
};

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

    // Brings an older lawlist database to k_schema_version, and compiles its classification index
    // anew when it is stored in an older format; returns the schema version it had.
    static int upgrade(const std::filesystem::path& path);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    const std::filesystem::path& path() const { return m_path; }

    // The latest revision of every jurisdiction, for resolving references out of a bundle.
    model::KnownWorld known_world() const;

    // Writes every list set of `bundle` whose sources differ from its latest revision as a new
    // revision, and updates the vocabulary, all in one transaction: on any failure nothing is
    // written. `label` overrides each jurisdiction's own revision label; `loaded_at` is ISO 8601.
    LoadReport write(const model::Bundle& bundle, const std::optional<std::string>& label,
                     const std::string& loaded_at);

    // The latest revision of every jurisdiction as a bundle, with the vocabulary: what audit and
    // resolution work on. Locations name the recorded source files and lines (no columns, and
    // the file contents are not kept). `revision_label`, when set, picks that revision for the
    // jurisdictions that have one.
    // `scope` narrows what is read of each revision (see ReadScope).
    model::Bundle read_bundle(const std::optional<std::string>& revision_label = {},
                              const ReadScope& scope = {}) const;

    // Exactly the revisions `revision_ids` (ids of revisions()), with the vocabulary; ids that
    // name no revision are left out. Two revisions of one jurisdiction give two list sets.
    model::Bundle read_revisions(const std::vector<std::int64_t>& revision_ids,
                                 const ReadScope& scope = {}) const;

    // The jurisdictions a resolution in `jurisdiction` reads: itself, then its county when it
    // has one. Throws lawlist::Error for an id that is not loaded, suggesting the closest one.
    std::vector<std::string> with_county(const std::string& jurisdiction) const;

    // The violation types `text` names: itself when it is a type id, else the types whose formal
    // name or an alias it is (sorted). One database lookup, without reading the vocabulary.
    std::vector<std::string> violation_types_named(const std::string& text) const;

    // The jurisdiction commands use when none is given: the first township by id, else
    // sub-district, else county (as resolve::Resolver::default_jurisdiction on a whole read).
    // Throws lawlist::Error when nothing is loaded.
    std::string default_jurisdiction() const;

    // The classification index built by the last load that carried vocabulary.
    classify::IndexRows classify_index() const;

    // Every revision, oldest first.
    std::vector<RevisionInfo> revisions() const;

    std::vector<ItemRow> items(const ItemFilter& filter) const;
    // The same rows handed to `each` one at a time, in the same order, none of them kept: a
    // listing of a province's items in memory bounded by one row.
    void each_item(const ItemFilter& filter, const std::function<void(ItemRow&&)>& each) const;
    std::vector<BodyRow> bodies(const BodyFilter& filter) const;

    // The sectors vocabulary (行业领域), in load order: the 17 defaults first, then those loads
    // added.
    std::vector<model::Sector> sectors() const;

    // Whether a jurisdiction id is loaded; ids of all loaded jurisdictions.
    std::vector<std::string> jurisdictions() const;
    // The id of the jurisdiction named `id_or_name` (its id, or its Chinese name: 石河镇).
    std::optional<std::string> find_jurisdiction(const std::string& id_or_name) const;

    // A value from the meta table.
    std::optional<std::string> meta(const std::string& key) const;
    void set_meta(const std::string& key, const std::string& value);

    // The raw handle, for library code that runs its own statements (audit, classify).
    sqlite3* handle() const { return m_db; }

  private:
    Database(std::filesystem::path path, sqlite3* db);
    std::filesystem::path m_path;
    sqlite3* m_db = nullptr;
};

// Current time as ISO 8601 UTC (2024-03-01T08:00:00Z); honours SOURCE_DATE_EPOCH so that builds
// and tests are reproducible.
std::string now_iso8601();

}  // namespace lawlist::store
