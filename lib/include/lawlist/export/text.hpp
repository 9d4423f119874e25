#pragma once
// The plain-text writers: csv (one file per sheet) and markdown (the whole document).

#include <filesystem>
#include <string>
#include <string_view>

#include "lawlist/export/document.hpp"

namespace lawlist::exporting {

// One sheet as RFC 4180 csv: UTF-8 with a byte-order mark (Excel on Chinese Windows reads
// UTF-8 only with it), CRLF line ends, a header row, then one record per row. When the sheet has
// a group_label, the first column is the group heading. Title and notes are left out: the file
// holds data only.
std::string render_csv(const Sheet& sheet);

// The document as GFM markdown: the title, then per sheet a section with its notes, and per
// group a heading and a table.
std::string render_markdown(const Document& document);

// Writes `contents` to `path` through a file beside it renamed over it, so that a failure leaves
// an existing file untouched. Throws lawlist::Error when it cannot be written.
void write_file(const std::filesystem::path& path, std::string_view contents);

}  // namespace lawlist::exporting
