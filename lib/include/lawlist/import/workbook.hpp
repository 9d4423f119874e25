#pragma once
// Reading the spreadsheets counties publish their lists in: xlsx workbooks (liborcus) and CSV
// files in UTF-8, UTF-8 with a byte-order mark, UTF-16 with one, or GB18030/GBK (what Chinese
// Windows Excel writes), detected and converted with ICU. Every cell comes back as UTF-8 text.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lawlist::import_ {

// One sheet as text. Cells of a merged range all carry the range's value down its first column,
// so that a department cell merged over twenty rows reads as twenty department cells; the other
// columns of the range stay empty.
struct Sheet {
    std::string file;  // the path as given, for messages
    std::string name;  // the sheet's name; a CSV file's stem
    bool csv = false;
    std::vector<std::vector<std::string>> rows;  // 0-based rows of 0-based cells
    // CSV only: where each cell starts in the file, 1-based line and character column.
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> positions;

    // The cell's text, empty when the row or the cell is missing.
    const std::string& cell(std::size_t row, std::size_t column) const;

    // Where a cell is, as a user reads it: list.xlsx:权责清单!F23; for CSV, the path, line and
    // character column where the cell starts (list.csv:23:6).
    std::string where(std::size_t row, std::size_t column) const;
};

// A spreadsheet column's letters: 0 → A, 25 → Z, 26 → AA.
std::string column_letters(std::size_t column);

// The 0-based column of letters such as "F" or "AA"; npos for anything else.
std::size_t column_index(std::string_view letters);

// Every sheet of an xlsx file, or the one sheet of a CSV file (told apart by content, not by
// extension). Throws lawlist::InputError naming the file when it cannot be read.
std::vector<Sheet> read_workbook(const std::filesystem::path& path);

// The sheets of an xlsx workbook held in `bytes`; `file` names it in messages.
std::vector<Sheet> read_xlsx(std::string_view bytes, const std::string& file);

// A CSV file held in `bytes`, in any of the encodings above; `file` names it in messages.
Sheet read_csv(std::string_view bytes, const std::string& file);

// `bytes` as UTF-8: a byte-order mark (UTF-8, UTF-16LE/BE) decides, else valid UTF-8 is taken as
// is, else the bytes are read as GB18030 (a superset of GBK and GB2312). `encoding` receives
// the name of what was found ("UTF-8", "UTF-16LE", "GB18030"...).
std::string to_utf8(std::string_view bytes, std::string& encoding);

}  // namespace lawlist::import_
