// Reads narrowed by a ReadScope, and resolutions and classifications answered from them: what a
// one-shot command reads of a large database must give the answers a whole read gives.
#include "lawlist/resolve/stored.hpp"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "lawlist/classify/session.hpp"
#include "lawlist/error.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/store/lookup.hpp"
#include "test_support.hpp"

namespace lawlist::resolve {
namespace {

using testing::TempDir;

// The bundled data, every revision loaded, in a database shared by the tests of this file.
const store::Database& bundled() {
    static const TempDir dir;
    static const store::Database database = [] {
        const auto db = dir.path() / "bundled.db";
        for (const auto& paths : load::bundled_loads(testing::source_dir() / "data")) {
            load::load(paths, db, testing::schemas(), std::nullopt);
        }
        return store::Database::open(db, store::Database::Mode::read_only);
    }();
    return database;
}

TEST(ReadScope, lists_out_of_scope_keep_their_bodies_and_nothing_else) {
    const auto whole = bundled().read_bundle();
    const auto scoped = bundled().read_bundle({}, {std::vector<std::string>{"zechuan-county"}, {}});
    ASSERT_EQ(scoped.list_sets.size(), whole.list_sets.size());
    for (std::size_t i = 0; i < whole.list_sets.size(); ++i) {
        const auto& w = whole.list_sets[i];
        const auto& s = scoped.list_sets[i];
        EXPECT_EQ(s.jurisdiction.bodies.size(), w.jurisdiction.bodies.size());
        if (s.jurisdiction.id == "zechuan-county") {
            EXPECT_EQ(s.items.size(), w.items.size());
            EXPECT_EQ(s.problems.size(), w.problems.size());
            EXPECT_GT(s.items.size(), 0u);
        } else {
            EXPECT_TRUE(s.items.empty()) << s.jurisdiction.id;
            EXPECT_TRUE(s.problems.empty()) << s.jurisdiction.id;
            EXPECT_TRUE(s.warnings.empty()) << s.jurisdiction.id;
        }
    }
    EXPECT_EQ(scoped.violation_types.size(), whole.violation_types.size());
}

TEST(ReadScope, types_narrow_the_items_problems_and_vocabulary) {
    const auto scoped =
        bundled().read_bundle({}, {std::nullopt, std::vector<std::string>{"illegal-mining"}});
    ASSERT_EQ(scoped.violation_types.size(), 1u);
    EXPECT_EQ(scoped.violation_types.front().id, "illegal-mining");
    std::size_t items = 0;
    for (const auto& set : scoped.list_sets) {
        for (const auto& item : set.items) {
            const bool names_it =
                std::any_of(item.violation_types.begin(), item.violation_types.end(),
                            [](const model::Ref& r) { return r.id == "illegal-mining"; });
            // Every item read names the type, or takes over a county item that does.
            EXPECT_TRUE(names_it || item.delegation) << item.code;
            items += names_it;
        }
    }
    EXPECT_GT(items, 0u);
    const auto* shihe = scoped.find("shihe-town");
    ASSERT_NE(shihe, nullptr);
    ASSERT_FALSE(shihe->problems.empty());
    for (const auto& problem : shihe->problems) {
        EXPECT_TRUE(std::any_of(problem.violation_types.begin(), problem.violation_types.end(),
                                [](const model::Ref& r) { return r.id == "illegal-mining"; }));
    }
}

TEST(ReadScope, without_type_terms_the_types_keep_ids_names_and_sectors_only) {
    const auto whole = bundled().read_bundle();
    store::ReadScope scope;
    scope.type_terms = false;
    const auto lean = bundled().read_bundle({}, scope);
    ASSERT_EQ(lean.violation_types.size(), whole.violation_types.size());
    for (std::size_t t = 0; t < whole.violation_types.size(); ++t) {
        auto expected = whole.violation_types[t];
        expected.aliases.clear();
        expected.examples.clear();
        expected.description.reset();
        EXPECT_EQ(lean.violation_types[t], expected) << expected.id;
    }
    ASSERT_TRUE(whole.out_of_scope.has_value());
    EXPECT_FALSE(lean.out_of_scope.has_value());
    EXPECT_EQ(lean.list_sets, whole.list_sets);
    EXPECT_EQ(lean.laws, whole.laws);
}

TEST(StoredResolution, equals_the_resolver_over_the_whole_latest_revisions) {
    const auto whole = bundled().read_bundle();
    const Resolver resolver(whole);
    std::size_t compared = 0;
    for (const auto& set : whole.list_sets) {
        for (std::size_t t = 0; t < whole.violation_types.size(); t += 5) {
            const auto& type = whole.violation_types[t].id;
            const auto stored = resolve_stored(bundled(), set.jurisdiction.id, type);
            EXPECT_EQ(to_json(stored.resolution),
                      to_json(resolver.resolve(set.jurisdiction.id, type)))
                << set.jurisdiction.id << " " << type;
            ++compared;
        }
    }
    EXPECT_GT(compared, 200u);
    // By alias, and in the default jurisdiction.
    const auto by_alias = resolve_stored(bundled(), std::nullopt, "乱倒渣土");
    EXPECT_EQ(to_json(by_alias.resolution),
              to_json(resolver.resolve(resolver.default_jurisdiction(), "乱倒渣土")));
    EXPECT_EQ(store::choose_jurisdiction(bundled(), std::nullopt, std::nullopt).id,
              resolver.default_jurisdiction());
}

TEST(StoredResolution, unknown_names_fail_as_the_resolver_fails) {
    const auto whole = bundled().read_bundle();
    const Resolver resolver(whole);
    auto message = [](auto f) {
        try {
            f();
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    for (const std::string text : {"construction-waste-dumpin", "no such thing at all"}) {
        EXPECT_EQ(message([&] { resolve_stored(bundled(), "shihe-town", text); }),
                  message([&] { resolver.resolve("shihe-town", text); }));
    }
    EXPECT_EQ(message([&] { resolve_stored(bundled(), "shihe-tow", "illegal-mining"); }),
              message([&] { resolver.resolve("shihe-tow", "illegal-mining"); }));
}

TEST(StoredClassification, equals_a_session_over_the_whole_latest_revisions) {
    const classify::Session session(bundled());
    const classify::Thresholds thresholds;
    std::size_t matched = 0;
    for (const std::string jurisdiction : {"shihe-town", "zechuan-county"}) {
        for (const std::string text :
             {"有人半夜往村口空地上倒建筑垃圾", "河道里有人非法采砂", "饭店油烟太大，熏得没法开窗",
              "请问社保卡怎么补办", "工地晚上十二点还在施工，噪音很大"}) {
            const auto whole = session.classifier().classify(text, jurisdiction, 3, thresholds);
            const auto stored =
                classify::classify_stored(bundled(), jurisdiction, text, 3, thresholds);
            EXPECT_EQ(classify::to_json(stored), classify::to_json(whole))
                << jurisdiction << " " << text;
            matched += whole.matched;
        }
    }
    EXPECT_GE(matched, 6u);
}

TEST(StoredClassification, invalid_bytes_of_the_text_are_replaced_for_every_caller) {
    const std::string text = "河道里有人非法采砂\xff\xfe";
    const std::string shown = "河道里有人非法采砂\xEF\xBF\xBD\xEF\xBF\xBD";  // two U+FFFD
    const classify::Session session(bundled());
    EXPECT_EQ(session.classifier().classify(text, "shihe-town", 3, {}).input, shown);
    EXPECT_EQ(classify::classify_stored(bundled(), "shihe-town", text, 3, {}).input, shown);
    const auto answer = classify::resolve_text(bundled(), "shihe-town", text);
    ASSERT_TRUE(answer.classified.has_value());
    EXPECT_EQ(answer.classified->input, shown);
}

TEST(TextResolution, a_type_name_is_resolved_as_is_and_other_text_through_its_best_match) {
    const auto named = classify::resolve_text(bundled(), "shihe-town", "illegal-mining");
    EXPECT_FALSE(named.classified.has_value());
    EXPECT_EQ(to_json(named.stored.resolution),
              to_json(resolve_stored(bundled(), "shihe-town", "illegal-mining").resolution));
    const auto described = classify::resolve_text(bundled(), "shihe-town", "河道里有人非法采砂");
    ASSERT_TRUE(described.classified.has_value());
    ASSERT_TRUE(described.classified->matched);
    const auto& best = described.classified->matches.front().resolution.violation_type;
    EXPECT_EQ(described.stored.resolution.violation_type, best);
    EXPECT_EQ(to_json(described.stored.resolution),
              to_json(resolve_stored(bundled(), "shihe-town", best).resolution));
    // A mistyped id keeps the resolver's hint; text matching nothing says so.
    auto message = [](const std::string& text) {
        try {
            classify::resolve_text(bundled(), "shihe-town", text);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message("construction-waste-dumpin").find("did you mean"), std::string::npos);
    EXPECT_NE(message("请问社保卡怎么补办").find("read as a description it matches none"),
              std::string::npos);
    // Another error is passed on as it is: an unknown jurisdiction is not read as a description.
    try {
        classify::resolve_text(bundled(), "no-such-town", "请问社保卡怎么补办");
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).find("read as a description"), std::string::npos);
    }
}

TEST(Resolver, an_unknown_type_is_an_unknown_type_error_with_the_closest_ids) {
    const Resolver resolver(bundled().read_bundle({}, {std::vector<std::string>{}, std::nullopt}));
    try {
        resolver.violation_type("construction-waste-dumpin");
        ADD_FAILURE() << "no error";
    } catch (const UnknownTypeError& e) {
        ASSERT_FALSE(e.suggestions().empty());
        EXPECT_EQ(e.suggestions().front(), "construction-waste-dumping");
    }
}

}  // namespace
}  // namespace lawlist::resolve
