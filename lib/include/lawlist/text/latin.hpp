#pragma once
// Chinese characters in Latin letters, through ICU's Han-Latin transliterator.

#include <string>
#include <string_view>

namespace lawlist::text {

// `utf8` with Han characters as their toneless pinyin syllables (separated by spaces), in ASCII
// lower case: 石河镇 → "shi he zhen". Throws lawlist::Error when ICU lacks the transliterator.
std::string han_latin(std::string_view utf8);

}  // namespace lawlist::text
