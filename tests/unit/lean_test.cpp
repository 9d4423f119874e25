#include "lawlist/model/lean.hpp"

#include <gtest/gtest.h>

#include "lawlist/audit/audit.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/store/database.hpp"
#include "lawlist/store/lean.hpp"
#include "synth/generator.hpp"
#include "test_support.hpp"

namespace lawlist::model {
namespace {

using testing::TempDir;

TEST(LeanItems, interns_each_id_once_and_gives_its_text_back) {
    LeanItems items;
    EXPECT_EQ(items.intern(""), 0u);
    const Symbol a = items.intern("county-market");
    EXPECT_NE(a, 0u);
    EXPECT_EQ(items.intern(std::string("county-") + "market"), a);
    EXPECT_NE(items.intern("county-culture"), a);
    EXPECT_EQ(items.text(a), "county-market");
    EXPECT_EQ(items.symbols(), 3u);
    // Kept strings outlive the text they were copied from, across blocks.
    const std::string big(3 << 20, 'x');
    const std::string_view kept = items.keep(big);
    const std::string_view small = items.keep("ZC-MKT-CF-048");
    EXPECT_EQ(kept, big);
    EXPECT_EQ(small, "ZC-MKT-CF-048");
    EXPECT_EQ(items.text(a), "county-market");
}

TEST(LeanItems, view_a_bundles_items_with_their_references_and_rows) {
    const Bundle bundle = load::read_checked({testing::source_dir() / "examples" / "basic"},
                                             testing::schemas(), nullptr);
    const LeanItems lean(bundle);
    ASSERT_EQ(lean.sets.size(), bundle.list_sets.size());
    for (std::size_t s = 0; s < bundle.list_sets.size(); ++s) {
        const auto& items = bundle.list_sets[s].items;
        ASSERT_EQ(lean.sets[s].items.size(), items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Item& item = items[i];
            const LeanItem& l = lean.sets[s].items[i];
            EXPECT_EQ(l.code, item.code);
            EXPECT_EQ(l.name, item.name);
            EXPECT_EQ(lean.text(l.subject.id), item.body.id);
            EXPECT_EQ(l.subject.line, item.body.loc.line);
            EXPECT_EQ(lean.text(l.unit.id), item.unit ? item.unit->id : "");
            EXPECT_EQ(l.delegated(), item.delegation.has_value());
            if (item.delegation) {
                EXPECT_EQ(lean.text(l.from.id), item.delegation->from.id);
                EXPECT_EQ(l.mode, item.delegation->mode);
                EXPECT_EQ(l.original, item.delegation->item.id);
            }
            ASSERT_EQ(l.violation_types.size(), item.violation_types.size());
            for (std::size_t k = 0; k < l.violation_types.size(); ++k) {
                EXPECT_EQ(lean.text(l.violation_types[k].id), item.violation_types[k].id);
            }
            ASSERT_EQ(l.basis.size(), item.basis.size());
            for (std::size_t k = 0; k < l.basis.size(); ++k) {
                EXPECT_EQ(to_basis(lean, l.basis[k]), item.basis[k]);
            }
            ASSERT_EQ(l.delegated_to.size(), item.delegated_to.size());
            EXPECT_EQ(l.loc, item.loc);
        }
    }
}

// What the audit reads of a database lean is what it reads of the whole bundle: the same items,
// the same findings.
TEST(LeanItems, a_lean_read_of_a_database_holds_what_the_whole_read_holds) {
    TempDir dir;
    synth::Parameters p;
    p.items = 600;
    p.townships = 3;
    synth::generate(p, dir.path() / "lists");
    const auto db = dir.path() / "lists.db";
    load::load({dir.path() / "lists"}, db, testing::schemas(), std::nullopt);
    const auto database = store::Database::open(db, store::Database::Mode::read_only);
    store::ReadScope scope;
    scope.type_terms = false;
    const Bundle whole = database.read_bundle(std::nullopt, scope);
    const LeanBundle lean = store::read_lean(database);
    ASSERT_EQ(lean.lists.list_sets.size(), whole.list_sets.size());
    const LeanItems viewed(whole);
    std::size_t items = 0;
    for (std::size_t s = 0; s < whole.list_sets.size(); ++s) {
        EXPECT_TRUE(lean.lists.list_sets[s].items.empty());
        EXPECT_EQ(lean.lists.list_sets[s].problems, whole.list_sets[s].problems);
        const auto& a = lean.items.sets[s].items;
        const auto& b = viewed.sets[s].items;
        ASSERT_EQ(a.size(), b.size());
        items += a.size();
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i].code, b[i].code);
            EXPECT_EQ(a[i].name, b[i].name);
            EXPECT_EQ(a[i].category, b[i].category);
            EXPECT_EQ(a[i].remarks, b[i].remarks);
            EXPECT_EQ(lean.items.text(a[i].subject.id), viewed.text(b[i].subject.id));
            EXPECT_EQ(lean.items.text(a[i].unit.id), viewed.text(b[i].unit.id));
            EXPECT_EQ(lean.items.text(a[i].from.id), viewed.text(b[i].from.id));
            EXPECT_EQ(a[i].original, b[i].original);
            ASSERT_EQ(a[i].violation_types.size(), b[i].violation_types.size());
            for (std::size_t k = 0; k < a[i].violation_types.size(); ++k) {
                EXPECT_EQ(lean.items.text(a[i].violation_types[k].id),
                          viewed.text(b[i].violation_types[k].id));
            }
            ASSERT_EQ(a[i].basis.size(), b[i].basis.size());
            for (std::size_t k = 0; k < a[i].basis.size(); ++k) {
                EXPECT_EQ(to_basis(lean.items, a[i].basis[k]), to_basis(viewed, b[i].basis[k]));
            }
            ASSERT_EQ(a[i].delegated_to.size(), b[i].delegated_to.size());
            for (std::size_t k = 0; k < a[i].delegated_to.size(); ++k) {
                EXPECT_EQ(lean.items.text(a[i].delegated_to[k].jurisdiction.id),
                          viewed.text(b[i].delegated_to[k].jurisdiction.id));
                EXPECT_EQ(a[i].delegated_to[k].mode, b[i].delegated_to[k].mode);
            }
        }
    }
    EXPECT_GT(items, 600u);
    const audit::Options options{"2026-12-01"};
    const auto findings = audit::run(lean.lists, lean.items, options);
    EXPECT_FALSE(findings.empty());
    EXPECT_EQ(findings, audit::run(whole, options));
}

}  // namespace
}  // namespace lawlist::model
