#include "lawlist/import/workbook.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/sax_parser.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::import_ {
namespace {

namespace ss = orcus::spreadsheet;

Diagnostic file_problem(const std::string& file, std::string message) {
    Diagnostic d;
    d.path = file;
    d.message = std::move(message);
    return d;
}

// A number as a spreadsheet shows it: 12, not 12.000000; codes of 12 digits stay whole.
std::string format_number(double value) {
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

struct SharedStrings final : ss::iface::import_shared_strings {
    std::vector<std::string> strings;
    std::string segments;

    std::size_t append(std::string_view s) override {
        strings.emplace_back(s);
        return strings.size() - 1;
    }
    std::size_t add(std::string_view s) override { return append(s); }
    void set_segment_font(std::size_t) override {}
    void set_segment_bold(bool) override {}
    void set_segment_italic(bool) override {}
    void set_segment_font_name(std::string_view) override {}
    void set_segment_font_size(double) override {}
    void set_segment_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                                ss::color_elem_t) override {}
    void append_segment(std::string_view s) override { segments += s; }
    std::size_t commit_segments() override {
        strings.push_back(std::move(segments));
        segments.clear();
        return strings.size() - 1;
    }
};

struct SheetBuilder;

struct Properties final : ss::iface::import_sheet_properties {
    std::vector<ss::range_t> merges;
    void set_column_width(ss::col_t, double, orcus::length_unit_t) override {}
    void set_column_hidden(ss::col_t, bool) override {}
    void set_row_height(ss::row_t, double, orcus::length_unit_t) override {}
    void set_row_hidden(ss::row_t, bool) override {}
    void set_merge_cell_range(const ss::range_t& range) override { merges.push_back(range); }
};

// A formula's cached result is what the sheet shows: 序号 written as =ROW()-2, say.
struct Formula final : ss::iface::import_formula {
    SheetBuilder* sheet = nullptr;
    ss::row_t row = 0;
    ss::col_t column = 0;
    std::string result;
    void set_position(ss::row_t r, ss::col_t c) override {
        row = r;
        column = c;
        result.clear();
    }
    void set_formula(ss::formula_grammar_t, std::string_view) override {}
    void set_shared_formula_index(std::size_t) override {}
    void set_result_string(std::string_view value) override { result = value; }
    void set_result_value(double value) override { result = format_number(value); }
    void set_result_bool(bool value) override { result = value ? "TRUE" : "FALSE"; }
    void set_result_empty() override { result.clear(); }
    void commit() override;
};

struct SheetBuilder final : ss::iface::import_sheet {
    const SharedStrings& shared;
    Sheet sheet;
    Properties properties;
    Formula formula;

    explicit SheetBuilder(const SharedStrings& strings) : shared(strings) { formula.sheet = this; }

    void put(ss::row_t row, ss::col_t column, std::string value) {
        if (row < 0 || column < 0 || value.empty()) {
            return;
        }
        auto& rows = sheet.rows;
        if (rows.size() <= static_cast<std::size_t>(row)) {
            rows.resize(static_cast<std::size_t>(row) + 1);
        }
        auto& cells = rows[static_cast<std::size_t>(row)];
        if (cells.size() <= static_cast<std::size_t>(column)) {
            cells.resize(static_cast<std::size_t>(column) + 1);
        }
        cells[static_cast<std::size_t>(column)] = std::move(value);
    }

    ss::iface::import_sheet_properties* get_sheet_properties() override { return &properties; }
    ss::iface::import_formula* get_formula() override { return &formula; }
    void set_auto(ss::row_t row, ss::col_t column, std::string_view s) override {
        put(row, column, std::string(s));
    }
    void set_string(ss::row_t row, ss::col_t column, ss::string_id_t id) override {
        if (id < shared.strings.size()) {
            put(row, column, shared.strings[id]);
        }
    }
    void set_value(ss::row_t row, ss::col_t column, double value) override {
        put(row, column, format_number(value));
    }
    void set_bool(ss::row_t row, ss::col_t column, bool value) override {
        put(row, column, value ? "TRUE" : "FALSE");
    }
    void set_date_time(ss::row_t row, ss::col_t column, int year, int month, int day, int, int,
                       double) override {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
        put(row, column, buffer);
    }
    void set_format(ss::row_t, ss::col_t, std::size_t) override {}
    void set_format(ss::row_t, ss::col_t, ss::row_t, ss::col_t, std::size_t) override {}
    void fill_down_cells(ss::row_t row, ss::col_t column, ss::row_t size) override {
        const std::string value = sheet.cell(static_cast<std::size_t>(row), column);
        for (ss::row_t r = 1; r <= size; ++r) {
            put(row + r, column, value);
        }
    }
    ss::range_size_t get_sheet_size() const override { return {1048576, 16384}; }

    // A merged range's value down its first column (see Sheet).
    void apply_merges() {
        for (const auto& range : properties.merges) {
            const std::string value = sheet.cell(static_cast<std::size_t>(range.first.row),
                                                 static_cast<std::size_t>(range.first.column));
            for (ss::row_t r = range.first.row + 1; r <= range.last.row && r < 1048576; ++r) {
                put(r, range.first.column, value);
            }
        }
    }
};

void Formula::commit() {
    sheet->put(row, column, result);
}

// A1 references (merged ranges, sheet dimensions) to positions; orcus asks for it.
struct References final : ss::iface::import_reference_resolver {
    static ss::src_address_t address(std::string_view text) {
        if (const auto bang = text.rfind('!'); bang != std::string_view::npos) {
            text.remove_prefix(bang + 1);
        }
        ss::src_address_t out{0, 0, 0};
        std::size_t i = 0;
        std::string letters;
        for (; i < text.size() && !(text[i] >= '0' && text[i] <= '9'); ++i) {
            if (text[i] != '$') {
                letters += text[i];
            }
        }
        const auto column = column_index(letters);
        if (column == std::string_view::npos || i == text.size()) {
            throw std::invalid_argument("invalid cell reference: " + std::string(text));
        }
        long row = 0;
        for (; i < text.size(); ++i) {
            if (text[i] < '0' || text[i] > '9' || row > 1048576) {
                throw std::invalid_argument("invalid cell reference: " + std::string(text));
            }
            row = row * 10 + (text[i] - '0');
        }
        out.column = static_cast<ss::col_t>(column);
        out.row = static_cast<ss::row_t>(row - 1);
        return out;
    }
    ss::src_address_t resolve_address(std::string_view text) override { return address(text); }
    ss::src_range_t resolve_range(std::string_view text) override {
        const auto colon = text.find(':');
        const auto first = address(text.substr(0, colon));
        return {first, colon == std::string_view::npos ? first : address(text.substr(colon + 1))};
    }
};

struct Factory final : ss::iface::import_factory {
    SharedStrings strings;
    References references;
    std::vector<std::unique_ptr<SheetBuilder>> sheets;
    std::map<std::string, std::size_t, std::less<>> by_name;

    ss::iface::import_shared_strings* get_shared_strings() override { return &strings; }
    ss::iface::import_reference_resolver* get_reference_resolver(
        ss::formula_ref_context_t) override {
        return &references;
    }
    ss::iface::import_sheet* append_sheet(ss::sheet_t, std::string_view name) override {
        sheets.push_back(std::make_unique<SheetBuilder>(strings));
        sheets.back()->sheet.name = name;
        by_name.emplace(std::string(name), sheets.size() - 1);
        return sheets.back().get();
    }
    ss::iface::import_sheet* get_sheet(std::string_view name) override {
        const auto it = by_name.find(name);
        return it == by_name.end() ? nullptr : sheets[it->second].get();
    }
    ss::iface::import_sheet* get_sheet(ss::sheet_t index) override {
        return index >= 0 && static_cast<std::size_t>(index) < sheets.size()
                   ? sheets[static_cast<std::size_t>(index)].get()
                   : nullptr;
    }
    void finalize() override {}
};

// liborcus 0.17's xlsx filter drops inline strings (<c t="inlineStr"><is><t>…</t></is></c>),
// which libxlsxwriter's constant-memory mode and other generators write instead of shared
// strings. They are read here from the package, with liborcus's zip and XML parsers.
class PackageReader {
  public:
    explicit PackageReader(std::string_view bytes)
        : m_stream(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
          m_zip(&m_stream) {
        m_zip.load();
    }

    std::string entry(const std::string& name) const {
        std::vector<unsigned char> buffer;
        if (!m_zip.read_file_entry(name, buffer)) {
            return {};
        }
        return std::string(buffer.begin(), buffer.end());
    }

  private:
    orcus::zip_archive_stream_blob m_stream;
    orcus::zip_archive m_zip;
};

// Collects, for each element named `element`, the attributes asked for.
struct AttributeCollector : orcus::sax_handler {
    std::string_view element;
    std::vector<std::string> names;  // attribute names, with their prefix (r:id)
    std::vector<std::vector<std::string>> found;
    std::vector<std::string> current;

    void attribute(const orcus::sax::parser_attribute& attr) {
        const std::string name = attr.ns.empty()
                                     ? std::string(attr.name)
                                     : std::string(attr.ns) + ":" + std::string(attr.name);
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i] == name) {
                current[i] = attr.value;
            }
        }
    }
    void start_element(const orcus::sax::parser_element& elem) {
        if (elem.name == element) {
            found.push_back(current);
        }
        current.assign(names.size(), {});
    }
};

std::vector<std::vector<std::string>> collect(const std::string& xml, std::string_view element,
                                              std::vector<std::string> names) {
    AttributeCollector handler;
    handler.element = element;
    handler.current.assign(names.size(), {});
    handler.names = std::move(names);
    orcus::sax_parser<AttributeCollector> parser(xml.data(), xml.size(), handler);
    parser.parse();
    return handler.found;
}

// The inline strings of one sheet's XML: (row, column, text). Attributes come before their
// element's start.
struct InlineStrings : orcus::sax_handler {
    std::vector<std::tuple<std::size_t, std::size_t, std::string>> cells;
    std::string reference, type;  // of the element being opened
    std::string cell, text;       // the inline-string cell being read
    bool in_cell = false, in_text = false;

    void attribute(const orcus::sax::parser_attribute& attr) {
        if (attr.name == "r") {
            reference = attr.value;
        } else if (attr.name == "t") {
            type = attr.value;
        }
    }
    void start_element(const orcus::sax::parser_element& elem) {
        if (elem.name == "c") {
            in_cell = type == "inlineStr";
            cell = reference;
            text.clear();
        } else if (elem.name == "t" && in_cell) {
            in_text = true;
        }
        reference.clear();
        type.clear();
    }
    void end_element(const orcus::sax::parser_element& elem) {
        if (elem.name == "t") {
            in_text = false;
        } else if (elem.name == "c" && in_cell) {
            in_cell = false;
            std::size_t i = 0;
            while (i < cell.size() && !(cell[i] >= '0' && cell[i] <= '9')) {
                ++i;
            }
            const auto column = column_index(std::string_view(cell).substr(0, i));
            const auto row = std::strtoul(cell.c_str() + i, nullptr, 10);
            if (column != std::string_view::npos && row > 0) {
                cells.emplace_back(row - 1, column, text);
            }
        }
    }
    void characters(std::string_view value, bool) {
        if (in_text) {
            text += value;
        }
    }
};

// Fills the inline strings of each sheet into `builders`, which liborcus appended in workbook
// order.
void add_inline_strings(std::string_view bytes,
                        std::vector<std::unique_ptr<SheetBuilder>>& builders) {
    const PackageReader package(bytes);
    const std::string workbook = package.entry("xl/workbook.xml");
    const std::string relations = package.entry("xl/_rels/workbook.xml.rels");
    if (workbook.empty() || relations.empty()) {
        return;
    }
    std::map<std::string, std::string> targets;
    for (const auto& r : collect(relations, "Relationship", {"Id", "Target"})) {
        targets[r[0]] = r[1].starts_with("/") ? r[1].substr(1) : "xl/" + r[1];
    }
    const auto sheets = collect(workbook, "sheet", {"r:id"});
    for (std::size_t i = 0; i < sheets.size() && i < builders.size(); ++i) {
        const std::string xml = package.entry(targets[sheets[i][0]]);
        if (xml.find("inlineStr") == std::string::npos) {
            continue;
        }
        InlineStrings handler;
        orcus::sax_parser<InlineStrings> parser(xml.data(), xml.size(), handler);
        parser.parse();
        for (auto& [row, column, text] : handler.cells) {
            builders[i]->put(static_cast<ss::row_t>(row), static_cast<ss::col_t>(column),
                             std::move(text));
        }
    }
}

std::string trimmed_stem(const std::string& file) {
    return std::filesystem::path(file).stem().string();
}

// Splits CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes) into rows,
// remembering where each cell starts. The delimiter is a comma, or a tab when the first line has
// tabs and no commas (Excel's "Unicode text").
void split_csv(const std::string& text, Sheet& sheet) {
    const auto first_line_end = text.find('\n');
    const std::string_view first_line = std::string_view(text).substr(0, first_line_end);
    const char delimiter = first_line.find(',') == std::string_view::npos &&
                                   first_line.find('\t') != std::string_view::npos
                               ? '\t'
                               : ',';
    std::vector<std::string> row;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> where;
    std::string cell;
    std::uint32_t line = 1;
    std::uint32_t column = 1;  // character column of the cursor
    std::pair<std::uint32_t, std::uint32_t> start{1, 1};
    bool quoted = false;
    bool row_started = false;
    auto end_cell = [&] {
        row.push_back(std::move(cell));
        where.push_back(start);
        cell.clear();
    };
    auto end_row = [&] {
        end_cell();
        sheet.rows.push_back(std::move(row));
        sheet.positions.push_back(std::move(where));
        row.clear();
        where.clear();
        row_started = false;
    };
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t n = text::decode_next(text, i, cp);
        if (!row_started) {
            row_started = true;
            start = {line, column};
        }
        if (quoted) {
            if (cp == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                i += 2;
                column += 2;
                continue;
            }
            if (cp == '"') {
                quoted = false;
            } else {
                cell.append(text, i, n);
            }
            if (cp == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
            i += n;
            continue;
        }
        if (cp == '"' && cell.empty()) {
            quoted = true;
        } else if (cp == static_cast<char32_t>(delimiter)) {
            end_cell();
            start = {line, column + 1};
        } else if (cp == '\n') {
            if (!cell.empty() && cell.back() == '\r') {
                cell.pop_back();
            }
            end_row();
            ++line;
            column = 1;
            i += n;
            continue;
        } else {
            cell.append(text, i, n);
        }
        ++column;
        i += n;
    }
    if (row_started) {
        if (!cell.empty() && cell.back() == '\r') {
            cell.pop_back();
        }
        end_row();
    }
}

bool is_zip(std::string_view bytes) {
    return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

}  // namespace

const std::string& Sheet::cell(std::size_t row, std::size_t column) const {
    static const std::string empty;
    if (row >= rows.size() || column >= rows[row].size()) {
        return empty;
    }
    return rows[row][column];
}

std::string Sheet::where(std::size_t row, std::size_t column) const {
    if (csv) {
        std::pair<std::uint32_t, std::uint32_t> at{static_cast<std::uint32_t>(row + 1), 1};
        if (row < positions.size() && !positions[row].empty()) {
            at = column < positions[row].size()
                     ? positions[row][column]
                     : std::pair<std::uint32_t, std::uint32_t>{positions[row].back().first, 0};
        }
        return file + ':' + std::to_string(at.first) + ':' + std::to_string(at.second);
    }
    return file + ':' + name + '!' + column_letters(column) + std::to_string(row + 1);
}

std::string column_letters(std::size_t column) {
    std::string out;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
        out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    }
    return out;
}

std::size_t column_index(std::string_view letters) {
    if (letters.empty() || letters.size() > 3) {
        return std::string_view::npos;
    }
    std::size_t n = 0;
    for (const char c : letters) {
        const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (upper < 'A' || upper > 'Z') {
            return std::string_view::npos;
        }
        n = n * 26 + static_cast<std::size_t>(upper - 'A' + 1);
    }
    return n - 1;
}

std::string to_utf8(std::string_view bytes, std::string& encoding) {
    const char* from = nullptr;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        encoding = "UTF-8 with BOM";
        return std::string(bytes.substr(3));
    }
    if (bytes.substr(0, 2) == "\xFF\xFE") {
        from = "UTF-16LE";
        bytes.remove_prefix(2);
    } else if (bytes.substr(0, 2) == "\xFE\xFF") {
        from = "UTF-16BE";
        bytes.remove_prefix(2);
    } else if (!text::find_invalid_utf8(bytes)) {
        encoding = "UTF-8";
        return std::string(bytes);
    } else {
        from = "GB18030";
    }
    encoding = from;
    const icu::UnicodeString unicode(bytes.data(), static_cast<std::int32_t>(bytes.size()), from);
    std::string out;
    unicode.toUTF8String(out);
    return out;
}

Sheet read_csv(std::string_view bytes, const std::string& file) {
    std::string encoding;
    const std::string text = to_utf8(bytes, encoding);
    Sheet sheet;
    sheet.file = file;
    sheet.name = trimmed_stem(file);
    sheet.csv = true;
    split_csv(text, sheet);
    return sheet;
}

std::vector<Sheet> read_xlsx(std::string_view bytes, const std::string& file) {
    Factory factory;
    try {
        orcus::orcus_xlsx reader(&factory);
        reader.read_stream(bytes);
    } catch (const std::exception& e) {
        const std::string why = e.what();
        throw InputError({file_problem(
            file, "cannot read workbook: " + (why.empty() ? "not an xlsx package" : why))});
    }
    try {
        add_inline_strings(bytes, factory.sheets);
    } catch (const std::exception& e) {
        throw InputError({file_problem(file, std::string("cannot read workbook: ") + e.what())});
    }
    std::vector<Sheet> sheets;
    for (auto& builder : factory.sheets) {
        builder->apply_merges();
        builder->sheet.file = file;
        sheets.push_back(std::move(builder->sheet));
    }
    return sheets;
}

std::vector<Sheet> read_workbook(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError({file_problem(path.string(), "cannot open file")});
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string bytes = buffer.str();
    if (is_zip(bytes)) {
        return read_xlsx(bytes, path.string());
    }
    if (bytes.substr(0, 8) == std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        throw InputError({file_problem(
            path.string(),
            "an old .xls workbook; save it as .xlsx or .csv in Excel or LibreOffice")});
    }
    return {read_csv(bytes, path.string())};
}

}  // namespace lawlist::import_
