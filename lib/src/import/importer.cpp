#include "lawlist/import/importer.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "lawlist/import/bodies.hpp"
#include "lawlist/import/citation.hpp"
#include "lawlist/import/workbook.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/model/teams.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::import_ {
namespace {

constexpr double k_include_share = 0.9;  // types scoring at least this share of the best
constexpr double k_sure_gap = 1.3;       // weakest included over best excluded
constexpr std::size_t k_review_candidates = 3;
// The second line of every file the import writes; an import replaces the files it wrote before.
constexpr std::string_view k_written_by = ": written by lawlist import from ";

// The fields that a blank cell takes from the row above (a department written once for a block).
// A blank 原实施部门 is not one of them: it marks a township's own item; nor is a blank 承办机构
// beside a written 实施主体: the subject does the work itself. Merged cells and 同上 fill every
// field.
constexpr std::array<Field, 4> k_fill_down = {Field::body, Field::department, Field::category,
                                              Field::sector};

std::string trim(std::string_view s) {
    const auto chars = text::decode(s);
    std::size_t begin = 0;
    std::size_t end = chars.size();
    auto blank = [](char32_t c) {
        return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' ||
               c == U'\u00a0';
    };
    while (begin < end && blank(chars[begin])) {
        ++begin;
    }
    while (end > begin && blank(chars[end - 1])) {
        --end;
    }
    return text::encode(std::u32string_view(chars).substr(begin, end - begin));
}

// One line, for a name or a YAML comment: line breaks inside a cell become nothing.
std::string one_line(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c != '\n' && c != '\r') {
            out += c;
        }
    }
    return trim(out);
}

bool is_ditto(const std::string& cell) {
    return cell == "同上" || cell == "同上。" || cell == "〃" || cell == "”" || cell == "\"";
}

// One data row of a sheet, its cells by field after filling down.
struct Row {
    const Sheet* sheet = nullptr;
    const ColumnMap* columns = nullptr;
    std::size_t row = 0;
    std::array<std::string, k_field_count> cell;
    std::string department;  // from the last section row above, if any

    const std::string& operator[](Field f) const { return cell[static_cast<std::size_t>(f)]; }
    std::string where(Field f) const {
        const auto c = (*columns)[f];
        return sheet->where(row, c == std::string_view::npos ? 0 : c);
    }
};

// "一、泽川县自然资源局（共23项）" → 泽川县自然资源局.
std::string section_title(const std::string& text) {
    auto chars = text::decode(trim(text));
    // A leading enumerator: 一、 1. （一）
    std::size_t i = 0;
    while (i < chars.size() &&
           (std::u32string_view(U"0123456789一二三四五六七八九十（）()").find(chars[i]) !=
            std::u32string_view::npos)) {
        ++i;
    }
    if (i > 0 && i < chars.size() &&
        std::u32string_view(U"、.．").find(chars[i]) != std::u32string_view::npos) {
        ++i;
    } else if (i > 0 && !(chars[i - 1] == U'）' || chars[i - 1] == U')')) {
        i = 0;
    }
    chars.erase(0, i);
    if (const auto open = chars.find_first_of(U"（("); open != std::u32string::npos && open > 0) {
        chars.resize(open);
    }
    return trim(text::encode(chars));
}

bool reads_as_department(const std::string& title) {
    for (const std::string_view end :
         {"局", "队", "委员会", "政府", "办事处", "中心", "所", "站", "委", "办", "院"}) {
        if (title.size() >= end.size() &&
            title.compare(title.size() - end.size(), end.size(), end) == 0) {
            return true;
        }
    }
    return false;
}

// A category as spreadsheets write it: 行政处罚, 处罚, 处罚类, 行政处罚类.
std::optional<model::Category> read_category(const std::string& text) {
    const std::string cell = trim(text);
    if (const auto category = model::parse_category(cell)) {
        return category;
    }
    static const std::vector<std::pair<std::string, std::string>> aliases = {
        {"处罚", "行政处罚"},
        {"许可", "行政许可"},
        {"强制", "行政强制"},
        {"行政强制措施", "行政强制"},
        {"行政强制执行", "行政强制"},
        {"征收", "行政征收"},
        {"给付", "行政给付"},
        {"检查", "行政检查"},
        {"行政监督检查", "行政检查"},
        {"确认", "行政确认"},
        {"奖励", "行政奖励"},
        {"裁决", "行政裁决"},
        {"其他", "其他行政权力"},
        {"其他权力", "其他行政权力"},
        {"其它行政权力", "其他行政权力"},
        {"其他职权", "其他行政权力"}};
    for (const auto& [alias, category] : aliases) {
        if (cell == alias || cell == alias + "类" || cell == "行政" + alias + "类") {
            return model::parse_category(category);
        }
    }
    for (const auto& category : model::categories()) {
        if (cell == category + "类") {
            return model::parse_category(category);
        }
    }
    return std::nullopt;
}

std::optional<model::DelegationMode> read_mode(const std::string& text) {
    if (text.find("委托") != std::string::npos) {
        return model::DelegationMode::entrustment;
    }
    if (text.find("赋权") != std::string::npos || text.find("下放") != std::string::npos ||
        text.find("授权") != std::string::npos) {
        return model::DelegationMode::grant;
    }
    return std::nullopt;
}

bool valid_code(const std::string& code) {
    if (code.empty() || code.size() > 64 || code.front() == '-' || code.back() == '-') {
        return false;
    }
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        const bool ok =
            (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && code[i - 1] != '-');
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::string upper_ascii(std::string s) {
    for (auto& c : s) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return s;
}

// Splits a list written in one cell: 石河镇（赋权）；东城街道（赋权）, shihe-town:赋权;...
std::vector<std::string> split_list(const std::string& cell) {
    std::vector<std::string> out;
    std::u32string part;
    for (const char32_t c : text::decode(cell)) {
        if (std::u32string_view(U";；、,，\n").find(c) != std::u32string_view::npos) {
            if (auto t = trim(text::encode(part)); !t.empty()) {
                out.push_back(t);
            }
            part.clear();
        } else {
            part += c;
        }
    }
    if (auto t = trim(text::encode(part)); !t.empty()) {
        out.push_back(t);
    }
    return out;
}

std::string format_score(double score) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", score);
    return buffer;
}

struct Link {
    LinkSource source = LinkSource::review;
    std::vector<std::string> types;
    std::vector<classify::ScoredType> candidates;
};

// An item as it will be written, with how it was linked and what could not be read.
struct Draft {
    model::Item item;
    std::string group;  // the department file it goes to
    Link link;
    std::vector<std::string> unread_bases;
    std::string where;  // the name cell
};

class Importer {
  public:
    Importer(const Options& options, const Knowledge& knowledge)
        : m_options(options), m_knowledge(knowledge) {}

    Result run() {
        read_rows();
        settle_jurisdiction();
        index_known_names();
        std::set<std::string> codes;
        for (const auto& row : m_rows) {
            if (auto draft = build(row)) {
                if (!codes.insert(draft->item.code).second) {
                    problem(row.where(Field::code),
                            "item code " + draft->item.code + " is used twice");
                    continue;
                }
                m_drafts.push_back(std::move(*draft));
            }
        }
        m_result.jurisdiction = m_jurisdiction;
        m_result.items = m_drafts.size();
        write_output();
        return std::move(m_result);
    }

  private:
    const Options& m_options;
    const Knowledge& m_knowledge;
    Result m_result;
    std::vector<Sheet> m_sheets;
    std::vector<ColumnMap> m_maps;
    std::vector<Row> m_rows;
    std::string m_title;  // the first title row's text, for a new jurisdiction's name
    model::Jurisdiction m_jurisdiction;
    const model::ListSet* m_county = nullptr;
    std::set<std::string> m_taken_ids;
    std::unordered_map<std::string, std::vector<std::string>> m_known_names;
    std::vector<Draft> m_drafts;
    std::size_t m_next_code = 1;

    void problem(const std::string& where, std::string message) {
        Diagnostic d;
        d.path = where;
        d.message = std::move(message);
        m_result.problems.push_back(std::move(d));
    }

    void read_rows() {
        std::vector<Diagnostic> unreadable;
        for (const auto& path : m_options.files) {
            std::vector<Sheet> sheets;
            try {
                sheets = read_workbook(path);
            } catch (const InputError& e) {
                unreadable.insert(unreadable.end(), e.diagnostics().begin(), e.diagnostics().end());
                continue;
            }
            bool any = false;
            for (auto& sheet : sheets) {
                if (const auto map = find_columns(sheet, m_options.columns)) {
                    any = true;
                    m_sheets.push_back(std::move(sheet));
                    m_maps.push_back(*map);
                }
            }
            if (!any) {
                Diagnostic d;
                d.path = path.string();
                d.message =
                    "no header row found (looked for 事项名称 and at least two other known "
                    "headers in the first 30 rows of each sheet); say which columns hold what "
                    "with the columns option (FIELD=COLUMN,...)";
                unreadable.push_back(std::move(d));
            }
        }
        if (!unreadable.empty()) {
            throw InputError(std::move(unreadable));
        }
        // Sheets were moved into m_sheets: rows point at them only now that it is complete.
        for (std::size_t s = 0; s < m_sheets.size(); ++s) {
            collect_rows(m_sheets[s], m_maps[s]);
        }
        if (m_rows.empty() && m_result.problems.empty()) {
            std::vector<Diagnostic> none;
            for (const auto& sheet : m_sheets) {
                Diagnostic d;
                d.path = sheet.where(sheet.rows.size(), 0);
                d.message = "no items below the header row";
                none.push_back(std::move(d));
            }
            throw InputError(std::move(none));
        }
    }

    void collect_rows(const Sheet& sheet, const ColumnMap& map) {
        if (m_title.empty()) {
            for (std::size_t r = 0; r < map.header_row && m_title.empty(); ++r) {
                for (const auto& cell : sheet.rows[r]) {
                    if (!trim(cell).empty()) {
                        m_title = one_line(cell);
                        break;
                    }
                }
            }
        }
        std::array<std::string, k_field_count> above;
        // A workbook with a sheet per department names the department by the sheet.
        std::string department =
            reads_as_department(section_title(sheet.name)) ? section_title(sheet.name) : "";
        for (std::size_t r = map.header_row + 1; r < sheet.rows.size(); ++r) {
            Row row;
            row.sheet = &sheet;
            row.columns = &map;
            row.row = r;
            std::size_t filled = 0;
            std::string only;
            for (const auto& cell : sheet.rows[r]) {
                if (!trim(cell).empty()) {
                    ++filled;
                    only = cell;
                }
            }
            if (filled == 0) {
                continue;  // blank rows, trailing or between blocks
            }
            for (std::size_t f = 0; f < k_field_count; ++f) {
                if (map.column[f] != std::string_view::npos) {
                    row.cell[f] = trim(sheet.cell(r, map.column[f]));
                }
            }
            if (row[Field::name].empty()) {
                if (filled == 1) {
                    // A section row (一、泽川县自然资源局) or a note (注：…).
                    const std::string title = section_title(only);
                    if (reads_as_department(title)) {
                        department = title;
                        above = {};
                    }
                    continue;
                }
                if (repeats_header(sheet, map, r)) {
                    continue;
                }
                problem(sheet.where(r, map[Field::name]), "missing item name");
                continue;
            }
            for (std::size_t f = 0; f < k_field_count; ++f) {
                if (is_ditto(row.cell[f])) {
                    row.cell[f] = above[f];
                }
            }
            if (row[Field::body].empty() && row[Field::unit].empty() && map.has(Field::body)) {
                row.cell[static_cast<std::size_t>(Field::unit)] =
                    above[static_cast<std::size_t>(Field::unit)];
            }
            for (const Field f : k_fill_down) {
                auto& cell = row.cell[static_cast<std::size_t>(f)];
                if (cell.empty() && map.has(f)) {
                    cell = above[static_cast<std::size_t>(f)];
                }
            }
            if (row[Field::mode].empty() && !row[Field::origin].empty()) {
                row.cell[static_cast<std::size_t>(Field::mode)] =
                    above[static_cast<std::size_t>(Field::mode)];
            }
            above = row.cell;
            row.department = department;
            m_rows.push_back(std::move(row));
        }
    }

    // A header repeated further down (a page break in the source document).
    static bool repeats_header(const Sheet& sheet, const ColumnMap& map, std::size_t r) {
        return normalize_header(sheet.cell(r, map[Field::category])) ==
                   normalize_header(sheet.cell(map.header_row, map[Field::category])) &&
               map.has(Field::category);
    }

    void settle_jurisdiction() {
        const model::ListSet* existing = m_knowledge.bundle.find(m_options.jurisdiction);
        if (m_options.county) {
            m_county = m_knowledge.bundle.find(*m_options.county);
        }
        if (m_knowledge.output_jurisdiction) {
            m_jurisdiction = *m_knowledge.output_jurisdiction;
        } else if (existing) {
            m_jurisdiction = existing->jurisdiction;
        } else {
            m_jurisdiction.id = m_options.jurisdiction;
            m_jurisdiction.name = m_options.name.value_or(name_from_title());
            if (m_jurisdiction.name.empty()) {
                throw Error("jurisdiction '" + m_options.jurisdiction +
                            "' is new and the sheets' titles do not name it; give its name "
                            "(the name option)");
            }
            const bool street =
                m_jurisdiction.name.size() >= 6 &&
                (m_jurisdiction.name.ends_with("街道") || m_jurisdiction.name.ends_with("办事处"));
            m_jurisdiction.level = !m_options.county ? model::Level::county
                                   : street          ? model::Level::subdistrict
                                                     : model::Level::township;
        }
        if (m_options.name) {
            m_jurisdiction.name = *m_options.name;
        }
        if (const auto revision = revision_from_title()) {
            m_jurisdiction.revision = revision;
        }
        if (m_options.county) {
            m_jurisdiction.parent = model::Ref{*m_options.county, {}};
        }
        if (m_jurisdiction.parent) {
            m_county = m_knowledge.bundle.find(m_jurisdiction.parent->id);
            if (!m_county && m_options.county) {
                throw Error("county '" + *m_options.county +
                            "': no such jurisdiction in the database");
            }
        }
        for (const auto& body : m_jurisdiction.bodies) {
            m_taken_ids.insert(body.id);
        }
    }

    // 青石镇承接县级部门行政执法事项清单（2025年版） → 青石镇; the county's name taken off a
    // township's (泽川县石河镇 → 石河镇).
    std::string name_from_title() const {
        std::size_t cut = std::string::npos;
        for (const std::string_view mark : {"承接", "综合行政执法", "行政执法", "权责清单",
                                            "权力清单", "执法事项", "事项清单", "清单"}) {
            cut = std::min(cut, m_title.find(mark));
        }
        if (cut == std::string::npos || cut == 0) {
            return {};
        }
        std::string name = trim(m_title.substr(0, cut));
        if (m_county && name.starts_with(m_county->jurisdiction.name) &&
            name.size() > m_county->jurisdiction.name.size()) {
            name.erase(0, m_county->jurisdiction.name.size());
        }
        return name;
    }

    // （2025年版） or (2025年调整) in the title: the list's revision label.
    std::optional<std::string> revision_from_title() const {
        const auto chars = text::decode(m_title);
        const auto open = chars.find_last_of(U"（(");
        const auto close = chars.find_last_of(U"）)");
        if (open == std::u32string::npos || close == std::u32string::npos || close < open + 2) {
            return std::nullopt;
        }
        const auto inside = chars.substr(open + 1, close - open - 1);
        if (inside.find(U'年') == std::u32string::npos) {
            return std::nullopt;
        }
        return trim(text::encode(inside));
    }

    void index_known_names() {
        std::unordered_map<std::string, std::map<std::vector<std::string>, std::size_t>> counts;
        for (const auto& set : m_knowledge.bundle.list_sets) {
            if (set.jurisdiction.id == m_jurisdiction.id) {
                continue;
            }
            for (const auto& item : set.items) {
                if (item.violation_types.empty()) {
                    continue;
                }
                std::vector<std::string> types;
                for (const auto& ref : item.violation_types) {
                    types.push_back(ref.id);
                }
                ++counts[item.name][types];
            }
        }
        for (auto& [name, sets] : counts) {
            const auto best =
                std::max_element(sets.begin(), sets.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
            m_known_names.emplace(name, best->first);
        }
    }

    const model::Body* body_named(const std::string& name) {
        if (const auto* body = match_body(name, m_jurisdiction.bodies, m_jurisdiction.name)) {
            return body;
        }
        // A township's entrusted (委托) items are exercised in the county department's name.
        if (m_county) {
            if (const auto* body =
                    match_body(name, m_county->jurisdiction.bodies, m_county->jurisdiction.name)) {
                return body;
            }
        }
        model::Body body;
        body.name = name;
        body.id = pinyin_id(name, m_taken_ids);
        body.kind = kind_of_name(name, m_jurisdiction.level);
        if (body.kind != model::BodyKind::township_team &&
            body.kind != model::BodyKind::government &&
            body.kind != model::BodyKind::subdistrict_office) {
            body.sector = sector_of_name(name);
        }
        m_taken_ids.insert(body.id);
        m_result.new_bodies.push_back(body.id);
        m_jurisdiction.bodies.push_back(std::move(body));
        return &m_jurisdiction.bodies.back();
    }

    std::optional<Draft> build(const Row& row) {
        bool ok = true;
        bool has_category = false;  // read, or guessed under --keep-going
        Draft draft;
        auto& item = draft.item;
        item.name = one_line(row[Field::name]);
        draft.where = row.where(Field::name);

        // Code: as written, else numbered in sheet order.
        if (!row[Field::code].empty()) {
            item.code = upper_ascii(one_line(row[Field::code]));
            if (!valid_code(item.code)) {
                problem(row.where(Field::code), "cannot read item code \"" + row[Field::code] +
                                                    "\" (upper-case letters, digits and hyphens)");
                ok = false;
                item.code.clear();
            }
        }
        if (item.code.empty()) {
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, "%04zu", m_next_code++);
            item.code = upper_ascii(m_jurisdiction.id) + "-" + buffer;
        }

        if (!row.columns->has(Field::category)) {
            problem(draft.where,
                    "no 事项类别 column: name it with the columns option (category=COLUMN)");
            ok = false;
        } else if (const auto category = read_category(row[Field::category])) {
            item.category = *category;
            has_category = true;
        } else {
            std::string message = "cannot read category \"" + row[Field::category] + "\"";
            const auto close = text::closest(row[Field::category], model::categories(), 1);
            if (!close.empty()) {
                message += "; did you mean " + close.front() + "?";
                if (m_options.keep_going) {
                    item.category = *model::parse_category(close.front());
                    has_category = true;
                }
            }
            problem(row.where(Field::category), message);
            ok = false;
        }

        const auto citations = parse_citations(row[Field::basis]);
        item.basis = citations.bases;
        for (const auto& fragment : citations.unparsed) {
            problem(row.where(Field::basis), "cannot read citation \"" + fragment + "\"");
            draft.unread_bases.push_back(fragment);
            ++m_result.unparsed_bases;
            ok = false;
        }

        // The body: 实施主体, else the department of the block.
        std::string body_name = row[Field::body];
        if (body_name.empty()) {
            body_name = !row[Field::department].empty() ? row[Field::department] : row.department;
        }
        const model::Body* body = nullptr;
        if (body_name.empty()) {
            problem(row.where(Field::body), "missing 实施主体");
            ok = false;
        } else {
            body = body_named(one_line(body_name));
            item.body = model::Ref{body->id, {}};
            const std::string unit_name = one_line(row[Field::unit]);
            if (!unit_name.empty() && unit_name != body->name) {
                read_unit(unit_name, body->id, item);
                body = body_named(one_line(body_name));  // reading the unit may add a body
            }
        }

        const model::Body* origin = nullptr;
        if (!row[Field::origin].empty() || !row[Field::mode].empty()) {
            origin = read_delegation(row, draft, ok);
        }
        read_delegated_to(row, item, ok);
        if (!row[Field::remarks].empty()) {
            item.remarks = row[Field::remarks];
            if (item.delegated_to.empty() && m_jurisdiction.level == model::Level::county) {
                grants_from_remarks(item);
            }
        }

        // The sector: its column, else the body's, the origin's, the block's department's.
        std::optional<std::string> sector;
        if (const auto& cell = row[Field::sector]; !cell.empty()) {
            const auto& codes = model::sector_codes();
            sector = std::find(codes.begin(), codes.end(), cell) != codes.end()
                         ? std::optional<std::string>(cell)
                         : sector_of_name(cell);
        }
        if (!sector && body && body->sector) {
            sector = body->sector;
        }
        if (!sector && origin && origin->sector) {
            sector = origin->sector;
        }
        if (!sector && !row.department.empty()) {
            sector = sector_of_name(row.department);
        }

        draft.link = link(draft);
        if (!sector && !draft.link.candidates.empty()) {
            sector = m_knowledge.classifier.sector_of(draft.link.candidates.front().violation_type);
        }
        if (!sector) {
            problem(draft.where, "cannot tell the sector of \"" + item.name +
                                     "\"; add a 行业领域 column or give the body a sector");
            ok = false;
        } else {
            item.sector = *sector;
        }
        for (const auto& type : draft.link.types) {
            item.violation_types.push_back(model::Ref{type, {}});
        }
        draft.group = group_of(item, body, origin);
        if (!ok && (!m_options.keep_going || !has_category || item.sector.empty() || !body)) {
            return std::nullopt;
        }
        return draft;
    }

    // 承办机构: the unit doing the work in the subject's name. A team new to the jurisdiction
    // belongs to its subject.
    void read_unit(const std::string& name, const std::string& subject_id, model::Item& item) {
        const std::string unit_id = body_named(name)->id;
        if (unit_id == subject_id) {
            return;
        }
        item.unit = model::Ref{unit_id, {}};
        const auto unit = std::find_if(m_jurisdiction.bodies.begin(), m_jurisdiction.bodies.end(),
                                       [&](const model::Body& b) { return b.id == unit_id; });
        const bool team = unit != m_jurisdiction.bodies.end() && model::is_team(*unit);
        const bool own_subject =
            std::any_of(m_jurisdiction.bodies.begin(), m_jurisdiction.bodies.end(),
                        [&](const model::Body& b) { return b.id == subject_id; });
        if (team && !unit->parent && own_subject) {
            unit->parent = model::Ref{subject_id, {}};
        }
    }

    const model::Body* read_delegation(const Row& row, Draft& draft, bool& ok) {
        auto& item = draft.item;
        if (!m_county) {
            problem(row.where(Field::origin),
                    "a delegated item (原实施部门 " + row[Field::origin] +
                        "), but no county: give the county (the county option)");
            ok = false;
            return nullptr;
        }
        const auto mode = read_mode(row[Field::mode]);
        if (!mode) {
            problem(row.where(Field::mode),
                    "cannot read 承接方式 \"" + row[Field::mode] + "\" (赋权 or 委托)");
            ok = false;
        }
        const model::Body* origin = match_body(row[Field::origin], m_county->jurisdiction.bodies,
                                               m_county->jurisdiction.name);
        if (!origin) {
            problem(row.where(Field::origin),
                    "no body \"" + row[Field::origin] + "\" in " + m_county->jurisdiction.id);
            ok = false;
            return nullptr;
        }
        std::string county_code = upper_ascii(row[Field::origin_item]);
        if (county_code.empty()) {
            // The county item of that name, preferably the origin's own.
            const model::Item* found = nullptr;
            for (const auto& candidate : m_county->items) {
                if (candidate.name == item.name &&
                    (!found || (candidate.body.id == origin->id && found->body.id != origin->id))) {
                    found = &candidate;
                }
            }
            if (!found) {
                problem(row.where(Field::name), "no item named \"" + item.name + "\" on " +
                                                    m_county->jurisdiction.id +
                                                    "'s list to take over");
                ok = false;
                return origin;
            }
            county_code = found->code;
        }
        if (mode) {
            item.delegation =
                model::Delegation{model::Ref{origin->id, {}}, *mode, model::Ref{county_code, {}}};
        }
        return origin;
    }

    void read_delegated_to(const Row& row, model::Item& item, bool& ok) {
        for (const auto& entry : split_list(row[Field::delegated_to])) {
            // shihe-town:赋权, 石河镇（赋权）, 石河镇
            std::string who = entry;
            std::string mode_text = row[Field::mode];
            if (const auto colon = entry.rfind(':'); colon != std::string::npos) {
                who = entry.substr(0, colon);
                mode_text = entry.substr(colon + 1);
            } else if (const auto open = entry.find("（"); open != std::string::npos) {
                who = entry.substr(0, open);
                mode_text = entry.substr(open);
            }
            const model::ListSet* target = nullptr;
            for (const auto& set : m_knowledge.bundle.list_sets) {
                if (set.jurisdiction.id == who || set.jurisdiction.name == who) {
                    target = &set;
                }
            }
            const auto mode = read_mode(mode_text);
            if (!target || !mode) {
                problem(row.where(Field::delegated_to),
                        !target ? "no jurisdiction \"" + who + "\" in the database"
                                : "cannot read the mode of \"" + entry + "\" (赋权 or 委托)");
                ok = false;
                continue;
            }
            item.delegated_to.push_back({model::Ref{target->jurisdiction.id, {}}, *mode});
        }
    }

    // A county list publishes its grants in 备注: 赋权石河镇、东城街道实施 (as lawlist export
    // writes them). Such a part of the remarks, naming only known jurisdictions, becomes
    // delegated_to and leaves the remarks.
    void grants_from_remarks(model::Item& item) const {
        std::vector<std::string> kept;
        for (const auto& part : split_parts(*item.remarks)) {
            const auto mode =
                model::parse_delegation_mode(part.substr(0, std::min<std::size_t>(part.size(), 6)));
            const bool framed = mode && part.ends_with("实施") && part.size() > 12;
            std::vector<model::DelegatedTo> grants;
            if (framed) {
                const std::string names = part.substr(6, part.size() - 12);
                for (const auto& name : split_list(names)) {
                    const model::ListSet* target = nullptr;
                    for (const auto& set : m_knowledge.bundle.list_sets) {
                        if (set.jurisdiction.name == name || set.jurisdiction.id == name) {
                            target = &set;
                        }
                    }
                    if (!target) {
                        grants.clear();
                        break;
                    }
                    grants.push_back({model::Ref{target->jurisdiction.id, {}}, *mode});
                }
            }
            if (grants.empty()) {
                kept.push_back(part);
            } else {
                item.delegated_to.insert(item.delegated_to.end(), grants.begin(), grants.end());
            }
        }
        std::string remarks;
        for (const auto& part : kept) {
            remarks += (remarks.empty() ? "" : "；") + part;
        }
        item.remarks = remarks.empty() ? std::nullopt : std::optional<std::string>(remarks);
    }

    static std::vector<std::string> split_parts(const std::string& text) {
        std::vector<std::string> out;
        std::size_t start = 0;
        for (std::size_t at; (at = text.find("；", start)) != std::string::npos;
             start = at + std::string_view("；").size()) {
            out.push_back(text.substr(start, at - start));
        }
        out.push_back(text.substr(start));
        return out;
    }

    Link link(const Draft& draft) {
        Link out;
        const auto& item = draft.item;
        if (item.delegation && m_county) {
            for (const auto& county_item : m_county->items) {
                if (county_item.code == item.delegation->item.id &&
                    !county_item.violation_types.empty()) {
                    out.source = LinkSource::county_item;
                    for (const auto& ref : county_item.violation_types) {
                        out.types.push_back(ref.id);
                    }
                    return out;
                }
            }
        }
        if (const auto known = m_known_names.find(item.name); known != m_known_names.end()) {
            out.source = LinkSource::known_name;
            out.types = known->second;
            return out;
        }
        auto scores = m_knowledge.classifier.score(item.name);
        if (scores.types.empty()) {
            return out;
        }
        const double best = scores.types.front().score;
        std::size_t included = 0;
        while (included < scores.types.size() &&
               scores.types[included].score >= k_include_share * best) {
            ++included;
        }
        const bool sure =
            included == scores.types.size() ||
            scores.types[included - 1].score >= k_sure_gap * scores.types[included].score;
        if (sure) {
            out.source = LinkSource::classifier;
            for (std::size_t i = 0; i < included; ++i) {
                out.types.push_back(scores.types[i].violation_type);
            }
        }
        scores.types.resize(std::min(scores.types.size(), k_review_candidates));
        out.candidates = std::move(scores.types);
        return out;
    }

    // The file an item goes to: its origin department's for a delegated item, its body's
    // sector (or id) otherwise; a township's own items go to "own".
    std::string group_of(const model::Item& item, const model::Body* body,
                         const model::Body* origin) const {
        if (origin) {
            return origin->sector.value_or(origin->id);
        }
        if (body && body->sector) {
            return *body->sector;
        }
        if (m_jurisdiction.level != model::Level::county) {
            return "own";
        }
        return body ? body->id : item.sector;
    }

    void write_output();
};

std::string schema_line(const std::string& location, const std::string& kind) {
    return "# yaml-language-server: $schema=" + location + "/" + kind + ".schema.json\n";
}

std::string flow_basis(const model::LegalBasis& basis) {
    std::string out =
        "{law: " + yaml_scalar(basis.law, true) + ", article: " + std::to_string(basis.article);
    if (basis.paragraph) {
        out += ", paragraph: " + std::to_string(*basis.paragraph);
    }
    if (basis.item) {
        out += ", item: " + std::to_string(*basis.item);
    }
    return out + "}";
}

void Importer::write_output() {
    std::vector<std::string> sources;
    for (const auto& path : m_options.files) {
        sources.push_back(path.filename().string());
    }
    std::string from;
    for (const auto& s : sources) {
        from += (from.empty() ? "" : ", ") + s;
    }

    // jurisdiction.yaml
    const auto& j = m_jurisdiction;
    std::string out = schema_line(m_options.schema_location, "jurisdiction");
    out += "# " + j.name + std::string(k_written_by) + from + ".\n";
    out += "kind: jurisdiction\nid: " + j.id + "\nname: " + yaml_scalar(j.name) +
           "\nlevel: " + std::string(model::to_string(j.level)) + "\n";
    if (j.parent) {
        out += "parent: " + j.parent->id + "\n";
    }
    if (j.revision) {
        out += "revision: " + yaml_scalar(*j.revision) + "\n";
    }
    if (j.effective) {
        out += "effective: " + *j.effective + "\n";
    }
    out += "bodies:\n";
    for (const auto& body : j.bodies) {
        out += "  - id: " + body.id + "\n    name: " + yaml_scalar(body.name) +
               "\n    kind: " + std::string(model::to_string(body.kind)) + "\n";
        if (body.sector) {
            out += "    sector: " + *body.sector + "\n";
        }
        if (body.parent) {
            out += "    parent: " + body.parent->id + "\n";
        }
        if (body.remarks) {
            out += "    remarks: " + yaml_scalar(*body.remarks) + "\n";
        }
    }
    m_result.files.push_back({"jurisdiction.yaml", std::move(out)});

    // One power list per group, in order of first appearance.
    std::vector<std::string> groups;
    for (const auto& draft : m_drafts) {
        if (std::find(groups.begin(), groups.end(), draft.group) == groups.end()) {
            groups.push_back(draft.group);
        }
    }
    for (const auto& group : groups) {
        std::string list = schema_line(m_options.schema_location, "power-list");
        list += "# " + j.name + " (" + group + ")" + std::string(k_written_by) + from + ".\n";
        list += "kind: power-list\njurisdiction: " + j.id + "\nitems:\n";
        for (auto& draft : m_drafts) {
            if (draft.group != group) {
                continue;
            }
            const auto& item = draft.item;
            ++m_result.linked[static_cast<std::size_t>(draft.link.source)];
            list += "  - code: " + item.code + "\n    name: " + yaml_scalar(item.name) +
                    "\n    category: " + std::string(model::to_string(item.category)) +
                    "\n    sector: " + item.sector + "\n    subject: " + item.body.id + "\n";
            if (item.unit) {
                list += "    unit: " + item.unit->id + "\n";
            }
            if (item.delegation) {
                list += "    delegation: {from: " + item.delegation->from.id +
                        ", mode: " + std::string(model::to_string(item.delegation->mode)) +
                        ", item: " + item.delegation->item.id + "}\n";
            }
            if (!item.delegated_to.empty()) {
                list += "    delegated_to:\n";
                for (const auto& to : item.delegated_to) {
                    list += "      - {jurisdiction: " + to.jurisdiction.id +
                            ", mode: " + std::string(model::to_string(to.mode)) + "}\n";
                }
            }
            if (item.basis.empty()) {
                list += "    basis: []\n";
            } else {
                list += "    basis:\n";
                for (const auto& basis : item.basis) {
                    list += "      - " + flow_basis(basis) + "\n";
                }
            }
            for (const auto& unread : draft.unread_bases) {
                list += "    # cannot read citation: " + one_line(unread) + "\n";
            }
            if (draft.link.source == LinkSource::review) {
                std::string candidates;
                for (const auto& c : draft.link.candidates) {
                    candidates += (candidates.empty() ? "" : ", ") + c.violation_type + " (" +
                                  format_score(c.score) + ")";
                }
                list += "    # review (" + draft.where + "): " +
                        (candidates.empty() ? "no candidate" : "best candidates " + candidates) +
                        "\n";
                m_result.reviews.push_back(
                    {draft.where, item.code, item.name, draft.link.candidates});
            }
            list += "    violation_types: [";
            for (std::size_t i = 0; i < item.violation_types.size(); ++i) {
                list += (i ? ", " : "") + item.violation_types[i].id;
            }
            list += "]\n";
            if (item.remarks) {
                list += "    remarks: " + yaml_scalar(*item.remarks) + "\n";
            }
        }
        m_result.files.push_back({"power-" + group + ".yaml", std::move(list)});
    }
}

}  // namespace

std::string yaml_scalar(const std::string& value, bool in_flow) {
    bool plain = !value.empty() && value.front() != ' ' && value.back() != ' ';
    if (plain) {
        const std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`";
        plain = indicators.find(value.front()) == std::string_view::npos;
    }
    for (std::size_t i = 0; plain && i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\n' || c == '\r' || c == '\t' || c == '\\' || c == '"' ||
            (c == ':' && (i + 1 == value.size() || value[i + 1] == ' ')) ||
            (c == '#' && i > 0 && value[i - 1] == ' ') ||
            (in_flow && std::string_view(",[]{}").find(c) != std::string_view::npos)) {
            plain = false;
        }
    }
    if (plain) {
        // Plain scalars that YAML would read as something other than a string.
        static const std::set<std::string> special = {
            "true", "false", "null", "yes",  "no",    "on",   "off", "~",
            "True", "False", "Null", "TRUE", "FALSE", "NULL", "Yes", "No"};
        bool numeric = true;
        for (const char c : value) {
            numeric = numeric && ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
                                  c == 'e' || c == 'E');
        }
        plain = special.count(value) == 0 && !numeric;
    }
    if (plain) {
        return value;
    }
    std::string out = "\"";
    for (const char c : value) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += c;
        }
    }
    return out + "\"";
}

Result run_import(const Options& options, const Knowledge& knowledge) {
    return Importer(options, knowledge).run();
}

std::optional<model::Jurisdiction> read_output_jurisdiction(const std::filesystem::path& dir,
                                                            const std::string& id,
                                                            const io::SchemaSet& schemas) {
    const auto file = dir / "jurisdiction.yaml";
    if (!std::filesystem::exists(file)) {
        return std::nullopt;
    }
    std::vector<Diagnostic> diagnostics;
    const model::Bundle bundle = io::read_bundle({file}, schemas, diagnostics);
    if (!diagnostics.empty()) {
        throw InputError(std::move(diagnostics));
    }
    const auto* set = bundle.find(id);
    if (!set) {
        return std::nullopt;
    }
    return set->jurisdiction;
}

void write_files(const Result& result, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    // Power lists an earlier import wrote and this one does not (a department gone) would
    // otherwise be read with the new ones.
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const auto name = entry.path().filename().string();
        const bool ours = std::any_of(result.files.begin(), result.files.end(),
                                      [&](const OutputFile& f) { return f.name == name; });
        if (ours || !name.starts_with("power-") || !name.ends_with(".yaml")) {
            continue;
        }
        std::ifstream in(entry.path());
        std::string line;
        std::getline(in, line);
        std::getline(in, line);
        if (line.find(k_written_by) != std::string::npos) {
            std::filesystem::remove(entry.path());
        }
    }
    for (const auto& file : result.files) {
        const auto path = dir / file.name;
        const auto temporary = dir / ("." + file.name + ".tmp");
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            out << file.contents;
            if (!out.flush()) {
                throw Error("cannot write " + temporary.string());
            }
        }
        std::filesystem::rename(temporary, path);
    }
}

}  // namespace lawlist::import_
