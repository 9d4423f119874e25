#include <algorithm>
#include <fstream>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <opencc/opencc.h>

#include "lawlist/classify/agencies.hpp"
#include "lawlist/classify/cues.hpp"
#include "lawlist/classify/evaluate.hpp"
#include "lawlist/classify/index.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/classify/sound.hpp"
#include "lawlist/classify/stored.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/resolve/resolver.hpp"
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

// The normalizer calls OpenCC only for a text holding a character OpenCC would change: every
// Han character and a few phrases must still come out exactly as OpenCC's t2s makes them.
TEST(Normalizer, converts_exactly_as_opencc_does) {
    const text::Normalizer n;
    const opencc_t opencc = opencc_open("t2s.json");
    ASSERT_NE(opencc, reinterpret_cast<opencc_t>(-1));
    auto by_opencc = [&](const std::string& s) {
        char* converted = opencc_convert_utf8(opencc, s.data(), s.size());
        std::string out(converted);
        opencc_convert_utf8_free(converted);
        return out;
    };
    std::size_t changed = 0;
    for (char32_t cp = 0x3400; cp <= 0x9FFF; ++cp) {
        const std::string one = text::encode(std::u32string(1, cp));
        const std::string expected = by_opencc(one);
        changed += expected != one ? 1 : 0;
        ASSERT_EQ(n.to_simplified(one), expected) << one;
    }
    EXPECT_GT(changed, 2000U);  // the test saw traditional characters, not only simplified ones
    for (const std::string phrase :
         {"河道裏有人非法採砂", "乾隆年間", "頭髮", "有人擅自倾倒建筑垃圾", "回覆", "请答覆",
          "一目瞭然", "沈默", "他沈船了"}) {
        EXPECT_EQ(n.to_simplified(phrase), by_opencc(phrase)) << phrase;
    }
    opencc_close(opencc);
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
        load::load({testing::source_dir() / "examples" / "basic"}, m_db, testing::schemas(),
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
    const auto rows = stored_index(*m_database);
    ASSERT_EQ(rows.types.size(), 6u);  // the example's violation types
    const auto it = std::find_if(rows.types.begin(), rows.types.end(), [](const TypeEntry& e) {
        return e.violation_type == "construction-waste-dumping";
    });
    ASSERT_NE(it, rows.types.end());
    EXPECT_EQ(it->sector, "urban");
    // The compiled index came from the database: it holds the type's terms, and 渣土 is posted
    // for this type, and only for it.
    ASSERT_TRUE(rows.compiled.has_value());
    const CompiledIndex& index = *rows.compiled;
    const auto t = static_cast<std::size_t>(it - rows.types.begin());
    std::vector<std::u32string> terms;
    for (std::size_t k = index.term_begin[t]; k < index.term_begin[t + 1]; ++k) {
        terms.emplace_back(index.term(k).text);
    }
    EXPECT_THAT(terms, Contains(std::u32string(U"偷倒渣土")));
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
    const auto c = classifier().classify("昨晚有人开三轮车往村口偷倒渣土", "yangli-town", 3, {1.0});
    ASSERT_TRUE(c.matched);
    const auto& best = c.matches.front();
    EXPECT_EQ(best.resolution.violation_type, "construction-waste-dumping");
    EXPECT_EQ(best.resolution.route, resolve::Route::township);
    EXPECT_EQ(best.resolution.handler->id, "yangli-gov");
    EXPECT_THAT(best.scored.matched_terms, Contains("偷倒渣土"));
    EXPECT_GT(best.confidence, 0.5);
    EXPECT_LT(best.confidence, 1.0);
}

TEST_F(ExampleSession, traditional_script_is_understood) {
    const auto c = classifier().classify("山上有人私挖鐵礦", "yangli-town", 1, {1.0});
    ASSERT_TRUE(c.matched);
    EXPECT_EQ(c.matches.front().resolution.violation_type, "illegal-mining");
    // Only the county department holds a power for it (the township team merely cooperates).
    EXPECT_EQ(c.matches.front().resolution.route, resolve::Route::department);
}

TEST_F(ExampleSession, text_about_nothing_on_the_lists_is_unmatched) {
    const auto c = classifier().classify("请问明天天气怎么样，谢谢", "yangli-town", 3, {1.0});
    EXPECT_FALSE(c.matched);
    EXPECT_TRUE(c.matches.empty());
    EXPECT_EQ(to_json(c)["status"], "unmatched");
}

TEST_F(ExampleSession, a_batch_on_several_threads_comes_in_input_order_as_on_one) {
    const std::vector<std::string> texts = {"昨晚有人开三轮车往村口偷倒渣土", "山上有人私挖鐵礦",
                                            "请问明天天气怎么样，谢谢", "村口有人偷倒建筑垃圾"};
    std::vector<Incident> incidents;
    for (std::size_t i = 0; i < 1000; ++i) {  // several chunks, the last one partial
        incidents.push_back({texts[i % texts.size()] + std::to_string(i), nullptr, {}});
    }
    auto run = [&](unsigned threads) {
        std::vector<std::string> out;
        classify_each(*m_session, incidents, "yangli-town", 3, {1.0}, threads,
                      [&](std::span<const Incident> chunk, std::vector<Classification>&& results) {
                          ASSERT_EQ(chunk.size(), results.size());
                          for (std::size_t i = 0; i < chunk.size(); ++i) {
                              EXPECT_EQ(&chunk[i], &incidents[out.size()]);
                              out.push_back(to_json(results[i]).dump());
                          }
                      });
        return out;
    };
    const auto one = run(1);
    ASSERT_EQ(one.size(), incidents.size());
    EXPECT_EQ(one[0],
              to_json(classifier().classify(incidents[0].text, "yangli-town", 3, {1.0})).dump());
    EXPECT_NE(one[0], one[2]);
    EXPECT_EQ(run(3), one);
    EXPECT_EQ(run(0), one);  // one thread per core
}

TEST_F(ExampleSession, scores_are_ordered_and_threshold_decides) {
    const auto scores = classifier().score("集市上卖菜的缺斤少两");
    const auto& scored = scores.types;
    ASSERT_FALSE(scored.empty());
    EXPECT_EQ(scored.front().violation_type, "short-weight");
    for (std::size_t i = 1; i < scored.size(); ++i) {
        EXPECT_GE(scored[i - 1].score, scored[i].score);
    }
    // The example has no out-of-scope reports: no scope model, and only the margin decides.
    EXPECT_EQ(scores.scope, -std::numeric_limits<double>::infinity());
    const double best = scores.margin();
    EXPECT_TRUE(classifier().classify("集市上卖菜的缺斤少两", "yangli-town", 1, {best}).matched);
    const auto weak =
        classifier().classify("集市上卖菜的缺斤少两", "yangli-town", 1, {best + 0.01});
    EXPECT_FALSE(weak.matched);
    EXPECT_EQ(weak.unmatched, Unmatched::weak);
    EXPECT_EQ(to_json(weak)["unmatched_reason"], "weak");
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
    EXPECT_LT(calibration.margin.low, calibration.margin.value);
    EXPECT_LE(calibration.margin.value, calibration.margin.high);
    EXPECT_EQ(calibration.scope.value, std::numeric_limits<double>::infinity());  // no model
    const auto metrics = evaluate(classifier(), incidents, "yangli-town", calibration.thresholds());
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
    EXPECT_EQ(back.scope_weight, index.scope_weight);
    EXPECT_EQ(back.scope_bias, index.scope_bias);
    EXPECT_FALSE(index.sound.chars.empty());
    EXPECT_EQ(back.sound.chars, index.sound.chars);
    EXPECT_FALSE(index.term_chars.empty());
    EXPECT_EQ(back.term_begin, index.term_begin);
    EXPECT_EQ(back.char_begin, index.char_begin);
    EXPECT_EQ(back.term_chars, index.term_chars);
    EXPECT_EQ(back.bigram_begin, index.bigram_begin);
    EXPECT_EQ(back.term_keys, index.term_keys);
    EXPECT_EQ(back.term_idf, index.term_idf);
    EXPECT_EQ(back.term_sounds, index.term_sounds);
    EXPECT_EQ(back.sound.ids, index.sound.ids);
    EXPECT_EQ(index.scope_weight.size(), index.keys.size());
    EXPECT_THROW(CompiledIndex::from_bytes(bytes.substr(0, bytes.size() - 3)), std::runtime_error);
    EXPECT_THROW(CompiledIndex::from_bytes(bytes + "x"), std::runtime_error);
    EXPECT_THROW(CompiledIndex::from_bytes("LLCI"), std::runtime_error);
}

TEST(Index, stored_image_keeps_types_sectors_terms_and_the_compiled_index_and_rejects_damage) {
    const text::Normalizer normalizer;
    auto rows =
        build_index(vocabulary_with_examples().violation_types, {"请问社保怎么交"}, normalizer);
    rows.types.front().terms.push_back(rows.types.front().terms.front());  // a repeat
    const StoredIndex stored = to_stored(rows);
    EXPECT_EQ(stored.terms.size(), rows.types.size());
    const IndexRows back = from_stored(stored);
    ASSERT_EQ(back.types.size(), rows.types.size());
    for (std::size_t t = 0; t < rows.types.size(); ++t) {
        EXPECT_EQ(back.types[t].violation_type, rows.types[t].violation_type);
        EXPECT_EQ(back.types[t].sector, rows.types[t].sector);
        EXPECT_FALSE(back.types[t].sector.empty());
    }
    ASSERT_TRUE(back.compiled.has_value());
    // The terms travel in the compiled index: each type's sorted as UTF-8, without repeats, with
    // the idf of each bigram.
    const CompiledIndex& compiled = *back.compiled;
    for (std::size_t t = 0; t < rows.types.size(); ++t) {
        auto expected = rows.types[t].terms;
        std::sort(expected.begin(), expected.end(),
                  [](const auto& a, const auto& b) { return text::encode(a) < text::encode(b); });
        expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
        std::vector<std::u32string> terms;
        for (std::size_t k = compiled.term_begin[t]; k < compiled.term_begin[t + 1]; ++k) {
            const auto term = compiled.term(k);
            terms.emplace_back(term.text);
            ASSERT_EQ(term.bigrams.size() + 1, term.text.size());
            for (std::size_t i = 0; i < term.bigrams.size(); ++i) {
                EXPECT_EQ(term.bigrams[i], bigram_key(term.text[i], term.text[i + 1]));
                const std::size_t at = compiled.find(term.bigrams[i]);
                ASSERT_LT(at, compiled.keys.size());
                EXPECT_EQ(term.idf[i], compiled.idf[at]);
            }
        }
        EXPECT_EQ(terms, expected);
    }
    EXPECT_EQ(back.compiled->to_bytes(), compile(rows).to_bytes());
    // Damage to the head or to a part is refused.
    auto damaged = stored;
    damaged.head.resize(damaged.head.size() - 3);
    EXPECT_THROW(from_stored(damaged), std::runtime_error);
    EXPECT_THROW(from_stored({stored.head.substr(0, 20), {}, {}}), std::runtime_error);
    damaged = stored;
    damaged.bigrams.front().second.pop_back();
    EXPECT_THROW(from_stored(damaged), std::runtime_error);
    damaged = stored;
    damaged.terms.back().second += "x";
    EXPECT_THROW(from_stored(damaged), std::runtime_error);
    damaged = stored;
    std::swap(damaged.bigrams.front(), damaged.bigrams.back());  // out of key order
    EXPECT_THROW(from_stored(damaged), std::runtime_error);
}

// An index read for one text holds the parts of its bigrams and no terms; the terms of a few
// types come laid out as in the whole index.
TEST(Index, stored_parts_read_for_one_text_hold_its_bigrams_and_the_terms_asked_for) {
    const text::Normalizer normalizer;
    const auto rows =
        build_index(vocabulary_with_examples().violation_types, {"请问社保怎么交"}, normalizer);
    const CompiledIndex whole = compile(rows);
    const StoredIndex stored = to_stored(rows);
    StoredIndex some{stored.head, {stored.bigrams[1], stored.bigrams[3]}, {}};
    const IndexRows part = from_stored(some);
    ASSERT_TRUE(part.compiled.has_value());
    const CompiledIndex& c = *part.compiled;
    EXPECT_EQ(c.keys, (std::vector{whole.keys[1], whole.keys[3]}));
    EXPECT_EQ(c.idf, (std::vector{whole.idf[1], whole.idf[3]}));
    EXPECT_EQ(c.alias_begin.back() - c.alias_begin[1], whole.alias_begin[4] - whole.alias_begin[3]);
    EXPECT_EQ(c.scope_weight, (std::vector{whole.scope_weight[1], whole.scope_weight[3]}));
    EXPECT_EQ(c.cue_weight, whole.cue_weight);
    EXPECT_EQ(c.term_begin, std::vector<std::uint32_t>(whole.types + 1, 0));
    const CompiledIndex terms = terms_from_stored(whole.types, {stored.terms[1]});
    EXPECT_EQ(terms.term_begin[1], 0u);
    EXPECT_EQ(terms.term_begin[2], whole.term_begin[2] - whole.term_begin[1]);
    for (std::size_t k = 0; k < terms.term_begin[2]; ++k) {
        EXPECT_EQ(terms.term(k).text, whole.term(whole.term_begin[1] + k).text);
        EXPECT_TRUE(std::equal(terms.term(k).sounds.begin(), terms.term(k).sounds.end(),
                               whole.term(whole.term_begin[1] + k).sounds.begin()));
    }
}

TEST(Index, compiled_image_is_little_endian_on_every_host) {
    const text::Normalizer normalizer;
    const auto rows =
        build_index(vocabulary_with_examples().violation_types, {"请问社保怎么交"}, normalizer);
    const CompiledIndex index = compile(rows);
    const std::string bytes = index.to_bytes();
    // The magic 0x4C4C4349 and the type count 2, least significant byte first, then the number
    // of keys as 64 bits and the first key (a bigram: second code point in the low half).
    ASSERT_GE(bytes.size(), 32u);
    EXPECT_EQ(bytes.substr(0, 4), "ICLL");
    EXPECT_EQ(bytes.substr(8, 4), std::string("\x02\x00\x00\x00", 4));
    std::uint64_t keys = 0;
    std::uint64_t first = 0;
    for (int i = 7; i >= 0; --i) {
        keys = (keys << 8) | static_cast<unsigned char>(bytes[16 + i]);
        first = (first << 8) | static_cast<unsigned char>(bytes[24 + i]);
    }
    EXPECT_EQ(keys, index.keys.size());
    EXPECT_EQ(first, index.keys.front());
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
    const auto p = plain.score(report).types;
    const auto t = taught.score(report).types;
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
    ASSERT_FALSE(q.types.empty());
    ASSERT_FALSE(c.types.empty());
    EXPECT_GT(q.reject, 0.0);
    EXPECT_LT(q.margin(), c.margin());
    // At a threshold between the two margins the complaint is matched and the question is not;
    // without the out-of-scope reports the question clears it too. (The scope model is left out
    // here: its threshold is infinite.)
    const Thresholds thresholds{(q.margin() + c.margin()) / 2,
                                std::numeric_limits<double>::infinity()};
    EXPECT_GE(c.margin(), thresholds.margin);  // classify() would match it
    EXPECT_FALSE(with_reject.classify(question, "", 1, thresholds).matched);
    const auto plain = with_types_only.score(question);
    EXPECT_EQ(plain.reject, 0.0);
    EXPECT_GT(plain.margin(), q.margin());
}

TEST(Cues, are_found_anywhere_and_at_the_end_of_a_clause) {
    const text::Normalizer normalizer;
    const auto found = find_cues(normalizer.normalize(
        "尊敬的领导：我家孩子今年上小学。请问学区是怎么划分的？能不能换学校吗"));
    std::vector<std::string> names;
    std::vector<std::string> phrases;
    for (const auto& f : found) {
        names.emplace_back(cues()[f.cue].name);
        phrases.push_back(text::encode(f.phrase));
    }
    EXPECT_THAT(names, ::testing::IsSupersetOf({"问询", "可否", "疑问句", "入学户籍"}));
    EXPECT_THAT(phrases, ::testing::Contains("请问"));
    EXPECT_THAT(phrases, ::testing::Contains("吗 "));  // at the very end, before no separator
    EXPECT_THAT(find_cues(normalizer.normalize("渣土车半夜偷倒垃圾")).size(), 1u);  // 违法行为
}

TEST(Cues, a_question_about_someones_act_or_a_courtesy_thanks_is_discounted) {
    const text::Normalizer normalizer;
    struct Case {
        std::string text;
        std::string_view cue;
        bool discounted;
    };
    const std::vector<Case> cases = {
        // Asking whether someone's act is legal, or who stops it: a complaint that asks (请问
        // alone in its clause is read with the next one).
        {"邻居的狗天天咬人。请问，他这样养狗合法吗？", "问询", true},
        {"这种托管班有没有人管？能不能来查一查", "可否", true},
        // Asking about one's own benefit, or about the government's own decision, still counts.
        {"请问我能不能领失业保险金？", "问询", false},
        {"请问村委会这样收费合法吗", "问询", false},
        // One clause where it counts is enough.
        {"请问他这样合法吗？另外想问一下低保怎么申请", "问询", false},
        // Thanks as a closing courtesy praises nobody; thanks for someone's work does.
        {"恳请领导帮帮我们，万分感谢！", "表扬", true},
        {"感谢社区工作人员的辛苦付出", "表扬", false},
        // ...nor does thanks for the government's care in general.
        {"也感谢政府一直以来对我们群众的关心", "表扬", true},
        // A clause that offers material answers no question; one that asks for it does.
        {"厂里排污的事，需要什么材料我都可以提供", "材料", true},
        {"请问申请低保需要什么材料", "材料", false},
    };
    for (const Case& c : cases) {
        const auto found = find_cues(normalizer.normalize(c.text));
        const auto it = std::find_if(found.begin(), found.end(), [&](const FoundCue& f) {
            return cues()[f.cue].name == c.cue;
        });
        ASSERT_NE(it, found.end()) << c.text;
        EXPECT_EQ(it->discounted, c.discounted) << c.text;
    }
    // Where it counts, the phrase shown is one from a clause where it counts.
    const auto found =
        find_cues(normalizer.normalize("请问他这样合法吗？另外想问一下低保怎么申请"));
    EXPECT_EQ(text::encode(found.front().phrase), "想问");
}

TEST(Classifier, a_stretch_of_numerals_or_agency_names_alone_is_no_evidence) {
    const text::Normalizer normalizer;
    auto bundle = vocabulary_with_examples();
    bundle.violation_types[1].aliases.push_back("城管来了就跑的流动摊贩");
    const resolve::Resolver resolver(bundle);
    const Classifier classifier(build_index(bundle.violation_types, {}, normalizer), resolver,
                                normalizer);
    for (const auto& type : classifier.score("我去城管局问了一下，他们说不归他们管").types) {
        EXPECT_THAT(type.matched_terms, ::testing::Not(::testing::Contains("城管")));
    }
}

TEST(Classifier, one_built_without_a_resolver_decides_and_names_sectors_but_resolves_nothing) {
    const text::Normalizer normalizer;
    const auto bundle = vocabulary_with_examples();
    const resolve::Resolver resolver(bundle);
    const auto rows = build_index(bundle.violation_types, {}, normalizer);
    const Classifier with(rows, resolver, normalizer);
    const Classifier without(rows, normalizer);
    const Thresholds any{-1e9, 1e9, k_default_confidence};  // every scored text is matched
    const std::string text = "工地老板拖欠工资三个月不发";
    const auto c = without.classify(text, 3, any);
    ASSERT_TRUE(c.matched);
    EXPECT_EQ(c.matches.front().scored.violation_type, "wage-arrears");
    EXPECT_TRUE(c.matches.front().resolution.violation_type.empty());
    EXPECT_EQ(to_json(c), to_json(with.classify(text, 3, any)));
    EXPECT_EQ(without.sector_of("construction-waste-dumping"), "urban");
    EXPECT_EQ(without.sector_of("wage-arrears"), with.sector_of("wage-arrears"));
    EXPECT_THROW(without.sector_of("no-such-type"), Error);
    EXPECT_THROW(without.classify(text, "some-town", 3, any), std::logic_error);
}

TEST(Sound, homophones_share_a_code_and_other_characters_keep_their_own) {
    const std::u32string chars = U"垃拉圾机道到倒秆杆a，";
    const SoundTable table = sound_table({chars.begin(), chars.end()});
    EXPECT_EQ(table.chars.size(), 9u);  // the Han characters only
    EXPECT_EQ(sound_of(table, U'垃'), sound_of(table, U'拉'));
    EXPECT_EQ(sound_of(table, U'圾'), sound_of(table, U'机'));
    EXPECT_EQ(sound_of(table, U'道'), sound_of(table, U'到'));
    EXPECT_EQ(sound_of(table, U'秆'), sound_of(table, U'杆'));
    EXPECT_NE(sound_of(table, U'垃'), sound_of(table, U'圾'));
    EXPECT_NE(sound_of(table, U'垃'), U'垃');
    EXPECT_EQ(sound_of(table, U'a'), U'a');
    EXPECT_EQ(sound_of(table, U'街'), U'街');  // not in the table: only itself
}

TEST(Sound, the_table_by_character_gives_what_sound_of_gives) {
    const std::u32string chars = U"垃拉圾机道到倒秆杆a，";
    const SoundTable table = sound_table({chars.begin(), chars.end()});
    const std::vector<char32_t> by_char = sounds_by_char(table);
    ASSERT_EQ(by_char.size(), 0x10000u);
    for (char32_t c = 0; c < by_char.size(); ++c) {
        ASSERT_EQ(by_char[c], sound_of(table, c)) << static_cast<std::uint32_t>(c);
    }
}

TEST(Classifier, a_term_typed_with_homophones_is_found_by_sound) {
    const text::Normalizer normalizer;
    const auto bundle = vocabulary_with_examples();
    const resolve::Resolver resolver(bundle);
    // The sound table holds the characters of the vocabulary: a consultation brings 拉 and 到.
    const Classifier classifier(build_index(bundle.violation_types, {"请问货拉到哪里"}, normalizer),
                                resolver, normalizer);
    // 乱倒建筑垃圾 typed by sound: 到 for 倒, 拉 for 垃.
    const auto heard = classifier.score("有人往河边乱到建筑拉圾").types;
    ASSERT_FALSE(heard.empty());
    EXPECT_EQ(heard.front().violation_type, "construction-waste-dumping");
    EXPECT_THAT(heard.front().matched_terms, ::testing::Contains("乱到建筑拉圾"));
    // Found whole by characters, the same term weighs more than by sound.
    const auto read = classifier.score("有人往河边乱倒建筑垃圾").types;
    ASSERT_FALSE(read.empty());
    EXPECT_GT(read.front().score, heard.front().score);
    // Two characters alike by sound are too often another word: no evidence alone.
    for (const auto& type : classifier.score("门口有拉圾").types) {
        EXPECT_THAT(type.matched_terms, ::testing::Not(::testing::Contains("拉圾")));
    }
}

// Questions about the same things as the example vocabulary's reports.
const std::vector<std::string> k_questions = {
    "请问工资条上的社保扣款怎么算", "请问养老保险每个月要交多少钱", "想咨询一下工资个税怎么申报",
    "请问工资卡丢了去哪里补办",     "请问装修垃圾可以放在哪里",     "请问建筑垃圾清运找哪家公司"};

TEST(ScopeModel, weighs_how_a_text_is_said_more_than_its_topic) {
    const text::Normalizer normalizer;
    const auto bundle = vocabulary_with_examples();
    const auto rows = build_index(bundle.violation_types, k_questions, normalizer);
    EXPECT_EQ(rows.in_scope_reports.size(), 5u);
    EXPECT_EQ(rows.out_of_scope_reports.size(), k_questions.size());
    const CompiledIndex index = compile(rows);
    ASSERT_EQ(index.scope_weight.size(), index.keys.size());
    auto weight = [&](char32_t a, char32_t b) {
        const std::size_t at = index.find(bigram_key(a, b));
        EXPECT_LT(at, index.keys.size());
        return at < index.keys.size() ? index.scope_weight[at] : 0.0F;
    };
    EXPECT_GT(weight(U'请', U'问'), 0.0F);  // only the questions say it
    EXPECT_LT(weight(U'没', U'发'), 0.0F);  // only a complaint
    // 工资 and 垃圾 are topics of both sides: they weigh less than how the question is put.
    EXPECT_LT(std::abs(weight(U'工', U'资')), weight(U'请', U'问'));
    EXPECT_LT(std::abs(weight(U'垃', U'圾')), weight(U'请', U'问'));
    // Learning is deterministic: a reload gives the same model.
    const CompiledIndex again = compile(rows);
    EXPECT_EQ(again.scope_weight, index.scope_weight);
    EXPECT_EQ(again.scope_bias, index.scope_bias);
    // Nothing to learn from without out-of-scope reports.
    EXPECT_TRUE(compile(build_index(bundle.violation_types, {}, normalizer)).scope_weight.empty());
}

// A classifier over vocabulary_with_examples() that learned from k_questions as out of scope.
class WithQuestions : public ::testing::Test {
  protected:
    const text::Normalizer m_normalizer;
    const model::Bundle m_bundle = vocabulary_with_examples();
    const resolve::Resolver m_resolver{m_bundle};
    const Classifier classifier{build_index(m_bundle.violation_types, k_questions, m_normalizer),
                                m_resolver, m_normalizer};
};

TEST_F(WithQuestions, a_text_that_reads_out_of_scope_is_unmatched_with_the_terms_that_say_so) {
    const std::string question = "请问工资里的社保每个月扣多少";
    const std::string complaint = "老板拖欠工资三个月了";
    const auto q = classifier.score(question);
    const auto c = classifier.score(complaint);
    ASSERT_FALSE(q.types.empty());  // the topic alone would match it
    EXPECT_GT(q.scope, c.scope);
    EXPECT_THAT(q.scope_terms, Contains("请问"));
    const Thresholds thresholds{0.0, (q.scope + c.scope) / 2};
    const auto turned_away = classifier.classify(question, "", 1, thresholds);
    EXPECT_FALSE(turned_away.matched);
    EXPECT_EQ(turned_away.unmatched, Unmatched::out_of_scope);
    EXPECT_EQ(turned_away.out_of_scope_terms, q.scope_terms);
    const auto json = to_json(turned_away);
    EXPECT_EQ(json["status"], "unmatched");
    EXPECT_EQ(json["unmatched_reason"], "out_of_scope");
    EXPECT_THAT(json["out_of_scope_terms"].get<std::vector<std::string>>(), Contains("请问"));
    // The complaint clears both thresholds (classify() would resolve it in a jurisdiction).
    EXPECT_GE(c.margin(), thresholds.margin);
    EXPECT_LE(c.scope, thresholds.scope);
    EXPECT_EQ(c.types.front().violation_type, "wage-arrears");
}

TEST_F(WithQuestions, a_question_about_the_act_reported_does_not_weigh_for_out_of_scope) {
    // The questions taught that 问一下 (the 问询 cue) speaks for out of scope; asked about the
    // boss's act it is left out, and not shown among the terms that say so.
    const auto about_self = classifier.score("老板拖欠工资三个月了，问一下社保怎么交");
    const auto about_act = classifier.score("老板拖欠工资三个月了，问一下他这样合法吗");
    EXPECT_THAT(about_self.scope_terms, Contains("问一下"));
    EXPECT_THAT(about_act.scope_terms, ::testing::Not(Contains("问一下")));
}

TEST_F(WithQuestions, calibration_lets_the_scope_threshold_catch_what_the_margin_lets_through) {
    const std::vector<LabelledIncident> incidents = {
        {"工地的工钱一直没人发", {"hrss"}, "wage-arrears", 1},
        {"有人半夜往河边偷倒渣土", {"urban"}, "construction-waste-dumping", 2},
        {"请问拖欠工资去哪里投诉", {}, std::nullopt, 3},
    };
    // The question names its topic as plainly as the reports do: the margin alone cannot turn it
    // away without turning away a report.
    const double question_margin = classifier.score(incidents[2].text).margin();
    EXPECT_GT(question_margin, std::min(classifier.score(incidents[0].text).margin(),
                                        classifier.score(incidents[1].text).margin()));
    const auto calibration = calibrate(classifier, incidents);
    EXPECT_EQ(calibration.turned_away, 0u);
    EXPECT_EQ(calibration.caught, 1u);
    EXPECT_LE(calibration.scope.low, calibration.scope.value);
    EXPECT_LT(calibration.scope.value, calibration.scope.high);
    EXPECT_LT(calibration.scope.value, classifier.score(incidents[2].text).scope);
}

TEST(Evaluate, reliability_bins_matches_by_confidence_and_measures_the_gap) {
    Metrics m;
    // 0.95: right twice, wrong twice (accuracy 0.5); 0.55: right once.
    m.answers = {{0.95, true}, {0.95, false}, {0.95, true}, {0.95, false}, {0.55, true}};
    const Reliability r = reliability(m, 10);
    ASSERT_EQ(r.bins.size(), 2u);
    EXPECT_DOUBLE_EQ(r.bins[0].low, 0.5);
    EXPECT_EQ(r.bins[0].matches, 1u);
    EXPECT_DOUBLE_EQ(r.bins[0].accuracy, 1.0);
    EXPECT_EQ(r.bins[1].matches, 4u);
    EXPECT_DOUBLE_EQ(r.bins[1].mean_confidence, 0.95);
    EXPECT_DOUBLE_EQ(r.bins[1].accuracy, 0.5);
    // (1 * |1 - 0.55| + 4 * |0.5 - 0.95|) / 5
    EXPECT_NEAR(r.expected_calibration_error, (0.45 + 4 * 0.45) / 5, 1e-12);
    EXPECT_TRUE(reliability(Metrics{}, 10).bins.empty());
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

TEST(Input, a_batch_file_is_read_by_the_library_and_a_table_read_as_lines_is_refused) {
    TempDir dir;
    const auto csv = dir.path() / "tickets.csv";
    std::ofstream(csv) << "工单号,诉求内容\nA1,偷倒渣土\n";
    BatchKeys keys;
    keys.text = "诉求内容";
    keys.id = "工单号";
    const Batch batch = read_batch_file(csv.string(), InputFormat::csv, keys);
    ASSERT_EQ(batch.incidents.size(), 1u);
    EXPECT_EQ(batch.incidents[0].text, "偷倒渣土");
    EXPECT_EQ(batch.incidents[0].id, "A1");
    try {
        read_batch_file(csv.string(), InputFormat::lines, {});
        FAIL();
    } catch (const Error& e) {
        EXPECT_THAT(std::string(e.what()), ::testing::HasSubstr("(header: 工单号, 诉求内容)"));
    }
    const auto xls = dir.path() / "old.xls";
    std::ofstream(xls) << std::string("\xD0\xCF\x11\xE0", 4) << "rest";
    EXPECT_THROW(read_batch_file(xls.string(), InputFormat::csv, keys), Error);
    EXPECT_THROW(read_batch_file((dir.path() / "missing.txt").string(), InputFormat::lines, {}),
                 Error);
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

TEST(Input, a_csv_batch_carries_ids_and_kept_columns_past_a_malformed_row) {
    const BatchKeys keys{"内容", "工单编号", {"时间"}};
    const auto batch = read_batch("t.csv",
                                  "\xEF\xBB\xBF工单编号,时间,内容\r\nA1,8:00,\"偷倒\n渣土\"\r\n"
                                  "A2,9:00\r\n\r\nA3,10:00,占道经营\r\n",
                                  InputFormat::csv, keys);
    ASSERT_EQ(batch.incidents.size(), 2u);
    EXPECT_EQ(batch.incidents[0].text, "偷倒\n渣土");
    EXPECT_EQ(batch.incidents[0].id, "A1");
    EXPECT_EQ(batch.incidents[0].kept, (std::vector<nlohmann::ordered_json>{"8:00"}));
    EXPECT_EQ(batch.incidents[1].id, "A3");
    // A2's row starts on line 4 (A1's text spans two); the blank line is skipped.
    ASSERT_EQ(batch.failures.size(), 1u);
    EXPECT_EQ(format_diagnostic(batch.failures[0]),
              "t.csv:4:1: 2 fields where the header has 3\nA2,9:00\n^\n");
}

TEST(Input, a_column_not_in_the_header_is_refused_naming_the_header) {
    try {
        read_batch("t.csv", "工单编号,内容\nA1,偷倒渣土\n", InputFormat::csv,
                   BatchKeys{"内容", "编号", {}});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().front().message,
                  "no column '编号' in the header (columns: 工单编号, 内容)");
        EXPECT_EQ(e.diagnostics().front().line, 1u);
    }
}

TEST(Input, a_jsonl_batch_reports_malformed_records_and_reads_the_rest) {
    const BatchKeys keys{"text", "id", {"time", "place"}};
    const auto batch = read_batch("t.jsonl",
                                  "{\"id\": 7, \"text\": \"偷倒渣土\", \"time\": \"8:00\"}\n"
                                  "{\"id\": 8, \"text\": 电鱼}\n"
                                  "[1]\n"
                                  "{\"text\": \"占道\"}\n"
                                  "{\"id\": \"A9\", \"text\": 5}\n"
                                  "{\"id\": \"A10\", \"text\": \"噪音\", \"place\": {\"村\": 1}}\n",
                                  InputFormat::jsonl, keys);
    ASSERT_EQ(batch.incidents.size(), 2u);
    EXPECT_EQ(batch.incidents[0].id, 7);  // kept as the JSON value it is
    EXPECT_EQ(batch.incidents[0].kept, (std::vector<nlohmann::ordered_json>{"8:00", nullptr}));
    EXPECT_EQ(batch.incidents[1].text, "噪音");
    EXPECT_EQ(batch.incidents[1].kept[1]["村"], 1);
    ASSERT_EQ(batch.failures.size(), 4u);
    EXPECT_EQ(batch.failures[0].line, 2u);
    EXPECT_EQ(batch.failures[0].column, 19u);  // at 电鱼
    EXPECT_THAT(batch.failures[0].message, ::testing::StartsWith("not a JSON object: "));
    EXPECT_EQ(batch.failures[1].message, "not a JSON object but an array");
    EXPECT_EQ(batch.failures[2].message, "no field 'id' in this record");
    EXPECT_EQ(batch.failures[3].message, "no string field 'text' in this record");
    EXPECT_EQ(batch.failures[3].line, 5u);
}

TEST(Input, a_field_no_jsonl_record_has_is_refused_naming_the_fields) {
    try {
        read_batch("t.jsonl", "{\"text\": \"a\", \"工单\": 1}\n{\"text\": \"b\", \"时间\": 2}\n",
                   InputFormat::jsonl, BatchKeys{"text", "ticket", {}});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(format_diagnostic(e.diagnostics().front()),
                  "t.jsonl: no record has a field 'ticket' (fields: text, 工单, 时间)\n");
    }
}

TEST(Input, a_sheet_batch_names_cells) {
    import_::Sheet sheet;
    sheet.file = "t.xlsx";
    sheet.name = "工单";
    sheet.rows = {{"编号", "内容"}, {"A1", "偷倒渣土"}, {}, {"A2"}};
    const auto batch = read_batch(sheet, BatchKeys{"内容", "编号", {}});
    ASSERT_EQ(batch.incidents.size(), 2u);  // a row ends at its last filled cell
    EXPECT_EQ(batch.incidents[1].id, "A2");
    EXPECT_EQ(batch.incidents[1].text, "");
    try {
        read_batch(sheet, BatchKeys{"诉求", std::nullopt, {}});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(format_diagnostic(e.diagnostics().front()),
                  "t.xlsx:工单!A1: no column '诉求' in the header (columns: 编号, 内容)\n");
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

TEST(Agencies, only_a_department_asked_to_act_counts) {
    const text::Normalizer normalizer;
    const auto found = addressed_agencies(normalizer.normalize(
        "我去人社局问过，说不归他们管。请环保部门来查一查，也希望公安机关管一管。"));
    ASSERT_EQ(found.size(), 2u);  // 人社局 was only visited
    EXPECT_EQ(found[0].sector, "ecology");
    EXPECT_EQ(text::encode(found[0].name), "环保");
    EXPECT_TRUE(found[0].enforce);
    EXPECT_EQ(found[1].sector, "police");
    // Asked to answer, not to enforce.
    const auto asked = addressed_agencies(normalizer.normalize("请民政部门尽快答复我们"));
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_FALSE(asked[0].enforce);
    EXPECT_TRUE(addressed_agencies(normalizer.normalize("请问这种情况找哪个部门")).empty());
    // Asked whether it would act: the act follows 能不能.
    const auto whether =
        addressed_agencies(normalizer.normalize("晚上吵得睡不着，市场监管部门能否来查一下"));
    ASSERT_EQ(whether.size(), 1u);
    EXPECT_EQ(whether[0].sector, "market");
    EXPECT_TRUE(whether[0].enforce);
}

TEST(Classifier, the_department_asked_decides_between_types_not_whether_one_matches) {
    const text::Normalizer normalizer;
    const auto bundle = vocabulary_with_examples();
    const resolve::Resolver resolver(bundle);
    const Classifier classifier(build_index(bundle.violation_types, {}, normalizer), resolver,
                                normalizer);
    // Both types' terms; the clause asking a department to act names the sector.
    const std::string plain = "工地包工头拖欠工资，还在河边偷倒渣土";
    const std::string addressed = plain + "，请劳动监察部门查处";
    const auto p = classifier.score(plain);
    const auto a = classifier.score(addressed);
    ASSERT_FALSE(a.types.empty());
    EXPECT_EQ(a.types.front().violation_type, "wage-arrears");
    EXPECT_TRUE(a.addressed);
    EXPECT_THAT(a.types.front().matched_terms, ::testing::Contains("劳动监察"));
    // The margin compares the evidence of the terms alone.
    EXPECT_LT(a.margin(), a.types.front().score - a.reject);
    EXPECT_FALSE(p.addressed);
}

}  // namespace
}  // namespace lawlist::classify
