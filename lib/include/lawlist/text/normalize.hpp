#pragma once
// Normalization of free text for matching: traditional script to simplified (OpenCC), full-width
// forms to half-width, ASCII letters to lower case, and every run of punctuation or white space to
// one separator, so that "河道裏有人非法採砂！！" and "河道里有人非法采砂" look alike.

#include <memory>
#include <string>
#include <string_view>

namespace lawlist::text {

// The separator that replaces punctuation and white space in normalized text.
inline constexpr char32_t k_separator = U' ';

class Normalizer {
  public:
    // Opens OpenCC's t2s conversion. Throws lawlist::Error when its data cannot be found.
    Normalizer();
    ~Normalizer();
    Normalizer(const Normalizer&) = delete;
    Normalizer& operator=(const Normalizer&) = delete;

    // Traditional → simplified (phrases, then characters), as OpenCC's t2s does it.
    std::string to_simplified(std::string_view utf8) const;

    // The normalized code points of `utf8` (which must be valid UTF-8).
    std::u32string normalize(std::string_view utf8) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace lawlist::text
