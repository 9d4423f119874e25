#include "lawlist/classify/input.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lawlist/error.hpp"
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

}  // namespace

std::vector<std::vector<std::string>> parse_csv(const std::string& path, const std::string& raw) {
    const std::string contents = strip_bom(raw);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    std::size_t quote_line = 0, quote_column = 0, line = 0, line_start = 0;
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
            rows.push_back(std::move(row));
            row.clear();
            ++line;
            line_start = i + 1;
        } else {
            field += ch;
        }
    }
    if (quoted) {
        fail(path, contents, quote_line, quote_column, "unterminated quoted field");
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::string> read_incidents(const std::string& path, const std::string& contents,
                                        InputFormat format, const std::string& key) {
    check_utf8(path, contents);
    std::vector<std::string> out;
    if (format == InputFormat::lines) {
        for (auto& line : split_lines(strip_bom(contents))) {
            out.push_back(std::move(line));
        }
        return out;
    }
    if (format == InputFormat::csv) {
        const auto rows = parse_csv(path, contents);
        if (rows.empty()) {
            return out;
        }
        const auto& header = rows.front();
        const auto it = std::find(header.begin(), header.end(), key);
        if (it == header.end()) {
            std::string columns;
            for (const auto& h : header) {
                columns += (columns.empty() ? "" : ", ") + h;
            }
            fail(path, strip_bom(contents), 0, 0,
                 fmt::format("no column '{}' in the header (columns: {})", key, columns));
        }
        const auto column = static_cast<std::size_t>(it - header.begin());
        for (std::size_t r = 1; r < rows.size(); ++r) {
            out.push_back(column < rows[r].size() ? rows[r][column] : "");
        }
        return out;
    }
    const auto lines = split_lines(contents);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        nlohmann::json record;
        try {
            record = nlohmann::json::parse(lines[i]);
        } catch (const nlohmann::json::parse_error& e) {
            fail(path, contents, i, 0, fmt::format("not a JSON object: {}", e.what()));
        } catch (const nlohmann::json::exception& e) {
            // Out of range: a number such as 1e999 that no double holds.
            const std::string what = e.what();
            const auto open = what.find('\'');
            const std::string token =
                open == std::string::npos ? "" : what.substr(open + 1, what.rfind('\'') - open - 1);
            const auto at = token.empty() ? std::string::npos : lines[i].find(token);
            fail(path, contents, i,
                 at == std::string::npos ? 0 : text::count_code_points(lines[i], at),
                 fmt::format("number '{}' is out of range", token));
        }
        if (!record.is_object() || !record.contains(key) || !record[key].is_string()) {
            fail(path, contents, i, 0, fmt::format("no string field '{}' in this record", key));
        }
        out.push_back(record[key].get<std::string>());
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
