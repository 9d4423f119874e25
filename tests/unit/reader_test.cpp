#include "lawlist/io/reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <future>

#include "test_support.hpp"

namespace lawlist::io {
namespace {

using testing::schemas;
using testing::TempDir;

std::vector<std::string> messages(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) {
        out.push_back(format_diagnostic(d));
    }
    return out;
}

TEST(Reader, reads_the_example_list_set) {
    std::vector<Diagnostic> diagnostics;
    const auto bundle =
        read_bundle({testing::source_dir() / "examples" / "basic"}, schemas(), diagnostics);
    EXPECT_TRUE(diagnostics.empty()) << messages(diagnostics).front();
    ASSERT_EQ(bundle.list_sets.size(), 2u);
    EXPECT_EQ(bundle.violation_types.size(), 6u);
    const model::ListSet* town = bundle.find("yangli-town");
    ASSERT_NE(town, nullptr);
    ASSERT_EQ(town->items.size(), 1u);
    const auto& item = town->items.front();
    EXPECT_EQ(item.delegation->from.id, "yl-urban");
    EXPECT_EQ(item.delegation->item.id, "YL-URB-CF-001");
    EXPECT_EQ(item.loc.line + 1, 5u);  // the line of its code
    EXPECT_EQ(town->problems.size(), 1u);
    EXPECT_EQ(town->warnings.size(), 1u);
    EXPECT_EQ(town->metrics.size(), 2u);
    EXPECT_EQ(town->metrics.front().value, 95);
}

TEST(Reader, reports_schema_errors_with_character_columns) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "article: 77", "article: 七十七");
    std::vector<Diagnostic> diagnostics;
    read_bundle({root}, schemas(), diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].line, 21u);
    EXPECT_EQ(diagnostics[0].column, 38u);  // 37 characters precede it, 49 bytes
    EXPECT_EQ(diagnostics[0].message, "expected an integer, found a string");
}

TEST(Reader, keeps_quoted_numbers_as_strings) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "article: 36", "article: \"36\"");
    std::vector<Diagnostic> diagnostics;
    read_bundle({root}, schemas(), diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].message, "expected an integer, found a string");
}

TEST(Reader, rejects_duplicate_keys) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "jurisdiction.yaml", "level: township",
                  "level: township\nlevel: county");
    std::vector<Diagnostic> diagnostics;
    read_bundle({root}, schemas(), diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(format_diagnostic(diagnostics[0]),
              root.string() +
                  "/yangli-town/jurisdiction.yaml:6:1: duplicate key 'level'\n"
                  "level: county\n^\n");
}

TEST(Reader, an_item_names_its_subject_once) {
    TempDir dir;
    const auto root = dir.copy_example();
    const auto power = root / "yangli-town" / "power.yaml";
    testing::edit(power, "subject: yangli-gov", "subject: yangli-gov\n    body: yangli-team");
    std::vector<Diagnostic> diagnostics;
    read_bundle({root}, schemas(), diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].line, 10u);  // the line of `body`
    EXPECT_EQ(diagnostics[0].message, "an item has 'subject' or the former 'body', not both");
    testing::edit(power, "    subject: yangli-gov\n    body: yangli-team\n", "");
    diagnostics.clear();
    read_bundle({root}, schemas(), diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].message, "missing field 'subject' (实施主体)");
}

TEST(Reader, reads_the_former_body_as_the_subject) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "subject: yangli-gov\n    unit: yangli-team",
                  "body: yangli-gov");
    std::vector<Diagnostic> diagnostics;
    const auto bundle = read_bundle({root}, schemas(), diagnostics);
    ASSERT_TRUE(diagnostics.empty()) << messages(diagnostics).front();
    const auto& item = bundle.find("yangli-town")->items.front();
    EXPECT_EQ(item.body.id, "yangli-gov");
    EXPECT_FALSE(item.unit.has_value());
}

TEST(Reader, reads_subject_and_unit) {
    TempDir dir;
    const auto root = dir.copy_example();
    std::vector<Diagnostic> diagnostics;
    const auto bundle = read_bundle({root}, schemas(), diagnostics);
    ASSERT_TRUE(diagnostics.empty()) << messages(diagnostics).front();
    const auto& item = bundle.find("yangli-town")->items.front();
    EXPECT_EQ(item.body.id, "yangli-gov");
    EXPECT_EQ(item.body.loc.line + 1, 9u);
    ASSERT_TRUE(item.unit.has_value());
    EXPECT_EQ(item.unit->id, "yangli-team");
}

TEST(Reader, rejects_a_list_without_its_jurisdiction_file) {
    TempDir dir;
    const auto root = dir.copy_example();
    std::filesystem::remove(root / "yangli-town" / "jurisdiction.yaml");
    std::vector<Diagnostic> diagnostics;
    read_bundle({root / "yangli-town"}, schemas(), diagnostics);
    ASSERT_FALSE(diagnostics.empty());
    EXPECT_THAT(diagnostics[0].message,
                ::testing::HasSubstr("no jurisdiction file for 'yangli-town'"));
}

TEST(Reader, source_hash_ignores_where_files_are) {
    TempDir dir;
    const auto a = dir.copy_example("a");
    const auto b = dir.copy_example("b/deeper");
    std::vector<Diagnostic> diagnostics;
    const auto first = read_bundle({a}, schemas(), diagnostics);
    const auto second = read_bundle({b}, schemas(), diagnostics);
    ASSERT_TRUE(diagnostics.empty());
    EXPECT_EQ(first.find("yangli-town")->source_hash, second.find("yangli-town")->source_hash);
    testing::edit(b / "yangli-town" / "power.yaml", "含占道经营", "含占道经营和店外经营");
    const auto third = read_bundle({b}, schemas(), diagnostics);
    EXPECT_NE(first.find("yangli-town")->source_hash, third.find("yangli-town")->source_hash);
    EXPECT_EQ(first.find("yangli-county")->source_hash, third.find("yangli-county")->source_hash);
}

TEST(Reader, collects_yaml_files_in_name_order_skipping_hidden_ones) {
    TempDir dir;
    dir.write("b.yaml", "");
    dir.write("a/z.yml", "");
    dir.write(".hidden/x.yaml", "");
    dir.write("notes.txt", "");
    const auto files = collect_files({dir.path()});
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].filename(), "z.yml");
    EXPECT_EQ(files[1].filename(), "b.yaml");
}

TEST(Reader, peeks_at_kind_and_jurisdiction_without_reading_on) {
    TempDir dir;
    // Found wherever they stand at the top level, after nested values and in flow style.
    EXPECT_EQ(peek_heading(dir.write("a.yaml",
                                     "items:\n  - {kind: x, jurisdiction: y}\n"
                                     "jurisdiction: \"town-01\"\nkind: power-list\n"))
                  .value()
                  .jurisdiction,
              "town-01");
    const auto flow = peek_heading(dir.write("b.yaml", "{kind: problem-list, jurisdiction: c}\n"));
    ASSERT_TRUE(flow);
    EXPECT_EQ(flow->kind, "problem-list");
    EXPECT_EQ(flow->jurisdiction, "c");
    // A syntax error after both keys is left to the whole read; one before them says nothing.
    EXPECT_TRUE(peek_heading(dir.write("c.yaml", "kind: power-list\njurisdiction: c\nx: [\n")));
    EXPECT_FALSE(peek_heading(dir.write("d.yaml", "x: [\nkind: power-list\n")));
    // Not a list file: no jurisdiction is looked for; not a mapping, or no kind: nothing.
    const auto vocabulary = peek_heading(dir.write("e.yaml", "kind: sectors\njurisdiction: c\n"));
    ASSERT_TRUE(vocabulary);
    EXPECT_EQ(vocabulary->jurisdiction, "");
    EXPECT_FALSE(peek_heading(dir.write("f.yaml", "- kind: power-list\n")));
    EXPECT_FALSE(peek_heading(dir.write("g.yaml", "jurisdiction: c\n")));
    EXPECT_FALSE(peek_heading(dir.path() / "missing.yaml"));
    // A complex key or a collection value under a sought name is not taken for it.
    const auto complex = peek_heading(
        dir.write("h.yaml", "? [jurisdiction]\n: x\njurisdiction: [a]\nkind: power-list\n"));
    ASSERT_TRUE(complex);
    EXPECT_EQ(complex->jurisdiction, "");
}

TEST(Reader, reads_a_load_in_parts_as_it_reads_it_whole) {
    TempDir dir;
    const auto root = dir.copy_example();
    std::vector<Diagnostic> diagnostics;
    const model::Bundle whole = read_bundle({root}, schemas(), diagnostics);
    ASSERT_TRUE(diagnostics.empty());

    // The jurisdictions and vocabulary first, then each set's lists, township before county.
    const auto files = collect_files({root});
    std::vector<std::filesystem::path> head, town, county;
    for (const auto& file : files) {
        const auto heading = peek_heading(file).value();
        (heading.jurisdiction == "yangli-town"     ? town
         : heading.jurisdiction == "yangli-county" ? county
                                                   : head)
            .push_back(file);
    }
    ASSERT_FALSE(town.empty());
    ASSERT_FALSE(county.empty());
    model::Bundle parts;
    BundleReader reader(schemas());
    reader.read(parts, head, diagnostics);
    ASSERT_EQ(parts.list_sets.size(), 2u);
    EXPECT_TRUE(parts.find("yangli-town")->items.empty());
    reader.read(parts, town, diagnostics);
    reader.read(parts, county, diagnostics);
    ASSERT_TRUE(diagnostics.empty());
    EXPECT_EQ(parts.vocabulary_hash, whole.vocabulary_hash);
    for (const auto& set : whole.list_sets) {
        const model::ListSet* read = parts.find(set.jurisdiction.id);
        ASSERT_TRUE(read);
        EXPECT_EQ(read->source_hash, set.source_hash);
        EXPECT_EQ(read->items.size(), set.items.size());
        EXPECT_EQ(read->problems.size(), set.problems.size());
        // Equal but for where things stand: the files are numbered in another order.
        ASSERT_EQ(read->jurisdiction.bodies.size(), set.jurisdiction.bodies.size());
        for (std::size_t i = 0; i < set.jurisdiction.bodies.size(); ++i) {
            EXPECT_EQ(read->jurisdiction.bodies[i].id, set.jurisdiction.bodies[i].id);
            EXPECT_EQ(read->jurisdiction.bodies[i].name, set.jurisdiction.bodies[i].name);
        }
        for (std::size_t i = 0; i < set.items.size() && i < read->items.size(); ++i) {
            EXPECT_EQ(read->items[i].code, set.items[i].code);
            EXPECT_EQ(read->items[i].basis, set.items[i].basis);
        }
    }
    ASSERT_EQ(parts.violation_types.size(), whole.violation_types.size());
    for (std::size_t i = 0; i < whole.violation_types.size(); ++i) {
        EXPECT_EQ(parts.violation_types[i].id, whole.violation_types[i].id);
        EXPECT_EQ(parts.violation_types[i].aliases, whole.violation_types[i].aliases);
    }
}

TEST(Reader, files_parsed_apart_are_attached_where_they_were_numbered) {
    TempDir dir;
    const auto root = dir.copy_example();
    // A problem in a list file parsed while the head is attached: its diagnostic still names
    // that file and quotes its line.
    testing::edit(root / "yangli-town" / "power.yaml", "article: 36", "article: 三十六");
    std::vector<std::filesystem::path> head, town;
    for (const auto& file : collect_files({root})) {
        (peek_heading(file).value().jurisdiction == "yangli-town" ? town : head).push_back(file);
    }
    std::vector<Diagnostic> diagnostics;
    model::Bundle bundle;
    BundleReader reader(schemas());
    auto first = reader.parse(head, 0);
    // The town's files come after the head's, wherever these are parsed.
    std::size_t after_head = 0;
    {
        model::Bundle probe;
        BundleReader(schemas()).read(probe, head, diagnostics);
        after_head = probe.files.size();
    }
    auto second = std::async(std::launch::async, [&] { return reader.parse(town, after_head); });
    reader.attach(bundle, std::move(first), diagnostics);
    ASSERT_TRUE(diagnostics.empty());
    // Attached out of place, parsed files would point at other files' lines: refused.
    EXPECT_THROW(reader.attach(bundle, reader.parse(town, after_head + 1), diagnostics),
                 std::logic_error);
    reader.attach(bundle, second.get(), diagnostics);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].path, (root / "yangli-town" / "power.yaml").string());
    EXPECT_NE(diagnostics[0].source_line.find("三十六"), std::string::npos);
    EXPECT_EQ(bundle.files.size(), after_head + town.size());
}

TEST(Schemas, the_built_in_ones_are_those_of_the_source) {
    const SchemaSet built_in = SchemaSet::built_in();
    EXPECT_EQ(built_in.kinds(), schemas().kinds());
    // They reject what the source's reject, with the same words.
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "article: 77", "article: 七十七");
    std::vector<Diagnostic> with_source, with_built_in;
    read_bundle({root}, schemas(), with_source);
    read_bundle({root}, built_in, with_built_in);
    ASSERT_EQ(with_built_in.size(), 1u);
    EXPECT_EQ(with_built_in[0].message, with_source[0].message);
}

}  // namespace
}  // namespace lawlist::io
