#include "synth/generator.hpp"

#include <gtest/gtest.h>

#include "lawlist/io/reader.hpp"
#include "lawlist/load/load.hpp"
#include "test_support.hpp"

namespace lawlist::synth {
namespace {

using testing::TempDir;

TEST(Synth, same_parameters_give_the_same_files) {
    TempDir dir;
    Parameters p;
    p.items = 300;
    p.townships = 3;
    p.delegated_share = 0.3;
    const auto a = generate(p, dir.path() / "a");
    const auto b = generate(p, dir.path() / "b");
    EXPECT_EQ(a.bytes, b.bytes);
    for (const auto& file : io::collect_files({dir.path() / "a"})) {
        const auto relative = std::filesystem::relative(file, dir.path() / "a");
        EXPECT_EQ(testing::read_file(file), testing::read_file(dir.path() / "b" / relative))
            << relative;
    }
    p.seed += 1;
    const auto c = generate(p, dir.path() / "c");
    EXPECT_NE(testing::read_file(dir.path() / "a" / "county" / "power-00.yaml"),
              testing::read_file(dir.path() / "c" / "county" / "power-00.yaml"));
    EXPECT_EQ(c.county_items, 300u);
}

TEST(Synth, generated_list_sets_are_valid_and_load) {
    TempDir dir;
    Parameters p;
    p.items = 500;
    p.departments = 5;
    p.townships = 2;
    p.delegated_share = 0.2;
    const auto summary = generate(p, dir.path() / "src");
    const auto bundle = load::read_checked({dir.path() / "src"}, testing::schemas(), nullptr);
    std::size_t items = 0;
    for (const auto& set : bundle.list_sets) {
        items += set.items.size();
    }
    EXPECT_EQ(items, summary.county_items + summary.township_items);
    EXPECT_GT(summary.township_items, 0u);
    const auto report =
        load::load({dir.path() / "src"}, dir.path() / "db", testing::schemas(), std::nullopt);
    EXPECT_EQ(report.revisions.size(), 3u);
}

TEST(Synth, a_province_of_counties_is_valid_and_loads) {
    TempDir dir;
    Parameters p;
    p.items = 200;
    p.departments = 4;
    p.townships = 2;
    p.delegated_share = 0.3;
    p.counties = 3;
    const auto summary = generate(p, dir.path() / "src");
    EXPECT_EQ(summary.county_items, 600u);
    const auto bundle = load::read_checked({dir.path() / "src"}, testing::schemas(), nullptr);
    ASSERT_EQ(bundle.list_sets.size(), 9u);
    std::size_t items = 0;
    for (const auto& set : bundle.list_sets) {
        items += set.items.size();
    }
    EXPECT_EQ(items, summary.county_items + summary.township_items);
    // Each township belongs to its own county.
    EXPECT_EQ(bundle.find("c002-town-01")->jurisdiction.parent->id, "c002-county");
    const auto report =
        load::load({dir.path() / "src"}, dir.path() / "db", testing::schemas(), std::nullopt);
    EXPECT_EQ(report.revisions.size(), 9u);
}

}  // namespace
}  // namespace lawlist::synth
