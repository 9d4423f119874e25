#include "lawlist/format/table.hpp"

#include <algorithm>
#include <stdexcept>

#include "lawlist/text/utf8.hpp"

namespace lawlist::format {

Table::Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}

void Table::add_row(std::vector<std::string> cells) {
    if (cells.size() != m_headers.size()) {
        throw std::invalid_argument("table row has the wrong number of cells");
    }
    m_rows.push_back(std::move(cells));
}

std::string pad(const std::string& s, std::size_t width) {
    const std::size_t have = text::display_width(s);
    return have >= width ? s : s + std::string(width - have, ' ');
}

std::string Table::render_text() const {
    std::vector<std::size_t> widths(m_headers.size());
    for (std::size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = text::display_width(m_headers[c]);
        for (const auto& row : m_rows) {
            widths[c] = std::max(widths[c], text::display_width(row[c]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            out += c + 1 == cells.size() ? cells[c] : pad(cells[c], widths[c]) + "  ";
        }
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
        return out + '\n';
    };
    std::string out = line(m_headers);
    std::vector<std::string> rule;
    for (const auto w : widths) {
        rule.emplace_back(w, '-');
    }
    out += line(rule);
    for (const auto& row : m_rows) {
        out += line(row);
    }
    return out;
}

std::string Table::render_markdown() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (const auto& cell : cells) {
            std::string escaped;
            for (char ch : cell) {
                escaped += ch == '|' ? "\\|" : std::string(1, ch);
            }
            out += " " + escaped + " |";
        }
        return out + '\n';
    };
    std::string out = line(m_headers);
    out += "|";
    for (std::size_t c = 0; c < m_headers.size(); ++c) {
        out += " --- |";
    }
    out += '\n';
    for (const auto& row : m_rows) {
        out += line(row);
    }
    return out;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        return s;
    }
    std::string out = "\"";
    for (char ch : s) {
        out += ch == '"' ? "\"\"" : std::string(1, ch);
    }
    return out + '"';
}

std::string Table::render_csv() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            out += (c ? "," : "") + csv_field(cells[c]);
        }
        return out + "\r\n";
    };
    std::string out = line(m_headers);
    for (const auto& row : m_rows) {
        out += line(row);
    }
    return out;
}

}  // namespace lawlist::format
