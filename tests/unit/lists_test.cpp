#include "lawlist/store/lists.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/load/load.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"
#include "test_support.hpp"

namespace lawlist::store {
namespace {

using ::testing::ElementsAre;
using testing::TempDir;

// The example list set loaded into a scratch database.
class Lists : public ::testing::Test {
  protected:
    Lists() {
        load::load({m_dir.copy_example()}, m_dir.path() / "lists.db", testing::schemas(),
                   std::nullopt);
    }
    Database open(Database::Mode mode = Database::Mode::read_only) const {
        return Database::open(m_dir.path() / "lists.db", mode);
    }
    TempDir m_dir;
};

std::vector<std::string> codes_of(const std::vector<ProblemRow>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) {
        out.push_back(row.problem.code);
    }
    return out;
}

std::vector<std::string> codes_of(const std::vector<WarningRow>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) {
        out.push_back(row.warning.code);
    }
    return out;
}

std::vector<std::string> ids_of(const std::vector<model::Ref>& refs) {
    std::vector<std::string> out;
    for (const auto& ref : refs) {
        out.push_back(ref.id);
    }
    return out;
}

TEST_F(Lists, a_problem_names_its_lead_and_cooperating_bodies_with_their_names) {
    const auto rows = problems(open(), {});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].problem.code, "YLZ-WT-001");
    EXPECT_EQ(rows[0].problem.description, "山区私挖铁矿、偷采矿石");
    // The lead is a county body: its name comes from the county's revision.
    EXPECT_EQ(rows[0].problem.lead.id, "yl-natural-resources");
    EXPECT_EQ(rows[0].lead_name, "样例县规划和自然资源局");
    ASSERT_EQ(rows[0].cooperating.size(), 1u);
    EXPECT_EQ(rows[0].cooperating[0].name, "样例镇综合行政执法队");
    EXPECT_THAT(ids_of(rows[0].problem.violation_types), ElementsAre("illegal-mining"));
    EXPECT_THAT(ids_of(rows[0].problem.items), ElementsAre("YL-NR-CF-002"));
}

TEST_F(Lists, problems_filter_by_cooperating_body_and_by_type) {
    ListFilter by_body;
    by_body.body = "yangli-team";
    EXPECT_THAT(codes_of(problems(open(), by_body)), ElementsAre("YLZ-WT-001"));
    ListFilter other_body;
    other_body.body = "yl-market";
    EXPECT_TRUE(problems(open(), other_body).empty());
    ListFilter other_type;
    other_type.violation_type = "short-weight";
    EXPECT_TRUE(problems(open(), other_type).empty());
    ListFilter county;
    county.jurisdiction = "yangli-county";
    EXPECT_TRUE(problems(open(), county).empty());
}

TEST_F(Lists, a_warning_concerns_a_type_through_the_bodies_acting_on_it) {
    // yl-market holds the short-weight item; yl-natural-resources leads the mining problem; nobody
    // holds dog-nuisance.
    ListFilter filter;
    filter.violation_type = "short-weight";
    EXPECT_THAT(codes_of(warnings(open(), filter)), ElementsAre("YLZ-JS-001"));
    filter.violation_type = "illegal-mining";
    EXPECT_THAT(codes_of(warnings(open(), filter)), ElementsAre("YLZ-JS-001"));
    filter.violation_type = "dog-nuisance";
    EXPECT_TRUE(warnings(open(), filter).empty());
    const auto all = warnings(open(), {});
    ASSERT_EQ(all.size(), 1u);
    ASSERT_EQ(all[0].applies_to.size(), 3u);
    EXPECT_EQ(all[0].applies_to[2].name, "样例县市场监督管理局");
}

TEST_F(Lists, metrics_carry_their_target_and_filter_by_assessor_or_assessed) {
    const auto all = metrics(open(), {});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[1].metric.comparison, model::Comparison::at_most);
    EXPECT_EQ(all[1].metric.value, 3);
    EXPECT_EQ(all[1].metric.unit, "days");
    EXPECT_EQ(all[1].metric.weight, 30);
    EXPECT_EQ(all[1].assessor_name, "样例镇综合行政执法队");
    ListFilter filter;
    filter.body = "yangli-team";
    EXPECT_EQ(metrics(open(), filter).size(), 2u);
    filter.body = "yl-market";
    EXPECT_EQ(metrics(open(), filter).size(), 2u);
    filter.body = "yl-police";
    EXPECT_TRUE(metrics(open(), filter).empty());
}

TEST_F(Lists, an_unknown_revision_label_is_an_error_naming_the_nearest) {
    ListFilter filter;
    filter.revision = "2024";
    try {
        problems(open(), filter);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "no revision labelled '2024'; did you mean '2024年版'?");
    }
}

TEST_F(Lists, type_search_matches_ids_names_and_aliases) {
    TypeFilter filter;
    filter.search = "渣土";  // only in the aliases of construction-waste-dumping
    auto rows = violation_types(open(), filter);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, "construction-waste-dumping");
    EXPECT_EQ(rows[0].items, 2);
    filter.search = "采矿";  // in a name
    rows = violation_types(open(), filter);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].problems, 1);
    filter.search = "dog";  // in an id
    EXPECT_EQ(violation_types(open(), filter).size(), 1u);
    filter.search = "没有这种说法";
    EXPECT_TRUE(violation_types(open(), filter).empty());
}

TEST_F(Lists, names_turn_into_ids_and_unknown_ones_suggest_the_nearest) {
    const auto database = open();
    EXPECT_EQ(jurisdiction_named(database, "样例镇"), "yangli-town");
    EXPECT_EQ(jurisdiction_named(database, "yangli-county"), "yangli-county");
    EXPECT_EQ(body_id(database, "样例县市场监督管理局"), "yl-market");
    EXPECT_EQ(violation_type_id(database, "狗叫扰民"), "dog-nuisance");
    EXPECT_EQ(violation_type_id(database, "未取得采矿许可证擅自采矿"), "illegal-mining");
    EXPECT_EQ(sector_code(database, "market"), "market");
    EXPECT_EQ(sector_code(database, "市场监督管理局"), "market");
    EXPECT_EQ(sector_code(database, "综合行政执法局"), "urban");  // either half of 城市管理/…
    EXPECT_THROW(sector_code(database, "执法局"), Error);
    try {
        jurisdiction_named(database, "样列镇");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "unknown jurisdiction '样列镇'; did you mean '样例镇'?");
    }
}

TEST_F(Lists, the_default_jurisdiction_is_the_option_then_environment_then_database) {
    {
        const auto database = open();
        const auto first = choose_jurisdiction(database, std::nullopt, std::nullopt);
        EXPECT_EQ(first.id, "yangli-town");
        EXPECT_EQ(first.source, JurisdictionSource::first_township);
        EXPECT_EQ(first.revision, "2024年版");
    }
    {
        auto database = open(Database::Mode::read_write);
        set_default_jurisdiction(database, "yangli-county");
    }
    const auto database = open();
    auto chosen = choose_jurisdiction(database, std::nullopt, std::nullopt);
    EXPECT_EQ(chosen.id, "yangli-county");
    EXPECT_EQ(chosen.name, "样例县");
    EXPECT_EQ(chosen.source, JurisdictionSource::database);
    chosen = choose_jurisdiction(database, std::nullopt, std::string("样例镇"));
    EXPECT_EQ(chosen.id, "yangli-town");
    EXPECT_EQ(chosen.source, JurisdictionSource::environment);
    chosen = choose_jurisdiction(database, std::nullopt, std::string());  // empty: not set
    EXPECT_EQ(chosen.source, JurisdictionSource::database);
    chosen = choose_jurisdiction(database, std::string("yangli-town"), std::string("样例县"));
    EXPECT_EQ(chosen.source, JurisdictionSource::option);
    EXPECT_THROW(choose_jurisdiction(database, std::nullopt, std::string("nowhere")), Error);
}

}  // namespace
}  // namespace lawlist::store
