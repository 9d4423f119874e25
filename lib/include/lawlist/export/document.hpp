#pragma once
// A published document as the export writers see it: a titled workbook of titled tables of text
// cells, rows optionally under group headings. Nothing here knows about items or lists, so that
// any command (export, diff's adjustment notice) can fill one and hand it to the xlsx, html, csv
// and markdown writers.

#include <cstddef>
#include <string>
#include <vector>

namespace lawlist::exporting {

// One column of a sheet.
struct Column {
    std::string header;
    // Widest the column grows in display columns (CJK = 2) before its text wraps (xlsx, html).
    std::size_t max_width = 40;
    // Whether the html page offers a drop-down filter over the column's distinct values.
    bool filter = false;
};

// Rows under one heading (a department's items). An empty heading means rows without one.
struct Group {
    std::string heading;
    std::vector<std::vector<std::string>> rows;  // one cell per column
};

// One titled table: a worksheet, a csv file, a section of the html page.
struct Sheet {
    std::string key;  // ASCII: names csv files and html anchors (power, problem, ...)
    std::string name;  // worksheet name and table-of-contents entry, e.g. 权责清单 (≤ 31 chars)
    std::string title;  // e.g. 石河镇综合行政执法事项清单（2025年调整）
    std::vector<std::string> notes;  // lines under the title: date and issuer, summary counts
    // What the groups are (e.g. 县直部门); csv writes it as a first column when set.
    std::string group_label;
    std::vector<Column> columns;
    std::vector<Group> groups;

    // Number of rows over all groups.
    std::size_t row_count() const;
};

// A workbook of sheets with the properties written into the files.
struct Document {
    std::string title;   // xlsx title property, html <title> and heading
    std::string author;  // the issuing body: xlsx author property, html meta author
    // YYYY-MM-DD or empty: the only date written into files (xlsx created), so that the same
    // document always gives the same bytes.
    std::string date;
    std::vector<Sheet> sheets;
};

// Throws std::invalid_argument when a row's cell count differs from its sheet's columns, two
// sheets share a key or a name, or a name is empty, longer than 31 characters or holds a
// character a worksheet name cannot (: \ / ? * [ ]).
void check(const Document& document);

}  // namespace lawlist::exporting
