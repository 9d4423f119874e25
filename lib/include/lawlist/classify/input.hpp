#pragma once
// Incident reports in batches: one per line, a column of a CSV export (hotline systems), or a
// field of JSON Lines, and labelled incidents (TSV) for evaluation.

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lawlist::classify {

enum class InputFormat { lines, csv, jsonl };

// The incident texts of `contents` (read from `path`, used in messages), in order. For csv the
// first row is the header and `key` names the column; for jsonl `key` names a string field.
// Throws InputError (path:line:col) on invalid UTF-8, an unterminated quote, a missing column or
// field, or a line that is not a JSON object.
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
