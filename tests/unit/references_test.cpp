#include "lawlist/model/references.hpp"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/io/reader.hpp"
#include "test_support.hpp"

namespace lawlist::model {
namespace {

using testing::TempDir;

// Reads `paths` and checks references against `known`; returns the messages.
std::vector<std::string> check(const std::vector<std::filesystem::path>& paths,
                               const KnownWorld& known = {}) {
    std::vector<Diagnostic> diagnostics;
    const Bundle bundle = io::read_bundle(paths, testing::schemas(), diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    check_references(bundle, known, diagnostics);
    std::vector<std::string> out;
    for (const auto& d : diagnostics) {
        out.push_back(d.message);
    }
    return out;
}

TEST(References, example_is_consistent) {
    EXPECT_THAT(check({testing::source_dir() / "examples" / "basic"}), ::testing::IsEmpty());
}

TEST(References, rejects_unknown_violation_type_with_suggestion) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "[illegal-mining]", "[illegal-minig]");
    EXPECT_THAT(check({root}), ::testing::ElementsAre("unknown violation type 'illegal-minig'; "
                                                      "did you mean 'illegal-mining'?"));
}

TEST(References, rejects_a_sector_outside_the_default_vocabulary_with_suggestion) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "vocabulary" / "violation-types.yaml", "sector: urban", "sector: urbn");
    EXPECT_THAT(check({root}),
                ::testing::ElementsAre("unknown sector 'urbn'; did you mean 'urban'?"));
}

TEST(References, accepts_a_sector_its_load_adds_and_rejects_it_twice) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "vocabulary" / "violation-types.yaml", "sector: urban",
                  "sector: civil-affairs");
    std::ofstream(root / "vocabulary" / "sectors.yaml")
        << "kind: sectors\nsectors:\n  - {code: urban, name: 城市管理局}\n"
           "  - {code: civil-affairs, name: 民政局}\n  - {code: civil-affairs, name: 民政局}\n";
    // The load's sectors replace the defaults: natural-resources is no longer known.
    const auto messages = check({root});
    EXPECT_THAT(
        messages,
        ::testing::Contains(::testing::StartsWith("duplicate sector 'civil-affairs' (first at ")));
    EXPECT_THAT(messages,
                ::testing::Contains(::testing::StartsWith("unknown sector 'natural-resources'")));
    EXPECT_THAT(messages, ::testing::Not(::testing::Contains(
                              ::testing::HasSubstr("unknown sector 'civil-affairs'"))));
}

TEST(References, resolves_sectors_against_those_already_loaded) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "sector: urban", "sector: tobacco");
    KnownWorld known;
    known.sectors = {"urban", "natural-resources", "market", "police", "tobacco"};
    EXPECT_THAT(check({root}, known), ::testing::IsEmpty());
    EXPECT_THAT(check({root}),
                ::testing::ElementsAre(::testing::StartsWith("unknown sector 'tobacco'")));
}

TEST(References, rejects_an_item_held_by_another_jurisdictions_body) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "subject: yangli-gov", "subject: yl-urban");
    EXPECT_THAT(check({root}),
                ::testing::ElementsAre("subject 'yl-urban' belongs to yangli-county, not to "
                                       "yangli-town"));
}

// Under 委托 the township acts in the county department's name: that subject is allowed, and so
// is a unit of the township doing the work.
TEST(References, accepts_the_county_department_as_subject_of_an_entrusted_item) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "subject: yangli-gov", "subject: yl-urban");
    testing::edit(root / "yangli-town" / "power.yaml", "mode: 赋权", "mode: 委托");
    testing::edit(root / "yangli-county" / "power.yaml", "mode: 赋权", "mode: 委托");
    EXPECT_THAT(check({root}), ::testing::IsEmpty());
}

TEST(References, rejects_a_unit_of_another_county) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "body: yl-urban",
                  "subject: yl-urban\n    unit: yangli-team");
    EXPECT_THAT(check({root}), ::testing::ElementsAre("unit 'yangli-team' belongs to yangli-town, "
                                                      "not to yangli-county"));
}

TEST(References, rejects_delegation_of_an_item_the_county_does_not_list) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "item: YL-URB-CF-001",
                  "item: YL-URB-CF-009");
    EXPECT_THAT(check({root}), ::testing::ElementsAre("delegated item 'YL-URB-CF-009' is not on "
                                                      "the list of yangli-county"));
}

TEST(References, rejects_delegation_from_a_body_that_does_not_exist) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "from: yl-urban", "from: yl-urbn");
    EXPECT_THAT(check({root}),
                ::testing::ElementsAre("unknown body 'yl-urbn'; did you mean 'yl-urban'?"));
}

TEST(References, rejects_delegation_to_a_township_of_another_county) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "{jurisdiction: yangli-town",
                  "{jurisdiction: yangli-county");
    EXPECT_THAT(check({root}), ::testing::ElementsAre("'yangli-county' is not a township or "
                                                      "sub-district of yangli-county"));
}

TEST(References, rejects_entrusting_a_coercive_measure) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "category: 行政处罚",
                  "category: 行政强制");
    testing::edit(root / "yangli-county" / "power.yaml", "mode: 赋权", "mode: 委托");
    testing::edit(root / "yangli-town" / "power.yaml", "category: 行政处罚", "category: 行政强制");
    testing::edit(root / "yangli-town" / "power.yaml", "mode: 赋权", "mode: 委托");
    EXPECT_THAT(
        check({root}),
        ::testing::ElementsAre(
            "coercive measure 'YL-URB-CF-001' cannot be entrusted (委托): 行政强制法 第十七条 "
            "forbids it; hand it down by grant (赋权)",
            "coercive measure 'YLZ-URB-CF-001' cannot be entrusted (委托): 行政强制法 "
            "第十七条 forbids it; hand it down by grant (赋权)"));
}

TEST(References, resolves_references_out_of_the_load_against_the_database) {
    // The township alone refers to its county and to the vocabulary.
    const auto town = testing::source_dir() / "examples" / "basic" / "yangli-town";
    EXPECT_FALSE(check({town}).empty());
    KnownWorld known;
    known.jurisdictions["yangli-county"] = {Level::county, std::nullopt};
    for (const char* body : {"yl-urban", "yl-natural-resources", "yl-market"}) {
        known.bodies[body] = "yangli-county";
    }
    known.items["yangli-county"] = {"YL-URB-CF-001", "YL-NR-CF-002"};
    known.violation_types = {"construction-waste-dumping", "street-vending", "illegal-mining"};
    EXPECT_THAT(check({town}, known), ::testing::IsEmpty());
}

}  // namespace
}  // namespace lawlist::model
