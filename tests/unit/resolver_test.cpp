#include "lawlist/resolve/resolver.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/store/load.hpp"
#include "test_support.hpp"

namespace lawlist::resolve {
namespace {

using ::testing::ElementsAre;

const model::Bundle& example() {
    static const model::Bundle bundle = store::read_checked(
        {testing::source_dir() / "examples" / "basic"}, testing::schemas(), nullptr);
    return bundle;
}

std::vector<std::string> codes(const Resolution& r) {
    std::vector<std::string> out;
    for (const auto& i : r.items) {
        out.push_back(i.code);
    }
    return out;
}

TEST(Resolver, item_on_the_township_list_goes_to_the_township_team) {
    const Resolver resolver(example());
    const auto r = resolver.resolve("yangli-town", "construction-waste-dumping");
    EXPECT_EQ(r.route, Route::township);
    EXPECT_EQ(r.handler->id, "yangli-team");
    // The county's original is the same power: listed once, as the township's item.
    EXPECT_THAT(codes(r), ElementsAre("YLZ-URB-CF-001"));
    EXPECT_EQ(r.items[0].origin->id, "yl-urban");
    EXPECT_EQ(r.items[0].mode, "赋权");
    EXPECT_THAT(r.items[0].basis, ElementsAre("《城市市容和环境卫生管理条例》第三十六条"));
}

TEST(Resolver, item_off_the_township_list_goes_to_the_county_department) {
    const Resolver resolver(example());
    const auto r = resolver.resolve("yangli-town", "illegal-land-occupation");
    EXPECT_EQ(r.route, Route::department);
    EXPECT_EQ(r.handler->id, "yl-natural-resources");
    EXPECT_EQ(r.handler->jurisdiction, "yangli-county");
    EXPECT_THAT(codes(r), ElementsAre("YL-NR-CF-001"));
}

TEST(Resolver, problem_list_entry_makes_a_joint_matter_with_lead_and_cooperating) {
    const Resolver resolver(example());
    const auto r = resolver.resolve("yangli-town", "illegal-mining");
    EXPECT_EQ(r.route, Route::joint);
    EXPECT_EQ(r.problem_code, "YLZ-WT-001");
    EXPECT_EQ(r.lead->id, "yl-natural-resources");
    EXPECT_EQ(r.handler->id, "yl-natural-resources");
    ASSERT_EQ(r.cooperating.size(), 1u);
    EXPECT_EQ(r.cooperating[0].id, "yangli-team");
    EXPECT_THAT(codes(r), ElementsAre("YL-NR-CF-002"));
}

TEST(Resolver, nobody_holding_it_is_a_gap) {
    const Resolver resolver(example());
    const auto r = resolver.resolve("yangli-town", "dog-nuisance");
    EXPECT_EQ(r.route, Route::unassigned);
    EXPECT_FALSE(r.handler.has_value());
    EXPECT_TRUE(r.items.empty());
}

TEST(Resolver, county_jurisdiction_goes_to_the_county_body_directly) {
    const Resolver resolver(example());
    const auto r = resolver.resolve("yangli-county", "construction-waste-dumping");
    EXPECT_EQ(r.route, Route::department);
    EXPECT_EQ(r.handler->id, "yl-urban");
    // The county does not see the township's problem list.
    EXPECT_EQ(resolver.resolve("yangli-county", "illegal-mining").route, Route::department);
}

TEST(Resolver, accepts_formal_names_and_aliases) {
    const Resolver resolver(example());
    EXPECT_EQ(resolver.resolve("yangli-town", "偷倒渣土").violation_type,
              "construction-waste-dumping");
    EXPECT_EQ(resolver.resolve("yangli-town", "非法占用土地").violation_type,
              "illegal-land-occupation");
}

TEST(Resolver, unknown_ids_get_suggestions) {
    const Resolver resolver(example());
    try {
        resolver.resolve("yangli-town", "illegal-minig");
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "unknown violation type 'illegal-minig'; did you mean 'illegal-mining'?");
    }
    try {
        resolver.resolve("yangli-twn", "illegal-mining");
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "unknown jurisdiction 'yangli-twn'; did you mean 'yangli-town'?");
    }
}

TEST(Resolver, defaults_to_the_first_township) {
    EXPECT_EQ(Resolver(example()).default_jurisdiction(), "yangli-town");
}

TEST(Resolver, json_has_the_documented_fields) {
    const auto json = to_json(Resolver(example()).resolve("yangli-town", "illegal-mining"));
    EXPECT_EQ(json["route"], "joint");
    EXPECT_EQ(json["violation_type"]["id"], "illegal-mining");
    EXPECT_EQ(json["lead"]["id"], "yl-natural-resources");
    EXPECT_EQ(json["cooperating"][0]["id"], "yangli-team");
    EXPECT_EQ(json["items"][0]["category"], "行政处罚");
    EXPECT_EQ(json["items"][0]["basis"][0], "《中华人民共和国矿产资源法》第三十九条");
}

}  // namespace
}  // namespace lawlist::resolve
