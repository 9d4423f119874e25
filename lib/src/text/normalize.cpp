#include "lawlist/text/normalize.hpp"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>

#include <algorithm>
#include <list>
#include <vector>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::text {

struct Normalizer::Impl {
    opencc::ConverterPtr converter;
    // A flag per code point (see the constructor): a text without any flagged one comes out of
    // OpenCC as it went in, so it is not converted (most input is simplified already, and
    // conversion was a large part of classifying it).
    std::vector<bool> changes;

    void flag(char32_t cp) {
        if (cp >= changes.size()) {
            changes.resize(cp + 1, false);
        }
        changes[cp] = true;
    }

    bool needs_conversion(std::u32string_view text) const {
        return std::any_of(text.begin(), text.end(),
                           [this](char32_t cp) { return cp < changes.size() && changes[cp]; });
    }
};

Normalizer::Normalizer() : m_impl(std::make_unique<Impl>()) {
    try {
        m_impl->converter = opencc::Config().NewFromFile("t2s.json");
    } catch (const opencc::Exception& e) {
        throw Error(std::string("cannot open OpenCC's t2s.json: ") + e.what() +
                    " (install libopencc-data)");
    }
    // The characters that make OpenCC change a text, from the dictionaries it converts with: each
    // character it converts, and for a phrase it converts without holding any of those (回覆,
    // 一目瞭然), the characters of it that have entries of their own (覆, 瞭), or else all of its
    // characters. A text holding a phrase holds the characters flagged for it; flagging every
    // character of such phrases would flag 一 and 回, and send nearly every text to OpenCC.
    std::vector<char32_t> characters;     // single-character keys, converted or not
    std::vector<std::u32string> phrases;  // converted keys of several characters
    for (const auto& conversion : m_impl->converter->GetConversionChain()->GetConversions()) {
        std::list<opencc::DictPtr> dicts{conversion->GetDict()};
        if (const auto group =
                std::dynamic_pointer_cast<opencc::DictGroup>(conversion->GetDict())) {
            dicts = group->GetDicts();
        }
        for (const auto& dict : dicts) {
            for (const auto& entry : *dict->GetLexicon()) {
                std::u32string key = decode(entry->Key());
                const bool converted = entry->Key() != entry->GetDefault();
                if (key.size() == 1) {
                    if (converted) {
                        m_impl->flag(key.front());
                    }
                    characters.push_back(key.front());
                } else if (converted) {
                    phrases.push_back(std::move(key));
                }
            }
        }
    }
    std::sort(characters.begin(), characters.end());
    for (const auto& phrase : phrases) {
        if (m_impl->needs_conversion(phrase)) {
            continue;
        }
        bool flagged = false;
        for (const char32_t cp : phrase) {
            if (std::binary_search(characters.begin(), characters.end(), cp)) {
                m_impl->flag(cp);
                flagged = true;
            }
        }
        if (!flagged) {
            for (const char32_t cp : phrase) {
                m_impl->flag(cp);
            }
        }
    }
}

Normalizer::~Normalizer() = default;

std::string Normalizer::to_simplified(std::string_view utf8) const {
    const std::string text(utf8);
    return find_invalid_utf8(text) || m_impl->needs_conversion(decode(text))
               ? m_impl->converter->Convert(text)
               : text;
}

namespace {

bool is_word(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

std::u32string Normalizer::normalize(std::string_view utf8) const {
    std::u32string in = decode(utf8);
    if (m_impl->needs_conversion(in)) {
        in = decode(m_impl->converter->Convert(std::string(utf8)));
    }
    std::u32string out;
    for (char32_t cp : in) {
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
