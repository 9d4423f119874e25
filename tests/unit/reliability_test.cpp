// Bounds on bad input: what used to crash, hang or exhaust memory (issue 14), tested at the
// library's level. The CLI-level catalogue is tests/bad-input/cases.txt.
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/io/file.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/store/database.hpp"
#include "lawlist/store/load.hpp"
#include "test_support.hpp"

namespace lawlist::io {
namespace {

using ::testing::HasSubstr;
using testing::schemas;
using testing::TempDir;

std::vector<Diagnostic> read(const std::filesystem::path& path) {
    std::vector<Diagnostic> diagnostics;
    read_bundle({path}, schemas(), diagnostics);
    return diagnostics;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

TEST(Bounds, alias_expansion_is_bounded_and_located) {
    TempDir dir;
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i <= 9; ++i) {
        const std::string prev = "*a" + std::to_string(i - 1);
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" +
                repeat(prev + ", ", 9) + prev + "]\n";
    }
    const auto start = std::chrono::steady_clock::now();
    const auto diagnostics = read(dir.write("bomb.yaml", text));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_THAT(diagnostics[0].message, HasSubstr("expands the document past"));
    EXPECT_GE(diagnostics[0].line, 6u);  // at an alias, not at the start
    EXPECT_GT(diagnostics[0].column, 1u);
}

TEST(Bounds, deep_nesting_is_refused_with_a_position) {
    TempDir dir;
    const auto diagnostics =
        read(dir.write("deep.yaml", "kind: power-list\nx: " + repeat("[", 40000)));
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].line, 2u);
    EXPECT_EQ(diagnostics[0].column, 259u);  // the 256th bracket, after "x: "
    EXPECT_THAT(diagnostics[0].message, HasSubstr("nested deeper than 256 levels"));
}

TEST(Bounds, a_second_document_is_an_error) {
    TempDir dir;
    const auto root = dir.copy_example();
    const auto file = root / "yangli-town" / "warnings.yaml";
    std::ofstream(file, std::ios::app) << "---\nkind: warning-list\n";
    const auto diagnostics = read(root);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_THAT(diagnostics[0].message, HasSubstr("a second YAML document"));
}

TEST(Bounds, long_patterned_strings_are_reported_not_matched) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "jurisdiction.yaml", "id: yangli-town",
                  "id: " + repeat("a", 30000));
    const auto diagnostics = read(root);
    ASSERT_FALSE(diagnostics.empty());
    EXPECT_EQ(diagnostics[0].line, 3u);
    EXPECT_EQ(diagnostics[0].message,
              "'" + repeat("a", 40) + "...' is too long: 30000 characters, at most 64");
}

TEST(Bounds, numbers_out_of_range_are_located) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "performance.yaml", "weight: 40", "weight: 1e999");
    testing::edit(root / "yangli-county" / "power.yaml", "article: 39",
                  "article: " + repeat("9", 40000));
    const auto diagnostics = read(root);
    ASSERT_EQ(diagnostics.size(), 2u);
    EXPECT_THAT(diagnostics[0].message, HasSubstr("is out of range"));
    // A 40,000-character line is quoted as a window around the column.
    EXPECT_LT(diagnostics[0].source_line.size(), 400u);
    EXPECT_THAT(format_diagnostic(diagnostics[0]), HasSubstr("article: 999"));
    EXPECT_EQ(diagnostics[1].message, "number '1e999' is out of range");
    EXPECT_EQ(diagnostics[1].line, 9u);
    EXPECT_EQ(diagnostics[1].column, 13u);
}

TEST(Bounds, a_repeated_value_is_one_diagnostic) {
    TempDir dir;
    const auto root = dir.copy_example();
    std::string ids = "yl-urban";
    for (int i = 0; i < 2999; ++i) {
        ids += ", yl-urban";
    }
    testing::edit(root / "yangli-town" / "performance.yaml",
                  "assessed: [yl-urban, yl-natural-resources, yl-market]",
                  "assessed: [" + ids + "]");
    const auto start = std::chrono::steady_clock::now();
    const auto diagnostics = read(root);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].message, "'yl-urban' is listed 3000 times");
    EXPECT_EQ(diagnostics[0].column, 26u);  // the second entry
}

TEST(Bounds, diagnostics_per_file_are_capped) {
    TempDir dir;
    std::string text = "kind: out-of-scope\nexamples:\n";
    for (int i = 0; i < 40000; ++i) {
        text += "  - " + std::to_string(i) + "\n";
    }
    const auto start = std::chrono::steady_clock::now();
    const auto diagnostics = read(dir.write("oos.yaml", text));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    ASSERT_EQ(diagnostics.size(), 101u);
    EXPECT_EQ(diagnostics.back().line, 0u);
    EXPECT_EQ(diagnostics.back().message, "and 39900 more errors in this file");
    EXPECT_EQ(diagnostics[99].line, 102u);
}

TEST(Bounds, control_characters_in_text_are_rejected) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "vocabulary" / "violation-types.yaml", "摆地摊", "\"摆\\x1f地摊\"");
    testing::edit(root / "yangli-town" / "jurisdiction.yaml", "name: 样例镇",
                  "name: \"\\e]0;x\\a样例镇\"");
    const auto diagnostics = read(root);
    ASSERT_EQ(diagnostics.size(), 2u);
    EXPECT_EQ(diagnostics[0].message,
              "control character U+001F in text (only tab and line break are allowed)");
    EXPECT_EQ(diagnostics[1].message,
              "control character U+001B in text (only tab and line break are allowed)");
    EXPECT_EQ(diagnostics[1].line, 4u);
}

TEST(Bounds, other_line_breaks_do_not_shift_line_numbers) {
    TempDir dir;
    const auto root = dir.copy_example();
    const auto file = root / "yangli-county" / "power.yaml";
    // A comment holding U+2028, U+2029 and U+0085, which libyaml counts as line breaks.
    testing::edit(file, "kind: power-list", "kind: power-list # \u2028 \u2029 \u0085");
    testing::edit(file, "article: 39", "article: 三十九");
    const auto diagnostics = read(root);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].line, 29u);
    EXPECT_EQ(diagnostics[0].column, 38u);
    EXPECT_THAT(diagnostics[0].source_line, HasSubstr("三十九"));
}

TEST(Files, only_regular_files_within_the_limit_are_read) {
    TempDir dir;
    const auto fifo = dir.path() / "pipe.yaml";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(unreadable_reason(fifo),
              "not a regular file (a FIFO); lawlist reads regular files only");
    try {
        read_file(fifo);  // without a writer: must not block
        ADD_FAILURE() << "a FIFO was read";
    } catch (const InputError& e) {
        EXPECT_THAT(e.diagnostics().front().message, HasSubstr("a FIFO"));
    }
    EXPECT_THROW(read_file("/dev/zero"), InputError);
    EXPECT_EQ(unreadable_reason(dir.path()), "is a folder");
    std::filesystem::create_symlink("b.yaml", dir.path() / "a.yaml");
    std::filesystem::create_symlink("a.yaml", dir.path() / "b.yaml");
    EXPECT_EQ(unreadable_reason(dir.path() / "a.yaml"),
              "symbolic link loop (too many levels of symbolic links)");
    std::filesystem::create_symlink("nowhere.yaml", dir.path() / "dangling.yaml");
    EXPECT_EQ(unreadable_reason(dir.path() / "dangling.yaml"),
              "dangling symbolic link (to 'nowhere.yaml')");

    const auto big = dir.write("big.txt", std::string((1 << 20) + 1, 'x'));
    ::setenv("LAWLIST_MAX_FILE_MIB", "1", 1);
    EXPECT_THROW(read_file(big), InputError);
    ::setenv("LAWLIST_MAX_FILE_MIB", "2", 1);
    EXPECT_EQ(read_file(big).size(), (1u << 20) + 1);
    ::unsetenv("LAWLIST_MAX_FILE_MIB");
}

TEST(Files, a_folder_is_searched_for_links_that_do_not_resolve) {
    TempDir dir;
    const auto root = dir.copy_example();
    std::filesystem::create_symlink("nowhere.yaml", root / "dangling.yaml");
    const auto diagnostics = read(root);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_THAT(diagnostics[0].message, HasSubstr("dangling symbolic link"));
    EXPECT_TRUE(read(dir.write("empty/.keep", "")).size() == 1);
}

TEST(Input, jsonl_number_overflow_is_located) {
    try {
        classify::read_incidents("in.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\", \"n\": 1e999}\n",
                                 classify::InputFormat::jsonl, "text");
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].line, 2u);
        EXPECT_EQ(e.diagnostics()[0].column, 20u);
        EXPECT_EQ(e.diagnostics()[0].message, "number '1e999' is out of range");
    }
}

TEST(Classify, run_matching_is_linear_in_a_long_text) {
    TempDir dir;
    const auto db = dir.path() / "example.db";
    store::load({testing::source_dir() / "examples" / "basic"}, db, schemas(), std::nullopt);
    const auto database = store::Database::open(db, store::Database::Mode::read_only);
    const classify::Session session(database);
    // 200,000 characters in which each bigram of 偷倒渣土 occurs 50,000 times.
    const std::string text = repeat("偷倒渣土", 50000);
    const auto start = std::chrono::steady_clock::now();
    const auto scores = session.classifier().score(text);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
    ASSERT_FALSE(scores.types.empty());
    EXPECT_EQ(scores.types.front().violation_type, "construction-waste-dumping");
    EXPECT_THAT(scores.types.front().matched_terms, ::testing::Contains("偷倒渣土"));
}

// Issue 14, point 11: a command's reads see one snapshot while a load commits beside them.
TEST(Snapshots, a_read_transaction_does_not_see_a_load_that_commits_meanwhile) {
    TempDir dir;
    const auto db_path = dir.path() / "lists.db";
    const auto root = dir.copy_example();
    store::load({root}, db_path, schemas(), std::nullopt);
    const auto db = store::Database::open(db_path, store::Database::Mode::read_only);
    testing::edit(root / "yangli-town" / "power.yaml", "name: 对擅自倾倒、抛撒或者堆放建筑垃圾",
                  "name: 对擅自倾倒建筑垃圾");
    {
        const store::Database::ReadTransaction snapshot(db);
        const auto before = db.revisions().size();
        store::load({root}, db_path, schemas(), std::string("2025年调整"));
        EXPECT_EQ(db.revisions().size(), before);
    }
    EXPECT_EQ(db.revisions().size(), 3u);  // the load did commit
}

}  // namespace
}  // namespace lawlist::io
