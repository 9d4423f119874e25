#include "lawlist/resolve/resolver.hpp"

#include <algorithm>

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
    EXPECT_EQ(r.handler->id, "yangli-gov");
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

// The later list set's own type must not take the place of a type the earlier one holds.
TEST(Resolver, a_jurisdiction_listed_by_two_list_sets_holds_the_items_of_both) {
    model::Bundle bundle = example();
    model::ListSet more;
    more.jurisdiction = bundle.find("yangli-town")->jurisdiction;
    model::Item item = bundle.find("yangli-town")->items.front();
    item.code = "YLZ-MORE-001";
    item.delegation.reset();
    item.violation_types = {{"illegal-land-occupation", {}}};
    more.items.push_back(item);
    bundle.list_sets.push_back(more);
    const Resolver resolver(bundle);
    const Resolver one_set(example());
    for (const auto& type : bundle.violation_types) {
        const auto r = resolver.resolve("yangli-town", type.id);
        if (type.id == "illegal-land-occupation") {
            EXPECT_EQ(r.route, Route::township);
            EXPECT_THAT(codes(r), ElementsAre("YLZ-MORE-001"));
            continue;
        }
        const auto expected = one_set.resolve("yangli-town", type.id);
        EXPECT_EQ(r.route, expected.route) << type.id;
        EXPECT_EQ(r.problem_code, expected.problem_code) << type.id;
        EXPECT_EQ(codes(r), codes(expected)) << type.id;
    }
}

TEST(Resolver, defaults_to_the_first_township) {
    EXPECT_EQ(Resolver(example()).default_jurisdiction(), "yangli-town");
}

// Every resolution of the bundled data against the lists themselves: the items listed are exactly
// the holders' items of that type (a delegated county original only once, as the township's), each
// holder's penalties before its coercive measures before its inspections, list order otherwise.
TEST(Resolver, lists_exactly_the_items_of_the_type_in_category_order_on_the_bundled_data) {
    const model::Bundle bundle = store::read_checked(
        {testing::source_dir() / "data" / "base", testing::source_dir() / "data" / "vocabulary"},
        testing::schemas(), nullptr);
    const Resolver resolver(bundle);
    const std::vector<std::string> order = {"行政处罚", "行政强制", "行政检查"};
    auto rank = [&](const std::string& category) {
        return std::find(order.begin(), order.end(), category) - order.begin();
    };
    auto expected_of = [&](const model::ListSet& set, const std::string& type,
                           const std::vector<std::string>& skip) {
        std::vector<std::pair<long, std::string>> ranked;
        for (const auto& item : set.items) {
            const bool covers =
                std::any_of(item.violation_types.begin(), item.violation_types.end(),
                            [&](const model::Ref& ref) { return ref.id == type; });
            if (covers && std::find(skip.begin(), skip.end(), item.code) == skip.end()) {
                ranked.emplace_back(rank(item.category), item.code);
            }
        }
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<std::string> codes;
        for (const auto& [_, code] : ranked) {
            codes.push_back(code);
        }
        return codes;
    };
    std::size_t checked = 0;
    for (const auto& set : bundle.list_sets) {
        const model::ListSet* county =
            set.jurisdiction.parent ? bundle.find(set.jurisdiction.parent->id) : nullptr;
        for (const auto& type : bundle.violation_types) {
            const Resolution r = resolver.resolve(set.jurisdiction.id, type.id);
            const std::vector<std::string> own = expected_of(set, type.id, {});
            std::vector<std::string> copies;
            for (const auto& item : set.items) {
                if (item.delegation && std::find(own.begin(), own.end(), item.code) != own.end()) {
                    copies.push_back(item.delegation->item.id);
                }
            }
            const std::vector<std::string> up =
                county ? expected_of(*county, type.id, copies) : std::vector<std::string>{};
            std::vector<std::string> expected;
            if (r.route == Route::joint) {
                expected = own;
                expected.insert(expected.end(), up.begin(), up.end());
            } else if (!own.empty()) {
                expected = own;
            } else {
                expected = county ? expected_of(*county, type.id, {}) : std::vector<std::string>{};
            }
            ASSERT_EQ(codes(r), expected) << set.jurisdiction.id << " " << type.id;
            EXPECT_EQ(r.route == Route::unassigned, expected.empty() && r.route != Route::joint)
                << set.jurisdiction.id << " " << type.id;
            checked += r.items.size();
        }
    }
    EXPECT_GT(checked, 1000u);
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
