#pragma once
// The classification index: the vocabulary's formal names and colloquial aliases, normalized, cut
// into character bigrams with their frequency per violation type. Built when a load carries
// vocabulary and stored in the database, so that classifying does not rebuild it.
//
// Why bigrams: Chinese has no spaces, and word segmenters split legal and colloquial terms apart
// (渣土, 采砂, 无证 become single characters); bigrams of the thesaurus aliases keep them whole and
// still give partial credit to typos and re-orderings.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lawlist/classify/sound.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/text/normalize.hpp"

namespace lawlist::classify {

using BigramCounts = std::vector<std::pair<std::uint64_t, int>>;  // (bigram_key, tf), by key

// The index entry of one violation type: its normalized terms (name and aliases), how often each
// bigram occurs in them, and how often in the type's example reports.
struct TypeEntry {
    std::string violation_type;
    std::string sector;
    std::vector<std::u32string> terms;
    BigramCounts bigrams;
    BigramCounts example_bigrams;
};

// The posting of one bigram in one document, its BM25 weight (with idf) precomputed.
struct Posting {
    std::uint32_t document;
    float weight;
};

// The index in the form the classifier reads: bigram keys sorted, each with its idf over the
// names and aliases and its postings in two BM25 collections, the names and aliases (document t
// is violation type t) and the example reports (documents from `types` on are the out-of-scope
// reports, ten to a document, so that they weigh like a type's ten examples); and the scope
// model (scope_model.hpp), a weight per key. Compiled at load time and stored as one blob: a
// classification reads it without rebuilding anything.
struct CompiledIndex {
    std::uint32_t types = 0;
    std::uint32_t documents = 0;  // types + out-of-scope documents
    std::vector<std::uint64_t> keys;
    std::vector<float> idf;
    std::vector<std::uint32_t> alias_begin;  // per key, into alias_postings; one more at the end
    std::vector<Posting> alias_postings;
    std::vector<std::uint32_t> example_begin;
    std::vector<Posting> example_postings;
    // The scope model: how much each key speaks for a report being out of scope, and the bias;
    // empty when there were no out-of-scope reports to learn from.
    std::vector<float> scope_weight;
    std::vector<float> cue_weight;  // per cue (cues.hpp), in their order
    float scope_bias = 0;
    // The sound of every Han character of the keys (sound.hpp), for matching homophones.
    SoundTable sound;
    // Each type's terms (its normalized name and aliases, sorted, without repeats) laid out for
    // the classifier, which reads them as they are: type t's terms are term_begin[t] up to
    // term_begin[t + 1]; term k's characters are term_chars[char_begin[k]..char_begin[k + 1]),
    // the keys of its consecutive bigrams term_keys[bigram_begin[k]..bigram_begin[k + 1]), with
    // their idf (term_idf) and the same bigrams by sound (term_sounds).
    std::vector<std::uint32_t> term_begin;
    std::vector<std::uint32_t> char_begin;
    std::vector<char32_t> term_chars;
    std::vector<std::uint32_t> bigram_begin;
    std::vector<std::uint64_t> term_keys;
    std::vector<float> term_idf;
    std::vector<std::uint64_t> term_sounds;

    // One term of the table above, viewed in place.
    struct Term {
        std::u32string_view text;
        std::span<const std::uint64_t> bigrams;
        std::span<const float> idf;
        std::span<const std::uint64_t> sounds;
    };
    Term term(std::size_t k) const;

    // The position of `key` in `keys`, or keys.size().
    std::size_t find(std::uint64_t key) const;

    // A byte image, little-endian on every host (so a database moves between machines), and
    // back; from_bytes throws std::runtime_error on an image it cannot read.
    std::string to_bytes() const;
    static CompiledIndex from_bytes(std::string_view bytes);
    // Whether `bytes` is an image of the format this version writes (a database upgrade compiles
    // the index anew when it is not).
    static bool is_current(std::string_view bytes);
};

// The distinct bigram keys of one report, sorted, then its cues (scope_model.hpp's cue_key).
using ReportBigrams = std::vector<std::uint64_t>;

// What build_index gives compile. As a database keeps it (from_stored), each type has its id and
// sector but no terms: the compiled index carries them.
struct IndexRows {
    std::vector<TypeEntry> types;              // by violation type id
    std::vector<BigramCounts> reject_bigrams;  // the out-of-scope documents
    // Each report on its own, which the scope model learns from: the types' examples (in scope)
    // and the out-of-scope reports.
    std::vector<ReportBigrams> in_scope_reports;
    std::vector<ReportBigrams> out_of_scope_reports;
    std::optional<CompiledIndex> compiled;  // as stored; compile(*this) when absent
};

// The index as a database keeps it, little-endian on every host: a head (the types' ids and
// sectors, the counts, the scope model's cue weights and bias, the sound table), one part per
// bigram key (its idf, scope weight and postings) and one per type (its terms, keyed by the type's
// position), so that a classification of one text reads the parts of its bigrams and of its
// candidate types, not the whole index.
struct StoredIndex {
    std::string head;
    std::vector<std::pair<std::int64_t, std::string>> bigrams;  // by key, ascending
    std::vector<std::pair<std::int64_t, std::string>> terms;    // by type position, ascending
};

// The stored form of `rows`, compiled from them when they have no compiled index.
StoredIndex to_stored(const IndexRows& rows);
// Back: the types' ids and sectors and a compiled index holding the bigrams and terms of the parts
// given (every part: the whole index; a bigram without a part is left out, a type without one has
// no terms). Throws std::runtime_error on an image it cannot read, or one of another format.
IndexRows from_stored(const StoredIndex& stored);
// The terms of the types whose parts are given, laid out as in a compiled index of `types` types
// (every other type has none); only the term fields are filled.
CompiledIndex terms_from_stored(std::uint32_t types,
                                const std::vector<std::pair<std::int64_t, std::string>>& parts);

// The format of the compiled index this version writes (CompiledIndex::to_bytes); a database
// built by a version writing another one must be compiled anew.
std::uint32_t index_format();

// The BM25 statistics and postings of `rows`.
CompiledIndex compile(const IndexRows& rows);

// A bigram's two code points packed in 64 bits: (first << 32) | second.
inline std::uint64_t bigram_key(char32_t first, char32_t second) {
    return (static_cast<std::uint64_t>(first) << 32) | static_cast<std::uint64_t>(second);
}

// Whether a bigram is no evidence of a violation on its own: everyday words, courtesy, numerals,
// the names of agencies. A matched stretch of a term made only of such bigrams counts nothing.
bool no_evidence(std::uint64_t key);

// Normalizes the names, aliases and examples of `types` and the out-of-scope reports, and
// counts their bigrams.
IndexRows build_index(const std::vector<model::ViolationType>& types,
                      const std::vector<std::string>& out_of_scope,
                      const text::Normalizer& normalizer);

// The bigrams of normalized text, in order, not spanning separators.
std::vector<std::u32string> bigrams(const std::u32string& normalized);

}  // namespace lawlist::classify
