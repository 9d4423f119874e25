#include "lawlist/format/writer.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "lawlist/format/table.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::format {
namespace {

// The columns shown to people, and the table of them (序号 first when numbered).
Table people_table(const Listing& listing) {
    std::vector<std::size_t> shown;
    std::vector<std::string> headers;
    if (listing.numbered) {
        headers.emplace_back("序号");
    }
    for (std::size_t c = 0; c < listing.columns.size(); ++c) {
        if (!listing.columns[c].label.empty()) {
            shown.push_back(c);
            headers.push_back(listing.columns[c].label);
        }
    }
    Table table(std::move(headers));
    std::size_t n = 0;
    for (const auto& row : listing.rows) {
        std::vector<std::string> cells;
        cells.reserve(shown.size() + 1);
        if (listing.numbered) {
            cells.push_back(std::to_string(++n));
        }
        for (const auto c : shown) {
            cells.push_back(row[c].display);
        }
        table.add_row(std::move(cells));
    }
    return table;
}

class TableWriter : public Writer {
  public:
    explicit TableWriter(WriterOptions options) : m_options(options) {}
    void write(const Listing& listing, std::ostream& out) const override {
        const Table table = people_table(listing);
        if (!m_options.terminal_width) {
            out << table.render_text();
        } else if (auto text = table.render_text(*m_options.terminal_width)) {
            out << *text;
        } else {
            make_writer(Output::cards, m_options)->write(listing, out);
        }
    }

  private:
    WriterOptions m_options;
};

class CardsWriter : public Writer {
  public:
    explicit CardsWriter(WriterOptions options) : m_options(options) {}
    void write(const Listing& listing, std::ostream& out) const override {
        std::size_t label_width = 0;
        for (const auto& column : listing.columns) {
            label_width = std::max(label_width, text::display_width(column.label));
        }
        std::size_t n = 0;
        for (const auto& row : listing.rows) {
            out << (n > 0 ? "\n" : "");
            out << "【" << ++n << "】\n";
            for (std::size_t c = 0; c < listing.columns.size(); ++c) {
                if (listing.columns[c].label.empty()) {
                    continue;
                }
                write_field(out, listing.columns[c].label, label_width, row[c].display);
            }
        }
    }

  private:
    // "label  value", the value wrapped under itself when the terminal is narrower.
    void write_field(std::ostream& out, const std::string& label, std::size_t label_width,
                     const std::string& raw) const {
        if (raw.empty()) {
            out << label << '\n';  // no trailing blanks
            return;
        }
        const std::string value = text::visible(raw);
        const std::size_t indent = label_width + 2;
        const auto width = m_options.terminal_width;
        if (!width || *width <= indent + Table::k_min_column_width ||
            text::display_width(value) <= *width - indent) {
            out << pad(label, label_width) << "  " << value << '\n';
            return;
        }
        const auto lines = wrap(value, *width - indent);
        for (std::size_t l = 0; l < lines.size(); ++l) {
            out << pad(l == 0 ? label : "", label_width) << "  " << lines[l] << '\n';
        }
    }

    WriterOptions m_options;
};

class MarkdownWriter : public Writer {
  public:
    void write(const Listing& listing, std::ostream& out) const override {
        out << people_table(listing).render_markdown();
    }
};

// The machine columns of a CSV file, and its first line: the byte order mark when asked for and
// the header row.
std::string csv_header(const std::vector<Heading>& columns, const WriterOptions& options,
                       std::vector<std::size_t>& shown) {
    std::vector<std::string> headers;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (!columns[c].key.empty()) {
            shown.push_back(c);
            headers.push_back(options.csv_headers == CsvHeaders::chinese ? columns[c].chinese()
                                                                         : columns[c].key);
        }
    }
    return (options.csv_bom ? "\xEF\xBB\xBF" : "") + Table(std::move(headers)).render_csv();
}

// One CSV row of the `shown` cells' machine values.
std::string csv_row(const std::vector<Cell>& row, const std::vector<std::size_t>& shown) {
    std::string line;
    for (std::size_t k = 0; k < shown.size(); ++k) {
        line += (k ? "," : "") + csv_field(row[shown[k]].value);
    }
    return line + "\r\n";
}

class CsvWriter : public Writer {
  public:
    explicit CsvWriter(WriterOptions options) : m_options(options) {}
    void write(const Listing& listing, std::ostream& out) const override {
        std::vector<std::size_t> shown;
        out << csv_header(listing.columns, m_options, shown);
        for (const auto& row : listing.rows) {
            out << csv_row(row, shown);
        }
    }

  private:
    WriterOptions m_options;
};

class JsonWriter : public Writer {
  public:
    void write(const Listing& listing, std::ostream& out) const override {
        if (listing.document) {
            out << dump_json(*listing.document);
            return;
        }
        Json array = Json::array();
        for (const auto& record : listing.records) {
            array.push_back(record);
        }
        out << dump_json(array);
    }
};

class JsonLinesWriter : public Writer {
  public:
    void write(const Listing& listing, std::ostream& out) const override {
        for (const auto& record : listing.records) {
            out << dump_json_line(record);
        }
    }
};

}  // namespace

std::unique_ptr<Writer> make_writer(Output output, const WriterOptions& options) {
    switch (output) {
        case Output::table:
            return std::make_unique<TableWriter>(options);
        case Output::cards:
            return std::make_unique<CardsWriter>(options);
        case Output::json:
            return std::make_unique<JsonWriter>();
        case Output::jsonl:
            return std::make_unique<JsonLinesWriter>();
        case Output::csv:
            return std::make_unique<CsvWriter>(options);
        case Output::markdown:
            return std::make_unique<MarkdownWriter>();
        case Output::dot:
            break;
    }
    throw std::invalid_argument("no listing writer for output " + std::string(to_string(output)));
}

void write(const Listing& listing, Output output, std::ostream& out, const WriterOptions& options) {
    if (listing.report) {
        if (auto text = listing.report(output, options)) {
            out << *text;
            return;
        }
    }
    make_writer(output, options)->write(listing, out);
}

bool streams(Output output) {
    return output == Output::json || output == Output::jsonl || output == Output::csv;
}

StreamWriter::StreamWriter(Output output, const std::vector<Heading>& columns, std::ostream& out,
                           const WriterOptions& options)
    : m_output(output), m_out(out) {
    if (!streams(output)) {
        throw std::invalid_argument("output " + std::string(to_string(output)) +
                                    " is not written as a stream");
    }
    if (output == Output::csv) {
        m_out << csv_header(columns, options, m_csv_columns);
    }
}

void StreamWriter::write(const Listing& part) {
    if (m_output == Output::csv) {
        for (const auto& row : part.rows) {
            write_row(row);
        }
        return;
    }
    for (const auto& record : part.records) {
        write_record(record);
    }
}

void StreamWriter::write_record(const Json& record) {
    if (m_output == Output::jsonl) {
        m_out << dump_json_line(record);
        return;
    }
    // json: an element of a two-space-indented array, its own lines indented one level.
    const std::string text = record.dump(2, ' ', false, Json::error_handler_t::replace);
    m_out << (m_written++ == 0 ? "[\n  " : ",\n  ");
    for (const char c : text) {
        m_out << c;
        if (c == '\n') {
            m_out << "  ";
        }
    }
}

void StreamWriter::write_row(const std::vector<Cell>& row) {
    m_out << csv_row(row, m_csv_columns);
}

void StreamWriter::finish() {
    if (m_output == Output::json) {
        m_out << (m_written == 0 ? "[]\n" : "\n]\n");
    }
}

std::string dump_json(const Json& value) {
    return value.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

std::string dump_json_line(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n';
}

}  // namespace lawlist::format
