// The routing decision table of README ("How resolve routes a case"), one test per row, on a
// county with one department and its team and a township with its government and team.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/resolve/resolver.hpp"

namespace lawlist::resolve {
namespace {

using ::testing::ElementsAre;

model::Ref ref(std::string id) {
    return {std::move(id), {}};
}

class Lists {
  public:
    Lists() {
        m_bundle.files.push_back({"lists.yaml", ""});
        model::ViolationType type;
        type.id = "v";
        type.name = "某违法行为";
        type.sector = "ecology";
        m_bundle.violation_types.push_back(type);
        model::ListSet county;
        county.jurisdiction.id = "c";
        county.jurisdiction.name = "某县";
        county.jurisdiction.bodies = {body("c-dept", "department"), body("c-other", "department"),
                                      body("c-team", "sector-team", "c-dept")};
        model::ListSet town;
        town.jurisdiction.id = "t";
        town.jurisdiction.name = "某镇";
        town.jurisdiction.level = model::Level::township;
        town.jurisdiction.parent = ref("c");
        town.jurisdiction.bodies = {body("t-gov", "government"),
                                    body("t-team", "township-team", "t-gov")};
        m_bundle.list_sets = {county, town};
    }

    // A county item of category `category` on type v, in the department's name, done by its team.
    Lists& county(std::string code, std::string category, std::string subject = "c-dept",
                  std::optional<std::string> unit = "c-team") {
        model::Item item = make(std::move(code), std::move(category), std::move(subject), unit);
        set("c").items.push_back(item);
        return *this;
    }
    // A county item handed to the township by `mode`, and the township item taking it over (in the
    // government's name under 赋权, the department's under 委托; done by the township team).
    Lists& handed(std::string code, std::string category, std::string mode) {
        model::Item original = make(code, category, "c-dept", "c-team");
        original.delegated_to.push_back({ref("t"), *model::parse_delegation_mode(mode)});
        set("c").items.push_back(original);
        model::Item taken =
            make("T-" + code, category, mode == "赋权" ? "t-gov" : "c-dept", "t-team");
        taken.delegation =
            model::Delegation{ref("c-dept"), *model::parse_delegation_mode(mode), ref(code)};
        set("t").items.push_back(taken);
        return *this;
    }
    Lists& problem(std::string jurisdiction, std::string lead,
                   std::vector<std::string> cooperating) {
        model::Problem p;
        p.code = "P-1";
        p.name = "某问题";
        p.violation_types = {ref("v")};
        p.lead = ref(std::move(lead));
        for (auto& c : cooperating) {
            p.cooperating.push_back(ref(std::move(c)));
        }
        set(jurisdiction).problems.push_back(p);
        return *this;
    }

    Resolution resolve(const std::string& jurisdiction = "t") {
        m_resolver.emplace(m_bundle);
        return m_resolver->resolve(jurisdiction, "v");
    }

  private:
    static model::Body body(std::string id, std::string kind,
                            std::optional<std::string> parent = std::nullopt) {
        model::Body b;
        b.id = std::move(id);
        b.name = b.id;
        b.kind = *model::parse_body_kind(kind);
        if (parent) {
            b.parent = ref(*parent);
        }
        return b;
    }
    static model::Item make(std::string code, std::string category, std::string subject,
                            std::optional<std::string> unit) {
        model::Item item;
        item.code = std::move(code);
        item.name = item.code;
        item.category = *model::parse_category(category);
        item.sector = "ecology";
        item.body = ref(std::move(subject));
        if (unit) {
            item.unit = ref(*unit);
        }
        item.violation_types = {ref("v")};
        return item;
    }
    model::ListSet& set(const std::string& id) { return m_bundle.list_sets[id == "c" ? 0 : 1]; }

    model::Bundle m_bundle;
    std::optional<Resolver> m_resolver;
};

std::vector<std::string> codes(const Resolution& r) {
    std::vector<std::string> out;
    for (const auto& i : r.items) {
        out.push_back(i.code);
    }
    return out;
}

std::vector<std::string> ids(const std::vector<BodyInfo>& bodies) {
    std::vector<std::string> out;
    for (const auto& b : bodies) {
        out.push_back(b.id);
    }
    return out;
}

// Row 1: a problem entry naming two bodies that hold powers for the type: joint, its lead leads.
TEST(Routing, problem_naming_two_holders_is_joint_under_its_lead) {
    Lists lists;
    lists.handed("C-1", "行政处罚", "赋权").county("C-2", "行政检查", "c-other", std::nullopt);
    lists.problem("t", "t-gov", {"c-other"});
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::joint);
    EXPECT_EQ(r.lead->id, "t-gov");
    EXPECT_EQ(r.handler->id, "t-gov");
    EXPECT_THAT(ids(r.cooperating), ElementsAre("c-other"));
    EXPECT_THAT(codes(r), ElementsAre("T-C-1", "C-2"));
    EXPECT_EQ(r.problem_code, "P-1");
}

// Row 1, not met: a department and its own team named as lead and cooperating are one holder.
TEST(Routing, department_and_its_own_team_named_together_are_one_holder) {
    Lists lists;
    lists.county("C-1", "行政处罚");
    lists.problem("t", "c-dept", {"c-team"});
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::department);
    EXPECT_EQ(r.problem_code, "P-1");
    EXPECT_TRUE(r.cooperating.empty());
}

// Row 2: deciding powers at both levels: joint, the township leads, the county cooperates.
TEST(Routing, deciding_powers_split_between_levels_is_joint) {
    Lists lists;
    lists.handed("C-1", "行政处罚", "赋权").county("C-2", "行政强制");
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::joint);
    EXPECT_EQ(r.lead->id, "t-gov");
    EXPECT_THAT(ids(r.cooperating), ElementsAre("c-dept"));
    EXPECT_FALSE(r.problem_code.has_value());
    EXPECT_THAT(codes(r), ElementsAre("T-C-1", "C-2"));
}

// Row 3: the township holds the deciding power: 清单内，乡街办, in the government's name.
TEST(Routing, township_deciding_power_goes_to_the_township) {
    Lists lists;
    lists.handed("C-1", "行政处罚", "赋权").county("C-2", "行政检查");
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::township);
    EXPECT_EQ(r.handler->id, "t-gov");
    EXPECT_EQ(r.handler_unit->id, "t-team");
    // The county item handed down is the township's now; the county's inspection is not needed.
    EXPECT_THAT(codes(r), ElementsAre("T-C-1"));
}

// Row 3 with a problem entry whose county lead holds nothing any more (明放暗不放): still the
// township; the audit reports the lead.
TEST(Routing, county_lead_of_a_matter_handed_down_does_not_make_it_joint) {
    Lists lists;
    lists.handed("C-1", "行政处罚", "赋权");
    lists.problem("t", "c-dept", {"t-gov"});
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::township);
    EXPECT_EQ(r.problem_code, "P-1");
    EXPECT_FALSE(r.lead.has_value());
}

// Row 4: the township can only inspect, the county decides: 发现制止、移交查处, both sides shown.
TEST(Routing, township_that_can_only_inspect_discovers_and_transfers) {
    Lists lists;
    lists.handed("C-1", "行政检查", "委托").county("C-2", "行政处罚");
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::transfer);
    EXPECT_EQ(r.handler->id, "c-dept");
    EXPECT_EQ(r.handler_unit->id, "c-team");
    EXPECT_EQ(r.finder->id, "t-team");
    EXPECT_THAT(codes(r), ElementsAre("T-C-1", "C-2"));
    // Under 委托 the township acts in the department's name.
    EXPECT_EQ(r.items[0].subject.id, "c-dept");
    EXPECT_EQ(r.items[0].unit->id, "t-team");
}

// Row 5: the township inspects and nobody decides: still the township's matter.
TEST(Routing, township_inspection_with_no_deciding_power_anywhere_stays_with_the_township) {
    Lists lists;
    lists.handed("C-1", "行政检查", "委托").county("C-2", "行政检查");
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::township);
    EXPECT_THAT(codes(r), ElementsAre("T-C-1"));
}

// Row 6: only the county holds powers: 清单外，行业办, in the department's name.
TEST(Routing, county_power_off_the_township_list_goes_to_the_department) {
    Lists lists;
    lists.county("C-1", "行政处罚");
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::department);
    EXPECT_EQ(r.handler->id, "c-dept");
    EXPECT_EQ(r.handler->jurisdiction, "c");
    EXPECT_EQ(r.handler_unit->id, "c-team");
    EXPECT_THAT(codes(r), ElementsAre("C-1"));
}

// Row 6 with a problem entry the township leads while holding nothing: still the department.
TEST(Routing, township_lead_holding_nothing_does_not_make_it_joint) {
    Lists lists;
    lists.county("C-1", "行政处罚");
    lists.problem("t", "t-gov", {"c-dept"});
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::department);
    EXPECT_EQ(r.handler->id, "c-dept");
}

// Row 6 with only an inspection at the county.
TEST(Routing, county_inspection_alone_goes_to_the_department) {
    Lists lists;
    lists.county("C-1", "行政检查", "c-dept", std::nullopt);
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::department);
    EXPECT_FALSE(r.handler_unit.has_value());
}

// Row 7: nobody holds it, whether or not a problem entry names it.
TEST(Routing, nobody_holding_it_is_unassigned) {
    Lists lists;
    EXPECT_EQ(lists.resolve().route, Route::unassigned);
    lists.problem("t", "t-gov", {"c-dept"});
    const auto r = lists.resolve();
    EXPECT_EQ(r.route, Route::unassigned);
    EXPECT_FALSE(r.handler.has_value());
    EXPECT_EQ(r.problem_code, "P-1");
}

// Rows 8-10: a county jurisdiction answers with its own bodies.
TEST(Routing, county_with_a_problem_naming_two_holders_is_joint) {
    Lists lists;
    lists.county("C-1", "行政处罚").county("C-2", "行政检查", "c-other", std::nullopt);
    lists.problem("c", "c-dept", {"c-other"});
    const auto r = lists.resolve("c");
    EXPECT_EQ(r.route, Route::joint);
    EXPECT_EQ(r.lead->id, "c-dept");
}

TEST(Routing, county_holding_it_goes_to_the_department) {
    Lists lists;
    lists.handed("C-1", "行政处罚", "赋权");
    const auto r = lists.resolve("c");
    EXPECT_EQ(r.route, Route::department);
    EXPECT_THAT(codes(r), ElementsAre("C-1"));
}

TEST(Routing, county_holding_nothing_is_unassigned) {
    Lists lists;
    EXPECT_EQ(lists.resolve("c").route, Route::unassigned);
}

}  // namespace
}  // namespace lawlist::resolve
