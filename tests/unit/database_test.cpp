#include "lawlist/store/database.hpp"

#include <algorithm>
#include <set>
#include <variant>

#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "lawlist/classify/cues.hpp"
#include "lawlist/classify/stored.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/model/fields.hpp"
#include "lawlist/model/references.hpp"
#include "lawlist/store/lists.hpp"
#include "lawlist/store/queries.hpp"
#include "test_support.hpp"

namespace lawlist::store {
namespace {

using testing::TempDir;

// Runs `sql` on the SQLite file at `path` behind lawlist's back (creating the file if need be).
void run_sql(const std::filesystem::path& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
}

void set_user_version(const std::filesystem::path& path, int version) {
    run_sql(path, "PRAGMA user_version = " + std::to_string(version));
}

// Takes a current database back to the tables of version 6: the classification index in its
// own tables (its terms and an image of an older format) instead of a blob.
const std::string k_back_to_version_6 =
    "DROP TABLE blob; CREATE TABLE classify_term (violation_type_id TEXT NOT NULL REFERENCES "
    "violation_type (id) ON DELETE CASCADE, term TEXT NOT NULL, PRIMARY KEY (violation_type_id, "
    "term)); CREATE TABLE classify_compiled (id INTEGER PRIMARY KEY CHECK (id = 1), image BLOB "
    "NOT NULL); INSERT INTO classify_compiled VALUES (1, X'49434C4C04000000'); "
    "PRAGMA user_version = 6; ";

// Takes a current database back to the tables of version 4 (before subject/unit, cited versions
// and the law registry), so that older versions can be emulated from it (version 4's sectors are
// created if absent, so they may stay).
const std::string k_back_to_version_4 =
    k_back_to_version_6 +
    "DROP TABLE law_renumbering; DROP TABLE law_version; DROP TABLE law; "
    "ALTER TABLE item_basis DROP COLUMN version; ALTER TABLE warning_basis DROP COLUMN version; "
    "ALTER TABLE item DROP COLUMN unit_id; PRAGMA user_version = 4; ";

TEST(Database, loading_identical_sources_creates_no_new_revision) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto first = load::load({dir.copy_example()}, db, testing::schemas(), std::nullopt);
    ASSERT_EQ(first.revisions.size(), 2u);
    EXPECT_TRUE(first.revisions[0].created);
    EXPECT_EQ(first.revisions[0].label, "2024年版");
    // The same files somewhere else are the same sources.
    const auto again =
        load::load({dir.copy_example("moved")}, db, testing::schemas(), std::nullopt);
    EXPECT_FALSE(again.revisions[0].created);
    EXPECT_FALSE(again.revisions[1].created);
    const auto database = Database::open(db, Database::Mode::read_only);
    EXPECT_EQ(revisions(database).size(), 2u);
}

TEST(Database, a_blank_revision_label_is_refused_before_anything_is_created) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    EXPECT_THROW(load::load({dir.copy_example()}, db, testing::schemas(), std::string(" ")), Error);
    EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(Database, changed_sources_become_a_new_revision_beside_the_old_one) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto root = dir.copy_example();
    load::load({root}, db, testing::schemas(), std::nullopt);
    testing::edit(root / "yangli-town" / "power.yaml", "name: 对擅自倾倒、抛撒或者堆放建筑垃圾",
                  "name: 对擅自倾倒建筑垃圾");
    const auto report = load::load({root}, db, testing::schemas(), std::string("2025年调整"));
    EXPECT_FALSE(report.revisions[0].created);  // the county did not change
    EXPECT_TRUE(report.revisions[1].created);
    EXPECT_EQ(report.revisions[1].label, "2025年调整");

    const auto database = Database::open(db, Database::Mode::read_only);
    EXPECT_EQ(revisions(database).size(), 3u);
    ItemFilter latest;
    latest.jurisdiction = "yangli-town";
    EXPECT_EQ(items(database, latest).at(0).item.name, "对擅自倾倒建筑垃圾的行政处罚");
    ItemFilter old = latest;
    old.revision = "2024年版";
    EXPECT_EQ(items(database, old).at(0).item.name, "对擅自倾倒、抛撒或者堆放建筑垃圾的行政处罚");
}

TEST(Database, reloading_an_older_revisions_sources_changes_nothing) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto v1 = dir.copy_example("v1");
    const auto v2 = dir.copy_example("v2");
    testing::edit(v2 / "yangli-town" / "power.yaml", "含占道经营", "含店外经营");
    load::load({v1}, db, testing::schemas(), std::nullopt);
    load::load({v2}, db, testing::schemas(), std::string("2025年调整"));
    // The first sources again, under their own label: the same revision, not an error.
    const auto again = load::load({v1}, db, testing::schemas(), std::nullopt);
    EXPECT_FALSE(again.revisions[1].created);
    EXPECT_EQ(again.revisions[1].label, "2024年版");
    // Under a new label they are a new revision (a revert), which becomes the latest.
    const auto revert = load::load({v1}, db, testing::schemas(), std::string("2026年恢复"));
    EXPECT_TRUE(revert.revisions[1].created);
    EXPECT_EQ(revisions(Database::open(db, Database::Mode::read_only)).size(), 4u);
}

TEST(Database, failed_load_leaves_the_file_byte_for_byte_unchanged) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto root = dir.copy_example();
    load::load({root}, db, testing::schemas(), std::nullopt);
    const std::string before = testing::read_file(db);
    // Valid files, but the label is taken: the failure comes inside the write transaction,
    // after the vocabulary has been written.
    testing::edit(root / "vocabulary" / "violation-types.yaml", "偷倒渣土", "偷倒渣土, 乱倒渣土");
    testing::edit(root / "yangli-town" / "power.yaml", "含占道经营", "含店外经营");
    EXPECT_THROW(load::load({root}, db, testing::schemas(), std::nullopt), DatabaseError);
    EXPECT_EQ(testing::read_file(db), before);
}

TEST(Database, failed_first_load_creates_no_file) {
    TempDir dir;
    const auto db = dir.path() / "new.db";
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "subject: yangli-gov", "subject: nobody");
    EXPECT_THROW(load::load({root}, db, testing::schemas(), std::nullopt), InputError);
    EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(Database, a_load_read_in_parts_stores_what_a_whole_read_stores) {
    // The township's folder sorts before its county's: its delegations name county items that
    // a load in parts has not written yet when it comes to the township's files.
    TempDir dir;
    const auto root = dir.path() / "load";
    std::filesystem::create_directories(root);
    const auto example = dir.copy_example();
    std::filesystem::rename(example / "yangli-town", root / "a-town");
    std::filesystem::rename(example / "yangli-county", root / "b-county");
    std::filesystem::rename(example / "vocabulary", root / "vocabulary");
    const auto db = dir.path() / "parts.db";
    load::load({root}, db, testing::schemas(), std::nullopt);

    std::vector<Diagnostic> diagnostics;
    const model::Bundle whole = io::read_bundle({root}, testing::schemas(), diagnostics);
    ASSERT_TRUE(diagnostics.empty());
    const model::Bundle stored = Database::open(db, Database::Mode::read_only).read_bundle();
    ASSERT_EQ(stored.list_sets.size(), whole.list_sets.size());
    for (const auto& set : whole.list_sets) {
        const model::ListSet* read = stored.find(set.jurisdiction.id);
        ASSERT_TRUE(read);
        EXPECT_EQ(read->items.size(), set.items.size());
        EXPECT_EQ(read->problems.size(), set.problems.size());
        EXPECT_EQ(read->warnings.size(), set.warnings.size());
        EXPECT_EQ(read->metrics.size(), set.metrics.size());
    }
}

TEST(Database, a_load_in_parts_gives_back_the_memory_of_each_written_set) {
    TempDir dir;
    const auto root = dir.copy_example();
    Database database = Database::create(dir.path() / "parts.db", Database::Journal::wal);
    Database::WriteTransaction tx(database);
    LoadWriter writer(database, std::nullopt, "2026-01-01T00:00:00Z");
    const model::Bundle bundle = load::read_in_parts({root}, testing::schemas(), {}, &writer);
    ASSERT_EQ(writer.report().revisions.size(), 2u);
    for (const auto& set : bundle.list_sets) {
        EXPECT_EQ(set.items.capacity(), 0u) << set.jurisdiction.id;
        EXPECT_EQ(set.problems.capacity(), 0u) << set.jurisdiction.id;
        for (const auto index : set.files) {
            if (index != set.jurisdiction.loc.file) {
                EXPECT_EQ(bundle.files[index].contents.capacity(), std::string().capacity());
            }
        }
    }
    // Without a writer the bundle comes back whole.
    const model::Bundle whole = load::read_in_parts({root}, testing::schemas(), {}, nullptr);
    EXPECT_FALSE(whole.find("yangli-town")->items.empty());
}

TEST(Database, a_load_in_parts_reports_what_a_whole_read_reports) {
    // Problems in both list sets and in the vocabulary: the load reports all of them, in the
    // order of a whole read and reference check, and writes nothing.
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "[construction-waste-dumping,",
                  "[construction-waste-dumpin,");
    testing::edit(root / "yangli-town" / "problems.yaml", "lead: yl-natural-resources",
                  "lead: yl-natural-resource");
    testing::edit(root / "yangli-county" / "power.yaml", "code: YL-NR-CF-001",
                  "code: YL-URB-CF-001");
    std::vector<Diagnostic> expected;
    const model::Bundle whole = io::read_bundle({root}, testing::schemas(), expected);
    ASSERT_TRUE(expected.empty());
    model::check_references(whole, {}, expected);
    ASSERT_GE(expected.size(), 3u);

    const auto db = dir.path() / "parts.db";
    try {
        load::load({root}, db, testing::schemas(), std::nullopt);
        FAIL() << "the load succeeded";
    } catch (const InputError& e) {
        std::vector<std::string> got, want;
        for (const auto& d : e.diagnostics()) {
            got.push_back(format_diagnostic(d));
        }
        for (const auto& d : expected) {
            want.push_back(format_diagnostic(d));
        }
        EXPECT_EQ(got, want);
    }
    EXPECT_FALSE(std::filesystem::exists(db));

    // A file that cannot be parsed: its problem alone, as a whole read gives it.
    testing::edit(root / "yangli-town" / "warnings.yaml", "kind: warning-list",
                  "kind: warning-list\nx: [");
    std::vector<Diagnostic> read_problems;
    io::read_bundle({root}, testing::schemas(), read_problems);
    ASSERT_EQ(read_problems.size(), 1u);
    try {
        load::load({root}, db, testing::schemas(), std::nullopt);
        FAIL() << "the load succeeded";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(format_diagnostic(e.diagnostics()[0]), format_diagnostic(read_problems[0]));
    }
}

TEST(Database, refuses_a_file_that_is_not_a_lawlist_database) {
    TempDir dir;
    const auto path = dir.write("other.db", "just some text, not SQLite at all\n");
    try {
        Database::open(path, Database::Mode::read_only);
        FAIL() << "expected DatabaseError";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(std::string(e.what()),
                  path.string() + ": not a lawlist database (not an SQLite file)");
    }
    const auto sqlite_path = dir.path() / "plain.sqlite";
    run_sql(sqlite_path, "CREATE TABLE t (x)");
    try {
        Database::open(sqlite_path, Database::Mode::read_only);
        FAIL() << "expected DatabaseError";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(std::string(e.what()), sqlite_path.string() + ": not a lawlist database");
    }
}

TEST(Database, refuses_a_newer_schema_version) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    load::load({dir.copy_example()}, db, testing::schemas(), std::nullopt);
    set_user_version(db, k_schema_version + 1);
    try {
        Database::open(db, Database::Mode::read_only);
        FAIL() << "expected DatabaseError";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(std::string(e.what()), db.string() + ": database schema version " +
                                             std::to_string(k_schema_version + 1) +
                                             " is newer than this lawlist supports (" +
                                             std::to_string(k_schema_version) +
                                             "); use a newer lawlist");
    }
}

TEST(Database, older_schema_says_how_to_upgrade_and_upgrade_migrates) {
    TempDir dir;
    const auto db = dir.path() / "old.db";
    // Version 0: a lawlist database whose tables were never created.
    run_sql(db, "PRAGMA application_id = 1279350604");
    try {
        Database::open(db, Database::Mode::read_only);
        FAIL() << "expected DatabaseError";
    } catch (const DatabaseError& e) {
        EXPECT_EQ(std::string(e.what()),
                  db.string() + ": database schema version 0 is older than this lawlist uses (" +
                      std::to_string(k_schema_version) +
                      "); "
                      "run 'lawlist upgrade --db " +
                      db.string() + "' to migrate it");
    }
    EXPECT_EQ(load::upgrade(db), 0);
    EXPECT_NO_THROW(Database::open(db, Database::Mode::read_only));
    EXPECT_EQ(load::upgrade(db), k_schema_version);
}

TEST(Database, upgrade_from_version_1_compiles_the_classification_index) {
    TempDir dir;
    const auto db = dir.path() / "v1.db";
    load::load({dir.copy_example()}, db, testing::schemas(), std::nullopt);
    // Back to the shape of version 1: no examples, the index as per-bigram rows.
    run_sql(db, k_back_to_version_4 +
                    "DROP TABLE violation_example; DROP TABLE out_of_scope_example; "
                    "DROP TABLE classify_compiled; CREATE TABLE classify_bigram ("
                    "violation_type_id TEXT NOT NULL, bigram TEXT NOT NULL, "
                    "bigram_key INTEGER NOT NULL, tf INTEGER NOT NULL, PRIMARY KEY "
                    "(violation_type_id, bigram)); PRAGMA user_version = 1");
    EXPECT_THROW(Database::open(db, Database::Mode::read_only), DatabaseError);
    EXPECT_EQ(load::upgrade(db), 1);
    const auto rows = classify::stored_index(Database::open(db, Database::Mode::read_only));
    ASSERT_TRUE(rows.compiled.has_value());
    EXPECT_EQ(rows.compiled->types, 6u);
    EXPECT_FALSE(rows.compiled->keys.empty());
}

TEST(Database, upgrade_from_version_2_adds_the_scope_model_to_the_index) {
    TempDir dir;
    const auto db = dir.path() / "v2.db";
    const auto root = dir.copy_example();
    testing::edit(root / "vocabulary" / "violation-types.yaml", "aliases: [狗叫扰民, 遛狗不拴绳]",
                  "aliases: [狗叫扰民, 遛狗不拴绳]\n    examples: [\"楼上的狗从早叫到晚\"]");
    dir.write("basic/vocabulary/out-of-scope.yaml",
              "kind: out-of-scope\nexamples: [请问犬证怎么办理, 请问狂犬疫苗在哪里打]\n");
    load::load({root}, db, testing::schemas(), std::nullopt);
    // Back to version 2: an index image of the format before the scope model.
    run_sql(db, k_back_to_version_4 +
                    "UPDATE classify_compiled SET image = X'49434C4C01000000'; "
                    "PRAGMA user_version = 2");
    EXPECT_THROW(Database::open(db, Database::Mode::read_only), DatabaseError);
    EXPECT_EQ(load::upgrade(db), 2);
    const auto rows = classify::stored_index(Database::open(db, Database::Mode::read_only));
    ASSERT_TRUE(rows.compiled.has_value());
    EXPECT_EQ(rows.compiled->scope_weight.size(), rows.compiled->keys.size());
    EXPECT_FALSE(rows.compiled->keys.empty());
}

TEST(Database, upgrade_compiles_an_index_of_an_older_format_at_the_current_schema) {
    TempDir dir;
    const auto db = dir.path() / "stale.db";
    const auto root = dir.copy_example();
    testing::edit(root / "vocabulary" / "violation-types.yaml", "aliases: [狗叫扰民, 遛狗不拴绳]",
                  "aliases: [狗叫扰民, 遛狗不拴绳]\n    examples: [\"楼上的狗从早叫到晚\"]");
    dir.write("basic/vocabulary/out-of-scope.yaml",
              "kind: out-of-scope\nexamples: [请问犬证怎么办理, 请问狂犬疫苗在哪里打]\n");
    load::load({root}, db, testing::schemas(), std::nullopt);
    // The schema is current, the index is of format 2 (before the cues of the scope model).
    run_sql(db,
            "UPDATE blob SET format = 'lawlist classification index 2', bytes = "
            "X'49434C4C02000000' WHERE name = 'classify-index'");
    EXPECT_THROW(classify::stored_index(Database::open(db, Database::Mode::read_only)),
                 DatabaseError);
    EXPECT_EQ(load::upgrade(db), k_schema_version);
    const auto rows = classify::stored_index(Database::open(db, Database::Mode::read_only));
    ASSERT_TRUE(rows.compiled.has_value());
    EXPECT_EQ(rows.compiled->cue_weight.size(), classify::cues().size());
}

TEST(Database, the_bundled_database_of_an_older_lawlist_is_upgraded_not_refused) {
    TempDir dir;
    const auto db = dir.path() / "bundled.db";
    const auto data = testing::source_dir() / "data";
    load::ensure_bundled(db, data, testing::schemas());
    run_sql(db, k_back_to_version_4 + "PRAGMA user_version = 2");
    EXPECT_NO_THROW(load::ensure_bundled(db, data, testing::schemas()));
    const auto database = Database::open(db, Database::Mode::read_only);
    EXPECT_FALSE(classify::stored_index(database).compiled->scope_weight.empty());
}

TEST(Database, upgrade_from_version_4_keeps_the_items_and_their_bases) {
    TempDir dir;
    const auto db = dir.path() / "v3.db";
    load::load({dir.copy_example()}, db, testing::schemas(), std::nullopt);
    const auto before = Database::open(db, Database::Mode::read_only).read_bundle();
    run_sql(db, k_back_to_version_4);
    EXPECT_THROW(Database::open(db, Database::Mode::read_only), DatabaseError);
    EXPECT_EQ(load::upgrade(db), 4);
    const auto after = Database::open(db, Database::Mode::read_only).read_bundle();
    ASSERT_EQ(after.list_sets.size(), before.list_sets.size());
    for (std::size_t s = 0; s < after.list_sets.size(); ++s) {
        const auto& a = after.list_sets[s].items;
        const auto& b = before.list_sets[s].items;
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i].code, b[i].code);
            EXPECT_EQ(a[i].body.id, b[i].body.id);
            EXPECT_FALSE(a[i].unit.has_value());  // version 4 knew no units
            EXPECT_EQ(a[i].basis.size(), b[i].basis.size()) << a[i].code;
        }
    }
}

// Under 委托 the subject is the county department, a body of another revision; the unit is the
// township's team. Both, the cited version and the law registry come back as written.
TEST(Database, subject_unit_cited_version_and_law_registry_round_trip) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "subject: yangli-gov", "subject: yl-urban");
    testing::edit(root / "yangli-town" / "power.yaml", "mode: 赋权", "mode: 委托");
    testing::edit(root / "yangli-county" / "power.yaml", "mode: 赋权", "mode: 委托");
    testing::edit(root / "yangli-town" / "power.yaml", "article: 36}",
                  "article: 36, version: \"2017\"}");
    dir.write("basic/vocabulary/laws.yaml",
              "kind: law-registry\nlaws:\n  - name: 城市市容和环境卫生管理条例\n    versions:\n"
              "      - {id: \"2017\", label: 2017年修订, adopted: 2017-03-01, effective: "
              "2017-03-01}\n      - id: \"2030\"\n        adopted: 2030-01-01\n"
              "        effective: 2030-07-01\n        renumbered:\n          - {from: 36, to: 40}\n"
              "          - {from: 37}\n");
    const model::Bundle from_files = load::read_checked({root}, testing::schemas(), nullptr);
    load::load({root}, db, testing::schemas(), std::nullopt);
    const model::Bundle from_db = Database::open(db, Database::Mode::read_only).read_bundle();
    const auto& item = from_db.find("yangli-town")->items.front();
    EXPECT_EQ(item.body.id, "yl-urban");
    ASSERT_TRUE(item.unit.has_value());
    EXPECT_EQ(item.unit->id, "yangli-team");
    EXPECT_EQ(item.basis.front().version, "2017");
    ASSERT_EQ(from_db.laws.size(), 1u);
    const model::Law& law = from_db.laws.front();
    ASSERT_EQ(law.versions.size(), 2u);
    EXPECT_EQ(law.versions[0].title(), "2017年修订");
    EXPECT_EQ(law.versions[1].title(), "2030");
    EXPECT_EQ(law.versions[1].effective, "2030-07-01");
    ASSERT_EQ(law.versions[1].renumbered.size(), 2u);
    EXPECT_EQ(law.versions[1].renumbered[0].to, 40);
    EXPECT_FALSE(law.versions[1].renumbered[1].to.has_value());
    EXPECT_EQ(law.article_in(36, 0, 1), 40);
    EXPECT_EQ(law.article_in(37, 0, 1), std::nullopt);
    EXPECT_EQ(law.article_in(12, 0, 1), 12);
    EXPECT_EQ(law.in_force("2029-12-31"), &law.versions[0]);
    EXPECT_EQ(law.in_force("2030-07-01"), &law.versions[1]);
    EXPECT_EQ(law.in_force("2016-01-01"), nullptr);
    ASSERT_EQ(from_files.laws.size(), 1u);
    EXPECT_EQ(from_files.laws.front().versions[1].renumbered.size(), 2u);
    // items shows the subject and the unit.
    const auto rows = items(Database::open(db, Database::Mode::read_only), {});
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const auto& r) { return r.item.code == item.code; });
    ASSERT_NE(row, rows.end());
    EXPECT_EQ(row->item.body.id, "yl-urban");
    EXPECT_EQ(row->subject_name, "样例县综合行政执法局");
    ASSERT_TRUE(row->item.unit.has_value());
    EXPECT_EQ(row->item.unit->id, "yangli-team");
}

TEST(Database, examples_and_out_of_scope_reports_are_stored_and_indexed) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto root = dir.copy_example();
    testing::edit(root / "vocabulary" / "violation-types.yaml", "aliases: [狗叫扰民, 遛狗不拴绳]",
                  "aliases: [狗叫扰民, 遛狗不拴绳]\n    examples: [\"楼上的狗从早叫到晚\", "
                  "\"邻居家大狗不拴绳在楼道里乱跑\"]");
    dir.write("basic/vocabulary/out-of-scope.yaml",
              "kind: out-of-scope\nexamples: [请问犬证怎么办理, 请问狂犬疫苗在哪里打]\n");
    const model::Bundle from_files = load::read_checked({root}, testing::schemas(), nullptr);
    ASSERT_TRUE(from_files.out_of_scope.has_value());
    load::load({root}, db, testing::schemas(), std::nullopt);
    const Database database = Database::open(db, Database::Mode::read_only);
    const model::Bundle from_db = database.read_bundle();
    const auto dog = std::find_if(from_db.violation_types.begin(), from_db.violation_types.end(),
                                  [](const auto& t) { return t.id == "dog-nuisance"; });
    ASSERT_NE(dog, from_db.violation_types.end());
    EXPECT_EQ(dog->examples,
              (std::vector<std::string>{"楼上的狗从早叫到晚", "邻居家大狗不拴绳在楼道里乱跑"}));
    ASSERT_TRUE(from_db.out_of_scope.has_value());
    EXPECT_EQ(*from_db.out_of_scope, *from_files.out_of_scope);
    const auto rows = classify::stored_index(database);
    ASSERT_TRUE(rows.compiled.has_value());
    EXPECT_EQ(rows.compiled->documents, 7u);  // six types and one out-of-scope document
    // A load without the out-of-scope file keeps the stored reports.
    std::filesystem::remove(root / "vocabulary" / "out-of-scope.yaml");
    load::load({root}, db, testing::schemas(), std::nullopt);
    EXPECT_EQ(Database::open(db, Database::Mode::read_only).read_bundle().out_of_scope->size(), 2u);
}

TEST(Database, keeps_the_default_sectors_and_adds_or_renames_those_a_load_carries) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto root = dir.copy_example();
    load::load({root}, db, testing::schemas(), std::nullopt);
    const auto codes = [&db] {
        std::vector<std::string> out;
        for (const auto& s : sectors(Database::open(db, Database::Mode::read_only))) {
            out.push_back(s.code + "=" + s.name);
        }
        return out;
    };
    EXPECT_EQ(codes().size(), model::sector_codes().size());
    EXPECT_EQ(codes().front(), "urban=城市管理/综合行政执法局");
    dir.write("basic/vocabulary/sectors.yaml",
              "kind: sectors\nsectors:\n  - {code: civil-affairs, name: 民政局}\n"
              "  - {code: urban, name: 综合行政执法局}\n");
    testing::edit(root / "vocabulary" / "violation-types.yaml", "sector: urban",
                  "sector: civil-affairs");
    load::load({root}, db, testing::schemas(), std::nullopt);
    const auto after = codes();
    ASSERT_EQ(after.size(), model::sector_codes().size() + 1);
    EXPECT_EQ(after.front(), "urban=综合行政执法局");
    EXPECT_EQ(after.back(), "civil-affairs=民政局");
    // Read back with the bundle, and known to the next load's reference checks.
    EXPECT_EQ(Database::open(db, Database::Mode::read_only).read_bundle().sectors.size(),
              after.size());
    EXPECT_TRUE(known_world(Database::open(db, Database::Mode::read_only))
                    .sectors.contains("civil-affairs"));
}

TEST(Database, lists_bodies_with_their_item_counts) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    load::load({dir.copy_example()}, db, testing::schemas(), std::nullopt);
    const auto database = Database::open(db, Database::Mode::read_only);
    BodyFilter filter;
    filter.jurisdiction = "yangli-county";
    const auto listed = bodies(database, filter);
    ASSERT_EQ(listed.size(), 3u);
    EXPECT_EQ(listed[1].body.id, "yl-natural-resources");
    EXPECT_EQ(listed[1].items, 2);
}

// The bundle without where things were read: a database keeps an element's file and line but
// not each reference's own position, nor the files' contents.
model::Bundle without_places(model::Bundle bundle) {
    auto ref = [](model::Ref& r) { r.loc = {}; };
    auto refs = [&](std::vector<model::Ref>& rs) {
        for (auto& r : rs) {
            ref(r);
        }
    };
    bundle.files.clear();
    bundle.vocabulary_hash.clear();  // not kept by the database
    // List sets in no particular order: a database returns them by id.
    std::sort(bundle.list_sets.begin(), bundle.list_sets.end(),
              [](const auto& x, const auto& y) { return x.jurisdiction.id < y.jurisdiction.id; });
    for (auto& set : bundle.list_sets) {
        set.files.clear();
        auto& j = set.jurisdiction;
        j.loc = {};
        if (j.parent) {
            ref(*j.parent);
        }
        for (auto& b : j.bodies) {
            b.loc = b.sector_loc = {};
            if (b.parent) {
                ref(*b.parent);
            }
        }
        for (auto& i : set.items) {
            i.loc = i.sector_loc = {};
            ref(i.body);
            if (i.unit) {
                ref(*i.unit);
            }
            if (i.delegation) {
                ref(i.delegation->from);
                ref(i.delegation->item);
            }
            for (auto& to : i.delegated_to) {
                ref(to.jurisdiction);
            }
            refs(i.violation_types);
        }
        for (auto& p : set.problems) {
            p.loc = {};
            refs(p.violation_types);
            refs(p.items);
            ref(p.lead);
            refs(p.cooperating);
        }
        for (auto& w : set.warnings) {
            w.loc = {};
            refs(w.applies_to);
        }
        for (auto& m : set.metrics) {
            m.loc = {};
            ref(m.assessor);
            refs(m.assessed);
        }
    }
    for (auto& v : bundle.violation_types) {
        v.loc = v.sector_loc = {};
    }
    for (auto& s : bundle.sectors) {
        s.loc = {};
    }
    for (auto& law : bundle.laws) {
        law.loc = {};
        for (auto& version : law.versions) {
            version.loc = {};
        }
    }
    return bundle;
}

// Adds "kind:key" to `set` for each field of `description` that an entry of `entries` has.
template <typename Entry>
void note_fields(const model::Description<Entry>& description, const std::vector<Entry>& entries,
                 const std::string& kind, std::set<std::string>& set) {
    for (const auto& field : description.fields) {
        for (const auto& entry : entries) {
            if (!std::holds_alternative<std::monostate>(field.get(entry))) {
                set.insert(kind + ":" + std::string(field.key));
                break;
            }
        }
    }
}

// Every field of every list kind's description (model/fields.hpp), as "kind:key".
std::set<std::string> every_described_field() {
    std::set<std::string> out;
    auto add = [&](const auto& description, const std::string& kind) {
        for (const auto& field : description.fields) {
            out.insert(kind + ":" + std::string(field.key));
        }
    };
    add(model::body_description(), "body");
    add(model::item_description(), "item");
    add(model::problem_description(), "problem");
    add(model::warning_description(), "warning");
    add(model::metric_description(), "metric");
    return out;
}

// The listings' rows of list set `set` (store/queries.hpp, store/lists.hpp) hold its entries as
// stored: every described field and the entry's lists; lists of bodies come with their names
// beside the entry instead.
void expect_rows_hold_entries(const Database& database, const model::ListSet& set) {
    auto ids = [](const auto& named) {
        std::vector<std::string> out;
        for (const auto& n : named) {
            out.push_back(n.id);
        }
        return out;
    };
    const auto& id = set.jurisdiction.id;
    ItemFilter of_items;
    of_items.jurisdiction = id;
    BodyFilter of_bodies;
    of_bodies.jurisdiction = id;
    ListFilter of_lists;
    of_lists.jurisdiction = id;
    std::vector<model::Item> items;
    for (auto& row : store::items(database, of_items)) {
        items.push_back(std::move(row.item));
    }
    EXPECT_TRUE(items == set.items) << id;
    std::vector<model::Body> bodies;
    for (auto& row : store::bodies(database, of_bodies)) {
        bodies.push_back(std::move(row.body));
    }
    EXPECT_TRUE(bodies == set.jurisdiction.bodies) << id;
    // A row's entry is the file's without the bodies the row names beside it.
    auto expect_rows = [&](const auto& rows, auto entries, auto entry, auto named, auto listed) {
        ASSERT_EQ(rows.size(), entries.size()) << id;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            EXPECT_EQ(ids(rows[k].*named), ids(entries[k].*listed)) << id;
            (entries[k].*listed).clear();
            EXPECT_TRUE(rows[k].*entry == entries[k]) << entries[k].code;
        }
    };
    expect_rows(store::problems(database, of_lists), set.problems, &ProblemRow::problem,
                &ProblemRow::cooperating, &model::Problem::cooperating);
    expect_rows(store::warnings(database, of_lists), set.warnings, &WarningRow::warning,
                &WarningRow::applies_to, &model::Warning::applies_to);
    expect_rows(store::metrics(database, of_lists), set.metrics, &MetricRow::metric,
                &MetricRow::assessed, &model::Metric::assessed);
}

// YAML → store → read gives the same bundle, whole (issue 13: compared with ==, not field by
// field), for the example and for the bundled data with its vocabulary and law registry. Between
// them the two hold every described field, so none is left out of the comparison. The listings'
// rows hold the same entries.
TEST(Database, a_stored_bundle_reads_back_equal_to_its_files) {
    std::set<std::string> compared;
    const auto data = testing::source_dir() / "data";
    for (const std::vector<std::filesystem::path>& paths :
         {std::vector<std::filesystem::path>{testing::source_dir() / "examples" / "basic"},
          std::vector<std::filesystem::path>{data / "vocabulary", data / "base"}}) {
        TempDir dir;
        const auto db = dir.path() / "lists.db";
        const model::Bundle from_files = load::read_checked(paths, testing::schemas(), nullptr);
        load::load(paths, db, testing::schemas(), std::nullopt);
        const model::Bundle from_db = Database::open(db, Database::Mode::read_only).read_bundle();
        model::Bundle a = without_places(from_db);
        const model::Bundle b = without_places(from_files);
        if (b.sectors.empty()) {
            a.sectors.clear();  // a database without a sectors vocabulary keeps the default one
        }
        EXPECT_TRUE(a.violation_types == b.violation_types) << paths.back();
        EXPECT_TRUE(a.laws == b.laws) << paths.back();
        EXPECT_TRUE(a.sectors == b.sectors) << paths.back();
        EXPECT_TRUE(a.out_of_scope == b.out_of_scope) << paths.back();
        ASSERT_EQ(a.list_sets.size(), b.list_sets.size());
        for (std::size_t i = 0; i < a.list_sets.size(); ++i) {
            const auto& x = a.list_sets[i];
            const auto& y = b.list_sets[i];
            EXPECT_TRUE(x.jurisdiction == y.jurisdiction) << x.jurisdiction.id;
            EXPECT_TRUE(x.items == y.items) << x.jurisdiction.id;
            EXPECT_TRUE(x.problems == y.problems) << x.jurisdiction.id;
            EXPECT_TRUE(x.warnings == y.warnings) << x.jurisdiction.id;
            EXPECT_TRUE(x.metrics == y.metrics) << x.jurisdiction.id;
            EXPECT_EQ(x.source_hash, y.source_hash) << x.jurisdiction.id;
            expect_rows_hold_entries(Database::open(db, Database::Mode::read_only), y);
            note_fields(model::body_description(), y.jurisdiction.bodies, "body", compared);
            note_fields(model::item_description(), y.items, "item", compared);
            note_fields(model::problem_description(), y.problems, "problem", compared);
            note_fields(model::warning_description(), y.warnings, "warning", compared);
            note_fields(model::metric_description(), y.metrics, "metric", compared);
        }
        EXPECT_TRUE(a == b) << paths.back();
    }
    EXPECT_EQ(compared, every_described_field());
}

TEST(Database, reads_back_what_it_wrote) {
    TempDir dir;
    const auto db = dir.path() / "lists.db";
    const auto root = dir.copy_example();
    const model::Bundle from_files = load::read_checked({root}, testing::schemas(), nullptr);
    load::load({root}, db, testing::schemas(), std::nullopt);
    const model::Bundle from_db = Database::open(db, Database::Mode::read_only).read_bundle();

    ASSERT_EQ(from_db.list_sets.size(), from_files.list_sets.size());
    for (const auto& expected : from_files.list_sets) {
        const model::ListSet* actual = from_db.find(expected.jurisdiction.id);
        ASSERT_NE(actual, nullptr);
        EXPECT_EQ(actual->source_hash, expected.source_hash);
        EXPECT_EQ(actual->jurisdiction.bodies.size(), expected.jurisdiction.bodies.size());
        ASSERT_EQ(actual->items.size(), expected.items.size());
        for (std::size_t i = 0; i < expected.items.size(); ++i) {
            const auto& a = actual->items[i];
            const auto& e = expected.items[i];
            EXPECT_EQ(a.code, e.code);
            EXPECT_EQ(a.body.id, e.body.id);
            EXPECT_EQ(a.delegation.has_value(), e.delegation.has_value());
            if (e.delegation) {
                EXPECT_EQ(a.delegation->item.id, e.delegation->item.id);
                EXPECT_EQ(a.delegation->mode, e.delegation->mode);
            }
            ASSERT_EQ(a.delegated_to.size(), e.delegated_to.size());
            ASSERT_EQ(a.basis.size(), e.basis.size());
            EXPECT_EQ(a.basis[0].citation(), e.basis[0].citation());
            ASSERT_EQ(a.violation_types.size(), e.violation_types.size());
            EXPECT_EQ(a.violation_types[0].id, e.violation_types[0].id);
            EXPECT_EQ(a.loc.line, e.loc.line);
            EXPECT_EQ(from_db.files[a.loc.file].path, from_files.files[e.loc.file].path);
        }
        ASSERT_EQ(actual->problems.size(), expected.problems.size());
        for (std::size_t i = 0; i < expected.problems.size(); ++i) {
            EXPECT_EQ(actual->problems[i].lead.id, expected.problems[i].lead.id);
            EXPECT_EQ(actual->problems[i].cooperating.size(),
                      expected.problems[i].cooperating.size());
            EXPECT_EQ(actual->problems[i].items.size(), expected.problems[i].items.size());
        }
        EXPECT_EQ(actual->warnings.size(), expected.warnings.size());
        ASSERT_EQ(actual->metrics.size(), expected.metrics.size());
        for (std::size_t i = 0; i < expected.metrics.size(); ++i) {
            EXPECT_EQ(actual->metrics[i].assessed.size(), expected.metrics[i].assessed.size());
            EXPECT_EQ(actual->metrics[i].value, expected.metrics[i].value);
        }
    }
    ASSERT_EQ(from_db.violation_types.size(), from_files.violation_types.size());
    EXPECT_EQ(from_db.violation_types[0].aliases, from_files.violation_types[0].aliases);
}

// Every list inside the records of `bundle`, a line per record, for comparing two reads.
std::vector<std::string> lists_in(const model::Bundle& bundle) {
    const auto ids = [](const std::vector<model::Ref>& refs) {
        std::string out;
        for (const auto& r : refs) {
            out += "[" + r.id + "]";
        }
        return out;
    };
    const auto texts = [](const std::vector<std::string>& list) {
        std::string out;
        for (const auto& t : list) {
            out += "[" + t + "]";
        }
        return out;
    };
    const auto citations = [](const std::vector<model::LegalBasis>& list) {
        std::string out;
        for (const auto& b : list) {
            out += "[" + b.citation() + "]";
        }
        return out;
    };
    std::vector<std::string> out;
    for (const auto& t : bundle.violation_types) {
        out.push_back("type " + t.id + " " + texts(t.aliases) + " " + texts(t.examples));
    }
    for (const auto& law : bundle.laws) {
        for (const auto& v : law.versions) {
            std::string moves;
            for (const auto& m : v.renumbered) {
                moves += fmt::format("[{}>{}]", m.from, m.to ? std::to_string(*m.to) : "-");
            }
            out.push_back("law " + law.name + " " + v.id + " " + moves);
        }
    }
    for (const auto& set : bundle.list_sets) {
        for (const auto& i : set.items) {
            std::string to;
            for (const auto& d : i.delegated_to) {
                to += "[" + d.jurisdiction.id + ":" + std::string(model::to_string(d.mode)) + "]";
            }
            out.push_back("item " + i.code + " " + citations(i.basis) + " " +
                          ids(i.violation_types) + " " + to);
        }
        for (const auto& p : set.problems) {
            out.push_back("problem " + p.code + " " + ids(p.violation_types) + " " + ids(p.items) +
                          " " + ids(p.cooperating));
        }
        for (const auto& w : set.warnings) {
            out.push_back("warning " + w.code + " " + ids(w.applies_to) + " " + citations(w.basis));
        }
        for (const auto& m : set.metrics) {
            out.push_back("metric " + m.code + " " + ids(m.assessed));
        }
    }
    return out;
}

TEST(Database, upgrade_from_version_6_keeps_every_list_and_stores_the_index_as_a_blob) {
    TempDir dir;
    const auto db = dir.path() / "v6.db";
    load::load({dir.copy_example()}, db, testing::schemas(), std::nullopt);
    const auto before = lists_in(Database::open(db, Database::Mode::read_only).read_bundle());
    const auto index_before = classify::stored_index(Database::open(db, Database::Mode::read_only));
    // The example's lists are not empty: the comparison below means something.
    EXPECT_THAT(before, ::testing::Contains(::testing::HasSubstr("[yangli-team]")));
    EXPECT_THAT(before, ::testing::Contains(::testing::HasSubstr("《")));
    run_sql(db, k_back_to_version_6);
    EXPECT_THROW(Database::open(db, Database::Mode::read_only), DatabaseError);
    EXPECT_EQ(load::upgrade(db), 6);
    const auto database = Database::open(db, Database::Mode::read_only);
    EXPECT_EQ(lists_in(database.read_bundle()), before);
    const auto index = classify::stored_index(database);
    ASSERT_TRUE(index.compiled.has_value());
    EXPECT_EQ(index.compiled->to_bytes(), index_before.compiled->to_bytes());
    ASSERT_EQ(index.types.size(), index_before.types.size());
    for (std::size_t t = 0; t < index.types.size(); ++t) {
        EXPECT_EQ(index.types[t].violation_type, index_before.types[t].violation_type);
        EXPECT_EQ(index.types[t].sector, index_before.types[t].sector);
    }
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(raw, "SELECT 1 FROM classify_compiled", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
}

// Text in lists reaches the database and comes back whole, whatever characters it holds (the
// reader rejects control characters, but the store must not rely on that: issue 14, point 15).
TEST(Database, lists_come_back_whole_whatever_their_text_holds) {
    TempDir dir;
    model::Bundle bundle = load::read_checked({dir.copy_example()}, testing::schemas(), nullptr);
    const std::vector<std::string> odd = {"摆\x1f地摊",
                                          "a\x1e"
                                          "b",
                                          "逗号,\"引号\"\\",
                                          "",
                                          "[\"json\"]",
                                          "尾\x1f"};
    auto& type = bundle.violation_types.front();
    type.aliases = odd;
    type.examples = {"例\x1f一", "例\x1e二"};
    model::Problem* problem = nullptr;
    for (auto& set : bundle.list_sets) {
        if (!set.problems.empty()) {
            problem = &set.problems.front();
        }
    }
    ASSERT_NE(problem, nullptr);
    problem->items.push_back(
        {"X\x1f"
         "9",
         problem->loc});
    const auto db = dir.path() / "odd.db";
    {
        Database database = Database::create(db, Database::Journal::wal);
        database.write(bundle, std::nullopt, "2026-12-07T00:00:00Z");
    }
    const auto database = Database::open(db, Database::Mode::read_only);
    const auto read = database.read_bundle();
    EXPECT_EQ(lists_in(read), lists_in(bundle));
    const auto it = std::find_if(read.violation_types.begin(), read.violation_types.end(),
                                 [&](const auto& t) { return t.id == type.id; });
    ASSERT_NE(it, read.violation_types.end());
    EXPECT_EQ(it->aliases, odd);
    EXPECT_EQ(it->examples, type.examples);
    bool listed = false;
    for (const auto& row : violation_types(database, {})) {
        if (row.id == type.id) {
            EXPECT_EQ(row.aliases, odd);
            listed = true;
        }
    }
    EXPECT_TRUE(listed);
    bool found = false;
    for (const auto& row : problems(database, {})) {
        if (row.problem.code == problem->code) {
            ASSERT_FALSE(row.problem.items.empty());
            EXPECT_EQ(row.problem.items.back().id,
                      "X\x1f"
                      "9");
            found = true;
        }
    }
    EXPECT_TRUE(found);
    EXPECT_FALSE(items(database, {}).empty());
}

}  // namespace
}  // namespace lawlist::store
