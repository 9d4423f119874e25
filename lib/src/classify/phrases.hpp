#pragma once
// Word lists written as UTF-8 literals, decoded once for matching against normalized text.

#include <initializer_list>
#include <string>
#include <vector>

#include "lawlist/text/utf8.hpp"

namespace lawlist::classify {

inline std::vector<std::u32string> decoded(std::initializer_list<const char*> words) {
    std::vector<std::u32string> out;
    for (const char* w : words) {
        out.push_back(text::decode(w));
    }
    return out;
}

}  // namespace lawlist::classify
