#pragma once
// Incident reports in batches: one per line, a column of a CSV export (hotline systems), or a
// field of JSON Lines, and labelled incidents (TSV) for evaluation.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/error.hpp"
#include "lawlist/import/workbook.hpp"

namespace lawlist::classify {

enum class InputFormat { lines, csv, jsonl };

// What a batch reads from each record: CSV and workbook columns by header, JSON Lines fields by
// name. `id` (a ticket number, 工单编号) and `keep` are carried into the output untouched, so
// that results join back to the system the batch came from.
struct BatchKeys {
    std::string text;
    std::optional<std::string> id;
    std::vector<std::string> keep;
};

// One incident of a batch and what its record carries: `id` (null without BatchKeys::id) and one
// value per BatchKeys::keep, as read (strings from CSV and workbooks, any JSON value from JSON
// Lines, null when a record lacks a kept field).
struct Incident {
    std::string text;
    nlohmann::ordered_json id;
    std::vector<nlohmann::ordered_json> kept;
};

// A batch as read: the incidents of its well-formed records in input order, and one diagnostic
// per malformed record (path:line:col, or file.xlsx:Sheet!C12), also in input order.
struct Batch {
    std::vector<Incident> incidents;
    std::vector<Diagnostic> failures;
};

// Reads a batch from `contents` (read from `path`, used in messages); keys are ignored for lines.
// A malformed record is a failure and the rest is read: in JSON Lines a line that is not a JSON
// object or lacks the text (a string) or the id; in CSV a row whose fields do not match the
// header. Throws InputError for what spoils the whole file: invalid UTF-8, an unterminated quote,
// a key missing from the CSV header or from every JSON Lines record (naming the columns or fields
// there are).
Batch read_batch(const std::string& path, const std::string& contents, InputFormat format,
                 const BatchKeys& keys);
// The batch in the file at `path` (- for standard input): read as `format` says, or the first
// sheet of an .xlsx workbook (found by its signature, its first row the header) whatever the
// format. Refuses with lawlist::Error, naming what to give instead and the header it found, an
// Excel 97-2003 workbook, a workbook not read by column, and a .csv file read as lines; a file
// that cannot be read is refused with the reason.
Batch read_batch_file(const std::string& path, InputFormat format, const BatchKeys& keys);
// The same for a workbook's sheet, its first row the header; messages name cells as
// file.xlsx:Sheet!C12.
Batch read_batch(const import_::Sheet& sheet, const BatchKeys& keys);

// The incident texts of `contents` (read from `path`, used in messages), in order. For csv the
// first row is the header and `key` names the column; for jsonl `key` names a string field.
// Throws InputError (path:line:col) on invalid UTF-8, an unterminated quote, a missing column or
// field, or a line that is not a JSON object: read_batch without failures allowed.
std::vector<std::string> read_incidents(const std::string& path, const std::string& contents,
                                        InputFormat format, const std::string& key = {});

// Fields of RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks); a UTF-8 byte
// order mark is skipped. Throws InputError on an unterminated quoted field.
std::vector<std::vector<std::string>> parse_csv(const std::string& path,
                                                const std::string& contents);

struct LabelledIncident {
    std::string text;
    std::set<std::string> sectors;  // acceptable sectors; empty when out of scope ("none")
    std::optional<std::string> violation_type;
    std::size_t line = 0;
};

// Labelled incidents: TSV lines `text<TAB>sectors<TAB>violation_type`, sectors comma-separated or
// `none` (codes of the 17 default sectors); blank lines and lines starting with # are skipped.
// Throws InputError on a bad line or when the file holds no labelled incident at all.
std::vector<LabelledIncident> read_labelled(const std::string& path, const std::string& contents);
// The same, with the sector codes a label may name (a database's sectors vocabulary).
std::vector<LabelledIncident> read_labelled(const std::string& path, const std::string& contents,
                                            const std::vector<std::string>& sectors);

}  // namespace lawlist::classify
