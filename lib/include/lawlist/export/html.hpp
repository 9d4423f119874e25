#pragma once
// The html writer: one self-contained page (styles and script inline, nothing fetched) for a
// portal or for printing to PDF from a browser.

#include <string>

#include "lawlist/export/document.hpp"

namespace lawlist::exporting {

// The page: a table of contents over the sheets, a search box that hides the rows not holding the
// text typed (group headings hide with their last row), a drop-down per filter column, and a print
// stylesheet (A4 landscape, header row repeated on every page, controls hidden). Every text of
// the document is HTML-escaped; the script reads the table, never writes markup.
std::string render_html(const Document& document);

// `text` with & < > " ' replaced by character references.
std::string escape_html(std::string_view text);

}  // namespace lawlist::exporting
