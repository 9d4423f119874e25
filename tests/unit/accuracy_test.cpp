// Classification accuracy on the labelled dev set must not regress, and the default thresholds
// must be the ones calibration finds on the tuning set. The two sets were written independently,
// and of the thesaurus examples too; nothing is tuned on the dev set.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "lawlist/classify/evaluate.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/store/queries.hpp"
#include "test_support.hpp"

namespace lawlist::classify {
namespace {

// Floors a little under the figures measured when they were set (see README); raise them when
// classification improves.
constexpr double k_floor_top1_sector = 0.95;
constexpr double k_floor_top3_sector = 0.99;
constexpr double k_floor_type = 0.88;
constexpr double k_floor_unmatched_precision = 0.85;
constexpr double k_floor_unmatched_recall = 0.85;

// A labelled set whose labels may name any sector of the database's vocabulary (the realistic
// letters name 烟草, 民政 and 医保 too, beside the 17 sectors of a township's list).
std::vector<LabelledIncident> read_set(const std::string& name,
                                       const store::Database* database = nullptr) {
    std::ifstream in(testing::source_dir() / "tests" / "data" / name);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (database == nullptr) {
        return read_labelled(name, buffer.str());
    }
    std::vector<std::string> sectors;
    for (const auto& sector : store::sectors(*database)) {
        sectors.push_back(sector.code);
    }
    return read_labelled(name, buffer.str(), sectors);
}

class DevSet : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_dir = new testing::TempDir;
        const auto db = s_dir->path() / "bundled.db";
        for (const auto& paths : load::bundled_loads(testing::source_dir() / "data")) {
            load::load(paths, db, testing::schemas(), std::nullopt);
        }
        s_database =
            new store::Database(store::Database::open(db, store::Database::Mode::read_only));
        s_session = new Session(*s_database);
        s_incidents = new std::vector<LabelledIncident>(read_set("incidents-dev.tsv"));
    }
    static void TearDownTestSuite() {
        delete s_incidents;
        delete s_session;
        delete s_database;
        delete s_dir;
    }
    static testing::TempDir* s_dir;
    static store::Database* s_database;
    static Session* s_session;
    static std::vector<LabelledIncident>* s_incidents;
};

testing::TempDir* DevSet::s_dir = nullptr;
store::Database* DevSet::s_database = nullptr;
Session* DevSet::s_session = nullptr;
std::vector<LabelledIncident>* DevSet::s_incidents = nullptr;

TEST_F(DevSet, has_enough_incidents_across_all_sectors) {
    std::set<std::string> sectors;
    std::size_t out_of_scope = 0;
    for (const auto& incident : *s_incidents) {
        sectors.insert(incident.sectors.begin(), incident.sectors.end());
        out_of_scope += incident.sectors.empty();
    }
    EXPECT_GE(s_incidents->size(), 300u);
    EXPECT_EQ(sectors.size(), 17u);
    EXPECT_GE(out_of_scope * 100, s_incidents->size() * 4);  // about 5% out of scope
}

// A text classified alone reads only the index parts of its bigrams and candidate types
// (classify_stored): it must decide, score and resolve exactly as the whole index does.
TEST_F(DevSet, a_text_classified_alone_from_index_parts_is_classified_as_by_the_whole_index) {
    std::vector<std::string> texts = {"", "。。。", "河道裏有人非法採砂", "abc", "请问社保怎么交"};
    for (std::size_t i = 0; i < s_incidents->size(); i += 7) {
        texts.push_back((*s_incidents)[i].text);
    }
    const auto letters = read_set("realistic-measure.tsv", s_database);
    for (std::size_t i = 0; i < letters.size(); i += 25) {
        texts.push_back(letters[i].text);
    }
    for (const auto& text : texts) {
        const auto alone = classify_stored(*s_database, "shihe-town", text, 3, Thresholds{});
        const auto whole = s_session->classifier().classify(text, "shihe-town", 3, Thresholds{});
        EXPECT_EQ(to_json(alone).dump(), to_json(whole).dump()) << text;
    }
}

TEST_F(DevSet, accuracy_keeps_its_floor) {
    const auto m = evaluate(s_session->classifier(), *s_incidents, "shihe-town", Thresholds{});
    const auto ratio = [](std::size_t a, std::size_t b) {
        return static_cast<double>(a) / static_cast<double>(b);
    };
    EXPECT_GE(ratio(m.top1_sector, m.in_scope), k_floor_top1_sector);
    EXPECT_GE(ratio(m.top3_sector, m.in_scope), k_floor_top3_sector);
    EXPECT_GE(ratio(m.top1_type, m.labelled_types), k_floor_type);
    EXPECT_GE(ratio(m.unmatched_correct, m.unmatched_predicted), k_floor_unmatched_precision);
    EXPECT_GE(ratio(m.unmatched_correct, m.out_of_scope), k_floor_unmatched_recall);
}

TEST_F(DevSet, default_thresholds_and_confidence_are_the_calibrated_ones) {
    // Calibrated on both tuning sets together: the colloquial incidents and the tune half of the
    // realistic messages.
    auto tune = read_set("incidents-tune.tsv");
    const auto realistic = read_set("realistic-tune.tsv", s_database);
    ASSERT_GE(tune.size(), 400u);
    ASSERT_GE(realistic.size(), 450u);
    tune.insert(tune.end(), realistic.begin(), realistic.end());
    const auto calibration = calibrate(s_session->classifier(), tune);
    EXPECT_GT(k_default_threshold, calibration.margin.low);
    EXPECT_LE(k_default_threshold, calibration.margin.high);
    EXPECT_GE(k_default_scope_threshold, calibration.scope.low);
    EXPECT_LT(k_default_scope_threshold, calibration.scope.high);
    EXPECT_NEAR(k_default_confidence.bias, calibration.confidence.bias, 0.002);
    EXPECT_NEAR(k_default_confidence.margin, calibration.confidence.margin, 0.002);
    EXPECT_NEAR(k_default_confidence.scope, calibration.confidence.scope, 0.002);
    EXPECT_NEAR(k_default_confidence.sector_lead, calibration.confidence.sector_lead, 0.002);
    EXPECT_NEAR(k_default_confidence.length, calibration.confidence.length, 0.002);
    EXPECT_NEAR(k_default_confidence.letter_length, calibration.confidence.letter_length, 0.002);
    EXPECT_NEAR(k_default_confidence.addressed, calibration.confidence.addressed, 0.002);
    EXPECT_NEAR(k_default_confidence.reject, calibration.confidence.reject, 0.002);
}

// The measure half of the realistic messages (tests/data/realistic-measure.tsv): letters to a
// leaders' message board, most of them no enforcement matter. Nothing is tuned on it. Floors a
// little under the figures measured when they were set (see README).
TEST_F(DevSet, realistic_messages_keep_their_floor) {
    const auto incidents = read_set("realistic-measure.tsv", s_database);
    ASSERT_GE(incidents.size(), 450u);
    const auto m = evaluate(s_session->classifier(), incidents, "shihe-town", Thresholds{});
    const auto ratio = [](std::size_t a, std::size_t b) {
        return static_cast<double>(a) / static_cast<double>(b);
    };
    EXPECT_GE(ratio(m.right_decisions, m.incidents), 0.88);
    EXPECT_GE(ratio(m.top1_sector, m.in_scope), 0.88);
    EXPECT_GE(ratio(m.top3_sector, m.in_scope), 0.92);
    EXPECT_GE(ratio(m.unmatched_correct, m.unmatched_predicted), 0.95);
    EXPECT_GE(ratio(m.unmatched_correct, m.out_of_scope), 0.87);
    // Over some 210 matches the calibration error varies by about 0.015 (bootstrap of the tune
    // half's letters): 0.063 when the floor was set, 0.079 once the confidence weighed the
    // reject score (better on the dev set and in cross-validation over the tuning sets).
    EXPECT_LE(reliability(m).expected_calibration_error, 0.09);
    // A wrong answer given with confidence (no review flag) stays rare.
    EXPECT_LE(ratio(m.wrong_unflagged, m.answers.size()), 0.05);
}

// Matters letters raised that had no type or were read as another's: a prepaid card a business
// keeps when it closes, a dog bite (the victim's rabies shot is no missed vaccination), bees kept
// among homes, tables filling a banquet hall's aisles. Phrasings written for this test.
TEST_F(DevSet, prepaid_cards_dog_bites_bees_and_filled_aisles_find_their_types) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"我在县城一家美甲店充了一千五的会员卡，才做了一次，店就关门不干了，老板把我们都拉黑了",
         "prepaid-balance-not-refunded"},
        {"小区门口的游泳馆卖了好多年卡，现在突然停业了，卡里的钱一分没退",
         "prepaid-balance-not-refunded"},
        {"邻居遛狗从来不拴绳，今天早上把我儿子的腿咬伤了，去防疫站打了狂犬疫苗", "dog-keeping"},
        {"对面楼有户人家在屋顶养了几箱蜂，蜜蜂满小区飞，已经蜇了好几个小孩", "animal-disturbance"},
        {"饭店婚宴摆了六十桌，过道上摆满桌子，安全出口被舞台挡住了", "evacuation-route-blocked"},
    };
    for (const auto& [text, type] : cases) {
        const auto c = s_session->classifier().classify(text, "shihe-town", 3, Thresholds{});
        ASSERT_TRUE(c.matched) << text;
        EXPECT_EQ(c.matches.front().scored.violation_type, type) << text;
    }
}

// Reports typed with pinyin input (tests/data/homophones.tsv): a homophone stands where a term
// of the lists does (占到 for 占道). Matching on sound finds the term; on characters alone the
// violation type was right for 20 of 25.
TEST_F(DevSet, homophones_typed_by_sound_find_their_type) {
    const auto incidents = read_set("homophones.tsv");
    ASSERT_GE(incidents.size(), 30u);
    const auto m = evaluate(s_session->classifier(), incidents, "shihe-town", Thresholds{});
    EXPECT_GE(m.top1_sector * 100, m.in_scope * 95);
    EXPECT_GE(m.top1_type * 100, m.labelled_types * 95);
}

}  // namespace
}  // namespace lawlist::classify
