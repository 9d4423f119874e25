#pragma once
// UTF-8 helpers: validation, code-point counting and terminal display width. Chinese text is the
// data of lawlist, so every column reported to a user and every table cell is measured here.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lawlist::text {

// Byte offset of the first invalid UTF-8 sequence in `s`, or nullopt when `s` is valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// Decodes `s` into code points. `s` must be valid UTF-8.
std::u32string decode(std::string_view s);

// Encodes code points as UTF-8: the inverse of decode.
std::string encode(std::u32string_view s);

// The code point at byte `i` of `s` into `cp` (U+FFFD for an invalid sequence); returns the bytes
// it takes (at least 1). For walking a string without decoding it whole.
std::size_t decode_next(std::string_view s, std::size_t i, char32_t& cp);

// Encodes one code point as UTF-8 and appends it to `out`.
void append_utf8(std::string& out, char32_t cp);

// Number of code points in the first `byte_offset` bytes of `s` (a partial sequence counts as one).
std::size_t count_code_points(std::string_view s, std::size_t byte_offset);

// Columns a terminal uses for `cp`: 2 for East Asian wide and full-width characters, 0 for
// combining marks and zero-width characters, 1 otherwise.
int display_width(char32_t cp);

// Sum of display_width over the code points of `s`. `s` must be valid UTF-8.
std::size_t display_width(std::string_view s);

// Replaces every invalid byte of `s` with U+FFFD so the result can be printed.
std::string sanitize(std::string_view s);

// `s` safe to show on a terminal: control characters (C0, DEL, C1), which could move the cursor
// or retitle the window, become visible symbols (ESC → ␛, line feed → ␊, C1 → U+FFFD).
std::string visible(std::string_view s);

// Edit distance between two strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` entries of `candidates` closest to `word` by edit distance (at most a third of the
// word's length, at least 2), best first; used for "did you mean" suggestions.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

// Chinese numeral for 1..9999 as written in legal citations: 77 → 七十七, 10 → 十, 105 → 一百零五.
std::string chinese_number(int n);

}  // namespace lawlist::text
