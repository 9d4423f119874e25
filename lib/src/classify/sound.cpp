#include "lawlist/classify/sound.hpp"

#include <algorithm>
#include <map>

#include "lawlist/text/latin.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::classify {
namespace {

// Sound codes lie in Supplementary Private Use Area-A, which normalized text never holds.
constexpr char32_t k_sound_base = 0xF0000;

// The toneless syllable of each of `chars`, in order ("" when ICU gives none).
std::vector<std::string> syllables(const std::vector<char32_t>& chars) {
    std::vector<std::string> out;
    out.reserve(chars.size());
    for (const char32_t c : chars) {
        std::string latin = text::han_latin(text::encode(std::u32string(1, c)));
        std::erase_if(latin, [](char ch) { return ch < 'a' || ch > 'z'; });
        out.push_back(latin);
    }
    return out;
}

}  // namespace

std::vector<char32_t> sounds_by_char(const SoundTable& table) {
    std::vector<char32_t> out(0x10000);
    for (char32_t c = 0; c < out.size(); ++c) {
        out[c] = c;
    }
    for (std::size_t i = 0; i < table.chars.size() && table.chars[i] < out.size(); ++i) {
        out[table.chars[i]] = k_sound_base + table.ids[i];
    }
    return out;
}

bool is_han(char32_t c) {
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x20000 && c <= 0x3134F);
}

SoundTable sound_table(std::vector<char32_t> chars) {
    std::erase_if(chars, [](char32_t c) { return !is_han(c); });
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    const std::vector<std::string> latin = syllables(chars);
    std::map<std::string, std::uint16_t> ids;
    for (const auto& s : latin) {
        if (!s.empty()) {
            ids.emplace(s, 0);
        }
    }
    std::uint16_t next = 0;
    for (auto& [s, id] : ids) {
        id = next++;
    }
    SoundTable table;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        if (!latin[i].empty()) {
            table.chars.push_back(static_cast<std::uint32_t>(chars[i]));
            table.ids.push_back(ids.at(latin[i]));
        }
    }
    return table;
}

char32_t sound_of(const SoundTable& table, char32_t c) {
    const auto it =
        std::lower_bound(table.chars.begin(), table.chars.end(), static_cast<std::uint32_t>(c));
    if (it == table.chars.end() || *it != static_cast<std::uint32_t>(c)) {
        return c;
    }
    return k_sound_base + table.ids[static_cast<std::size_t>(it - table.chars.begin())];
}

}  // namespace lawlist::classify
