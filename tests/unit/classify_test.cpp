#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/classify/evaluate.hpp"
#include "lawlist/classify/index.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/store/load.hpp"
#include "lawlist/text/normalize.hpp"
#include "lawlist/text/utf8.hpp"
#include "test_support.hpp"

namespace lawlist::classify {
namespace {

using ::testing::Contains;
using testing::TempDir;

TEST(Normalizer, folds_script_width_case_and_punctuation) {
    const text::Normalizer n;
    EXPECT_EQ(text::encode(n.normalize("河道裏有人非法採砂！！")), "河道里有人非法采砂");
    EXPECT_EQ(text::encode(n.normalize("ＫＴＶ里  有人，  唱歌")), "ktv里 有人 唱歌");
    EXPECT_EQ(text::encode(n.normalize("…《》")), "");
}

TEST(Index, bigrams_do_not_span_separators) {
    EXPECT_EQ(bigrams(U"偷倒 渣土"), (std::vector<std::u32string>{U"偷倒", U"渣土"}));
    EXPECT_TRUE(bigrams(U"渣").empty());
}

// A database loaded with the example list set, and a session over it.
class ExampleSession : public ::testing::Test {
  protected:
    void SetUp() override {
        m_db = m_dir.path() / "example.db";
        store::load({testing::source_dir() / "examples" / "basic"}, m_db, testing::schemas(),
                    std::nullopt);
        m_database.emplace(store::Database::open(m_db, store::Database::Mode::read_only));
        m_session = std::make_unique<Session>(*m_database);
    }
    const Classifier& classifier() const { return m_session->classifier(); }

    TempDir m_dir;
    std::filesystem::path m_db;
    std::optional<store::Database> m_database;
    std::unique_ptr<Session> m_session;
};

TEST_F(ExampleSession, the_index_is_stored_at_load_time) {
    const auto rows = m_database->classify_index();
    ASSERT_EQ(rows.types.size(), 6u);  // the example's violation types
    const auto it = std::find_if(rows.types.begin(), rows.types.end(), [](const TypeEntry& e) {
        return e.violation_type == "construction-waste-dumping";
    });
    ASSERT_NE(it, rows.types.end());
    EXPECT_THAT(it->terms, Contains(std::u32string(U"偷倒渣土")));
    // The compiled index came from the database: 渣土 is posted for this type, and only for it.
    ASSERT_TRUE(rows.compiled.has_value());
    const CompiledIndex& index = *rows.compiled;
    EXPECT_EQ(index.types, 6u);
    const std::size_t at = index.find(bigram_key(U'渣', U'土'));
    ASSERT_LT(at, index.keys.size());
    ASSERT_EQ(index.alias_begin[at + 1] - index.alias_begin[at], 1u);
    const Posting& posting = index.alias_postings[index.alias_begin[at]];
    EXPECT_EQ(rows.types[posting.document].violation_type, "construction-waste-dumping");
    EXPECT_GT(posting.weight, 0.0F);
    EXPECT_GT(index.idf[at], 0.0F);
}

TEST_F(ExampleSession, colloquial_report_finds_its_type_route_and_basis) {
    const auto c = classifier().classify("昨晚有人开三轮车往村口偷倒渣土", "yangli-town", 3, 1.0);
    ASSERT_TRUE(c.matched);
    const auto& best = c.matches.front();
    EXPECT_EQ(best.resolution.violation_type, "construction-waste-dumping");
    EXPECT_EQ(best.resolution.route, resolve::Route::township);
    EXPECT_EQ(best.resolution.handler->id, "yangli-team");
    EXPECT_THAT(best.scored.matched_terms, Contains("偷倒渣土"));
    EXPECT_GT(best.confidence, 0.5);
    EXPECT_LT(best.confidence, 1.0);
}

TEST_F(ExampleSession, traditional_script_is_understood) {
    const auto c = classifier().classify("山上有人私挖鐵礦", "yangli-town", 1, 1.0);
    ASSERT_TRUE(c.matched);
    EXPECT_EQ(c.matches.front().resolution.violation_type, "illegal-mining");
    EXPECT_EQ(c.matches.front().resolution.route, resolve::Route::joint);
}

TEST_F(ExampleSession, text_about_nothing_on_the_lists_is_unmatched) {
    const auto c = classifier().classify("请问明天天气怎么样，谢谢", "yangli-town", 3, 1.0);
    EXPECT_FALSE(c.matched);
    EXPECT_TRUE(c.matches.empty());
    EXPECT_EQ(to_json(c)["status"], "unmatched");
}

TEST_F(ExampleSession, scores_are_ordered_and_threshold_decides) {
    const auto scored = classifier().score("集市上卖菜的缺斤少两");
    ASSERT_FALSE(scored.empty());
    EXPECT_EQ(scored.front().violation_type, "short-weight");
    for (std::size_t i = 1; i < scored.size(); ++i) {
        EXPECT_GE(scored[i - 1].score, scored[i].score);
    }
    const double best = scored.front().score;
    EXPECT_TRUE(classifier().classify("集市上卖菜的缺斤少两", "yangli-town", 1, best).matched);
    EXPECT_FALSE(
        classifier().classify("集市上卖菜的缺斤少两", "yangli-town", 1, best + 0.01).matched);
}

TEST_F(ExampleSession, calibration_separates_in_scope_from_out_of_scope) {
    std::vector<LabelledIncident> incidents = {
        {"有人偷倒渣土", {"urban"}, "construction-waste-dumping", 1},
        {"集市上缺斤少两", {"market"}, "short-weight", 2},
        {"请问社保怎么交", {}, std::nullopt, 3},
    };
    const auto calibration = calibrate(classifier(), incidents);
    EXPECT_EQ(calibration.in_scope, 2u);
    EXPECT_EQ(calibration.turned_away, 0u);  // 0.5% of two incidents: none may be
    EXPECT_EQ(calibration.caught, 1u);
    EXPECT_LT(calibration.low, calibration.threshold);
    EXPECT_LE(calibration.threshold, calibration.high);
    const auto metrics = evaluate(classifier(), incidents, "yangli-town", calibration.threshold);
    EXPECT_EQ(metrics.top1_sector, 2u);
    EXPECT_EQ(metrics.unmatched_correct, 1u);
    EXPECT_EQ(metrics.top1_type, 2u);
}

// A vocabulary of two types with example reports, and out-of-scope reports about the same things.
model::Bundle vocabulary_with_examples() {
    model::Bundle bundle;
    model::ViolationType wages;
    wages.id = "wage-arrears";
    wages.name = "拖欠劳动者工资";
    wages.sector = "hrss";
    wages.aliases = {"拖欠工资", "不发工资"};
    wages.examples = {"老板拖了三个月工资一直不给", "工地包工头跑了，我们的工钱没人发",
                      "厂里说效益不好，工资压着两个月没发"};
    model::ViolationType waste;
    waste.id = "construction-waste-dumping";
    waste.name = "擅自倾倒建筑垃圾";
    waste.sector = "urban";
    waste.aliases = {"偷倒渣土", "乱倒建筑垃圾"};
    waste.examples = {"半夜有车往河边倒砖头水泥块", "村口空地被人倒了一堆装修垃圾"};
    bundle.violation_types = {wages, waste};
    return bundle;
}

TEST(Index, compiled_image_round_trips_and_rejects_damage) {
    const text::Normalizer normalizer;
    const auto bundle = vocabulary_with_examples();
    const auto rows = build_index(bundle.violation_types, {"请问社保怎么交"}, normalizer);
    const CompiledIndex index = compile(rows);
    EXPECT_EQ(index.types, 2u);
    EXPECT_EQ(index.documents, 3u);  // two types and one out-of-scope document
    const std::string bytes = index.to_bytes();
    const CompiledIndex back = CompiledIndex::from_bytes(bytes);
    EXPECT_EQ(back.keys, index.keys);
    EXPECT_EQ(back.idf, index.idf);
    EXPECT_EQ(back.example_begin, index.example_begin);
    ASSERT_EQ(back.example_postings.size(), index.example_postings.size());
    for (std::size_t i = 0; i < index.example_postings.size(); ++i) {
        EXPECT_EQ(back.example_postings[i].document, index.example_postings[i].document);
        EXPECT_EQ(back.example_postings[i].weight, index.example_postings[i].weight);
    }
    EXPECT_THROW(CompiledIndex::from_bytes(bytes.substr(0, bytes.size() - 3)), std::runtime_error);
    EXPECT_THROW(CompiledIndex::from_bytes(bytes + "x"), std::runtime_error);
    EXPECT_THROW(CompiledIndex::from_bytes("LLCI"), std::runtime_error);
}

TEST(Classifier, examples_teach_phrasings_that_no_alias_holds) {
    const text::Normalizer normalizer;
    const auto bundle = vocabulary_with_examples();
    const resolve::Resolver resolver(bundle);
    auto without = bundle.violation_types;
    for (auto& type : without) {
        type.examples.clear();
    }
    const Classifier plain(build_index(without, {}, normalizer), resolver, normalizer);
    const Classifier taught(build_index(bundle.violation_types, {}, normalizer), resolver,
                            normalizer);
    const std::string report = "包工头跑了，工钱到现在没发";  // no alias in it
    const auto p = plain.score(report);
    const auto t = taught.score(report);
    ASSERT_FALSE(t.empty());
    EXPECT_EQ(t.front().violation_type, "wage-arrears");
    EXPECT_THAT(t.front().matched_terms, ::testing::IsEmpty());  // only the examples' bigrams
    const double before = p.empty() ? 0.0 : p.front().score;
    EXPECT_GT(t.front().score, before);
}

TEST(Classifier, out_of_scope_reports_turn_a_consultation_away) {
    const text::Normalizer normalizer;
    const auto bundle = vocabulary_with_examples();
    const resolve::Resolver resolver(bundle);
    const std::vector<std::string> out_of_scope = {
        "请问工资条上的社保扣款怎么算", "请问养老保险每个月要交多少钱",
        "想咨询一下工资个税怎么申报", "请问工资卡丢了去哪里补办"};
    const Classifier with_types_only(build_index(bundle.violation_types, {}, normalizer), resolver,
                                     normalizer);
    const Classifier with_reject(build_index(bundle.violation_types, out_of_scope, normalizer),
                                 resolver, normalizer);
    const std::string question = "请问工资里的社保每个月扣多少";
    const std::string complaint = "老板拖欠工资三个月了";
    const auto q = with_reject.score(question);
    const auto c = with_reject.score(complaint);
    ASSERT_FALSE(q.empty());
    ASSERT_FALSE(c.empty());
    EXPECT_GT(q.front().reject, 0.0);
    EXPECT_LT(Classifier::margin(q.front()), Classifier::margin(c.front()));
    // At a threshold between the two margins the complaint is matched and the question is not;
    // without the out-of-scope reports the question clears it too.
    const double threshold = (Classifier::margin(q.front()) + Classifier::margin(c.front())) / 2;
    EXPECT_GE(Classifier::margin(c.front()), threshold);  // classify() would match it
    EXPECT_FALSE(with_reject.classify(question, "", 1, threshold).matched);
    EXPECT_EQ(with_types_only.score(question).front().reject, 0.0);
    EXPECT_GT(with_types_only.score(question).front().score, q.front().score - q.front().reject);
}

TEST(Input, csv_fields_may_hold_commas_quotes_and_line_breaks) {
    const auto rows =
        parse_csv("t.csv", "\xEF\xBB\xBFid,内容\r\n1,\"有人, 说\"\"渣土\"\"\n第二行\"\r\n2,占道\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][1], "内容");
    EXPECT_EQ(rows[1][1], "有人, 说\"渣土\"\n第二行");
    EXPECT_EQ(rows[2][1], "占道");
}

TEST(Input, unterminated_quote_is_located) {
    try {
        parse_csv("t.csv", "id,内容\n1,\"没有结束\n");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(format_diagnostic(e.diagnostics().front()),
                  "t.csv:2:3: unterminated quoted field\n1,\"没有结束\n  ^\n");
    }
}

TEST(Input, reads_a_csv_column_and_a_jsonl_field) {
    EXPECT_EQ(read_incidents("t.csv", "工单号,诉求内容\nA1,偷倒渣土\nA2,占道经营\n",
                             InputFormat::csv, "诉求内容"),
              (std::vector<std::string>{"偷倒渣土", "占道经营"}));
    EXPECT_EQ(read_incidents("t.jsonl", "{\"text\":\"偷倒渣土\"}\n\n{\"text\":\"电鱼\",\"id\":2}\n",
                             InputFormat::jsonl, "text"),
              (std::vector<std::string>{"偷倒渣土", "电鱼"}));
    try {
        read_incidents("t.jsonl", "{\"text\":\"a\"}\n{\"body\":\"b\"}\n", InputFormat::jsonl,
                       "text");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().front().line, 2u);
        EXPECT_EQ(e.diagnostics().front().message, "no string field 'text' in this record");
    }
}

TEST(Input, labelled_incidents_check_their_sectors) {
    const auto incidents = read_labelled(
        "dev.tsv", "# comment\n偷倒渣土\turban\tconstruction-waste-dumping\n问天气\tnone\t\n");
    ASSERT_EQ(incidents.size(), 2u);
    EXPECT_EQ(incidents[0].sectors, std::set<std::string>{"urban"});
    EXPECT_EQ(incidents[0].line, 2u);
    EXPECT_TRUE(incidents[1].sectors.empty());
    EXPECT_FALSE(incidents[1].violation_type.has_value());
    EXPECT_THROW(read_labelled("dev.tsv", "偷倒渣土\turbn\t\n"), InputError);
}

}  // namespace
}  // namespace lawlist::classify
