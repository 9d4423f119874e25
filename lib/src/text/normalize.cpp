#include "lawlist/text/normalize.hpp"

#include <opencc/opencc.h>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::text {

struct Normalizer::Impl {
    opencc_t converter = reinterpret_cast<opencc_t>(-1);
};

Normalizer::Normalizer() : m_impl(std::make_unique<Impl>()) {
    m_impl->converter = opencc_open("t2s.json");
    if (m_impl->converter == reinterpret_cast<opencc_t>(-1)) {
        throw Error(std::string("cannot open OpenCC's t2s.json: ") + opencc_error() +
                    " (install libopencc-data)");
    }
}

Normalizer::~Normalizer() {
    if (m_impl && m_impl->converter != reinterpret_cast<opencc_t>(-1)) {
        opencc_close(m_impl->converter);
    }
}

std::string Normalizer::to_simplified(std::string_view utf8) const {
    char* converted = opencc_convert_utf8(m_impl->converter, utf8.data(), utf8.size());
    if (!converted) {
        return std::string(utf8);
    }
    std::string out(converted);
    opencc_convert_utf8_free(converted);
    return out;
}

namespace {

bool is_word(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

std::u32string Normalizer::normalize(std::string_view utf8) const {
    std::u32string out;
    for (char32_t cp : decode(to_simplified(utf8))) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0;  // full-width ASCII forms
        }
        if (cp >= U'A' && cp <= U'Z') {
            cp += U'a' - U'A';
        }
        if (is_word(cp)) {
            out.push_back(cp);
        } else if (!out.empty() && out.back() != k_separator) {
            out.push_back(k_separator);
        }
    }
    if (!out.empty() && out.back() == k_separator) {
        out.pop_back();
    }
    return out;
}

}  // namespace lawlist::text
