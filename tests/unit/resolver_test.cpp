#include "lawlist/resolve/resolver.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/load/load.hpp"
#include "lawlist/model/teams.hpp"
#include "test_support.hpp"

namespace lawlist::resolve {
namespace {

using ::testing::ElementsAre;

const model::Bundle& example() {
    static const model::Bundle bundle = load::read_checked(
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

TEST(Resolver, item_on_the_township_list_goes_to_the_township_in_its_governments_name) {
    const Resolver resolver(example());
    const auto r = resolver.resolve("yangli-town", "construction-waste-dumping");
    EXPECT_EQ(r.route, Route::township);
    EXPECT_EQ(r.handler->id, "yangli-gov");
    EXPECT_EQ(r.handler_unit->id, "yangli-team");
    EXPECT_EQ(r.items[0].subject.id, "yangli-gov");
    EXPECT_EQ(r.items[0].unit->id, "yangli-team");
    // The county's original is the same power: listed once, as the township's item.
    EXPECT_THAT(codes(r), ElementsAre("YLZ-URB-CF-001"));
    EXPECT_EQ(r.items[0].origin->id, "yl-urban");
    EXPECT_EQ(r.items[0].mode, model::DelegationMode::grant);
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

// The problem entry names the township team as cooperating, but only the county department holds
// a power for illegal mining: one body acts, the department (the entry is shown).
TEST(Resolver, problem_entry_naming_one_holder_does_not_make_a_joint_matter) {
    const Resolver resolver(example());
    const auto r = resolver.resolve("yangli-town", "illegal-mining");
    EXPECT_EQ(r.route, Route::department);
    EXPECT_EQ(r.problem_code, "YLZ-WT-001");
    EXPECT_EQ(r.handler->id, "yl-natural-resources");
    EXPECT_FALSE(r.lead.has_value());
    EXPECT_TRUE(r.cooperating.empty());
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
            // The town's penalty beside the county's: powers split between the levels.
            EXPECT_EQ(r.route, Route::joint);
            EXPECT_THAT(codes(r), ElementsAre("YLZ-MORE-001", "YL-NR-CF-001"));
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

model::Bundle bundled_base() {
    return load::read_checked(
        {testing::source_dir() / "data" / "base", testing::source_dir() / "data" / "vocabulary"},
        testing::schemas(), nullptr);
}

// Every resolution of the bundled data against the lists themselves: the items listed are exactly
// the township's items of the type (route township), the county's not handed to the township
// (department), or both, the township's first (joint, transfer); penalties before coercive
// measures before inspections, list order otherwise.
TEST(Resolver, lists_exactly_the_items_of_the_type_in_category_order_on_the_bundled_data) {
    const model::Bundle bundle = bundled_base();
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
                ranked.emplace_back(rank(std::string(model::to_string(item.category))), item.code);
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
        const bool is_county = set.jurisdiction.level == model::Level::county;
        const model::ListSet* county =
            set.jurisdiction.parent ? bundle.find(set.jurisdiction.parent->id) : nullptr;
        std::vector<std::string> taken;
        for (const auto& item : set.items) {
            if (item.delegation) {
                taken.push_back(item.delegation->item.id);
            }
        }
        for (const auto& type : bundle.violation_types) {
            const Resolution r = resolver.resolve(set.jurisdiction.id, type.id);
            const std::vector<std::string> own =
                is_county ? std::vector<std::string>{} : expected_of(set, type.id, {});
            const std::vector<std::string> up = is_county ? expected_of(set, type.id, {})
                                                : county  ? expected_of(*county, type.id, taken)
                                                          : std::vector<std::string>{};
            std::vector<std::string> expected;
            if (r.route == Route::township) {
                expected = own;
            } else if (r.route == Route::department) {
                expected = up;
            } else if (r.route != Route::unassigned) {
                expected = own;
                expected.insert(expected.end(), up.begin(), up.end());
            }
            ASSERT_EQ(codes(r), expected) << set.jurisdiction.id << " " << type.id;
            EXPECT_EQ(r.route == Route::unassigned, own.empty() && up.empty())
                << set.jurisdiction.id << " " << type.id;
            checked += r.items.size();
        }
    }
    EXPECT_GT(checked, 1000u);
}

// A case is decided in the name of a government or department (实施主体), never a team: on every
// route of the bundled data; a team leading a joint matter acts for its parent, as its unit.
TEST(Resolver, no_resolution_of_the_bundled_data_names_a_team_as_subject) {
    const model::Bundle bundle = bundled_base();
    const Resolver resolver(bundle);
    std::map<std::string, const model::Body*> bodies;
    for (const auto& set : bundle.list_sets) {
        for (const auto& b : set.jurisdiction.bodies) {
            bodies[b.id] = &b;
        }
    }
    auto is_team = [&](const std::string& id) { return model::is_team(*bodies.at(id)); };
    std::size_t joint_with_team = 0;
    for (const auto& set : bundle.list_sets) {
        for (const auto& type : bundle.violation_types) {
            const Resolution r = resolver.resolve(set.jurisdiction.id, type.id);
            if (!r.handler) {
                continue;
            }
            EXPECT_FALSE(is_team(r.handler->id)) << set.jurisdiction.id << " " << type.id;
            if (r.route == Route::joint && r.lead && is_team(r.lead->id)) {
                ASSERT_TRUE(r.handler_unit) << set.jurisdiction.id << " " << type.id;
                EXPECT_EQ(r.handler_unit->id, r.lead->id);
                EXPECT_EQ(bodies.at(r.lead->id)->parent->id, r.handler->id);
                ++joint_with_team;
            }
        }
    }
    EXPECT_GT(joint_with_team, 0u);  // the case this test is about occurs in the data
}

// tests/data/routes/routes.tsv holds routes of the bundled data's base revision decided by the
// README's table independently of this resolver (make_fixture.py there), for a sample of pairs
// covering every route.
TEST(Resolver, routes_of_the_bundled_data_follow_the_decision_table) {
    const model::Bundle bundle = bundled_base();
    const Resolver resolver(bundle);
    std::istringstream rows(
        testing::read_file(testing::source_dir() / "tests" / "data" / "routes" / "routes.tsv"));
    std::set<std::string> routes;
    std::size_t checked = 0;
    for (std::string line; std::getline(rows, line);) {
        if (line.empty() || line.front() == '#') {
            continue;
        }
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string field; std::getline(fields, field, '\t');) {
            f.push_back(field);
        }
        ASSERT_EQ(f.size(), 5u) << line;
        const Resolution r = resolver.resolve(f[0], f[1]);
        EXPECT_EQ(to_string(r.route), f[2]) << f[0] << " " << f[1];
        EXPECT_EQ(r.handler ? r.handler->id : "-", f[3]) << f[0] << " " << f[1];
        EXPECT_EQ(r.finder ? r.finder->id : "-", f[4]) << f[0] << " " << f[1];
        routes.insert(f[2]);
        ++checked;
    }
    EXPECT_GE(checked, 60u);
    EXPECT_EQ(routes,
              (std::set<std::string>{"department", "joint", "township", "transfer", "unassigned"}));
}

TEST(Resolver, json_has_the_documented_fields) {
    const Resolver resolver(example());
    auto json = to_json(resolver.resolve("yangli-town", "illegal-mining"));
    EXPECT_EQ(json["route"], "department");
    EXPECT_EQ(json["violation_type"]["id"], "illegal-mining");
    EXPECT_EQ(json["handler"]["id"], "yl-natural-resources");
    EXPECT_EQ(json["problem"]["code"], "YLZ-WT-001");
    EXPECT_TRUE(json["lead"].is_null());
    EXPECT_TRUE(json["finder"].is_null());
    EXPECT_EQ(json["items"][0]["category"], "行政处罚");
    EXPECT_EQ(json["items"][0]["basis"][0], "《中华人民共和国矿产资源法》第三十九条");
    json = to_json(resolver.resolve("yangli-town", "construction-waste-dumping"));
    EXPECT_EQ(json["route"], "township");
    EXPECT_EQ(json["handler"]["id"], "yangli-gov");
    EXPECT_EQ(json["handler_unit"]["id"], "yangli-team");
    EXPECT_EQ(json["items"][0]["subject"]["id"], "yangli-gov");
    EXPECT_EQ(json["items"][0]["unit"]["id"], "yangli-team");
    EXPECT_EQ(json["items"][0]["origin"]["id"], "yl-urban");
}

}  // namespace
}  // namespace lawlist::resolve
