#pragma once
// The output formats of lawlist's listings and reports. Commands choose one of these; the writers
// (writer.hpp) turn a listing into text in that format.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lawlist::format {

enum class Output {
    table,     // aligned columns for people (CJK by display width)
    cards,     // one block of "label：value" lines per record, for narrow terminals
    json,      // one JSON document (an array of records, or the command's document)
    jsonl,     // one JSON object per line
    csv,       // RFC 4180 with a header row of machine names
    markdown,  // GFM tables for reports
    dot,       // Graphviz (graph only)
};

// "table", "cards", "json", "jsonl", "csv", "markdown", "dot".
std::string_view to_string(Output output);
// The output `text` names, or nullopt.
std::optional<Output> parse_output(std::string_view text);

// The header row of CSV output: machine names (input, violation_type...) or Chinese (事件,
// 违法行为类型编码...) for people opening the file in a spreadsheet.
enum class CsvHeaders { keys, chinese };

// Where the output goes, as far as the writers care.
struct WriterOptions {
    // Display columns of the terminal the output is shown on; nullopt when it is not shown on a
    // terminal (a file, a pipe), where tables are never wrapped.
    std::optional<std::size_t> terminal_width;
    CsvHeaders csv_headers = CsvHeaders::keys;
    // CSV starts with a UTF-8 byte order mark, without which Excel on Chinese Windows reads UTF-8
    // as GBK. Off by default: scripts and other programs read the mark as part of the first header.
    bool csv_bom = false;
};

// The formats every listing command offers, in the order `--help` shows them.
const std::vector<Output>& listing_outputs();

// The forms of a whole document (diff's comparison, export's publication) rather than of a
// listing of records. Each command says which it offers and what each writes.
enum class DocumentOutput {
    table,     // text for a terminal
    json,      // one JSON document
    jsonl,     // one JSON object per line
    csv,       // RFC 4180, for spreadsheets
    markdown,  // GFM, for notices and portals
    html,      // one self-contained page
    xlsx,      // an Excel workbook: binary, written to a file only
};

// "table", "json", "jsonl", "csv", "markdown", "html", "xlsx".
std::string_view to_string(DocumentOutput output);
// The document output `text` names, or nullopt.
std::optional<DocumentOutput> parse_document_output(std::string_view text);
// The names of `outputs` in their order, for --help and error text.
std::vector<std::string> names_of(const std::vector<DocumentOutput>& outputs);
// Whether `output` is binary (xlsx), so that it cannot go to standard output.
bool is_binary(DocumentOutput output);

}  // namespace lawlist::format
