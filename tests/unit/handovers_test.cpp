#include "lawlist/model/handovers.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "lawlist/load/load.hpp"
#include "test_support.hpp"

namespace lawlist::model {
namespace {

using testing::TempDir;

Bundle example(const std::filesystem::path& root) {
    return load::read_checked({root}, testing::schemas(), nullptr);
}

TEST(Handovers, joins_the_county_mark_with_the_township_item_taking_it_over) {
    const Bundle bundle = example(testing::source_dir() / "examples" / "basic");
    const Handovers handovers(bundle);
    ASSERT_EQ(handovers.all().size(), 1u);
    const auto& h = handovers.all().front();
    EXPECT_EQ(h.county->jurisdiction.id, "yangli-county");
    EXPECT_EQ(h.township->jurisdiction.id, "yangli-town");
    EXPECT_EQ(h.county_code, "YL-URB-CF-001");
    ASSERT_NE(h.marked, nullptr);
    EXPECT_EQ(h.marked->mode, model::DelegationMode::grant);
    ASSERT_NE(h.taken, nullptr);
    EXPECT_EQ(h.taken->code, "YLZ-URB-CF-001");
    EXPECT_EQ(handovers.taken_over("yangli-town", "YL-URB-CF-001"), h.taken);
    EXPECT_EQ(handovers.taken_over("yangli-town", "YL-NR-CF-001"), nullptr);
    // The township's own item, found back from the model item.
    const ListSet* town = bundle.find("yangli-town");
    ASSERT_NE(town, nullptr);
    const auto taken = std::find_if(town->items.begin(), town->items.end(),
                                    [](const Item& item) { return item.code == "YLZ-URB-CF-001"; });
    ASSERT_NE(taken, town->items.end());
    EXPECT_EQ(handovers.original("yangli-town", *taken), h.county_item);
    EXPECT_EQ(h.county_item->code, "YL-URB-CF-001");
}

TEST(Handovers, keeps_a_mark_nobody_took_over_and_an_item_nobody_marked) {
    TempDir dir;
    const auto root = dir.copy_example();
    // The county no longer marks its item, and marks another one nobody takes over.
    testing::edit(root / "yangli-county" / "power.yaml",
                  "    delegated_to:\n      - {jurisdiction: yangli-town, mode: 赋权}\n", "");
    testing::edit(root / "yangli-county" / "power.yaml",
                  "    basis:\n      - {law: 中华人民共和国土地管理法",
                  "    delegated_to:\n      - {jurisdiction: yangli-town, mode: 委托}\n    basis:\n"
                  "      - {law: 中华人民共和国土地管理法");
    const Bundle bundle = example(root);
    const Handovers handovers(bundle);
    ASSERT_EQ(handovers.all().size(), 2u);
    const auto& dropped = handovers.all()[0];
    EXPECT_NE(dropped.marked, nullptr);
    EXPECT_EQ(dropped.taken, nullptr);
    const auto& unmarked = handovers.all()[1];
    EXPECT_EQ(unmarked.marked, nullptr);
    ASSERT_NE(unmarked.taken, nullptr);
    ASSERT_NE(unmarked.county_item, nullptr);
    EXPECT_EQ(unmarked.county_item->code, "YL-URB-CF-001");
}

}  // namespace
}  // namespace lawlist::model
