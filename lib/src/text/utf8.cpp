#include "lawlist/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace lawlist::text {
namespace {

// Decodes one sequence at s[i]; returns its length, or 0 when it is invalid.
std::size_t decode_one(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        const std::size_t len = decode_one(s, i, cp);
        if (len == 0) {
            return i;
        }
        i += len;
    }
    return std::nullopt;
}

std::size_t decode_next(std::string_view s, std::size_t i, char32_t& cp) {
    const std::size_t len = decode_one(s, i, cp);
    if (len == 0) {
        cp = U'\uFFFD';
        return 1;
    }
    return len;
}

std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        i += decode_next(s, i, cp);
        out.push_back(cp);
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t count_code_points(std::string_view s, std::size_t byte_offset) {
    byte_offset = std::min(byte_offset, s.size());
    std::size_t count = 0;
    for (std::size_t i = 0; i < byte_offset; ++i) {
        // Every byte that is not a continuation byte starts a code point.
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

int display_width(char32_t cp) {
    // Zero-width: combining marks, zero-width space/joiners, variation selectors.
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF) {
        return 0;
    }
    // East Asian Wide (W) and Fullwidth (F) ranges that occur in practice.
    static constexpr std::array<std::pair<char32_t, char32_t>, 14> k_wide = {{
        {0x1100, 0x115F},    // Hangul Jamo
        {0x2E80, 0x303E},    // CJK radicals, Kangxi, CJK symbols and punctuation
        {0x3041, 0x33FF},    // Kana, Bopomofo, CJK compatibility
        {0x3400, 0x4DBF},    // CJK extension A
        {0x4E00, 0x9FFF},    // CJK unified ideographs
        {0xA000, 0xA4CF},    // Yi
        {0xAC00, 0xD7A3},    // Hangul syllables
        {0xF900, 0xFAFF},    // CJK compatibility ideographs
        {0xFE30, 0xFE4F},    // CJK compatibility forms
        {0xFF00, 0xFF60},    // Fullwidth forms
        {0xFFE0, 0xFFE6},    // Fullwidth signs
        {0x1F300, 0x1F64F},  // Emoji
        {0x1F900, 0x1F9FF},  // Supplemental symbols
        {0x20000, 0x3FFFD},  // CJK extensions B and later
    }};
    for (const auto& [lo, hi] : k_wide) {
        if (cp >= lo && cp <= hi) {
            return 2;
        }
    }
    return 1;
}

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (char32_t cp : decode(s)) {
        width += static_cast<std::size_t>(display_width(cp));
    }
    return width;
}

std::string encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : s) {
        append_utf8(out, cp);
    }
    return out;
}

std::string sanitize(std::string_view s) {
    return encode(decode(s));
}

std::string visible(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : decode(s)) {
        if (cp < 0x20) {
            cp += 0x2400;  // the Control Pictures block: U+2400 ␀ … U+241F ␟
        } else if (cp == 0x7f) {
            cp = 0x2421;  // ␡
        } else if (cp >= 0x80 && cp < 0xa0) {
            cp = 0xfffd;
        }
        append_utf8(out, cp);
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::u32string x = decode(a);
    const std::u32string y = decode(b);
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[y.size()];
}

std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit) {
    const std::size_t budget = std::max<std::size_t>(2, decode(word).size() / 3);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& candidate : candidates) {
        const std::size_t d = edit_distance(word, candidate);
        if (d <= budget) {
            scored.emplace_back(d, candidate);
        }
    }
    std::sort(scored.begin(), scored.end());
    scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < limit; ++i) {
        out.push_back(scored[i].second);
    }
    return out;
}

std::string chinese_number(int n) {
    static constexpr std::array<const char*, 10> k_digits = {"零", "一", "二", "三", "四",
                                                             "五", "六", "七", "八", "九"};
    static constexpr std::array<const char*, 4> k_units = {"", "十", "百", "千"};
    if (n <= 0 || n > 9999) {
        return std::to_string(n);
    }
    std::array<int, 4> digit{};  // digit[k] is the 10^k digit
    for (int k = 0, v = n; k < 4; ++k, v /= 10) {
        digit[static_cast<std::size_t>(k)] = v % 10;
    }
    int top = 3;
    while (digit[static_cast<std::size_t>(top)] == 0) {
        --top;
    }
    std::string out;
    bool pending_zero = false;
    for (int k = top; k >= 0; --k) {
        const int d = digit[static_cast<std::size_t>(k)];
        if (d == 0) {
            pending_zero = !out.empty();
            continue;
        }
        if (pending_zero) {
            out += k_digits[0];
            pending_zero = false;
        }
        // 十 alone, not 一十, when it leads: 十二, but 一百一十二.
        if (!(d == 1 && k == 1 && k == top)) {
            out += k_digits[static_cast<std::size_t>(d)];
        }
        out += k_units[static_cast<std::size_t>(k)];
    }
    return out;
}

}  // namespace lawlist::text
