#pragma once
// The xlsx writer (libxlsxwriter): what a county posts as an Excel attachment.

#include <filesystem>

#include "lawlist/export/document.hpp"

namespace lawlist::exporting {

// Writes `document` to `path` as an xlsx workbook: one worksheet per sheet, the title merged
// across the columns, the notes under it, the header row frozen with an autofilter, group
// headings as merged rows, columns as wide as their text in display width (up to the column's
// max_width, then wrapped), A4 landscape with the header row repeated on every printed page, and
// title, author and created date (the document's date) as document properties. The same document
// gives the same bytes. The file is written beside `path` and renamed over it, so a failure
// leaves an existing file untouched. Throws lawlist::Error when it cannot be written.
void write_xlsx(const Document& document, const std::filesystem::path& path);

}  // namespace lawlist::exporting
