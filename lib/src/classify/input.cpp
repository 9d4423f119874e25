#include "lawlist/classify/input.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "lawlist/error.hpp"
#include "lawlist/import/workbook.hpp"
#include "lawlist/io/file.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::classify {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& contents, std::size_t line0,
                       std::size_t column0, const std::string& message) {
    throw InputError({model::make_diagnostic(path, contents, line0, column0, message)});
}

void check_utf8(const std::string& path, const std::string& contents) {
    if (const auto bad = text::find_invalid_utf8(contents)) {
        const auto line0 = static_cast<std::size_t>(
            std::count(contents.begin(), contents.begin() + static_cast<long>(*bad), '\n'));
        const auto start = contents.rfind('\n', *bad == 0 ? 0 : *bad - 1);
        const std::size_t begin = start == std::string::npos || *bad == 0 ? 0 : start + 1;
        fail(path, contents, line0,
             text::count_code_points(std::string_view(contents).substr(begin), *bad - begin),
             fmt::format("invalid UTF-8 (byte 0x{:02x}); convert the file to UTF-8 (e.g. iconv -f "
                         "GBK -t UTF-8)",
                         static_cast<unsigned char>(contents[*bad])));
    }
}

std::vector<std::string> split_lines(const std::string& contents) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < contents.size()) {
        auto end = contents.find('\n', start);
        end = end == std::string::npos ? contents.size() : end;
        std::string line = contents.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

std::string strip_bom(const std::string& s) {
    return s.rfind("\xEF\xBB\xBF", 0) == 0 ? s.substr(3) : s;
}

// CSV rows and the 0-based line where each starts (a quoted field may span lines).
struct CsvRows {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;
};

CsvRows parse_csv_rows(const std::string& path, const std::string& contents) {
    CsvRows out;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    std::size_t quote_line = 0, quote_column = 0, line = 0, line_start = 0, row_line = 0;
    for (std::size_t i = 0; i < contents.size(); ++i) {
        const char ch = contents[i];
        if (quoted) {
            if (ch == '"' && i + 1 < contents.size() && contents[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                if (ch == '\n') {
                    ++line;
                    line_start = i + 1;
                }
                field += ch;
            }
            continue;
        }
        if (ch == '"' && field.empty()) {
            quoted = true;
            quote_line = line;
            quote_column = text::count_code_points(std::string_view(contents).substr(line_start),
                                                   i - line_start);
        } else if (ch == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && i + 1 < contents.size() && contents[i + 1] == '\n') {
                ++i;
            }
            row.push_back(std::move(field));
            field.clear();
            out.rows.push_back(std::move(row));
            out.lines.push_back(row_line);
            row.clear();
            ++line;
            line_start = i + 1;
            row_line = line;
        } else {
            field += ch;
        }
    }
    if (quoted) {
        fail(path, contents, quote_line, quote_column, "unterminated quoted field");
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(std::move(field));
        out.rows.push_back(std::move(row));
        out.lines.push_back(row_line);
    }
    return out;
}

bool blank_row(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(), [](const std::string& f) { return f.empty(); });
}

// The keys of a batch, the text first.
std::vector<std::string> key_names(const BatchKeys& keys) {
    std::vector<std::string> names = {keys.text};
    if (keys.id) {
        names.push_back(*keys.id);
    }
    names.insert(names.end(), keys.keep.begin(), keys.keep.end());
    return names;
}

// A batch from table rows (CSV or a sheet), the first row the header. `at(row, message)` locates
// a row's diagnostic; `header_error(message)` throws for the header. Fields counts are checked
// only when `exact_rows` (CSV: a workbook row ends at its last filled cell).
template <class At, class HeaderError>
Batch read_rows(const std::vector<std::vector<std::string>>& rows, const BatchKeys& keys,
                bool exact_rows, At at, HeaderError header_error) {
    Batch batch;
    if (rows.empty()) {
        return batch;
    }
    const auto& header = rows.front();
    std::vector<std::size_t> columns;  // text, id, kept
    for (const auto& name : key_names(keys)) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) {
            header_error(fmt::format("no column '{}' in the header (columns: {})", name,
                                     fmt::join(header, ", ")));
        }
        columns.push_back(static_cast<std::size_t>(it - header.begin()));
    }
    auto cell = [](const std::vector<std::string>& row, std::size_t c) {
        return c < row.size() ? row[c] : std::string();
    };
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (blank_row(row)) {
            continue;
        }
        if (exact_rows && row.size() != header.size()) {
            batch.failures.push_back(
                at(r, fmt::format("{} fields where the header has {}", row.size(), header.size())));
            continue;
        }
        Incident incident;
        incident.text = cell(row, columns[0]);
        std::size_t k = 1;
        if (keys.id) {
            incident.id = cell(row, columns[k++]);
        }
        for (; k < columns.size(); ++k) {
            incident.kept.emplace_back(cell(row, columns[k]));
        }
        batch.incidents.push_back(std::move(incident));
    }
    return batch;
}

// nlohmann's parse error without its "[json.exception...] parse error at line 1, column 5: "
// and its "; last read: '...'", which may end inside a character (the caret shows the place).
std::string parse_error_text(const std::string& what) {
    const auto colon = what.find(": ");
    std::string text = colon == std::string::npos ? what : what.substr(colon + 2);
    return text.substr(0, text.find("; last read: "));
}

Batch read_json_lines(const std::string& path, const std::string& raw, const BatchKeys& keys) {
    const std::string contents = strip_bom(raw);
    Batch batch;
    std::vector<std::string> seen;  // every field of every record, in first-seen order
    const auto lines = split_lines(contents);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        auto failure = [&](std::size_t column0, const std::string& message) {
            batch.failures.push_back(model::make_diagnostic(path, contents, i, column0, message));
        };
        nlohmann::ordered_json record;
        try {
            record = nlohmann::ordered_json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            const std::size_t at = e.byte > 0 ? std::min(e.byte - 1, line.size()) : 0;
            failure(text::count_code_points(line, at),
                    "not a JSON object: " + parse_error_text(e.what()));
            continue;
        } catch (const nlohmann::json::exception& e) {
            // Out of range: a number such as 1e999 that no double holds.
            const std::string what = e.what();
            const auto open = what.find('\'');
            const std::string token =
                open == std::string::npos ? "" : what.substr(open + 1, what.rfind('\'') - open - 1);
            const auto at = token.empty() ? std::string::npos : line.find(token);
            failure(at == std::string::npos ? 0 : text::count_code_points(line, at),
                    fmt::format("number '{}' is out of range", token));
            continue;
        }
        if (!record.is_object()) {
            failure(0, fmt::format("not a JSON object but {} {}", record.is_array() ? "an" : "a",
                                   record.type_name()));
            continue;
        }
        for (auto it = record.begin(); it != record.end(); ++it) {
            if (std::find(seen.begin(), seen.end(), it.key()) == seen.end()) {
                seen.push_back(it.key());
            }
        }
        if (!record.contains(keys.text) || !record[keys.text].is_string()) {
            failure(0, fmt::format("no string field '{}' in this record", keys.text));
            continue;
        }
        if (keys.id && !record.contains(*keys.id)) {
            failure(0, fmt::format("no field '{}' in this record", *keys.id));
            continue;
        }
        Incident incident;
        incident.text = record[keys.text].get<std::string>();
        if (keys.id) {
            incident.id = record[*keys.id];
        }
        for (const auto& name : keys.keep) {
            incident.kept.push_back(record.contains(name) ? record[name] : nullptr);
        }
        batch.incidents.push_back(std::move(incident));
    }
    // A key that no record has is a mistake in the command, not in the records.
    if (!seen.empty()) {
        for (const auto& name : key_names(keys)) {
            if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
                throw InputError({{path, 0, 0,
                                   fmt::format("no record has a field '{}' (fields: {})", name,
                                               fmt::join(seen, ", ")),
                                   "", 0}});
            }
        }
    }
    return batch;
}

std::string read_input(const std::string& path) {
    return path == "-" ? io::read_stream(std::cin, "(standard input)") : io::read_file(path);
}

bool is_xlsx(const std::string& contents) {
    return contents.rfind("PK\x03\x04", 0) == 0;
}

// A CSV file or a workbook read as lines would classify its header row or its bytes, and an
// Excel 97-2003 workbook cannot be read: refused, naming what to give instead.
void refuse_tables(const std::string& path, const std::string& contents, InputFormat input_format) {
    if (contents.rfind("\xD0\xCF\x11\xE0", 0) == 0) {
        throw Error(path +
                    ": an Excel 97-2003 workbook (.xls), which lawlist cannot read; save it as "
                    ".xlsx, or the sheet as CSV (UTF-8), and give the column of the incident "
                    "text with --text-column");
    }
    if (is_xlsx(contents) && input_format != InputFormat::csv) {
        std::vector<std::string> header;  // of the first sheet, when the workbook can be read
        try {
            const auto sheets = import_::read_xlsx(contents, path);
            if (!sheets.empty() && !sheets.front().rows.empty()) {
                header = sheets.front().rows.front();
            }
        } catch (const Error&) {
        }
        throw Error(path +
                    ": a spreadsheet workbook, not text; give the column of the incident text "
                    "with --text-column" +
                    (header.empty() ? std::string()
                                    : fmt::format(" (header: {})", fmt::join(header, ", "))));
    }
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (input_format == InputFormat::lines && extension == ".csv") {
        const auto rows = parse_csv(path, contents);
        throw Error(path + ": a CSV file; give the column of the incident text with --text-column" +
                    (rows.empty() ? std::string()
                                  : fmt::format(" (header: {})", fmt::join(rows.front(), ", "))));
    }
}

}  // namespace

std::vector<std::vector<std::string>> parse_csv(const std::string& path, const std::string& raw) {
    return parse_csv_rows(path, strip_bom(raw)).rows;
}

Batch read_batch(const std::string& path, const std::string& contents, InputFormat format,
                 const BatchKeys& keys) {
    check_utf8(path, contents);
    if (format == InputFormat::lines) {
        Batch batch;
        for (auto& line : split_lines(strip_bom(contents))) {
            batch.incidents.push_back({std::move(line), nullptr, {}});
        }
        return batch;
    }
    if (format == InputFormat::jsonl) {
        return read_json_lines(path, contents, keys);
    }
    const std::string text = strip_bom(contents);
    const CsvRows csv = parse_csv_rows(path, text);
    return read_rows(
        csv.rows, keys, true,
        [&](std::size_t row, const std::string& message) {
            return model::make_diagnostic(path, text, csv.lines[row], 0, message);
        },
        [&](const std::string& message) { fail(path, text, 0, 0, message); });
}

Batch read_batch_file(const std::string& path, InputFormat format, const BatchKeys& keys) {
    const std::string contents = read_input(path);
    refuse_tables(path, contents, format);
    if (is_xlsx(contents)) {
        const auto sheets = import_::read_xlsx(contents, path);
        if (sheets.empty()) {
            throw Error(path + ": a workbook without sheets");
        }
        return read_batch(sheets.front(), keys);
    }
    return read_batch(path == "-" ? "<stdin>" : path, contents, format, keys);
}

Batch read_batch(const import_::Sheet& sheet, const BatchKeys& keys) {
    return read_rows(
        sheet.rows, keys, false,
        [&](std::size_t row, const std::string& message) {
            return Diagnostic{sheet.where(row, 0), 0, 0, message, "", 0};
        },
        [&](const std::string& message) {
            throw InputError({{sheet.where(0, 0), 0, 0, message, "", 0}});
        });
}

std::vector<std::string> read_incidents(const std::string& path, const std::string& contents,
                                        InputFormat format, const std::string& key) {
    Batch batch = read_batch(path, contents, format, BatchKeys{key, std::nullopt, {}});
    if (!batch.failures.empty()) {
        throw InputError(std::move(batch.failures));
    }
    std::vector<std::string> out;
    out.reserve(batch.incidents.size());
    for (auto& incident : batch.incidents) {
        out.push_back(std::move(incident.text));
    }
    return out;
}

std::vector<LabelledIncident> read_labelled(const std::string& path, const std::string& contents) {
    return read_labelled(path, contents, model::sector_codes());
}

std::vector<LabelledIncident> read_labelled(const std::string& path, const std::string& contents,
                                            const std::vector<std::string>& sectors) {
    check_utf8(path, contents);
    std::vector<LabelledIncident> out;
    const auto lines = split_lines(strip_bom(contents));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (;;) {
            const auto tab = line.find('\t', start);
            fields.push_back(
                line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos) {
                break;
            }
            start = tab + 1;
        }
        if (fields.size() < 2 || fields.size() > 3) {
            fail(path, contents, i, 0,
                 fmt::format("expected text<TAB>sectors[<TAB>violation_type], found {} fields",
                             fields.size()));
        }
        LabelledIncident incident;
        incident.text = fields[0];
        incident.line = i + 1;
        if (fields[1] != "none") {
            std::size_t s = 0;
            for (;;) {
                const auto comma = fields[1].find(',', s);
                const std::string code =
                    fields[1].substr(s, comma == std::string::npos ? std::string::npos : comma - s);
                if (std::find(sectors.begin(), sectors.end(), code) == sectors.end()) {
                    fail(path, contents, i, text::count_code_points(line, fields[0].size() + 1 + s),
                         fmt::format("unknown sector '{}'", code));
                }
                incident.sectors.insert(code);
                if (comma == std::string::npos) {
                    break;
                }
                s = comma + 1;
            }
        }
        if (fields.size() == 3 && !fields[2].empty()) {
            incident.violation_type = fields[2];
        }
        out.push_back(std::move(incident));
    }
    if (out.empty()) {
        // An evaluation of nothing would print perfect-looking zeros.
        throw InputError({{path, 0, 0, "no labelled incidents in this file", ""}});
    }
    return out;
}

}  // namespace lawlist::classify
