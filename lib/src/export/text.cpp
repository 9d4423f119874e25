#include "lawlist/export/text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "lawlist/error.hpp"
#include "lawlist/export/html.hpp"
#include "lawlist/format/table.hpp"

namespace lawlist::exporting {
namespace {

// Markdown cell text: HTML-escaped, so that no text of the lists renders as markup, with line
// breaks as <br> (format::Table escapes the '|' that would end a cell).
std::string markdown_cell(const std::string& s) {
    std::string out;
    for (const char c : escape_html(s)) {
        if (c == '\n') {
            out += "<br>";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string render_csv(const Sheet& sheet) {
    const bool grouped = !sheet.group_label.empty();
    std::vector<std::string> headers;
    if (grouped) {
        headers.push_back(sheet.group_label);
    }
    for (const auto& column : sheet.columns) {
        headers.push_back(column.header);
    }
    format::Table table(std::move(headers));
    for (const auto& group : sheet.groups) {
        for (const auto& row : group.rows) {
            std::vector<std::string> cells;
            cells.reserve(row.size() + 1);
            if (grouped) {
                cells.push_back(group.heading);
            }
            cells.insert(cells.end(), row.begin(), row.end());
            table.add_row(std::move(cells));
        }
    }
    return "\xEF\xBB\xBF" + table.render_csv();
}

std::string render_markdown(const Document& document) {
    std::string out = "# " + markdown_cell(document.title) + "\n";
    for (const auto& sheet : document.sheets) {
        out += "\n## " + markdown_cell(sheet.name) + "\n\n**" + markdown_cell(sheet.title) + "**\n";
        for (const auto& note : sheet.notes) {
            out += "\n" + markdown_cell(note) + "\n";
        }
        std::vector<std::string> headers;
        for (const auto& column : sheet.columns) {
            headers.push_back(markdown_cell(column.header));
        }
        for (const auto& group : sheet.groups) {
            if (!group.heading.empty()) {
                out += "\n### " + markdown_cell(group.heading) + "\n";
            }
            format::Table table(headers);
            for (const auto& row : group.rows) {
                std::vector<std::string> cells;
                cells.reserve(row.size());
                for (const auto& cell : row) {
                    cells.push_back(markdown_cell(cell));
                }
                table.add_row(std::move(cells));
            }
            out += "\n" + table.render_markdown();
        }
    }
    return out;
}

void write_file(const std::filesystem::path& path, std::string_view contents) {
    const std::filesystem::path part = path.string() + ".part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        out.close();
        if (!out) {
            const std::string reason = std::strerror(errno);
            std::error_code ignored;
            std::filesystem::remove(part, ignored);
            throw Error(path.string() + ": cannot write: " + reason);
        }
    }
    std::error_code error;
    std::filesystem::rename(part, path, error);
    if (error) {
        std::error_code ignored;
        std::filesystem::remove(part, ignored);
        throw Error(path.string() + ": " + error.message());
    }
}

}  // namespace lawlist::exporting
