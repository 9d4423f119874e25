#pragma once
// How Chinese characters sound, for matching what pinyin input typed wrong: grid workers type by
// sound, and the input method offers homophones (占到经营 for 占道经营, 建筑拉圾 for 建筑垃圾).
// Each Han character gets its toneless pinyin syllable (ICU's Han-Latin transliteration, which
// gives one reading per character); characters of one syllable share a sound code.

#include <cstdint>
#include <string>
#include <vector>

namespace lawlist::classify {

// The syllable of each of `chars` (Han characters; others are skipped): (character, syllable id)
// sorted by character, ids numbering the distinct syllables in their alphabetical order, so the
// same characters always give the same table. Throws lawlist::Error when ICU's transliterator
// cannot be built.
struct SoundTable {
    std::vector<std::uint32_t> chars;  // sorted
    std::vector<std::uint16_t> ids;    // the syllable of chars[i]
};
SoundTable sound_table(std::vector<char32_t> chars);

// The sound code of `c`: a private-use code point numbering its syllable, or `c` itself when the
// table does not hold it (so that other characters still match only themselves).
char32_t sound_of(const SoundTable& table, char32_t c);

// The sound code of every character of the Basic Multilingual Plane, by code point: sound_of
// for each, looked up without a search (a text's every character is looked up).
std::vector<char32_t> sounds_by_char(const SoundTable& table);

// Whether `c` is a Han character the table may hold.
bool is_han(char32_t c);

}  // namespace lawlist::classify
