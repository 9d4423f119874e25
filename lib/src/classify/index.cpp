#include "lawlist/classify/index.hpp"

#include <map>
#include <set>

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

std::string utf8(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
        text::append_utf8(out, cp);
    }
    return out;
}

}  // namespace

IndexRows build_index(const std::vector<model::ViolationType>& types,
                      const text::Normalizer& normalizer) {
    IndexRows rows;
    for (const auto& type : types) {
        std::set<std::u32string> terms;
        terms.insert(normalizer.normalize(type.name));
        for (const auto& alias : type.aliases) {
            terms.insert(normalizer.normalize(alias));
        }
        std::map<std::u32string, int> tf;
        for (const auto& term : terms) {
            if (term.empty()) {
                continue;
            }
            rows.terms.push_back({type.id, utf8(term)});
            for (const auto& bigram : bigrams(term)) {
                ++tf[bigram];
            }
        }
        for (const auto& [bigram, count] : tf) {
            rows.bigrams.push_back({utf8(bigram), type.id, count});
        }
    }
    return rows;
}

}  // namespace lawlist::classify
