#pragma once
// The forms of a comparison: records for scripts (JSON), the terminal table, the adjustment
// notice a reform office circulates (调整对照表, Markdown) and CSV for spreadsheets.

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/diff/diff.hpp"
#include "lawlist/export/document.hpp"
#include "lawlist/format/output.hpp"

namespace lawlist::diff {

// One record per change, then one per resolution that differs ("list": "impact") and one per
// audit finding that appears or disappears ("list": "audit"). Stable field names (see README).
nlohmann::ordered_json to_json(const Result& result);
nlohmann::ordered_json to_json(const Change& change);

// Counts by kind, then one section per kind, then the impact; for terminals (CJK aligned).
std::string render_text(const Result& result, const format::WriterOptions& options = {});

// The adjustment notice: title with jurisdictions and revisions, a summary line of counts, one
// table per kind with the columns such notices use, then the impact.
std::string render_markdown(const Result& result);

// The adjustment notice as a document for the export writers (xlsx, html): one sheet per table of
// the Markdown notice, each under the notice's title and summary line.
exporting::Document to_document(const Result& result);

// One row per change (and per impact), UTF-8 with a byte order mark so that Excel shows Chinese.
std::string render_csv(const Result& result);

// The forms a comparison is written in, in --help order; the first (table) is the default.
const std::vector<format::DocumentOutput>& outputs();

// Writes `result` as `output` (table: render_text, json/jsonl: to_json, csv, markdown, html and
// xlsx: to_document) to the file `path`, or to `out` when `path` is "-". A file is written beside
// `path` and renamed over it. Throws lawlist::Error when xlsx is asked for "-" or a file cannot be
// written.
void write(const Result& result, format::DocumentOutput output, const std::string& path,
           std::ostream& out, const format::WriterOptions& options = {});

}  // namespace lawlist::diff
