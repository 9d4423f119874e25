#include "lawlist/classify/index.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <span>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "lawlist/classify/cues.hpp"
#include "lawlist/classify/scope_model.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::classify {

std::vector<std::u32string> bigrams(const std::u32string& s) {
    std::vector<std::u32string> out;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] != text::k_separator && s[i + 1] != text::k_separator) {
            out.push_back(s.substr(i, 2));
        }
    }
    return out;
}

namespace {

// Out-of-scope reports per document: as many as a violation type has examples.
constexpr std::size_t k_reject_document = 10;

constexpr double k_k1 = 1.2;  // BM25 term-frequency saturation
constexpr double k_b = 0.75;  // BM25 length normalization

// Bigrams of everyday Chinese that say nothing about a violation: function words, time, places
// and the pleasantries of hotline tickets. A thesaurus alias may contain them (小区里养鸡), but
// finding them in a report is no evidence; their idf is cut to a tenth.
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
                out.insert(bigram_key(w[i], w[i + 1]));
            }
        }
        return out;
    }();
    return set;
}

// Bigrams of the forms of address and courtesy that open and close letters to a platform. Both
// kinds of message use them, but the vocabulary's in-scope examples are mostly written without
// them, so a scope model that saw them would learn that politeness means out of scope. They are
// left out of the reports it learns from, and so weigh nothing.
const std::unordered_set<std::uint64_t>& courtesy_bigrams() {
    static const std::unordered_set<std::uint64_t> set = [] {
        std::unordered_set<std::uint64_t> out;
        for (const char* phrase :
             {"尊敬的领导", "尊敬的县长", "尊敬的市长", "尊敬的书记", "领导您好", "领导好",
              "您好",       "你好",       "各位领导",   "谢谢您",     "谢谢",     "盼复",
              "盼回复",     "此致敬礼",   "百忙之中",   "万分感谢",   "不胜感激", "祝领导",
              "工作顺利",   "身体健康",   "打扰了",     "麻烦领导",   "辛苦了",   "期待您的回复",
              "给予关注",   "市长信箱",   "领导信箱"}) {
            const std::u32string w = text::decode(phrase);
            for (std::size_t i = 0; i + 1 < w.size(); ++i) {
                out.insert(bigram_key(w[i], w[i + 1]));
            }
        }
        return out;
    }();
    return set;
}

// Bigrams that are no evidence of any violation on their own: numerals, and the names of the
// agencies a message may mention in passing (城管, 环保局, 派出所...).
const std::unordered_set<std::uint64_t>& agency_and_numeral_bigrams() {
    static const std::unordered_set<std::uint64_t> set = [] {
        std::unordered_set<std::uint64_t> out;
        const std::u32string numerals =
            text::decode("零〇一二三四五六七八九十百千万两几半0123456789");
        for (const char32_t a : numerals) {
            for (const char32_t b : numerals) {
                out.insert(bigram_key(a, b));
            }
        }
        for (const char* name :
             {"城管局",       "城管部门", "城管执法", "综合执法", "执法局",     "执法队",
              "执法大队",     "执法中队", "执法部门", "环保局",   "环保部门",   "生态环境局",
              "派出所",       "公安局",   "公安机关", "交警队",   "交警部门",   "市场监管局",
              "市场监管部门", "监管部门", "住建局",   "住建部门", "人社局",     "人社部门",
              "劳动监察大队", "卫健局",   "卫健委",   "卫生部门", "教育局",     "教育部门",
              "农业农村局",   "农业部门", "林业局",   "林业部门", "水利局",     "水利部门",
              "自然资源局",   "国土部门", "交通局",   "交通部门", "应急管理局", "应急部门",
              "消防救援大队", "消防部门", "文旅局",   "文化部门", "民宗局",     "宗教部门",
              "有关部门",     "相关部门", "政府部门", "镇政府",   "乡政府",     "街道办",
              "居委会",       "村委会",   "12345",    "热线"}) {
            const std::u32string w = text::decode(name);
            for (std::size_t i = 0; i + 1 < w.size(); ++i) {
                out.insert(bigram_key(w[i], w[i + 1]));
            }
        }
        return out;
    }();
    return set;
}

// One BM25 collection: its documents' bigram counts, as postings per bigram and the idf of each.
struct Collection {
    std::map<std::uint64_t, std::vector<Posting>> postings;
    std::unordered_map<std::uint64_t, double> idf;
};

Collection bm25(const std::vector<const BigramCounts*>& documents) {
    Collection c;
    std::vector<double> length(documents.size(), 0);
    std::unordered_map<std::uint64_t, std::uint32_t> df;
    double total = 0;
    double nonempty = 0;
    for (std::size_t d = 0; d < documents.size(); ++d) {
        for (const auto& [k, tf] : *documents[d]) {
            length[d] += tf;
            ++df[k];
        }
        total += length[d];
        nonempty += length[d] > 0 ? 1 : 0;
    }
    const double average = nonempty > 0 ? std::max(1.0, total / nonempty) : 1.0;
    for (const auto& [k, count] : df) {
        c.idf[k] = std::log(1.0 + (nonempty - count + 0.5) / (count + 0.5)) *
                   (generic_bigrams().contains(k) ? 0.1 : 1.0);
    }
    for (std::size_t d = 0; d < documents.size(); ++d) {
        for (const auto& [k, tf] : *documents[d]) {
            const double f = tf;
            const double w =
                c.idf.at(k) * f * (k_k1 + 1) / (f + k_k1 * (1 - k_b + k_b * length[d] / average));
            c.postings[k].push_back({static_cast<std::uint32_t>(d), static_cast<float>(w)});
        }
    }
    return c;
}

// The image is little-endian whatever the host: each value is written as its bytes in that order.
// On a little-endian host that is the memory layout, copied whole; elsewhere each 4- or 8-byte
// word is reversed (a Posting is two 4-byte words).
template <typename T>
constexpr std::size_t k_word = std::is_same_v<T, Posting> ? 4 : sizeof(T);

[[maybe_unused]] void reverse_words(char* data, std::size_t bytes, std::size_t word) {
    for (std::size_t at = 0; at + word <= bytes; at += word) {
        std::reverse(data + at, data + at + word);
    }
}

template <typename T>
void put_raw(std::string& out, const T* values, std::size_t count) {
    static_assert(std::is_trivially_copyable_v<T> && sizeof(T) % k_word<T> == 0);
    if (count == 0) {
        return;
    }
    const std::size_t at = out.size();
    out.append(reinterpret_cast<const char*>(values), count * sizeof(T));
    if constexpr (std::endian::native != std::endian::little) {
        reverse_words(out.data() + at, count * sizeof(T), k_word<T>);
    }
}

template <typename T>
void get_raw(std::string_view& in, T* values, std::size_t count) {
    if (count > in.size() / sizeof(T)) {
        throw std::runtime_error("classification index: truncated");
    }
    if (count == 0) {
        return;  // an empty vector's data() may be null, which memcpy must not get
    }
    std::memcpy(values, in.data(), count * sizeof(T));
    if constexpr (std::endian::native != std::endian::little) {
        reverse_words(reinterpret_cast<char*>(values), count * sizeof(T), k_word<T>);
    }
    in.remove_prefix(count * sizeof(T));
}

template <typename T>
void put(std::string& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    put_raw(out, &n, 1);
    put_raw(out, v.data(), v.size());
}

template <typename T>
void get(std::string_view& in, std::vector<T>& v) {
    std::uint64_t n = 0;
    get_raw(in, &n, 1);
    if (n > in.size() / sizeof(T)) {
        throw std::runtime_error("classification index: truncated");
    }
    v.resize(n);
    get_raw(in, v.data(), v.size());
}

template <typename Char>
void put_string(std::string& out, std::basic_string_view<Char> text) {
    const std::uint64_t n = text.size();
    put_raw(out, &n, 1);
    put_raw(out, text.data(), text.size());
}

template <typename Char>
std::basic_string<Char> get_string(std::string_view& in) {
    std::uint64_t n = 0;
    get_raw(in, &n, 1);
    if (n > in.size() / sizeof(Char)) {
        throw std::runtime_error("classification index: truncated");
    }
    std::basic_string<Char> out(n, Char{});
    get_raw(in, out.data(), out.size());
    return out;
}

constexpr std::uint32_t k_magic = 0x4C4C4349;  // 'LLCI'
// 2: the scope model; 3: its cues; 4: the sound table; 5: the terms laid out for the classifier;
// 6: stored in parts (a head, a part per bigram and per type)
constexpr std::uint32_t k_format = 6;

// The bigram keys of each of `texts`, normalized once, in text order (repeats kept), and the cue
// keys of each (cue_key), by cue.
struct TextKeys {
    std::vector<std::vector<std::uint64_t>> bigrams;
    std::vector<std::vector<std::uint64_t>> cues;
};

TextKeys bigram_keys(const std::vector<std::string>& texts, const text::Normalizer& normalizer) {
    TextKeys out;
    out.bigrams.reserve(texts.size());
    out.cues.reserve(texts.size());
    for (const auto& t : texts) {
        const std::u32string normalized = normalizer.normalize(t);
        std::vector<std::uint64_t> keys;
        for (const auto& b : bigrams(normalized)) {
            keys.push_back(bigram_key(b[0], b[1]));
        }
        out.bigrams.push_back(std::move(keys));
        std::vector<std::uint64_t> found;
        for (const FoundCue& c : find_cues(normalized)) {
            found.push_back(cue_key(c.cue));
        }
        out.cues.push_back(std::move(found));
    }
    return out;
}

// How often each bigram occurs in `reports` together.
BigramCounts count_bigrams(std::span<const std::vector<std::uint64_t>> reports) {
    std::map<std::uint64_t, int> tf;
    for (const auto& keys : reports) {
        for (const std::uint64_t k : keys) {
            ++tf[k];
        }
    }
    return {tf.begin(), tf.end()};
}

// The distinct bigrams of one report but those of courtesy, then its cues.
ReportBigrams distinct(std::vector<std::uint64_t> keys, const std::vector<std::uint64_t>& cues) {
    std::erase_if(keys, [](std::uint64_t k) { return courtesy_bigrams().contains(k); });
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    keys.insert(keys.end(), cues.begin(), cues.end());
    return keys;
}

}  // namespace

IndexRows build_index(const std::vector<model::ViolationType>& types,
                      const std::vector<std::string>& out_of_scope,
                      const text::Normalizer& normalizer) {
    IndexRows rows;
    const TextKeys rejected = bigram_keys(out_of_scope, normalizer);
    const auto& reports = rejected.bigrams;
    for (std::size_t i = 0; i < reports.size(); i += k_reject_document) {
        rows.reject_bigrams.push_back(count_bigrams(
            std::span(reports).subspan(i, std::min(k_reject_document, reports.size() - i))));
    }
    for (std::size_t i = 0; i < reports.size(); ++i) {
        rows.out_of_scope_reports.push_back(distinct(reports[i], rejected.cues[i]));
    }
    for (const auto& type : types) {
        std::set<std::u32string> terms;
        terms.insert(normalizer.normalize(type.name));
        for (const auto& alias : type.aliases) {
            terms.insert(normalizer.normalize(alias));
        }
        TypeEntry entry;
        entry.violation_type = type.id;
        entry.sector = type.sector;
        std::map<std::uint64_t, int> tf;
        for (const auto& term : terms) {
            if (term.empty()) {
                continue;
            }
            entry.terms.push_back(term);
            for (const auto& b : bigrams(term)) {
                ++tf[bigram_key(b[0], b[1])];
            }
        }
        entry.bigrams.assign(tf.begin(), tf.end());
        const TextKeys examples = bigram_keys(type.examples, normalizer);
        entry.example_bigrams = count_bigrams(examples.bigrams);
        rows.types.push_back(std::move(entry));
        for (std::size_t i = 0; i < examples.bigrams.size(); ++i) {
            rows.in_scope_reports.push_back(distinct(examples.bigrams[i], examples.cues[i]));
        }
    }
    std::sort(rows.types.begin(), rows.types.end(),
              [](const auto& a, const auto& b) { return a.violation_type < b.violation_type; });
    return rows;
}

CompiledIndex compile(const IndexRows& rows) {
    std::vector<const BigramCounts*> aliases;
    std::vector<const BigramCounts*> examples;
    for (const auto& t : rows.types) {
        aliases.push_back(&t.bigrams);
        examples.push_back(&t.example_bigrams);
    }
    for (const auto& r : rows.reject_bigrams) {
        examples.push_back(&r);
    }
    const Collection a = bm25(aliases);
    const Collection e = bm25(examples);
    CompiledIndex out;
    out.types = static_cast<std::uint32_t>(rows.types.size());
    out.documents = static_cast<std::uint32_t>(examples.size());
    std::vector<std::uint64_t> keys;
    for (const auto& [k, p] : a.postings) {
        keys.push_back(k);
    }
    for (const auto& [k, p] : e.postings) {
        keys.push_back(k);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    out.keys = keys;
    out.alias_begin.push_back(0);
    out.example_begin.push_back(0);
    for (const std::uint64_t k : keys) {
        const auto ai = a.postings.find(k);
        if (ai != a.postings.end()) {
            out.alias_postings.insert(out.alias_postings.end(), ai->second.begin(),
                                      ai->second.end());
        }
        const auto ei = e.postings.find(k);
        if (ei != e.postings.end()) {
            out.example_postings.insert(out.example_postings.end(), ei->second.begin(),
                                        ei->second.end());
        }
        out.alias_begin.push_back(static_cast<std::uint32_t>(out.alias_postings.size()));
        out.example_begin.push_back(static_cast<std::uint32_t>(out.example_postings.size()));
        const auto idf = a.idf.find(k);
        out.idf.push_back(idf == a.idf.end() ? 0.0F : static_cast<float>(idf->second));
    }
    ScopeModel scope =
        train_scope_model(rows.in_scope_reports, rows.out_of_scope_reports, out.keys);
    out.scope_weight = std::move(scope.weight);
    out.cue_weight = std::move(scope.cue_weight);
    out.scope_bias = scope.bias;
    std::vector<char32_t> chars;
    for (const std::uint64_t k : out.keys) {
        chars.push_back(static_cast<char32_t>(k >> 32));
        chars.push_back(static_cast<char32_t>(k & 0xFFFFFFFF));
    }
    out.sound = sound_table(std::move(chars));
    // The terms as the classifier walks them, so that reading the index builds nothing per type.
    out.term_begin.push_back(0);
    out.char_begin.push_back(0);
    out.bigram_begin.push_back(0);
    for (const auto& type : rows.types) {
        std::vector<std::u32string> terms = type.terms;
        std::sort(terms.begin(), terms.end());  // code point order: the order of UTF-8
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        for (const auto& text : terms) {
            out.term_chars.insert(out.term_chars.end(), text.begin(), text.end());
            for (std::size_t i = 0; i + 1 < text.size(); ++i) {
                const std::uint64_t k = bigram_key(text[i], text[i + 1]);
                const std::size_t at = out.find(k);
                out.term_keys.push_back(k);
                out.term_idf.push_back(at == out.keys.size() ? 0.0F : out.idf[at]);
                out.term_sounds.push_back(
                    bigram_key(sound_of(out.sound, text[i]), sound_of(out.sound, text[i + 1])));
            }
            out.char_begin.push_back(static_cast<std::uint32_t>(out.term_chars.size()));
            out.bigram_begin.push_back(static_cast<std::uint32_t>(out.term_keys.size()));
        }
        out.term_begin.push_back(static_cast<std::uint32_t>(out.char_begin.size() - 1));
    }
    return out;
}

CompiledIndex::Term CompiledIndex::term(std::size_t k) const {
    const std::size_t chars = char_begin[k];
    const std::size_t first = bigram_begin[k];
    const std::size_t bigrams = bigram_begin[k + 1] - first;
    return {std::u32string_view(term_chars.data() + chars, char_begin[k + 1] - chars),
            std::span(term_keys).subspan(first, bigrams),
            std::span(term_idf).subspan(first, bigrams),
            std::span(term_sounds).subspan(first, bigrams)};
}

std::uint32_t index_format() {
    return k_format;
}

bool no_evidence(std::uint64_t key) {
    // One set of the three: the classifier asks this of every bigram of every stretch found.
    static const std::unordered_set<std::uint64_t> all = [] {
        std::unordered_set<std::uint64_t> out = generic_bigrams();
        out.insert(courtesy_bigrams().begin(), courtesy_bigrams().end());
        out.insert(agency_and_numeral_bigrams().begin(), agency_and_numeral_bigrams().end());
        return out;
    }();
    return all.contains(key);
}

std::size_t CompiledIndex::find(std::uint64_t key) const {
    const auto it = std::lower_bound(keys.begin(), keys.end(), key);
    return it != keys.end() && *it == key ? static_cast<std::size_t>(it - keys.begin())
                                          : keys.size();
}

std::string CompiledIndex::to_bytes() const {
    std::string out;
    const std::uint32_t header[] = {k_magic, k_format, types, documents};
    put_raw(out, header, 4);
    put(out, keys);
    put(out, idf);
    put(out, alias_begin);
    put(out, alias_postings);
    put(out, example_begin);
    put(out, example_postings);
    put(out, scope_weight);
    put(out, cue_weight);
    put_raw(out, &scope_bias, 1);
    put(out, sound.chars);
    put(out, sound.ids);
    put(out, term_begin);
    put(out, char_begin);
    put(out, term_chars);
    put(out, bigram_begin);
    put(out, term_keys);
    put(out, term_idf);
    put(out, term_sounds);
    return out;
}

bool CompiledIndex::is_current(std::string_view in) {
    std::uint32_t header[2] = {};
    if (in.size() < sizeof header) {
        return false;
    }
    get_raw(in, header, 2);
    return header[0] == k_magic && header[1] == k_format;
}

CompiledIndex CompiledIndex::from_bytes(std::string_view in) {
    std::uint32_t header[4] = {};
    get_raw(in, header, 4);
    if (header[0] != k_magic || header[1] != k_format) {
        throw std::runtime_error(
            "classification index: of another format; run lawlist upgrade or reload the "
            "vocabulary");
    }
    CompiledIndex c;
    c.types = header[2];
    c.documents = header[3];
    get(in, c.keys);
    get(in, c.idf);
    get(in, c.alias_begin);
    get(in, c.alias_postings);
    get(in, c.example_begin);
    get(in, c.example_postings);
    get(in, c.scope_weight);
    get(in, c.cue_weight);
    get_raw(in, &c.scope_bias, 1);
    get(in, c.sound.chars);
    get(in, c.sound.ids);
    get(in, c.term_begin);
    get(in, c.char_begin);
    get(in, c.term_chars);
    get(in, c.bigram_begin);
    get(in, c.term_keys);
    get(in, c.term_idf);
    get(in, c.term_sounds);
    const std::size_t n = c.keys.size();
    // Every term has one bigram fewer than characters (none when it has one).
    const std::size_t terms = c.char_begin.empty() ? 0 : c.char_begin.size() - 1;
    bool terms_consistent =
        c.term_begin.size() == c.types + 1 && c.term_begin.front() == 0 &&
        c.term_begin.back() == terms && c.bigram_begin.size() == terms + 1 &&
        c.char_begin.front() == 0 && c.char_begin.back() == c.term_chars.size() &&
        c.bigram_begin.front() == 0 && c.bigram_begin.back() == c.term_keys.size() &&
        c.term_idf.size() == c.term_keys.size() && c.term_sounds.size() == c.term_keys.size() &&
        std::is_sorted(c.term_begin.begin(), c.term_begin.end());
    for (std::size_t k = 0; k < terms && terms_consistent; ++k) {
        const std::size_t chars = c.char_begin[k + 1] - c.char_begin[k];
        terms_consistent = c.char_begin[k + 1] >= c.char_begin[k] && chars > 0 &&
                           c.bigram_begin[k + 1] - c.bigram_begin[k] == chars - 1;
    }
    const bool consistent = in.empty() && terms_consistent && c.idf.size() == n &&
                            c.alias_begin.size() == n + 1 && c.example_begin.size() == n + 1 &&
                            (c.scope_weight.empty() || c.scope_weight.size() == n) &&
                            (c.cue_weight.empty() || c.cue_weight.size() == cues().size()) &&
                            c.sound.chars.size() == c.sound.ids.size() &&
                            std::is_sorted(c.sound.chars.begin(), c.sound.chars.end()) &&
                            std::is_sorted(c.alias_begin.begin(), c.alias_begin.end()) &&
                            std::is_sorted(c.example_begin.begin(), c.example_begin.end()) &&
                            c.alias_begin.front() == 0 && c.example_begin.front() == 0 &&
                            c.alias_begin.back() == c.alias_postings.size() &&
                            c.example_begin.back() == c.example_postings.size() &&
                            std::all_of(c.alias_postings.begin(), c.alias_postings.end(),
                                        [&](const Posting& p) { return p.document < c.types; }) &&
                            std::all_of(c.example_postings.begin(), c.example_postings.end(),
                                        [&](const Posting& p) { return p.document < c.documents; });
    if (!consistent) {
        throw std::runtime_error("classification index: inconsistent image");
    }
    return c;
}

namespace {

using Parts = std::vector<std::pair<std::int64_t, std::string>>;

void check(bool consistent) {
    if (!consistent) {
        throw std::runtime_error("classification index: inconsistent image");
    }
}

template <typename T>
T get_one(std::string_view& in) {
    T value{};
    get_raw(in, &value, 1);
    return value;
}

// Whether `parts` are in ascending key order, each key once.
bool ascending(const Parts& parts) {
    return std::adjacent_find(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
               return a.first >= b.first;
           }) == parts.end();
}

}  // namespace

StoredIndex to_stored(const IndexRows& rows) {
    const CompiledIndex compiled = rows.compiled ? *rows.compiled : compile(rows);
    StoredIndex out;
    const std::uint64_t types = rows.types.size();
    put_raw(out.head, &types, 1);
    for (const auto& entry : rows.types) {
        put_string(out.head, std::string_view(entry.violation_type));
        put_string(out.head, std::string_view(entry.sector));
    }
    const std::uint32_t header[] = {k_magic, k_format, compiled.types, compiled.documents,
                                    compiled.scope_weight.empty() ? 0U : 1U};
    put_raw(out.head, header, 5);
    put(out.head, compiled.cue_weight);
    put_raw(out.head, &compiled.scope_bias, 1);
    put(out.head, compiled.sound.chars);
    put(out.head, compiled.sound.ids);
    for (std::size_t at = 0; at < compiled.keys.size(); ++at) {
        std::string part;
        const float weights[] = {compiled.idf[at],
                                 compiled.scope_weight.empty() ? 0.0F : compiled.scope_weight[at]};
        put_raw(part, weights, 2);
        for (const auto& [begin, postings] :
             {std::pair(&compiled.alias_begin, &compiled.alias_postings),
              std::pair(&compiled.example_begin, &compiled.example_postings)}) {
            const std::uint64_t n = (*begin)[at + 1] - (*begin)[at];
            put_raw(part, &n, 1);
            put_raw(part, postings->data() + (*begin)[at], n);
        }
        out.bigrams.emplace_back(static_cast<std::int64_t>(compiled.keys[at]), std::move(part));
    }
    for (std::uint32_t t = 0; t < compiled.types; ++t) {
        std::string part;
        const std::uint64_t terms = compiled.term_begin[t + 1] - compiled.term_begin[t];
        put_raw(part, &terms, 1);
        for (std::size_t k = compiled.term_begin[t]; k < compiled.term_begin[t + 1]; ++k) {
            const CompiledIndex::Term term = compiled.term(k);
            put_string(part, term.text);
            put_raw(part, term.bigrams.data(), term.bigrams.size());
            put_raw(part, term.idf.data(), term.idf.size());
            put_raw(part, term.sounds.data(), term.sounds.size());
        }
        out.terms.emplace_back(t, std::move(part));
    }
    return out;
}

CompiledIndex terms_from_stored(std::uint32_t types, const Parts& parts) {
    check(ascending(parts) &&
          (parts.empty() || (parts.front().first >= 0 && parts.back().first < types)));
    CompiledIndex c;
    c.term_begin.reserve(types + 1);
    c.term_begin.push_back(0);
    c.char_begin.push_back(0);
    c.bigram_begin.push_back(0);
    auto part = parts.begin();
    for (std::uint32_t t = 0; t < types; ++t) {
        if (part != parts.end() && part->first == t) {
            std::string_view in = part->second;
            const auto terms = get_one<std::uint64_t>(in);
            check(terms <= in.size());
            for (std::uint64_t k = 0; k < terms; ++k) {
                const std::u32string text = get_string<char32_t>(in);
                check(!text.empty());
                const std::size_t bigrams = text.size() - 1;
                c.term_chars.insert(c.term_chars.end(), text.begin(), text.end());
                const std::size_t first = c.term_keys.size();
                c.term_keys.resize(first + bigrams);
                get_raw(in, c.term_keys.data() + first, bigrams);
                c.term_idf.resize(first + bigrams);
                get_raw(in, c.term_idf.data() + first, bigrams);
                c.term_sounds.resize(first + bigrams);
                get_raw(in, c.term_sounds.data() + first, bigrams);
                c.char_begin.push_back(static_cast<std::uint32_t>(c.term_chars.size()));
                c.bigram_begin.push_back(static_cast<std::uint32_t>(c.term_keys.size()));
            }
            check(in.empty());
            ++part;
        }
        c.term_begin.push_back(static_cast<std::uint32_t>(c.char_begin.size() - 1));
    }
    return c;
}

IndexRows from_stored(const StoredIndex& stored) {
    IndexRows rows;
    std::string_view in = stored.head;
    const auto types = get_one<std::uint64_t>(in);
    if (types > in.size()) {
        throw std::runtime_error("classification index: truncated");
    }
    rows.types.resize(types);
    for (auto& entry : rows.types) {
        entry.violation_type = get_string<char>(in);
        entry.sector = get_string<char>(in);
    }
    std::uint32_t header[5] = {};
    get_raw(in, header, 5);
    if (header[0] != k_magic || header[1] != k_format) {
        throw std::runtime_error(
            "classification index: of another format; run lawlist upgrade or reload the "
            "vocabulary");
    }
    check(header[2] == types && header[3] >= header[2]);
    CompiledIndex c = terms_from_stored(header[2], stored.terms);
    c.types = header[2];
    c.documents = header[3];
    const bool scope_model = header[4] != 0;
    get(in, c.cue_weight);
    get_raw(in, &c.scope_bias, 1);
    get(in, c.sound.chars);
    get(in, c.sound.ids);
    check(in.empty() && (c.cue_weight.empty() || c.cue_weight.size() == cues().size()) &&
          c.sound.chars.size() == c.sound.ids.size() &&
          std::is_sorted(c.sound.chars.begin(), c.sound.chars.end()) && ascending(stored.bigrams));
    c.alias_begin.push_back(0);
    c.example_begin.push_back(0);
    for (const auto& [key, bytes] : stored.bigrams) {
        std::string_view part = bytes;
        float weights[2] = {};
        get_raw(part, weights, 2);
        c.keys.push_back(static_cast<std::uint64_t>(key));
        c.idf.push_back(weights[0]);
        if (scope_model) {
            c.scope_weight.push_back(weights[1]);
        }
        for (const auto& [begin, postings, documents] :
             {std::tuple(&c.alias_begin, &c.alias_postings, c.types),
              std::tuple(&c.example_begin, &c.example_postings, c.documents)}) {
            const auto n = get_one<std::uint64_t>(part);
            check(n <= part.size() / sizeof(Posting));
            const std::size_t first = postings->size();
            postings->resize(first + n);
            get_raw(part, postings->data() + first, n);
            check(std::all_of(postings->begin() + static_cast<std::ptrdiff_t>(first),
                              postings->end(),
                              [documents](const Posting& p) { return p.document < documents; }));
            begin->push_back(static_cast<std::uint32_t>(postings->size()));
        }
        check(part.empty());
    }
    rows.compiled = std::move(c);
    return rows;
}

}  // namespace lawlist::classify
