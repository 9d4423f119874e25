#include "lawlist/export/xlsx.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <system_error>

#include <xlsxwriter.h>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::exporting {
namespace {

constexpr std::uint8_t k_a4 = 9;
// Display columns a cell's text takes on its widest line.
std::size_t widest_line(const std::string& s) {
    std::size_t widest = 0;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto end = std::min(s.find('\n', start), s.size());
        widest =
            std::max(widest, text::display_width(std::string_view(s).substr(start, end - start)));
        start = end + 1;
    }
    return widest;
}

// A date YYYY-MM-DD as seconds since the epoch at midnight UTC; 1980-01-01 (the earliest date a
// zip entry holds) when there is none, since libxlsxwriter takes 0 to mean "now".
std::time_t created_time(const std::string& date) {
    std::tm tm{};
    tm.tm_year = 80;
    tm.tm_mday = 1;
    int year = 0;
    int month = 0;
    int day = 0;
    if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3 && year >= 1980) {
        tm.tm_year = year - 1900;
        tm.tm_mon = month - 1;
        tm.tm_mday = day;
    }
    return timegm(&tm);
}

// An integer as Excel stores a number (序号), so that it sorts and sums: digits only, no leading
// zero, short enough to stay exact. Codes such as 001 stay text.
bool is_count(const std::string& s) {
    return !s.empty() && s.size() <= 15 && s[0] != '0' &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Workbook {
  public:
    explicit Workbook(const std::string& path) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;  // rows streamed to disk in order: 100,000 items fit
        m_workbook = workbook_new_opt(path.c_str(), &options);
        if (!m_workbook) {
            throw Error(path + ": cannot create the workbook");
        }
        m_title = format({.bold = true, .size = 16, .center = true});
        m_note = format({});
        m_header =
            format({.bold = true, .center = true, .border = true, .wrap = true, .fill = 0xD9E1F2});
        m_heading = format({.bold = true, .border = true, .fill = 0xF2F2F2});
        m_cell = format({.border = true, .wrap = true});
        m_number = format({.center = true, .border = true});
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    ~Workbook() {
        if (m_workbook) {
            workbook_close(m_workbook);  // on an error path only; its result no longer matters
        }
    }

    void write(const Document& document) {
        lxw_doc_properties properties{};
        properties.title = const_cast<char*>(document.title.c_str());
        properties.author = const_cast<char*>(document.author.c_str());
        properties.company = const_cast<char*>(document.author.c_str());
        properties.created = created_time(document.date);
        check(workbook_set_properties(m_workbook, &properties));
        for (const auto& sheet : document.sheets) {
            write(sheet);
        }
    }

    void close(const std::string& path) {
        const lxw_error error = workbook_close(m_workbook);
        m_workbook = nullptr;
        if (error != LXW_NO_ERROR) {
            throw Error(path + ": " + lxw_strerror(error));
        }
    }

  private:
    struct Style {
        bool bold = false;
        double size = 11;
        bool center = false;
        bool border = false;
        bool wrap = false;
        lxw_color_t fill = 0;
    };

    lxw_format* format(const Style& style) {
        lxw_format* f = workbook_add_format(m_workbook);
        format_set_font_name(f, "宋体");
        format_set_font_size(f, style.size);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        if (style.bold) {
            format_set_bold(f);
        }
        if (style.center) {
            format_set_align(f, LXW_ALIGN_CENTER);
        }
        if (style.border) {
            format_set_border(f, LXW_BORDER_THIN);
        }
        if (style.wrap) {
            format_set_text_wrap(f);
        }
        if (style.fill) {
            format_set_bg_color(f, style.fill);
        }
        return f;
    }

    static void check(lxw_error error) {
        if (error != LXW_NO_ERROR) {
            throw Error(std::string("xlsx: ") + lxw_strerror(error));
        }
    }

    void write(const Sheet& sheet) {
        lxw_worksheet* ws = workbook_add_worksheet(m_workbook, sheet.name.c_str());
        if (!ws) {
            throw Error("xlsx: cannot add worksheet '" + sheet.name + "'");
        }
        const auto columns = static_cast<lxw_col_t>(sheet.columns.size());
        const lxw_col_t last_col = columns ? columns - 1 : 0;

        // Widths first: in constant-memory mode rows are written out as they are finished.
        for (lxw_col_t c = 0; c < columns; ++c) {
            const auto& column = sheet.columns[c];
            std::size_t width = widest_line(column.header);
            for (const auto& group : sheet.groups) {
                for (const auto& row : group.rows) {
                    width = std::max(width, widest_line(row[c]));
                }
            }
            width = std::min(width, std::max<std::size_t>(column.max_width, 4));
            check(worksheet_set_column(ws, c, c, static_cast<double>(width) + 2, nullptr));
        }

        lxw_row_t row = 0;
        check(worksheet_set_row(ws, row, 30, nullptr));
        merged(ws, row++, last_col, sheet.title, m_title);
        for (const auto& note : sheet.notes) {
            merged(ws, row++, last_col, note, m_note);
        }
        const lxw_row_t header = row++;
        for (lxw_col_t c = 0; c < columns; ++c) {
            check(worksheet_write_string(ws, header, c, sheet.columns[c].header.c_str(), m_header));
        }
        for (const auto& group : sheet.groups) {
            if (!group.heading.empty()) {
                merged(ws, row++, last_col, group.heading, m_heading);
            }
            for (const auto& cells : group.rows) {
                for (lxw_col_t c = 0; c < columns; ++c) {
                    const std::string& cell = cells[c];
                    if (is_count(cell)) {
                        check(worksheet_write_number(ws, row, c, std::stod(cell), m_number));
                    } else {
                        check(worksheet_write_string(ws, row, c, cell.c_str(), m_cell));
                    }
                }
                ++row;
            }
        }
        const lxw_row_t last_row = row > header + 1 ? row - 1 : header;
        worksheet_freeze_panes(ws, header + 1, 0);
        check(worksheet_autofilter(ws, header, 0, last_row, last_col));
        worksheet_set_landscape(ws);
        worksheet_set_paper(ws, k_a4);
        worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
        check(worksheet_repeat_rows(ws, header, header));
        worksheet_fit_to_pages(ws, 1, 0);
        check(worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"));
    }

    void merged(lxw_worksheet* ws, lxw_row_t row, lxw_col_t last_col, const std::string& text,
                lxw_format* f) {
        if (last_col == 0) {
            check(worksheet_write_string(ws, row, 0, text.c_str(), f));
        } else {
            check(worksheet_merge_range(ws, row, 0, row, last_col, text.c_str(), f));
        }
    }

    lxw_workbook* m_workbook = nullptr;
    lxw_format* m_title = nullptr;
    lxw_format* m_note = nullptr;
    lxw_format* m_header = nullptr;
    lxw_format* m_heading = nullptr;
    lxw_format* m_cell = nullptr;
    lxw_format* m_number = nullptr;
};

}  // namespace

void write_xlsx(const Document& document, const std::filesystem::path& path) {
    exporting::check(document);
    const std::filesystem::path part = path.string() + ".part";
    {
        // libxlsxwriter reports a file it cannot create on stderr itself; find out first.
        std::ofstream probe(part, std::ios::binary | std::ios::trunc);
        if (!probe) {
            throw Error(path.string() + ": cannot write: " + std::strerror(errno));
        }
    }
    try {
        Workbook workbook(part.string());
        workbook.write(document);
        workbook.close(path.string());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(part, ignored);
        throw;
    }
    std::error_code error;
    std::filesystem::rename(part, path, error);
    if (error) {
        std::filesystem::remove(part, error);
        throw Error(path.string() + ": " + error.message());
    }
}

}  // namespace lawlist::exporting
