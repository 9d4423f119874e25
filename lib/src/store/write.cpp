// Writing a bundle: the vocabulary in place, each changed list set as a new revision.
#include <algorithm>

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include "lawlist/store/database.hpp"
#include "statement.hpp"

namespace lawlist::store {
namespace {

// The citations of one record, in order, by an INSERT of (owner, seq, law, article, paragraph,
// item_no, version).
void write_basis(Statement& insert, std::int64_t owner,
                 const std::vector<model::LegalBasis>& basis) {
    int seq = 0;
    for (const auto& b : basis) {
        insert.bind(1, owner)
            .bind(2, ++seq)
            .bind(3, b.law)
            .bind(4, b.article)
            .bind(5, b.paragraph)
            .bind(6, b.item)
            .bind(7, b.version)
            .run();
    }
}

// "INSERT INTO table (revision_id, <the description's columns>, <extra>) VALUES (?1, ?2, ...)".
template <typename Entry>
std::string insert_sql(std::string_view table, const model::Description<Entry>& description,
                       std::string_view extra) {
    const std::size_t n = description.fields.size() + 2 +
                          static_cast<std::size_t>(std::count(extra.begin(), extra.end(), ','));
    std::string values;
    for (std::size_t i = 1; i <= n; ++i) {
        values += (i == 1 ? "?" : ", ?") + std::to_string(i);
    }
    return fmt::format("INSERT INTO {} (revision_id, {}, {}) VALUES ({})", table,
                       columns_of(description), extra, values);
}

// Writes one list set as a new revision.
class RevisionWriter {
  public:
    RevisionWriter(sqlite3* db, const model::Bundle& bundle)
        : m_bundle(bundle),
          m_body(db, insert_sql("body", model::body_description(), "source_path, source_line")),
          m_item(db, insert_sql("item", model::item_description(),
                                "delegation_from, delegation_mode, delegation_item, source_path, "
                                "source_line")),
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
            insert_entry(m_body, revision, model::body_description(), body);
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

    // Inserts `entry` with `insert` (insert_sql of its description, then its source path and
    // line); returns its row id.
    template <typename Entry>
    std::int64_t insert_entry(Statement& insert, std::int64_t revision,
                              const model::Description<Entry>& description, const Entry& entry) {
        const int next = bind_fields(insert.bind(1, revision), 2, description, entry);
        insert.bind(next, path(entry.loc)).bind(next + 1, line(entry.loc)).run();
        return sqlite3_last_insert_rowid(m_db);
    }

    // Inserts (id, ref) with `insert` for each of `refs`: a list inside an entry.
    static void insert_refs(Statement& insert, std::int64_t id,
                            const std::vector<model::Ref>& refs) {
        for (const auto& ref : refs) {
            insert.bind(1, id).bind(2, ref.id).run();
        }
    }

    void write_item(std::int64_t revision, const model::Item& item) {
        const auto& d = item.delegation;
        const int next = bind_fields(m_item.bind(1, revision), 2, model::item_description(), item);
        m_item.bind(next, d ? std::optional(d->from.id) : std::nullopt)
            .bind(next + 1,
                  d ? std::optional(std::string(model::to_string(d->mode))) : std::nullopt)
            .bind(next + 2, d ? std::optional(d->item.id) : std::nullopt)
            .bind(next + 3, path(item.loc))
            .bind(next + 4, line(item.loc))
            .run();
        const std::int64_t id = sqlite3_last_insert_rowid(m_db);
        write_basis(m_item_basis, id, item.basis);
        insert_refs(m_item_violation, id, item.violation_types);
        for (const auto& to : item.delegated_to) {
            m_item_delegated.bind(1, id)
                .bind(2, to.jurisdiction.id)
                .bind(3, model::to_string(to.mode))
                .run();
        }
    }

    void write_problems(std::int64_t revision, const model::ListSet& set) {
        Statement problem(
            m_db, insert_sql("problem", model::problem_description(), "source_path, source_line"));
        Statement violation(m_db,
                            "INSERT INTO problem_violation (problem_id, violation_type_id) VALUES "
                            "(?1, ?2)");
        Statement item(m_db, "INSERT INTO problem_item (problem_id, item_code) VALUES (?1, ?2)");
        Statement cooperating(
            m_db, "INSERT INTO problem_cooperating (problem_id, seq, body_id) VALUES (?1, ?2, ?3)");
        for (const auto& p : set.problems) {
            const std::int64_t id =
                insert_entry(problem, revision, model::problem_description(), p);
            insert_refs(violation, id, p.violation_types);
            insert_refs(item, id, p.items);
            int seq = 0;
            for (const auto& body : p.cooperating) {
                cooperating.bind(1, id).bind(2, ++seq).bind(3, body.id).run();
            }
        }
    }

    void write_warnings(std::int64_t revision, const model::ListSet& set) {
        Statement warning(
            m_db, insert_sql("warning", model::warning_description(), "source_path, source_line"));
        Statement body(m_db, "INSERT INTO warning_body (warning_id, body_id) VALUES (?1, ?2)");
        Statement basis(m_db,
                        "INSERT INTO warning_basis (warning_id, seq, law, article, paragraph, "
                        "item_no, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        for (const auto& w : set.warnings) {
            const std::int64_t id =
                insert_entry(warning, revision, model::warning_description(), w);
            insert_refs(body, id, w.applies_to);
            write_basis(basis, id, w.basis);
        }
    }

    void write_metrics(std::int64_t revision, const model::ListSet& set) {
        Statement metric(
            m_db, insert_sql("metric", model::metric_description(), "source_path, source_line"));
        Statement assessed(m_db,
                           "INSERT INTO metric_assessed (metric_id, body_id) VALUES (?1, ?2)");
        for (const auto& m : set.metrics) {
            insert_refs(assessed, insert_entry(metric, revision, model::metric_description(), m),
                        m.assessed);
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

struct LoadWriter::Statements {
    explicit Statements(sqlite3* db)
        : same_sources(db,
                       "SELECT r.id, r.label, r.loaded_at, r.effective, r.id = (SELECT max(id) "
                       "FROM revision WHERE jurisdiction_id = ?1) FROM revision r WHERE "
                       "r.jurisdiction_id = ?1 AND r.source_hash = ?2 ORDER BY r.id DESC"),
          label_taken(db, "SELECT 1 FROM revision WHERE jurisdiction_id = ?1 AND label = ?2"),
          revision(db,
                   "INSERT INTO revision (jurisdiction_id, label, effective, loaded_at, "
                   "source_hash, sources) VALUES (?1, ?2, ?3, ?4, ?5, ?6)") {}

    // Revisions whose sources are these, newest first: the latest, or one with the same label,
    // means the load changes nothing (re-loading an older revision's files is not a new revision).
    Statement same_sources;
    Statement label_taken;
    Statement revision;
};

LoadWriter::LoadWriter(Database& database, std::optional<std::string> label, std::string loaded_at)
    : m_db(detail::handle(database)),
      m_label(std::move(label)),
      m_loaded_at(std::move(loaded_at)),
      m_statements(std::make_unique<Statements>(m_db)) {}

LoadWriter::~LoadWriter() = default;

void LoadWriter::head(const model::Bundle& bundle) {
    LoadReport& report = m_report;
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

    // All jurisdiction rows first, parents first: a township's row refers to its county's, and a
    // county item may be delegated to a township of this load.
    Statement jurisdiction(m_db,
                           "INSERT INTO jurisdiction (id, name, level, parent_id) VALUES (?1, ?2, "
                           "?3, ?4) ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = "
                           "excluded.level, parent_id = excluded.parent_id");
    for (const model::ListSet* set : parents_first(bundle)) {
        const auto& j = set->jurisdiction;
        jurisdiction.bind(1, j.id)
            .bind(2, j.name)
            .bind(3, model::to_string(j.level))
            .bind(4, j.parent ? std::optional(j.parent->id) : std::nullopt)
            .run();
    }
}

void LoadWriter::list_set(const model::Bundle& bundle, const model::ListSet& list_set) {
    const model::ListSet* set = &list_set;
    const std::optional<std::string>& label = m_label;
    const std::string& loaded_at = m_loaded_at;
    LoadReport& report = m_report;
    Statement& same_sources = m_statements->same_sources;
    Statement& label_taken = m_statements->label_taken;
    Statement& revision = m_statements->revision;
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
        return;
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
    RevisionWriter(m_db, bundle).write(info.id, *set);
    report.revisions.push_back(std::move(info));
}

std::vector<const model::ListSet*> parents_first(const model::Bundle& bundle) {
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
    return order;
}

LoadReport Database::write(const model::Bundle& bundle, const std::optional<std::string>& label,
                           const std::string& loaded_at) {
    WriteTransaction tx(*this);
    LoadWriter writer(*this, label, loaded_at);
    writer.head(bundle);
    for (const model::ListSet* set : parents_first(bundle)) {
        writer.list_set(bundle, *set);
    }
    tx.commit();
    return writer.report();
}

}  // namespace lawlist::store
