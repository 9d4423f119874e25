#pragma once
// Reading legal bases written as free text in published lists:
// 《中华人民共和国土地管理法》第七十七条 第一款, 《条例》第三十四条第一款第（四）项, law names
// without 《》, Arabic, full-width or Chinese numerals. One cell may hold several citations
// separated by ；、， or line breaks; a citation that names no law takes the law of the one before
// it (第七十七条、第七十八条).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/model/model.hpp"

namespace lawlist::import_ {

// What one cell gave: the citations read, and the fragments that could not be read, verbatim.
struct Citations {
    std::vector<model::LegalBasis> bases;
    std::vector<std::string> unparsed;
};

// Reads every citation of `cell` (valid UTF-8). Quoted article text after a citation
// (第七十七条：未经批准…) is skipped, as are filler words (依据, 根据, 的规定). A fragment that
// cannot be read wholly is kept in `unparsed` and gives no citation.
Citations parse_citations(std::string_view cell);

// The number written in `digits`: Arabic (77, ７７) or Chinese (七十七, 一百零五, 两, 〇); nullopt
// for anything else or above 9999.
std::optional<int> parse_number(std::u32string_view digits);

}  // namespace lawlist::import_
