#pragma once
// Word lists written as UTF-8 literals, decoded once for matching against normalized text, and
// found in a text in one pass.

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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

// Where phrases occur in a text: every occurrence of every phrase (overlapping ones too), found
// in one pass over the text rather than one search per phrase. Phrases are numbered in the order
// given; the phrases must outlive the finder.
class PhraseFinder {
  public:
    // (phrase number, position), by phrase then position.
    using Occurrences = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

    explicit PhraseFinder(const std::vector<std::u32string_view>& phrases) {
        for (std::uint32_t n = 0; n < phrases.size(); ++n) {
            m_by_first[phrases[n].front()].emplace_back(n, phrases[n]);
        }
    }

    // The phrases of `groups` (each cue's phrases, each department's names), numbered group by
    // group in their order.
    template <class Group>
    static PhraseFinder of_groups(const std::vector<Group>& groups,
                                  std::vector<std::u32string> Group::*phrases_of) {
        std::vector<std::u32string_view> phrases;
        for (const Group& group : groups) {
            const auto& own = group.*phrases_of;
            phrases.insert(phrases.end(), own.begin(), own.end());
        }
        return PhraseFinder(phrases);
    }

    Occurrences find_all(std::u32string_view text) const {
        Occurrences out;
        for (std::uint32_t at = 0; at < text.size(); ++at) {
            const auto starting = m_by_first.find(text[at]);
            if (starting == m_by_first.end()) {
                continue;
            }
            for (const auto& [n, phrase] : starting->second) {
                if (text.substr(at, phrase.size()) == phrase) {
                    out.emplace_back(n, at);
                }
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    // The positions of phrase `n` in what find_all gave, ascending.
    static std::span<const std::pair<std::uint32_t, std::uint32_t>> of(const Occurrences& found,
                                                                       std::uint32_t n) {
        const auto first =
            std::lower_bound(found.begin(), found.end(), std::pair{n, std::uint32_t{0}});
        auto last = first;
        while (last != found.end() && last->first == n) {
            ++last;
        }
        return {first, last};
    }

  private:
    std::unordered_map<char32_t, std::vector<std::pair<std::uint32_t, std::u32string_view>>>
        m_by_first;
};

}  // namespace lawlist::classify
