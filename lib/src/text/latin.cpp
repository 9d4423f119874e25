#include "lawlist/text/latin.hpp"

#include <memory>
#include <mutex>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "lawlist/error.hpp"

namespace lawlist::text {

// ICU's transliterator is costly to build and not thread-safe to use: one, behind a lock.
std::string han_latin(std::string_view utf8) {
    static std::mutex mutex;
    static std::unique_ptr<icu::Transliterator> transliterator;
    const std::lock_guard lock(mutex);
    if (!transliterator) {
        UErrorCode status = U_ZERO_ERROR;
        transliterator.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower",
                                                                 UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !transliterator) {
            throw Error(std::string("ICU: cannot create the Han-Latin transliterator: ") +
                        u_errorName(status));
        }
    }
    auto text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
    transliterator->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace lawlist::text
