#include "lawlist/classify/classifier.hpp"

#include <algorithm>
#include <bitset>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>

#include "lawlist/classify/agencies.hpp"
#include "lawlist/classify/cues.hpp"
#include "lawlist/classify/scope_model.hpp"
#include "lawlist/classify/sound.hpp"
#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::classify {
namespace {

// How much the bag-of-bigrams scores count beside the evidence of whole stretches of terms: over
// the names and aliases, and over the example reports.
constexpr double k_bm25_share = 0.3;
constexpr double k_examples_share = 0.3;

// Violation types whose term stretches are examined: the best by BM25.
constexpr std::size_t k_candidates = 60;

// The bigrams shown for a text that reads out of scope.
constexpr std::size_t k_scope_terms = 5;

// A stretch found only by sound (a homophone typed for a character of the term) counts this
// share of what the same stretch found by characters would.
constexpr double k_sound_share = 0.9;
// ...and only when it spans three characters or more and holds a bigram of the term as written:
// two characters alike by sound, or a stretch alike only by sound, are too often another word.
constexpr std::uint32_t k_sound_min_bigrams = 2;

constexpr double k_nothing = -std::numeric_limits<double>::infinity();

// What a department the text asks to act adds to each type of its sector: enough to decide
// between the types found (a letter's background often holds a stronger stretch of another
// sector's term), too little to make a match of a text without one. Chosen on the tuning sets
// against 15, 20 and 45 (README, "On realistic messages").
constexpr double k_agency_weight = 30;
// What asking a department to enforce (请环保部门查一查) takes off the scope log-odds: a
// complaint about someone, not a request for oneself. Chosen on the tuning sets against 3, 4
// and 6.
constexpr double k_enforce_weight = 5;

}  // namespace

double Scores::margin() const {
    return types.empty() ? k_nothing : strongest - reject;
}

double Scores::scope_against_match() const {
    return scope - k_scope_match_weight * std::log1p(std::max(margin(), 0.0));
}

double sector_lead(const Scores& scores) {
    if (scores.types.empty()) {
        return 0;
    }
    const ScoredType& best = scores.types.front();
    return best.score - std::max(scores.reject, scores.best_other_sector);
}

ConfidenceFeatures confidence_features(double margin, double scope, double lead,
                                       std::size_t bigrams, bool addressed, double reject) {
    ConfidenceFeatures f;
    f.length = std::log(static_cast<double>(std::max<std::size_t>(bigrams, 1)));
    f.margin = std::log1p(std::max(0.0, margin));
    f.scope = std::isfinite(scope) ? std::clamp(scope, -10.0, 10.0) : -10.0;
    f.sector_lead = std::log1p(std::max(0.0, lead));
    f.letter_length = std::max(0.0, f.length - std::log(static_cast<double>(k_letter_bigrams)));
    f.addressed = addressed ? 1.0 : 0.0;
    f.reject = std::log1p(std::max(0.0, reject));
    return f;
}

double confidence(const ConfidenceModel& model, const ConfidenceFeatures& f) {
    const double z = model.bias + model.margin * f.margin + model.scope * f.scope +
                     model.sector_lead * f.sector_lead + model.length * f.length +
                     model.letter_length * f.letter_length + model.addressed * f.addressed +
                     model.reject * f.reject;
    return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0)));
}

std::string_view to_string(Unmatched reason) {
    switch (reason) {
        case Unmatched::weak:
            return "weak";
        case Unmatched::out_of_scope:
            return "out_of_scope";
        case Unmatched::no:
            break;
    }
    return "";
}

Classifier::Classifier(IndexRows rows, const resolve::Resolver& resolver,
                       const text::Normalizer& normalizer)
    : Classifier(std::move(rows), normalizer) {
    m_resolver = &resolver;
}

Classifier::Classifier(IndexRows rows, const text::Normalizer& normalizer)
    : m_resolver(nullptr),
      m_normalizer(normalizer),
      m_index(rows.compiled ? std::move(*rows.compiled) : compile(rows)),
      m_sounds(sounds_by_char(m_index.sound)) {
    if (m_index.types != rows.types.size()) {
        throw std::runtime_error("classification index: does not match the vocabulary");
    }
    m_types.reserve(rows.types.size());
    m_sectors.reserve(rows.types.size());
    for (auto& type : rows.types) {
        m_types.push_back(std::move(type.violation_type));
        m_sectors.push_back(std::move(type.sector));
    }
    if (!std::is_sorted(m_types.begin(), m_types.end())) {
        throw std::runtime_error("classification index: types out of order");
    }
}

Classifier::Classifier(IndexRows rows, const text::Normalizer& normalizer, TermReader read_terms)
    : Classifier(std::move(rows), normalizer) {
    m_read_terms = std::move(read_terms);
}

Scores Classifier::score(const std::string& input) const {
    const std::u32string q = m_normalizer.normalize(text::sanitize(input));
    // Where each bigram of the text occurs (bigrams do not span separators), sorted by bigram:
    // a text has a few dozen, which a binary search finds faster than a hash map.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> occurrences;
    for (std::size_t i = 0; i + 1 < q.size(); ++i) {
        if (q[i] != text::k_separator && q[i + 1] != text::k_separator) {
            occurrences.emplace_back(bigram_key(q[i], q[i + 1]), static_cast<std::uint32_t>(i));
        }
    }
    std::sort(occurrences.begin(), occurrences.end());
    // The same by sound: each character replaced by the code of its syllable (sound.hpp).
    std::vector<std::pair<std::uint64_t, std::uint32_t>> sound_occurrences;
    {
        std::u32string sounds(q.size(), U' ');
        for (std::size_t i = 0; i < q.size(); ++i) {
            sounds[i] = q[i] < m_sounds.size() ? m_sounds[q[i]] : sound_of(m_index.sound, q[i]);
        }
        for (std::size_t i = 0; i + 1 < q.size(); ++i) {
            if (q[i] != text::k_separator && q[i + 1] != text::k_separator) {
                sound_occurrences.emplace_back(bigram_key(sounds[i], sounds[i + 1]),
                                               static_cast<std::uint32_t>(i));
            }
        }
        std::sort(sound_occurrences.begin(), sound_occurrences.end());
    }
    std::vector<std::uint64_t> distinct;
    for (const auto& [k, p] : occurrences) {
        if (distinct.empty() || distinct.back() != k) {
            distinct.push_back(k);
        }
    }
    // A bit per hash of the text's bigrams: most bigrams of the candidates' terms are not in the
    // text, and a bit test says so without a search. 2^16 bits keep a letter's few hundred
    // bigrams from setting more than one bit in a hundred.
    using BigramBits = std::bitset<1U << 16>;
    BigramBits present;
    auto bit = [](std::uint64_t k) {
        return static_cast<std::size_t>((k * 0x9e3779b97f4a7c15ULL) >> 48);
    };
    BigramBits sound_present;
    for (const std::uint64_t k : distinct) {
        present.set(bit(k));
    }
    for (const auto& [k, p] : sound_occurrences) {
        sound_present.set(bit(k));
    }
    // The positions of bigram `k` in `in` (occurrences or sound_occurrences), ascending.
    using Occurrences = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
    auto positions_in = [&bit](const Occurrences& in, const BigramBits& there, std::uint64_t k) {
        if (!there.test(bit(k))) {
            return std::pair{in.end(), in.end()};
        }
        const auto first = std::lower_bound(
            in.begin(), in.end(), k,
            [](const auto& occurrence, std::uint64_t key) { return occurrence.first < key; });
        auto last = first;
        while (last != in.end() && last->first == k) {
            ++last;
        }
        return std::pair{first, last};
    };
    // BM25 over the names and aliases and over the example reports; the documents past the
    // types are the out-of-scope reports.
    std::vector<double> bm25(m_types.size(), 0);
    std::vector<double> examples(m_index.documents, 0);
    std::vector<std::uint32_t> touched;
    std::vector<char> seen(m_types.size(), 0);
    auto touch = [&](std::uint32_t t) {
        if (!seen[t]) {
            seen[t] = 1;
            touched.push_back(t);
        }
    };
    // The scope model's sum, and the bigrams that weigh for out of scope.
    double scope_sum = 0;
    std::vector<std::pair<float, std::uint64_t>> scope_evidence;
    // (An index read for one text may hold none of its bigrams: the cue weights say whether it
    // has a scope model.)
    const bool scope_model = !m_index.cue_weight.empty();
    // Both ascend: each bigram is sought past the one before it.
    auto key = m_index.keys.begin();
    for (const std::uint64_t k : distinct) {
        key = std::lower_bound(key, m_index.keys.end(), k);
        if (key == m_index.keys.end()) {
            break;
        }
        if (*key != k) {
            continue;
        }
        const auto at = static_cast<std::size_t>(key - m_index.keys.begin());
        if (scope_model) {
            const float w = m_index.scope_weight[at];
            scope_sum += w;
            if (w > 0) {
                scope_evidence.emplace_back(w, k);
            }
        }
        for (std::uint32_t p = m_index.alias_begin[at]; p < m_index.alias_begin[at + 1]; ++p) {
            const Posting& posting = m_index.alias_postings[p];
            touch(posting.document);
            bm25[posting.document] += posting.weight;
        }
        for (std::uint32_t p = m_index.example_begin[at]; p < m_index.example_begin[at + 1]; ++p) {
            const Posting& posting = m_index.example_postings[p];
            if (posting.document < m_types.size()) {
                touch(posting.document);
            }
            examples[posting.document] += posting.weight;
        }
    }
    Scores result;
    result.bigrams = distinct.size();
    for (std::size_t d = m_types.size(); d < examples.size(); ++d) {
        result.reject = std::max(result.reject, k_examples_share * examples[d]);
    }
    // Cues count whole; a bigram's weight is shared among the text's bigrams (scope_model.hpp).
    const double bigram_scale = scope_log_odds(1.0, distinct.size(), 0.0, 0.0F);
    std::vector<std::pair<double, std::u32string>> scope_named;
    for (const auto& [w, k] : scope_evidence) {
        scope_named.emplace_back(
            w * bigram_scale,
            std::u32string{static_cast<char32_t>(k >> 32), static_cast<char32_t>(k & 0xFFFFFFFF)});
    }
    double cue_sum = 0;
    if (scope_model && !m_index.cue_weight.empty()) {
        for (FoundCue& found : find_cues(q)) {
            if (found.discounted) {
                continue;  // e.g. 请问 in 请问他这样养狗合法吗: a complaint that asks
            }
            const float w = m_index.cue_weight[found.cue];
            cue_sum += w;
            if (w > 0) {
                // A phrase ending in a separator (吗 at the end of a clause) is shown without it.
                if (!found.phrase.empty() && found.phrase.back() == text::k_separator) {
                    found.phrase.pop_back();
                }
                scope_named.emplace_back(w, std::move(found.phrase));
            }
        }
    }
    result.scope = scope_model
                       ? scope_log_odds(scope_sum, distinct.size(), cue_sum, m_index.scope_bias)
                       : k_nothing;
    std::stable_sort(scope_named.begin(), scope_named.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < scope_named.size() && i < k_scope_terms; ++i) {
        result.scope_terms.push_back(text::encode(scope_named[i].second));
    }
    for (std::size_t t = 0; t < m_types.size(); ++t) {
        bm25[t] = k_bm25_share * bm25[t] + k_examples_share * examples[t];
    }
    // Stretch evidence is computed for the strongest candidates only.
    if (touched.size() > k_candidates) {
        std::nth_element(touched.begin(), touched.begin() + k_candidates, touched.end(),
                         [&](auto a, auto b) { return bm25[a] > bm25[b]; });
        touched.resize(k_candidates);
    }
    // The candidates' terms: in the index, or read now for an index read for one text.
    const std::optional<CompiledIndex> read =
        m_read_terms ? std::optional(m_read_terms(touched)) : std::nullopt;
    const CompiledIndex& terms = read ? *read : m_index;
    std::vector<ScoredType>& out = result.types;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> previous, current;
    // The longest run of consecutive bigrams of `keys` found consecutively in `in`: its length
    // in bigrams (0: none), the index in `keys` of its last bigram, and the text position of it.
    struct Run {
        std::uint32_t length = 0;
        std::size_t end = 0;
        std::uint32_t position = 0;
    };
    auto longest_run = [&](std::span<const std::uint64_t> keys, const Occurrences& in,
                           const BigramBits& there) {
        // (text position, run length) of the runs ending at the previous and current bigram.
        previous.clear();
        Run best;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            current.clear();
            const auto [from, to] = positions_in(in, there, keys[i]);
            // Both lists ascend by position: one merge finds each run's predecessor, linear
            // in the occurrences (a bigram may occur thousands of times in a long text).
            auto prev = previous.begin();
            for (auto o = from; o != to; ++o) {
                const std::uint32_t p = o->second;
                while (prev != previous.end() && prev->first + 1 < p) {
                    ++prev;
                }
                const std::uint32_t run =
                    prev != previous.end() && prev->first + 1 == p ? prev->second + 1 : 1;
                current.emplace_back(p, run);
                if (run > best.length) {
                    best = {run, i, p};
                }
            }
            std::swap(previous, current);
        }
        return best;
    };
    // Reused from candidate to candidate: a text examines some sixty.
    // Stretches are views of the text or of the terms, which outlive them.
    std::vector<std::pair<double, std::u32string_view>> evidence;
    std::vector<std::u32string_view> kept;
    for (const std::uint32_t t : touched) {
        // For each term, the longest run of its consecutive bigrams found consecutively in the
        // text; where the characters fall short, by sound.
        evidence.clear();
        for (std::size_t k = terms.term_begin[t]; k < terms.term_begin[t + 1]; ++k) {
            const CompiledIndex::Term term = terms.term(k);
            // Most terms of a candidate share no bigram with the text, by characters or by
            // sound: one look at both bit sets says so before any run is sought.
            bool heard_or_seen = false;
            for (std::size_t i = 0; i < term.bigrams.size() && !heard_or_seen; ++i) {
                heard_or_seen =
                    present.test(bit(term.bigrams[i])) || sound_present.test(bit(term.sounds[i]));
            }
            if (!heard_or_seen) {
                continue;
            }
            Run run = longest_run(term.bigrams, occurrences, present);
            double share = 1.0;
            std::u32string_view piece;
            // Sound is tried only when a bigram of the term is in the text by sound alone.
            bool by_sound = false;
            if (run.length < term.bigrams.size()) {
                for (std::size_t i = 0; i < term.bigrams.size() && !by_sound; ++i) {
                    by_sound = sound_present.test(bit(term.sounds[i])) &&
                               term.sounds[i] != term.bigrams[i] &&
                               !present.test(bit(term.bigrams[i]));
                }
            }
            if (by_sound) {
                const Run heard = longest_run(term.sounds, sound_occurrences, sound_present);
                // The stretch by sound, trimmed to begin and end with characters typed as the
                // term writes them: a homophone typed inside a term, not a word that happens to
                // sound like the term's edge (规划区内违 for 规划区内未).
                std::size_t first = heard.end + 1 - heard.length;  // term characters
                std::size_t last = heard.end + 1;
                std::size_t at = heard.position + 1 - heard.length;  // text position of `first`
                while (heard.length > 0 && first < last && q[at] != term.text[first]) {
                    ++first;
                    ++at;
                }
                while (heard.length > 0 && last > first &&
                       q[at + (last - first)] != term.text[last]) {
                    --last;
                }
                // It must still hold a bigram of the term as written.
                bool anchored = false;
                for (std::size_t i = first; i < last && !anchored; ++i) {
                    anchored = q[at + (i - first)] == term.text[i] &&
                               q[at + (i - first) + 1] == term.text[i + 1];
                }
                const auto length = static_cast<std::uint32_t>(last - first);
                if (heard.length > 0 && anchored && length > run.length &&
                    length >= k_sound_min_bigrams) {
                    run = {length, last - 1, static_cast<std::uint32_t>(at + length - 1)};
                    share = k_sound_share;
                    // What was typed, as the evidence shown.
                    piece = std::u32string_view(q).substr(at, length + 1);
                }
            }
            if (run.length == 0) {
                continue;
            }
            const std::size_t first = run.end + 1 - run.length;
            double weight = 0;
            for (std::size_t i = first; i <= run.end; ++i) {
                weight += term.idf[i];
            }
            const double coverage =
                static_cast<double>(run.length + 1) / static_cast<double>(term.text.size());
            if (piece.empty()) {
                piece = term.text.substr(first, run.length + 1);
            }
            evidence.emplace_back(share * weight * coverage, piece);
        }
        std::sort(evidence.begin(), evidence.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first; });
        ScoredType s;
        s.violation_type = m_types[t];
        s.score = bm25[t];
        kept.clear();
        // A stretch made only of bigrams that are no evidence (一个, 十二, 城管) counts nothing.
        std::erase_if(evidence, [](const auto& e) {
            const std::u32string_view piece = e.second;
            for (std::size_t i = 0; i + 1 < piece.size(); ++i) {
                if (!no_evidence(bigram_key(piece[i], piece[i + 1]))) {
                    return false;
                }
            }
            return true;
        });
        for (const auto& [weight, piece] : evidence) {
            // Not captured by name: clang before 16 cannot capture a structured binding.
            const std::u32string_view found = piece;
            const bool inside = std::any_of(kept.begin(), kept.end(), [&found](const auto& k) {
                return k.find(found) != std::u32string_view::npos;
            });
            if (inside) {
                continue;
            }
            if (kept.size() < 2) {
                s.score += weight;
            }
            kept.push_back(piece);
            s.matched_terms.push_back(text::encode(piece));
        }
        out.push_back(std::move(s));
    }
    for (const ScoredType& s : out) {
        result.strongest = std::max(result.strongest, s.score);
    }
    // A department the text asks to act speaks for the types of its sector.
    const std::vector<AddressedAgency> addressed = addressed_agencies(q);
    if (std::any_of(addressed.begin(), addressed.end(), [](const auto& a) { return a.enforce; })) {
        result.scope -= k_enforce_weight;
    }
    for (const AddressedAgency& agency : addressed) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (m_sectors[touched[i]] == agency.sector) {
                out[i].score += k_agency_weight;
                out[i].matched_terms.push_back(text::encode(agency.name));
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const ScoredType& a, const ScoredType& b) {
        return a.score != b.score ? a.score > b.score : a.violation_type < b.violation_type;
    });
    if (!out.empty()) {
        const std::string& sector = sector_of(out.front().violation_type);
        result.addressed = std::any_of(addressed.begin(), addressed.end(),
                                       [&sector](const auto& a) { return a.sector == sector; });
        for (std::size_t i = 1; i < out.size(); ++i) {
            if (sector_of(out[i].violation_type) != sector) {
                result.best_other_sector = out[i].score;
                break;
            }
        }
    }
    return result;
}

const std::string& Classifier::sector_of(const std::string& violation_type) const {
    const auto it = std::lower_bound(m_types.begin(), m_types.end(), violation_type);
    if (it == m_types.end() || *it != violation_type) {
        throw Error("unknown violation type '" + violation_type + "'");
    }
    return m_sectors[static_cast<std::size_t>(it - m_types.begin())];
}

Classification Classifier::classify(const std::string& input, const std::string& jurisdiction,
                                    std::size_t top, const Thresholds& thresholds) const {
    if (!m_resolver) {
        throw std::logic_error("classifier: built without a resolver");
    }
    Classification c = classify(input, top, thresholds);
    for (auto& m : c.matches) {
        m.resolution = m_resolver->resolve(jurisdiction, m.scored.violation_type);
    }
    return c;
}

Classification Classifier::classify(const std::string& input, std::size_t top,
                                    const Thresholds& thresholds) const {
    Classification c;
    c.input = text::sanitize(input);  // printable by every output
    Scores scores = score(c.input);
    if (scores.scope_against_match() > thresholds.scope) {
        c.unmatched = Unmatched::out_of_scope;
        c.out_of_scope_terms = std::move(scores.scope_terms);
        return c;
    }
    if (scores.types.empty() || scores.margin() < thresholds.margin) {
        c.unmatched = Unmatched::weak;
        return c;
    }
    c.matched = true;
    c.unmatched = Unmatched::no;

    auto& types = scores.types;
    const double lead = sector_lead(scores);
    for (std::size_t i = 0; i < types.size() && c.matches.size() < top; ++i) {
        Match m;
        // The best match leads the other sectors by `lead`; a lower match leads nothing.
        m.confidence = confidence(
            thresholds.confidence,
            confidence_features(scores.margin(types[i]), scores.scope, i == 0 ? lead : 0.0,
                                scores.bigrams, i == 0 && scores.addressed, scores.reject));
        if (i > 0) {
            m.confidence = std::min(m.confidence, c.matches.front().confidence);
        }
        m.review = m.confidence < k_review_below;
        m.scored = std::move(types[i]);
        c.matches.push_back(std::move(m));
    }
    return c;
}

nlohmann::ordered_json to_json(const Classification& c) {
    nlohmann::ordered_json matches = nlohmann::ordered_json::array();
    for (const auto& m : c.matches) {
        nlohmann::ordered_json r = resolve::to_json(m.resolution);
        nlohmann::ordered_json out;
        out["violation_type"] = std::move(r["violation_type"]);
        out["sector"] = std::move(r["sector"]);
        out["route"] = std::move(r["route"]);
        out["handler"] = std::move(r["handler"]);
        out["lead"] = std::move(r["lead"]);
        out["cooperating"] = std::move(r["cooperating"]);
        out["problem"] = std::move(r["problem"]);
        out["items"] = std::move(r["items"]);
        out["score"] = std::round(m.scored.score * 1000) / 1000;
        out["confidence"] = std::round(m.confidence * 1000) / 1000;
        out["review"] = m.review;
        out["matched_terms"] = m.scored.matched_terms;
        matches.push_back(std::move(out));
    }
    nlohmann::ordered_json out;
    out["input"] = c.input;
    out["status"] = c.matched ? "matched" : "unmatched";
    out["matches"] = std::move(matches);
    if (!c.matched) {
        out["unmatched_reason"] = to_string(c.unmatched);
        out["out_of_scope_terms"] = c.out_of_scope_terms;
    }
    return out;
}

}  // namespace lawlist::classify
