#include "lawlist/classify/index.hpp"

#include <algorithm>
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

IndexRows build_index(const std::vector<model::ViolationType>& types,
                      const text::Normalizer& normalizer) {
    IndexRows rows;
    for (const auto& type : types) {
        std::set<std::u32string> terms;
        terms.insert(normalizer.normalize(type.name));
        for (const auto& alias : type.aliases) {
            terms.insert(normalizer.normalize(alias));
        }
        TypeEntry entry;
        entry.violation_type = type.id;
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
        rows.types.push_back(std::move(entry));
    }
    std::sort(rows.types.begin(), rows.types.end(),
              [](const auto& a, const auto& b) { return a.violation_type < b.violation_type; });
    return rows;
}

}  // namespace lawlist::classify
