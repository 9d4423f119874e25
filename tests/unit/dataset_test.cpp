// The bundled dataset must keep the shape of the published figures it is modelled on
// (shared/DOMAIN.md): Shahe town's 236 delegated items from 17 departments, a thesaurus of at
// least 300 violation types, every item with a legal basis, every type reachable.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "lawlist/audit/audit.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/store/queries.hpp"
#include "test_support.hpp"

namespace lawlist {
namespace {

const model::Bundle& base() {
    static const model::Bundle bundle = load::read_checked(
        load::bundled_loads(testing::source_dir() / "data").front(), testing::schemas(), nullptr);
    return bundle;
}

TEST(Dataset, rural_town_mirrors_shahe_town) {
    const model::ListSet* town = base().find("shihe-town");
    ASSERT_NE(town, nullptr);
    std::map<std::string, int> by_category;
    std::set<std::string> departments;
    for (const auto& item : town->items) {
        if (item.delegation) {
            ++by_category[std::string(model::to_string(item.category))];
            departments.insert(item.delegation->from.id);
        }
    }
    EXPECT_EQ(by_category["行政处罚"], 195);
    EXPECT_EQ(by_category["行政检查"], 20);
    EXPECT_EQ(by_category["行政强制"], 14);
    EXPECT_EQ(by_category["其他行政权力"], 7);
    EXPECT_EQ(by_category.size(), 4u);
    EXPECT_EQ(departments.size(), 17u);
    // Plus a few items the town holds in its own right.
    EXPECT_GT(town->items.size(), 236u);
}

TEST(Dataset, county_has_a_department_per_sector_and_several_hundred_items) {
    const model::ListSet* county = base().find("zechuan-county");
    ASSERT_NE(county, nullptr);
    std::set<std::string> sectors;
    for (const auto& body : county->jurisdiction.bodies) {
        if (body.kind == model::BodyKind::department) {
            sectors.insert(*body.sector);
        }
    }
    // The 17 departments of a Shahe-style list, and the bodies the other sectors stand for
    // (民政, 医疗保障, 烟草专卖...): one department for each sector of the vocabulary.
    EXPECT_EQ(sectors.size(), base().sectors.size());
    for (const auto& code : model::sector_codes()) {
        EXPECT_TRUE(sectors.contains(code)) << code;
    }
    EXPECT_GE(county->items.size(), 400u);
}

TEST(Dataset, every_delegated_item_is_marked_on_the_county_list) {
    const model::ListSet* county = base().find("zechuan-county");
    std::map<std::string, std::set<std::string>> marked;  // county code → townships
    for (const auto& item : county->items) {
        for (const auto& to : item.delegated_to) {
            marked[item.code].insert(to.jurisdiction.id);
        }
    }
    std::size_t handed_down = 0;
    for (const auto& set : base().list_sets) {
        for (const auto& item : set.items) {
            if (item.delegation) {
                EXPECT_TRUE(marked[item.delegation->item.id].contains(set.jurisdiction.id))
                    << item.code << " of " << set.jurisdiction.id;
                ++handed_down;
            }
        }
    }
    std::size_t marks = 0;
    for (const auto& [code, towns] : marked) {
        marks += towns.size();
    }
    EXPECT_EQ(marks, handed_down);  // and nothing marked that no township holds
}

TEST(Dataset, thesaurus_is_large_and_every_type_is_reachable) {
    EXPECT_GE(base().violation_types.size(), 300u);
    std::set<std::string> referenced;
    for (const auto& set : base().list_sets) {
        for (const auto& item : set.items) {
            EXPECT_FALSE(item.basis.empty()) << item.code;
            for (const auto& type : item.violation_types) {
                referenced.insert(type.id);
            }
        }
        for (const auto& problem : set.problems) {
            for (const auto& type : problem.violation_types) {
                referenced.insert(type.id);
            }
        }
    }
    std::map<std::string, int> by_sector;
    for (const auto& type : base().violation_types) {
        EXPECT_TRUE(referenced.contains(type.id)) << type.id << " is referenced by nothing";
        EXPECT_GE(type.aliases.size(), 3u) << type.id;
        ++by_sector[type.sector];
    }
    EXPECT_EQ(by_sector.size(), base().sectors.size());  // every sector has its types
}

TEST(Dataset, problem_warning_and_performance_lists_are_filled) {
    const model::ListSet* town = base().find("shihe-town");
    EXPECT_GE(town->problems.size(), 40u);
    EXPECT_GE(town->warnings.size(), 25u);
    EXPECT_FALSE(town->metrics.empty());
    for (const auto& problem : town->problems) {
        EXPECT_FALSE(problem.cooperating.empty()) << problem.code << " has no cooperating body";
    }
}

TEST(Dataset, every_revision_loads_on_top_of_the_base) {
    testing::TempDir dir;
    const auto db = dir.path() / "bundle.db";
    const auto loads = load::bundled_loads(testing::source_dir() / "data");
    ASSERT_GE(loads.size(), 2u) << "the bundled data needs a second revision";
    for (const auto& paths : loads) {
        EXPECT_NO_THROW(load::load(paths, db, testing::schemas(), std::nullopt));
    }
    const auto database = store::Database::open(db, store::Database::Mode::read_only);
    std::set<std::string> labels;
    for (const auto& revision : store::revisions(database)) {
        if (revision.jurisdiction == "shihe-town") {
            labels.insert(revision.label);
        }
    }
    EXPECT_EQ(labels.size(), loads.size());
}

TEST(Dataset, bundled_data_audits_without_errors) {
    testing::TempDir dir;
    const auto db = dir.path() / "bundle.db";
    for (const auto& paths : load::bundled_loads(testing::source_dir() / "data")) {
        load::load(paths, db, testing::schemas(), std::nullopt);
    }
    const auto findings =
        audit::run(store::Database::open(db, store::Database::Mode::read_only).read_bundle());
    for (const auto& f : findings) {
        EXPECT_NE(f.severity, audit::Severity::error)
            << to_string(f.code) << " " << f.location.to_string() << " " << f.message;
    }
    // The base revision too.
    EXPECT_TRUE(std::none_of(findings.begin(), findings.end(), [](const auto& f) {
        return f.code == audit::Code::dropped_handover || f.code == audit::Code::double_claim;
    }));
    const auto base = audit::run(store::Database::open(db, store::Database::Mode::read_only)
                                     .read_bundle(std::string("2024年版")));
    EXPECT_TRUE(std::none_of(base.begin(), base.end(),
                             [](const auto& f) { return f.severity == audit::Severity::error; }));
}

}  // namespace
}  // namespace lawlist
