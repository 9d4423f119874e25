#include "lawlist/import/citation.hpp"

#include <array>

#include "lawlist/text/utf8.hpp"

namespace lawlist::import_ {
namespace {

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00a0' || c == U'\r';
}

// What separates two citations in one cell.
bool is_separator(char32_t c) {
    return c == U'；' || c == U';' || c == U'\n' || c == U'、' || c == U'，' || c == U',' ||
           c == U'。' || c == U'/';
}

bool is_open_mark(char32_t c) {
    return c == U'《' || c == U'〈' || c == U'«';
}

char32_t close_mark(char32_t open) {
    return open == U'《' ? U'》' : open == U'〈' ? U'〉' : U'»';
}

bool is_open_paren(char32_t c) {
    return c == U'（' || c == U'(';
}

bool is_close_paren(char32_t c) {
    return c == U'）' || c == U')';
}

int chinese_digit(char32_t c) {
    switch (c) {
        case U'零':
        case U'〇':
            return 0;
        case U'一':
            return 1;
        case U'二':
        case U'两':
            return 2;
        case U'三':
            return 3;
        case U'四':
            return 4;
        case U'五':
            return 5;
        case U'六':
            return 6;
        case U'七':
            return 7;
        case U'八':
            return 8;
        case U'九':
            return 9;
        default:
            return -1;
    }
}

int chinese_unit(char32_t c) {
    return c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0;
}

bool is_numeral(char32_t c) {
    return (c >= U'0' && c <= U'9') || chinese_digit(c) >= 0 || chinese_unit(c) > 0;
}

// Words that carry no citation: 依据《…》第三条的规定, 第五条和第六条.
constexpr std::array<std::u32string_view, 20> k_fillers = {
    U"设定依据", U"实施依据", U"法律依据", U"相关规定", U"之规定", U"的规定", U"有关规定",
    U"规定",     U"依据",     U"根据",     U"依照",     U"按照",   U"参照",   U"以及",
    U"或者",     U"和",       U"及",       U"或",       U"等",     U"的"};

// The suffixes a law's name ends with when it is written without 《》.
constexpr std::array<std::u32string_view, 13> k_law_suffixes = {
    U"法",   U"法典", U"条例", U"规定", U"办法", U"细则", U"决定",
    U"规则", U"解释", U"意见", U"通知", U"准则", U"规范"};

bool ends_with(std::u32string_view s, std::u32string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::u32string_view trim(std::u32string_view s) {
    while (!s.empty() && (is_space(s.front()) || s.front() == U'：' || s.front() == U':')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// Full-width digits and letters to ASCII, so that one rule reads them all.
std::u32string prepare(std::string_view cell) {
    std::u32string s = text::decode(cell);
    for (auto& c : s) {
        if (c >= U'０' && c <= U'９') {
            c = U'0' + (c - U'０');
        }
    }
    return s;
}

class Scanner {
  public:
    explicit Scanner(std::u32string s) : m_s(std::move(s)) {}

    Citations run() {
        Citations out;
        while (true) {
            skip_separators();
            if (m_i >= m_s.size()) {
                break;
            }
            const std::size_t start = m_i;
            std::vector<model::LegalBasis> found;
            const bool ok = fragment(found);
            if (ok) {
                for (auto& basis : found) {
                    out.bases.push_back(std::move(basis));
                }
                continue;
            }
            // The fragment runs from its start to the next separator past where reading failed.
            while (m_i < m_s.size() && !is_separator(m_s[m_i])) {
                ++m_i;
            }
            const auto verbatim = trim(std::u32string_view(m_s).substr(start, m_i - start));
            if (!verbatim.empty()) {
                out.unparsed.push_back(text::encode(verbatim));
            }
        }
        return out;
    }

  private:
    std::u32string m_s;
    std::size_t m_i = 0;
    std::u32string m_law;  // the law of the citation before, for 第七十七条、第七十八条
    std::optional<int> m_article;
    std::optional<int> m_paragraph;

    bool at_end() const { return m_i >= m_s.size(); }
    char32_t peek(std::size_t ahead = 0) const {
        return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : U'\0';
    }
    bool looking_at(std::u32string_view word) const {
        return std::u32string_view(m_s).substr(m_i, word.size()) == word;
    }

    void skip_separators() {
        while (!at_end() && (is_separator(peek()) || is_space(peek()))) {
            ++m_i;
        }
    }

    void skip_spaces() {
        while (!at_end() && is_space(peek())) {
            ++m_i;
        }
    }

    bool skip_filler() {
        for (const auto word : k_fillers) {
            if (looking_at(word)) {
                m_i += word.size();
                return true;
            }
        }
        return false;
    }

    // A number, bare or in parentheses: 七十七, 77, （四）, (4).
    std::optional<int> number() {
        const std::size_t start = m_i;
        skip_spaces();
        const bool paren = is_open_paren(peek());
        if (paren) {
            ++m_i;
            skip_spaces();
        }
        const std::size_t digits = m_i;
        while (!at_end() && is_numeral(peek())) {
            ++m_i;
        }
        auto value = parse_number(std::u32string_view(m_s).substr(digits, m_i - digits));
        skip_spaces();
        if (paren) {
            if (!is_close_paren(peek())) {
                value.reset();
            } else {
                ++m_i;
                skip_spaces();
            }
        }
        if (!value || *value < 1) {
            m_i = start;
            return std::nullopt;
        }
        return value;
    }

    // A leading enumerator of a list of bases: 1. or （1） before a citation, or a number alone
    // between separators (1、《…》).
    void skip_enumerator() {
        const std::size_t start = m_i;
        if (!is_open_paren(peek()) && !(peek() >= U'0' && peek() <= U'9')) {
            return;
        }
        const bool paren = is_open_paren(peek());
        if (number()) {
            const char32_t next = peek();
            if (!paren && (next == U'.' || next == U'．' || is_close_paren(next))) {
                ++m_i;
                return;
            }
            if (next != U'条' && next != U'款' && next != U'项' &&
                (paren || at_end() || is_separator(next))) {
                return;
            }
        }
        m_i = start;
    }

    // 第N条, 第N款, 第N项 or （N）项 at the cursor, added to `found`.
    bool unit(std::vector<model::LegalBasis>& found) {
        const std::size_t start = m_i;
        if (peek() == U'第') {
            ++m_i;
        }
        const auto n = number();
        if (!n) {
            m_i = start;
            return false;
        }
        char32_t kind = peek();
        if (kind != U'条' && kind != U'款' && kind != U'项') {
            // 第（四）、（五）项: the 项 of a run of items comes after the last of them.
            // 第一款（四）: a number in parentheses ending the citation is its item.
            const bool closing = m_i > 0 && is_close_paren(m_s[m_i - 1]) &&
                                 (at_end() || is_separator(peek()) || is_space(peek()));
            if (!item_run_ahead() && !closing) {
                m_i = start;
                return false;
            }
            kind = U'项';
        } else {
            ++m_i;
        }
        if (kind == U'条') {
            if (m_law.empty() || (looking_at(U"之") && !looking_at(U"之规定"))) {
                return false;  // no law to cite, or 第二十条之一, which an integer cannot hold
            }
            found.push_back({text::encode(m_law), *n, std::nullopt, std::nullopt, std::nullopt});
            m_article = n;
            m_paragraph.reset();
        } else if (kind == U'款') {
            if (!found.empty() && !found.back().paragraph && !found.back().item) {
                found.back().paragraph = n;
            } else if (m_article && !m_law.empty()) {
                found.push_back({text::encode(m_law), *m_article, n, std::nullopt, std::nullopt});
            } else {
                return false;
            }
            m_paragraph = n;
        } else {
            if (!found.empty() && !found.back().item) {
                found.back().item = n;
            } else if (m_article && !m_law.empty()) {
                found.push_back({text::encode(m_law), *m_article, m_paragraph, n, std::nullopt});
            } else {
                return false;
            }
        }
        return true;
    }

    // Whether the cursor stands before 、（五）项 or 、（五）、（六）项.
    bool item_run_ahead() const {
        std::size_t j = m_i;
        bool number_seen = false;
        while (j < m_s.size()) {
            const char32_t c = m_s[j];
            if (c == U'项') {
                return number_seen;
            }
            if (is_numeral(c)) {
                number_seen = true;
            } else if (!(c == U'、' || is_open_paren(c) || is_close_paren(c) || is_space(c))) {
                return false;
            }
            ++j;
        }
        return false;
    }

    // An enumerator in the middle of a fragment: （2）《…》.
    bool skip_inner_enumerator() {
        const std::size_t start = m_i;
        if (number()) {
            skip_spaces();
            if (is_open_mark(peek())) {
                return true;
            }
        }
        m_i = start;
        return false;
    }

    // 《name》, with a note on the version after it skipped: 《土地管理法》（2019年修正）.
    bool marked_law() {
        const char32_t close = close_mark(peek());
        const auto end = m_s.find(close, m_i + 1);
        if (end == std::u32string::npos) {
            return false;
        }
        const auto name = trim(std::u32string_view(m_s).substr(m_i + 1, end - m_i - 1));
        if (name.empty()) {
            return false;
        }
        set_law(name);
        m_i = end + 1;
        if (is_open_paren(peek())) {
            const auto close_at = m_s.find_first_of(U"）)", m_i);
            if (close_at != std::u32string::npos) {
                const auto note = std::u32string_view(m_s).substr(m_i, close_at - m_i);
                if (note.find_first_of(U"年修版订") != std::u32string_view::npos) {
                    m_i = close_at + 1;
                }
            }
        }
        return true;
    }

    // A law named without 《》, running up to the 第 of its first article.
    bool bare_law() {
        auto end = m_i;
        while (end < m_s.size() && m_s[end] != U'第' && !is_separator(m_s[end]) &&
               !is_open_mark(m_s[end]) && m_s[end] != U'：' && m_s[end] != U':') {
            ++end;
        }
        if (end >= m_s.size() || m_s[end] != U'第') {
            return false;
        }
        auto name = trim(std::u32string_view(m_s).substr(m_i, end - m_i));
        bool law_like = false;
        for (const auto suffix : k_law_suffixes) {
            law_like = law_like || ends_with(name, suffix);
        }
        if (name.size() < 2 || !law_like) {
            return false;
        }
        set_law(name);
        m_i = end;
        return true;
    }

    void set_law(std::u32string_view name) {
        // 《条例》, 本法 after the full name in the same cell: the short name stands for it.
        std::u32string_view shortened = name;
        if (shortened.starts_with(U"本") || shortened.starts_with(U"该")) {
            shortened.remove_prefix(1);
        }
        const bool short_name = shortened.size() <= 2 && !m_law.empty() &&
                                ends_with(m_law, shortened) && m_law.size() > shortened.size();
        if (!short_name) {
            m_law = name;
        }
        m_article.reset();
        m_paragraph.reset();
    }

    // One fragment up to the next separator: citations into `found`; false when some part of it
    // cannot be read.
    bool fragment(std::vector<model::LegalBasis>& found) {
        bool named_law = false;
        skip_enumerator();
        while (true) {
            skip_spaces();
            if (at_end() || is_separator(peek())) {
                break;
            }
            if (skip_filler()) {
                continue;
            }
            const char32_t c = peek();
            if (is_open_mark(c)) {
                if (!marked_law()) {
                    return false;
                }
                named_law = true;
                continue;
            }
            if (c == U'第' || is_open_paren(c)) {
                if (!unit(found) && !(is_open_paren(c) && skip_inner_enumerator())) {
                    return false;
                }
                continue;
            }
            if ((c == U'：' || c == U':') && found.empty() && !named_law) {
                ++m_i;  // after a label: 设定依据：《…》
                continue;
            }
            if ((c == U'：' || c == U':') && !found.empty()) {
                // Quoted article text: skipped up to the next line or the next marked law.
                while (!at_end() && peek() != U'\n' && !is_open_mark(peek())) {
                    ++m_i;
                }
                break;
            }
            if (!bare_law()) {
                return false;
            }
            named_law = true;
        }
        // A law with no article cannot be cited.
        return !(named_law && found.empty());
    }
};

}  // namespace

std::optional<int> parse_number(std::u32string_view digits) {
    if (digits.empty() || digits.size() > 8) {
        return std::nullopt;
    }
    if (digits.front() >= U'0' && digits.front() <= U'9') {
        int value = 0;
        for (const char32_t c : digits) {
            if (c < U'0' || c > U'9') {
                return std::nullopt;
            }
            value = value * 10 + static_cast<int>(c - U'0');
        }
        return value > 9999 ? std::nullopt : std::optional<int>(value);
    }
    int total = 0;
    int current = -1;  // the digit waiting for its unit; -1 when none
    int last_unit = 10000;
    for (const char32_t c : digits) {
        if (const int d = chinese_digit(c); d >= 0) {
            if (current > 0) {
                return std::nullopt;  // two digits in a row: 七七
            }
            current = d;
        } else if (const int u = chinese_unit(c); u > 0) {
            if (u >= last_unit || current == 0) {
                return std::nullopt;
            }
            total += (current < 0 ? 1 : current) * u;  // 十二: 十 stands for 一十
            current = -1;
            last_unit = u;
        } else {
            return std::nullopt;
        }
    }
    if (current > 0) {
        total += current;
    }
    if (total == 0) {
        return std::nullopt;
    }
    return total;
}

Citations parse_citations(std::string_view cell) {
    return Scanner(prepare(cell)).run();
}

}  // namespace lawlist::import_
