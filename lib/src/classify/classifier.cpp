#include "lawlist/classify/classifier.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "lawlist/text/utf8.hpp"

namespace lawlist::classify {
namespace {

constexpr double k_k1 = 1.2;  // BM25 term-frequency saturation
constexpr double k_b = 0.75;  // BM25 length normalization
// How much the bag-of-bigrams score counts beside the evidence of whole stretches of terms.
constexpr double k_bm25_share = 0.3;

// Bigrams of everyday Chinese that say nothing about a violation: function words, time, places
// and the pleasantries of hotline tickets. A thesaurus alias may contain them (小区里养鸡), but
// finding them in a report is no evidence; their weight is cut to a tenth.
std::uint64_t key(char32_t a, char32_t b);

const std::unordered_set<std::uint64_t>& generic_bigrams() {
    static const std::unordered_set<std::uint64_t> set = [] {
        std::unordered_set<std::uint64_t> out;
        for (const char* word :
             {"一个", "有人", "我们", "你们", "他们", "这个",   "那个", "没有", "不是",   "就是",
              "还有", "已经", "现在", "晚上", "今天", "昨天",   "上午", "下午", "天天",   "每天",
              "里面", "旁边", "门口", "家门", "小区", "区里",   "村里", "院里", "楼里",   "附近",
              "一直", "好几", "几个", "时候", "问题", "情况",   "反映", "麻烦", "谢谢",   "您好",
              "电话", "来电", "处理", "希望", "这样", "那样",   "什么", "怎么", "为什么", "知道",
              "看到", "看见", "听说", "说是", "一下", "一些",   "很多", "非常", "特别",   "经常",
              "老是", "总是", "还是", "但是", "因为", "所以",   "如果", "可以", "不能",   "不让",
              "人家", "别人", "大家", "自己", "那边", "这边",   "上面", "下面", "东头",   "西头",
              "对面", "后面", "前面", "个月", "一晚", "晚上还", "社区", "街道", "先生",   "女士",
              "师傅", "老板", "工人", "居民", "群众", "业主",   "村民", "市民"}) {
            const std::u32string w = text::decode(word);
            for (std::size_t i = 0; i + 1 < w.size(); ++i) {
                out.insert(key(w[i], w[i + 1]));
            }
        }
        return out;
    }();
    return set;
}

std::uint64_t key(char32_t a, char32_t b) {
    return bigram_key(a, b);
}

// Violation types whose term stretches are examined: the best by BM25.
constexpr std::size_t k_candidates = 60;

std::string utf8(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
        text::append_utf8(out, cp);
    }
    return out;
}

}  // namespace

Classifier::Classifier(const IndexRows& rows, const resolve::Resolver& resolver,
                       const text::Normalizer& normalizer)
    : m_resolver(resolver), m_normalizer(normalizer) {
    m_types.reserve(rows.types.size());
    m_terms.resize(rows.types.size());
    std::vector<double> length(rows.types.size(), 0);
    std::unordered_map<std::uint64_t, std::uint32_t> df;
    for (std::uint32_t t = 0; t < rows.types.size(); ++t) {
        m_types.push_back(rows.types[t].violation_type);
        for (const auto& [k, tf] : rows.types[t].bigrams) {
            length[t] += tf;
            ++df[k];
        }
    }
    const double n = static_cast<double>(m_types.size());
    double total = 0;
    for (double l : length) {
        total += l;
    }
    const double average = n > 0 ? std::max(1.0, total / n) : 1.0;
    m_idf.reserve(df.size());
    m_postings.reserve(df.size());
    for (const auto& [k, count] : df) {
        m_idf[k] = std::log(1.0 + (n - count + 0.5) / (count + 0.5)) *
                   (generic_bigrams().contains(k) ? 0.1 : 1.0);
    }
    for (std::uint32_t t = 0; t < rows.types.size(); ++t) {
        for (const auto& [k, tf] : rows.types[t].bigrams) {
            const double w = m_idf.at(k);
            const double f = tf;
            const double bm25 =
                w * f * (k_k1 + 1) / (f + k_k1 * (1 - k_b + k_b * length[t] / average));
            m_postings[k].push_back({t, static_cast<float>(bm25)});
        }
        for (const auto& text : rows.types[t].terms) {
            Term term;
            term.text = text;
            for (std::size_t i = 0; i + 1 < text.size(); ++i) {
                const std::uint64_t k = key(text[i], text[i + 1]);
                const auto it = m_idf.find(k);
                term.bigrams.push_back(k);
                term.idf.push_back(it == m_idf.end() ? 0.0F : static_cast<float>(it->second));
            }
            m_terms[t].push_back(std::move(term));
        }
    }
}

std::vector<ScoredType> Classifier::score(const std::string& input) const {
    const std::u32string q = m_normalizer.normalize(text::sanitize(input));
    // Where each bigram of the text occurs (bigrams do not span separators).
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> positions;
    for (std::size_t i = 0; i + 1 < q.size(); ++i) {
        if (q[i] != text::k_separator && q[i + 1] != text::k_separator) {
            positions[key(q[i], q[i + 1])].push_back(static_cast<std::uint32_t>(i));
        }
    }
    std::vector<double> bm25(m_types.size(), 0);
    std::vector<std::uint32_t> touched;
    for (const auto& [k, where] : positions) {  // distinct query bigrams
        const auto it = m_postings.find(k);
        if (it == m_postings.end()) {
            continue;
        }
        for (const auto& p : it->second) {
            if (bm25[p.type] == 0) {
                touched.push_back(p.type);
            }
            bm25[p.type] += p.weight;
        }
    }
    // Stretch evidence is computed for the strongest candidates only.
    if (touched.size() > k_candidates) {
        std::nth_element(touched.begin(), touched.begin() + k_candidates, touched.end(),
                         [&](auto a, auto b) { return bm25[a] > bm25[b]; });
        touched.resize(k_candidates);
    }
    std::vector<ScoredType> out;
    for (const std::uint32_t t : touched) {
        // For each term, the longest run of its consecutive bigrams found consecutively in the
        // text: run[p] is the length of the run ending at text position p.
        std::vector<std::pair<double, std::u32string>> evidence;
        for (const auto& term : m_terms[t]) {
            // (text position, run length) of the runs ending at the previous and current bigram.
            std::vector<std::pair<std::uint32_t, std::uint32_t>> previous, current;
            std::uint32_t best = 0;
            std::size_t best_end = 0;
            for (std::size_t i = 0; i < term.bigrams.size(); ++i) {
                current.clear();
                const auto it = positions.find(term.bigrams[i]);
                if (it != positions.end()) {
                    for (const std::uint32_t p : it->second) {
                        std::uint32_t run = 1;
                        for (const auto& [q_pos, q_run] : previous) {
                            if (q_pos + 1 == p) {
                                run = q_run + 1;
                                break;
                            }
                        }
                        current.emplace_back(p, run);
                        if (run > best) {
                            best = run;
                            best_end = i;
                        }
                    }
                }
                std::swap(previous, current);
            }
            if (best == 0) {
                continue;
            }
            const std::size_t first = best_end + 1 - best;
            double weight = 0;
            for (std::size_t i = first; i <= best_end; ++i) {
                weight += term.idf[i];
            }
            const double coverage =
                static_cast<double>(best + 1) / static_cast<double>(term.text.size());
            evidence.emplace_back(weight * coverage, term.text.substr(first, best + 1));
        }
        std::sort(evidence.begin(), evidence.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first; });
        ScoredType s;
        s.violation_type = m_types[t];
        s.score = k_bm25_share * bm25[t];
        std::vector<std::u32string> kept;
        for (const auto& [weight, piece] : evidence) {
            const bool inside = std::any_of(kept.begin(), kept.end(), [&](const auto& k) {
                return k.find(piece) != std::u32string::npos;
            });
            if (inside) {
                continue;
            }
            if (kept.size() < 2) {
                s.score += weight;
            }
            kept.push_back(piece);
            s.matched_terms.push_back(utf8(piece));
        }
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const ScoredType& a, const ScoredType& b) {
        return a.score != b.score ? a.score > b.score : a.violation_type < b.violation_type;
    });
    return out;
}

const std::string& Classifier::sector_of(const std::string& violation_type) const {
    return m_resolver.violation_type(violation_type).sector;
}

Classification Classifier::classify(const std::string& input, const std::string& jurisdiction,
                                    std::size_t top, double threshold) const {
    Classification c;
    c.input = input;
    auto scored = score(input);
    if (scored.empty() || scored.front().score < threshold) {
        return c;
    }
    c.matched = true;
    for (std::size_t i = 0; i < scored.size() && c.matches.size() < top; ++i) {
        Match m;
        m.confidence = scored[i].score / (scored[i].score + threshold);
        m.resolution = m_resolver.resolve(jurisdiction, scored[i].violation_type);
        m.scored = std::move(scored[i]);
        c.matches.push_back(std::move(m));
    }
    return c;
}

nlohmann::ordered_json to_json(const Classification& c) {
    nlohmann::ordered_json matches = nlohmann::ordered_json::array();
    for (const auto& m : c.matches) {
        nlohmann::ordered_json r = resolve::to_json(m.resolution);
        nlohmann::ordered_json out;
        out["violation_type"] = r["violation_type"];
        out["sector"] = r["sector"];
        out["route"] = r["route"];
        out["handler"] = r["handler"];
        out["lead"] = r["lead"];
        out["cooperating"] = r["cooperating"];
        out["problem"] = r["problem"];
        out["items"] = r["items"];
        out["score"] = std::round(m.scored.score * 1000) / 1000;
        out["confidence"] = std::round(m.confidence * 1000) / 1000;
        out["matched_terms"] = m.scored.matched_terms;
        matches.push_back(std::move(out));
    }
    return {
        {"input", c.input}, {"status", c.matched ? "matched" : "unmatched"}, {"matches", matches}};
}

}  // namespace lawlist::classify
