#include "lawlist/audit/audit.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/io/reader.hpp"
#include "lawlist/load/load.hpp"
#include "synth/generator.hpp"
#include "test_support.hpp"

namespace lawlist::audit {
namespace {

using testing::TempDir;

model::Bundle read_files(const std::filesystem::path& root) {
    std::vector<Diagnostic> diagnostics;
    auto bundle = io::read_bundle({root}, testing::schemas(), diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    return bundle;
}

std::vector<Finding> audit_files(const std::filesystem::path& root) {
    return run(read_files(root));
}

std::vector<std::string> codes(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
        out.emplace_back(to_string(f.code));
    }
    return out;
}

std::size_t count(const std::vector<Finding>& findings, const std::string& code) {
    return static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(),
                      [&](const auto& f) { return to_string(f.code) == code; }));
}

// Codes of the items a finding kind names, at position `at` of each finding's item list.
std::set<std::string> named(const std::vector<Finding>& findings, const std::string& code,
                            std::size_t at) {
    std::set<std::string> out;
    for (const auto& f : findings) {
        if (to_string(f.code) == code && at < f.items.size()) {
            out.insert(f.items[at]);
        }
    }
    return out;
}

// Large enough that the audit's hash joins split their keys into several groups (over 1,024 on
// each side): planted defects are found exactly, none more and none fewer.
// A synthetic set of 6,000 county items, 30% handed to each of `townships` townships: large
// enough that the audit's grouped lookups split into several groups.
model::Bundle synthetic(const TempDir& dir, std::size_t townships) {
    synth::Parameters p;
    p.items = 6000;
    p.townships = townships;
    p.delegated_share = 0.3;
    synth::generate(p, dir.path());
    return load::read_checked({dir.path()}, testing::schemas(), nullptr);
}

TEST(Audit, planted_defects_in_a_large_synthetic_set_are_found_exactly) {
    TempDir dir;
    auto bundle = synthetic(dir, 5);
    const auto clean = run(bundle);
    for (const char* code :
         {"dropped-handover", "double-claim", "mode-mismatch", "duplicate-name"}) {
        EXPECT_EQ(count(clean, code), 0u) << code;
    }
    std::set<std::string> flipped;  // county items whose handover names the other mode
    std::set<std::string> moved;    // county items handed to a township that does not hold them
    std::set<std::string> renamed;  // items given the name of the item before them
    std::size_t k = 0;
    for (auto& set : bundle.list_sets) {
        if (set.jurisdiction.level == model::Level::county) {
            for (auto& item : set.items) {
                if (item.delegated_to.size() != 1) {
                    continue;
                }
                auto& to = item.delegated_to.front();
                if (k % 7 == 0) {
                    to.mode = to.mode == model::DelegationMode::grant
                                  ? model::DelegationMode::entrustment
                                  : model::DelegationMode::grant;
                    flipped.insert(item.code);
                } else if (k % 7 == 3) {
                    const int town = std::stoi(to.jurisdiction.id.substr(5));
                    to.jurisdiction.id = fmt::format("town-{:02}", (town + 1) % 5);
                    moved.insert(item.code);
                }
                ++k;
            }
        }
        for (std::size_t i = 1; i < set.items.size(); i += 10) {
            auto& item = set.items[i];
            const auto& before = set.items[i - 1];
            if (item.body.id == before.body.id && item.category == before.category) {
                item.name = before.name + "。";
                renamed.insert(item.code);
            }
        }
    }
    ASSERT_GT(flipped.size(), 100u);
    ASSERT_GT(moved.size(), 100u);
    ASSERT_GT(renamed.size(), 100u);
    const auto findings = run(bundle);
    EXPECT_EQ(named(findings, "mode-mismatch", 0), flipped);
    EXPECT_EQ(count(findings, "mode-mismatch"), flipped.size());
    EXPECT_EQ(named(findings, "dropped-handover", 0), moved);
    EXPECT_EQ(count(findings, "dropped-handover"), moved.size());
    EXPECT_EQ(named(findings, "double-claim", 1), moved);  // the township still holds each
    EXPECT_EQ(count(findings, "double-claim"), moved.size());
    EXPECT_EQ(named(findings, "duplicate-name", 1), renamed);
    EXPECT_EQ(count(findings, "duplicate-name"), renamed.size());
    EXPECT_EQ(count(findings, "overlap"), count(clean, "overlap"));
}

// The county items that township items take over are looked up in one batch per township, group
// by group: at this size the county's codes fill several groups, and every lookup must land.
TEST(Audit, township_items_naming_no_county_item_are_found_exactly_in_a_large_synthetic_set) {
    TempDir dir;
    auto bundle = synthetic(dir, 3);
    EXPECT_EQ(count(run(bundle), "dangling-reference"), 0u);
    std::set<std::string> broken;  // township items naming a county code that does not exist
    std::size_t taken = 0;
    for (auto& set : bundle.list_sets) {
        for (auto& item : set.items) {
            if (item.delegation && taken++ % 9 == 4) {
                item.delegation->item.id += "-X";
                broken.insert(item.code);
            }
        }
    }
    ASSERT_GT(broken.size(), 100u);
    const auto findings = run(bundle);
    EXPECT_EQ(named(findings, "dangling-reference", 0), broken);
    EXPECT_EQ(count(findings, "dangling-reference"), broken.size());
    // Their county items are now taken over by nobody: each a dropped handover, and only those.
    EXPECT_EQ(count(findings, "dropped-handover"), broken.size());
    EXPECT_EQ(count(findings, "double-claim"), 0u);
}

TEST(Audit, showcase_produces_exactly_its_documented_findings) {
    const auto findings = audit_files(testing::source_dir() / "examples" / "audit-showcase");
    std::map<std::string, int> by_code;
    for (const auto& f : findings) {
        ++by_code[std::string(to_string(f.code))];
    }
    const std::map<std::string, int> documented = {{"dangling-reference", 3},
                                                   {"dropped-handover", 1},
                                                   {"double-claim", 1},
                                                   {"delegation-cycle", 1},
                                                   {"missing-basis", 1},
                                                   {"team-as-subject", 1},
                                                   {"entrusted-subject", 1},
                                                   {"overlap", 1},
                                                   {"gap", 2},
                                                   {"gap-problem", 1},
                                                   {"mode-mismatch", 1},
                                                   {"duplicate-name", 1},
                                                   {"lead-not-holder", 1},
                                                   {"lead-contradicts-delegation", 1},
                                                   {"superseded-basis", 1},
                                                   {"stale-remark", 1},
                                                   {"sleeping-item", 1},
                                                   {"idle-body", 1}};
    EXPECT_EQ(by_code, documented);
    // Most severe first.
    EXPECT_EQ(findings.front().severity, Severity::error);
    EXPECT_EQ(findings.back().severity, Severity::info);
}

TEST(Audit, example_has_only_the_gap_it_was_given) {
    const auto findings = audit_files(testing::source_dir() / "examples" / "basic");
    ASSERT_EQ(findings.size(), 2u);  // dog-nuisance, held in neither the county nor the town
    EXPECT_THAT(codes(findings), ::testing::ElementsAre("gap", "gap"));
    EXPECT_EQ(findings[0].message,
              "没人管：“饲养动物干扰他人正常生活”（dog-nuisance）在样例县的清单中均无对应事项");
}

TEST(Audit, a_problem_naming_a_lead_turns_an_overlap_into_a_joint_matter) {
    TempDir dir;
    const auto root = dir.copy_example();
    // The market bureau also penalises illegal mining: two bodies, same category.
    testing::edit(root / "yangli-county" / "power.yaml", "violation_types: [short-weight]",
                  "violation_types: [short-weight, illegal-mining]");
    // The township's problem list names a lead for illegal mining: joint matter, no overlap in
    // the township, but the county itself has no such entry.
    auto findings = audit_files(root);
    EXPECT_EQ(count(findings, "overlap"), 1u);
    EXPECT_EQ(findings[0].jurisdiction, "yangli-county");
    // A county problem-list entry settles it there too.
    dir.write("basic/yangli-county/problems.yaml",
              "kind: problem-list\njurisdiction: yangli-county\nproblems:\n  - code: YL-WT-001\n"
              "    name: 非法采矿\n    violation_types: [illegal-mining]\n"
              "    lead: yl-natural-resources\n    cooperating: [yl-market]\n");
    findings = audit_files(root);
    EXPECT_EQ(count(findings, "overlap"), 0u);
}

TEST(Audit, a_problem_type_missing_from_the_vocabulary_is_held_when_an_item_names_it) {
    TempDir dir;
    const auto root = dir.copy_example();
    // Both the township's problem and a county item name a type the vocabulary lacks: dangling
    // references, but the matter is held, so no gap-problem.
    testing::edit(root / "yangli-town" / "problems.yaml", "violation_types: [illegal-mining]",
                  "violation_types: [unlisted-matter]");
    auto findings = audit_files(root);
    EXPECT_EQ(count(findings, "gap-problem"), 1u);
    testing::edit(root / "yangli-county" / "power.yaml", "violation_types: [illegal-mining]",
                  "violation_types: [illegal-mining, unlisted-matter]");
    findings = audit_files(root);
    EXPECT_EQ(count(findings, "gap-problem"), 0u);
    EXPECT_EQ(count(findings, "dangling-reference"), 2u);
}

TEST(Audit, same_body_twice_is_not_an_overlap) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml",
                  "violation_types: [illegal-land-occupation]",
                  "violation_types: [illegal-land-occupation, illegal-mining]");
    EXPECT_EQ(count(audit_files(root), "overlap"), 0u);
}

TEST(Audit, an_overlap_names_its_holders_by_body_and_points_at_the_first_item) {
    TempDir dir;
    const auto root = dir.copy_example();
    const auto power = root / "yangli-county" / "power.yaml";
    // The market bureau penalises illegal mining too (listed after the natural resources bureau's
    // item); the urban team only inspects it, a claim of another category.
    testing::edit(power, "violation_types: [short-weight]",
                  "violation_types: [short-weight, illegal-mining]");
    testing::edit(power, "category: 行政处罚\n    sector: urban",
                  "category: 行政检查\n    sector: urban");
    testing::edit(power, "violation_types: [construction-waste-dumping]",
                  "violation_types: [construction-waste-dumping, illegal-mining]");
    std::vector<Finding> overlaps;
    for (const auto& f : audit_files(root)) {
        if (f.code == Code::overlap) {
            overlaps.push_back(f);
        }
    }
    ASSERT_EQ(overlaps.size(), 1u);
    EXPECT_EQ(overlaps[0].bodies, (std::vector<std::string>{"yl-market", "yl-natural-resources"}));
    EXPECT_EQ(overlaps[0].items, (std::vector<std::string>{"YL-MKT-CF-001", "YL-NR-CF-002"}));
    EXPECT_TRUE(overlaps[0].location.path.ends_with("yangli-county/power.yaml"))
        << overlaps[0].location.path;
    EXPECT_EQ(overlaps[0].location.line, 23u);
    EXPECT_NE(overlaps[0].message.find("行政处罚"), std::string::npos) << overlaps[0].message;
}

TEST(Audit, dropped_handover_when_the_township_does_not_hold_the_item) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml",
                  "violation_types: [illegal-land-occupation]",
                  "delegated_to:\n      - {jurisdiction: yangli-town, mode: 赋权}\n"
                  "    violation_types: [illegal-land-occupation]");
    const auto findings = audit_files(root);
    ASSERT_EQ(count(findings, "dropped-handover"), 1u);
    EXPECT_EQ(findings[0].items, std::vector<std::string>{"YL-NR-CF-001"});
    EXPECT_EQ(findings[0].location.to_string(),
              (root / "yangli-county" / "power.yaml").string() + ":15");
}

TEST(Audit, double_claim_when_the_county_does_not_mark_the_delegation) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml",
                  "    delegated_to:\n      - {jurisdiction: yangli-town, mode: 赋权}\n", "");
    const auto findings = audit_files(root);
    EXPECT_EQ(count(findings, "double-claim"), 1u);
    EXPECT_EQ(count(findings, "dropped-handover"), 0u);
}

// Codes are unique on a valid list (validation says so), but the audit is a library call too: a
// code listed twice must not shift the lookups of the items after it.
TEST(Audit, a_repeated_item_code_does_not_shift_the_items_after_it) {
    TempDir dir;
    const auto root = dir.copy_example();
    auto bundle = read_files(root);
    const auto clean = run(bundle);
    std::size_t repeated = 0;
    for (auto& set : bundle.list_sets) {
        if (set.jurisdiction.level != model::Level::county) {
            continue;
        }
        // An item handed over to no township, listed twice more at the top: from there on, an
        // item's position and the number of distinct codes before it differ.
        const auto at = std::find_if(set.items.begin(), set.items.end(),
                                     [](const auto& item) { return item.delegated_to.empty(); });
        if (at != set.items.end()) {
            const model::Item copy = *at;
            set.items.insert(set.items.begin(), {copy, copy});
            ++repeated;
        }
    }
    ASSERT_GT(repeated, 0u);
    const auto findings = run(bundle);
    EXPECT_EQ(count(findings, "dropped-handover"), count(clean, "dropped-handover"));
    EXPECT_EQ(count(findings, "double-claim"), count(clean, "double-claim"));
    EXPECT_EQ(count(findings, "mode-mismatch"), count(clean, "mode-mismatch"));
    EXPECT_EQ(count(findings, "dangling-reference"), count(clean, "dangling-reference"));
}

TEST(Audit, lead_may_be_the_holders_sector_team) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(
        root / "yangli-county" / "jurisdiction.yaml", "  - id: yl-market\n",
        "  - id: yl-nr-team\n    name: 样例县自然资源执法监察大队\n    kind: sector-team\n"
        "    sector: natural-resources\n    parent: yl-natural-resources\n"
        "  - id: yl-market\n");
    testing::edit(root / "yangli-town" / "problems.yaml", "lead: yl-natural-resources",
                  "lead: yl-nr-team");
    EXPECT_EQ(count(audit_files(root), "lead-not-holder"), 0u);
    testing::edit(root / "yangli-town" / "problems.yaml", "lead: yl-nr-team", "lead: yl-market");
    EXPECT_EQ(count(audit_files(root), "lead-not-holder"), 1u);
}

TEST(Audit, an_item_named_by_a_problem_is_not_sleeping) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-county" / "power.yaml", "violation_types: [illegal-mining]",
                  "violation_types: []");
    auto findings = audit_files(root);
    EXPECT_EQ(count(findings, "sleeping-item"), 0u);  // YLZ-WT-001 still names it
    testing::edit(root / "yangli-town" / "problems.yaml", "items: [YL-NR-CF-002]", "items: []");
    findings = audit_files(root);
    EXPECT_EQ(count(findings, "sleeping-item"), 1u);
}

// A department and the team that does its work hold one power, not two.
TEST(Audit, a_department_and_its_own_team_are_one_holder) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(
        root / "yangli-county" / "jurisdiction.yaml", "  - id: yl-market\n",
        "  - id: yl-nr-team\n    name: 样例县自然资源执法监察大队\n    kind: sector-team\n"
        "    sector: natural-resources\n    parent: yl-natural-resources\n"
        "  - id: yl-market\n");
    testing::edit(root / "yangli-county" / "power.yaml", "body: yl-market",
                  "subject: yl-natural-resources\n    unit: yl-nr-team");
    testing::edit(root / "yangli-county" / "power.yaml", "violation_types: [short-weight]",
                  "violation_types: [short-weight, illegal-mining]");
    auto findings = audit_files(root);
    EXPECT_EQ(count(findings, "overlap"), 0u);
    EXPECT_EQ(count(findings, "team-as-subject"), 0u);
    // Named as the subject, the team is an error, and still not a second holder.
    testing::edit(root / "yangli-county" / "power.yaml",
                  "subject: yl-natural-resources\n    unit: yl-nr-team", "subject: yl-nr-team");
    findings = audit_files(root);
    EXPECT_EQ(count(findings, "overlap"), 0u);
    ASSERT_EQ(count(findings, "team-as-subject"), 1u);
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [](const auto& f) { return f.code == Code::team_as_subject; });
    EXPECT_EQ(it->items, std::vector<std::string>{"YL-MKT-CF-001"});
    EXPECT_NE(it->message.find("应以样例县规划和自然资源局名义实施"), std::string::npos)
        << it->message;
}

TEST(Audit, a_township_team_as_subject_is_an_error) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "subject: yangli-gov\n    unit: yangli-team",
                  "subject: yangli-team");
    const auto findings = audit_files(root);
    ASSERT_EQ(count(findings, "team-as-subject"), 1u);
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [](const auto& f) { return f.code == Code::team_as_subject; });
    EXPECT_EQ(it->message,
              "实施主体错误：“对擅自倾倒、抛撒或者堆放建筑垃圾的行政处罚”（YLZ-URB-CF-001）以"
              "样例镇综合行政执法队为实施主体；执法队伍是承办机构，应以样例镇人民政府名义实施");
}

TEST(Audit, an_entrusted_item_is_exercised_in_the_delegating_departments_name) {
    TempDir dir;
    const auto root = dir.copy_example();
    testing::edit(root / "yangli-town" / "power.yaml", "mode: 赋权", "mode: 委托");
    testing::edit(root / "yangli-county" / "power.yaml", "mode: 赋权", "mode: 委托");
    auto findings = audit_files(root);
    ASSERT_EQ(count(findings, "entrusted-subject"), 1u);
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [](const auto& f) { return f.code == Code::entrusted_subject; });
    EXPECT_EQ(it->bodies, (std::vector<std::string>{"yangli-gov", "yl-urban"}));
    testing::edit(root / "yangli-town" / "power.yaml", "subject: yangli-gov", "subject: yl-urban");
    findings = audit_files(root);
    EXPECT_EQ(count(findings, "entrusted-subject"), 0u);
    EXPECT_EQ(count(findings, "dangling-reference"), 0u);
}

// 明放暗不放: the county body leads a matter whose item it granted to the township.
TEST(Audit, a_county_lead_of_a_matter_granted_to_the_township_contradicts_the_grant) {
    TempDir dir;
    const auto root = dir.copy_example();
    dir.write("basic/yangli-town/problems-more.yaml",
              "kind: problem-list\njurisdiction: yangli-town\nproblems:\n  - code: YLZ-WT-002\n"
              "    name: 偷倒渣土\n    violation_types: [construction-waste-dumping]\n"
              "    lead: yl-urban\n    cooperating: [yangli-team]\n");
    auto findings = audit_files(root);
    ASSERT_EQ(count(findings, "lead-contradicts-delegation"), 1u);
    const auto it = std::find_if(findings.begin(), findings.end(), [](const auto& f) {
        return f.code == Code::lead_contradicts_delegation;
    });
    EXPECT_EQ(it->items, std::vector<std::string>{"YLZ-WT-002"});
    EXPECT_EQ(it->message,
              "明放暗不放：问题“偷倒渣土”（YLZ-WT-002）由样例县综合行政执法局牵头，但其相关事项"
              "（YLZ-URB-CF-001）已全部赋权样例镇");
    // A penalty of its own the county kept for the matter makes the lead legitimate.
    testing::edit(root / "yangli-county" / "power.yaml", "violation_types: [short-weight]",
                  "violation_types: [short-weight, construction-waste-dumping]");
    testing::edit(root / "yangli-county" / "power.yaml", "body: yl-market", "body: yl-urban");
    findings = audit_files(root);
    EXPECT_EQ(count(findings, "lead-contradicts-delegation"), 0u);
}

// The law registry of a bundle: 矿产资源法 revised, in force from 2025-07-01, 第三十九条 now
// 第六十四条.
void add_mining_law(const TempDir& dir) {
    dir.write("basic/vocabulary/laws.yaml",
              "kind: law-registry\nlaws:\n  - name: 中华人民共和国矿产资源法\n    versions:\n"
              "      - {id: \"2009\", label: 2009年修正, adopted: 2009-08-27, effective: "
              "2009-08-27}\n      - id: \"2024\"\n        label: 2024年修订\n"
              "        adopted: 2024-11-08\n        effective: 2025-07-01\n"
              "        renumbered:\n          - {from: 39, to: 64}\n");
}

TEST(Audit, a_citation_of_a_superseded_text_names_the_text_replacing_it) {
    TempDir dir;
    const auto root = dir.copy_example();
    add_mining_law(dir);
    const auto bundle = read_files(root);
    // The county's list took effect 2024-01-01: it cites the 2009 text.
    auto findings = run(bundle, {"2025-06-30"});
    EXPECT_EQ(count(findings, "superseded-basis"), 0u);
    findings = run(bundle, {"2025-07-01"});
    ASSERT_EQ(count(findings, "superseded-basis"), 1u);
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [](const auto& f) { return f.code == Code::superseded_basis; });
    EXPECT_EQ(it->items, std::vector<std::string>{"YL-NR-CF-002"});
    EXPECT_EQ(it->message,
              "依据已修订：“对未取得采矿许可证擅自采矿的行政处罚”（YL-NR-CF-002）引用的"
              "《中华人民共和国矿产资源法》第三十九条（2009年修正）自2025-07-01起已由2024年修订"
              "取代，对应新文本第六十四条");
}

TEST(Audit, a_citation_naming_the_version_in_force_is_not_superseded) {
    TempDir dir;
    const auto root = dir.copy_example();
    add_mining_law(dir);
    testing::edit(root / "yangli-county" / "power.yaml",
                  "{law: 中华人民共和国矿产资源法, article: 39}",
                  "{law: 中华人民共和国矿产资源法, article: 64, version: \"2024\"}");
    EXPECT_EQ(count(run(read_files(root), {"2026-12-06"}), "superseded-basis"), 0u);
    testing::edit(root / "yangli-county" / "power.yaml", "version: \"2024\"", "version: \"2019\"");
    const auto findings = run(read_files(root), {"2026-12-06"});
    ASSERT_EQ(count(findings, "dangling-reference"), 1u);
    EXPECT_EQ(
        findings.front().message,
        "引用不存在：YL-NR-CF-002引用的《中华人民共和国矿产资源法》版本“2019”不在法律法规版本表中");
}

TEST(Audit, a_remark_about_events_after_the_lists_date_is_stale) {
    TempDir dir;
    const auto root = dir.copy_example();
    const auto power = root / "yangli-county" / "power.yaml";
    std::string remark = "依2023年修订的细则办理";
    testing::edit(power, "violation_types: [illegal-mining]",
                  "violation_types: [illegal-mining]\n    remarks: " + remark);
    // The county's list took effect 2024-01-01.
    for (const auto& [next, stale] :
         std::vector<std::pair<std::string, bool>>{{"依2023年修订的细则办理", false},
                                                   {"2024年起", false},
                                                   {"2024年3月起由县局直接办理", true},
                                                   {"2025-07-01起适用新法", true},
                                                   {"2025年起", true}}) {
        testing::edit(power, "remarks: " + remark, "remarks: " + next);
        remark = next;
        EXPECT_EQ(count(audit_files(root), "stale-remark"), stale ? 1u : 0u) << remark;
    }
}

TEST(Audit, severities_parse_and_order) {
    EXPECT_EQ(parse_severity("warning"), Severity::warning);
    EXPECT_FALSE(parse_severity("fatal").has_value());
    EXPECT_LT(Severity::info, Severity::error);
    EXPECT_EQ(severity_of(Code::dropped_handover), Severity::error);
    EXPECT_EQ(severity_of(Code::overlap), Severity::warning);
    EXPECT_EQ(severity_of(Code::sleeping_item), Severity::info);
}

TEST(Audit, codes_parse_back_and_an_unknown_one_is_none) {
    std::set<std::string_view> names, labels;
    for (const Code code : all_codes()) {
        EXPECT_EQ(parse_code(to_string(code)), code);
        names.insert(to_string(code));
        labels.insert(to_label(code));
    }
    EXPECT_EQ(names.size(), all_codes().size());
    EXPECT_EQ(labels.size(), all_codes().size());
    EXPECT_FALSE(parse_code("overlaps").has_value());
    EXPECT_FALSE(parse_code("").has_value());
}

TEST(Audit, every_message_starts_with_its_codes_label) {
    const auto findings = audit_files(testing::source_dir() / "examples" / "audit-showcase");
    ASSERT_FALSE(findings.empty());
    for (const auto& f : findings) {
        EXPECT_TRUE(f.message.starts_with(std::string(to_label(f.code)) + "："))
            << to_string(f.code) << ": " << f.message;
    }
}

TEST(Audit, overlapping_bodies_are_grouped) {
    std::vector<Finding> findings = {
        {Code::overlap, Severity::warning, "c", {}, {"a", "b"}, {}, ""},
        {Code::overlap, Severity::warning, "c", {}, {"b", "c"}, {}, ""},
        {Code::overlap, Severity::warning, "c", {}, {"x", "y"}, {}, ""},
        {Code::gap, Severity::warning, "c", {}, {"z", "w"}, {}, ""}};
    EXPECT_EQ(overlap_groups(findings),
              (std::vector<std::vector<std::string>>{{"a", "b", "c"}, {"x", "y"}}));
}

}  // namespace
}  // namespace lawlist::audit
