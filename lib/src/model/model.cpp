#include "lawlist/model/model.hpp"

#include <algorithm>
#include <array>

#include "lawlist/model/teams.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::model {
namespace {

struct SectorEntry {
    const char* code;
    const char* label;
};

constexpr std::array<SectorEntry, 17> k_sectors = {{
    {"urban", "城市管理/综合行政执法局"},
    {"emergency", "应急管理局"},
    {"police", "公安局"},
    {"fire", "消防救援大队"},
    {"natural-resources", "规划和自然资源局"},
    {"ecology", "生态环境局"},
    {"housing", "住房和城乡建设局"},
    {"market", "市场监督管理局"},
    {"religion", "民族宗教事务局"},
    {"hrss", "人力资源和社会保障局"},
    {"agriculture", "农业农村局"},
    {"forestry", "林业局"},
    {"water", "水利局"},
    {"education", "教育局"},
    {"culture-tourism", "文化和旅游局"},
    {"health", "卫生健康局"},
    {"transport", "交通运输局"},
}};

// Each enum's spellings, in the enum's order: what to_string, to_label and parse_* read.
template <typename Enum>
struct Spelling {
    Enum value;
    std::string_view name;
    std::string_view label;
};

template <typename Enum, std::size_t N>
const Spelling<Enum>& spelling(const Spelling<Enum> (&table)[N], Enum value) {
    return table[static_cast<std::size_t>(value)];
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const Spelling<Enum> (&table)[N], std::string_view s) {
    for (const auto& entry : table) {
        if (s == entry.name) {
            return entry.value;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Level level) {
    switch (level) {
        case Level::county:
            return "county";
        case Level::township:
            return "township";
        case Level::subdistrict:
            return "subdistrict";
    }
    return "county";
}

std::string_view to_label(Level level) {
    switch (level) {
        case Level::county:
            return "县";
        case Level::township:
            return "乡镇";
        case Level::subdistrict:
            return "街道";
    }
    return "县";
}

namespace {

constexpr Spelling<ListKind> k_list_kinds[] = {
    {ListKind::power, "power", "权责清单"},     {ListKind::problem, "problem", "问题清单"},
    {ListKind::warning, "warning", "警示清单"}, {ListKind::performance, "performance", "绩效清单"},
    {ListKind::body, "body", "执法主体"},
};

}  // namespace

std::string_view to_string(ListKind kind) {
    return spelling(k_list_kinds, kind).name;
}
std::string_view to_label(ListKind kind) {
    return spelling(k_list_kinds, kind).label;
}
std::optional<ListKind> parse_list_kind(std::string_view s) {
    return parse(k_list_kinds, s);
}

std::optional<Level> parse_level(std::string_view s) {
    for (Level level : {Level::county, Level::township, Level::subdistrict}) {
        if (s == to_string(level)) {
            return level;
        }
    }
    return std::nullopt;
}

bool is_team(const Body& body) {
    return body.kind == BodyKind::sector_team || body.kind == BodyKind::township_team ||
           body.kind == BodyKind::stationed_squad;
}

namespace {

constexpr Spelling<BodyKind> k_body_kinds[] = {
    {BodyKind::department, "department", "县级部门"},
    {BodyKind::sector_team, "sector-team", "县级行业执法队伍"},
    {BodyKind::township_team, "township-team", "综合行政执法队"},
    {BodyKind::stationed_squad, "stationed-squad", "派驻中队"},
    {BodyKind::government, "government", "人民政府"},
    {BodyKind::subdistrict_office, "subdistrict-office", "街道办事处"},
};

constexpr Spelling<Category> k_categories[] = {
    {Category::licensing, "行政许可", "行政许可"},
    {Category::penalty, "行政处罚", "行政处罚"},
    {Category::coercion, "行政强制", "行政强制"},
    {Category::levy, "行政征收", "行政征收"},
    {Category::benefit, "行政给付", "行政给付"},
    {Category::inspection, "行政检查", "行政检查"},
    {Category::confirmation, "行政确认", "行政确认"},
    {Category::reward, "行政奖励", "行政奖励"},
    {Category::adjudication, "行政裁决", "行政裁决"},
    {Category::other, "其他行政权力", "其他行政权力"},
};

constexpr Spelling<DelegationMode> k_modes[] = {
    {DelegationMode::grant, "赋权", "赋权"},
    {DelegationMode::entrustment, "委托", "委托"},
};

constexpr Spelling<Comparison> k_comparisons[] = {
    {Comparison::at_least, "at-least", "不低于"},
    {Comparison::at_most, "at-most", "不超过"},
};

}  // namespace

std::string_view to_string(BodyKind kind) {
    return spelling(k_body_kinds, kind).name;
}
std::string_view to_label(BodyKind kind) {
    return spelling(k_body_kinds, kind).label;
}
std::optional<BodyKind> parse_body_kind(std::string_view s) {
    return parse(k_body_kinds, s);
}

std::string_view to_string(Category category) {
    return spelling(k_categories, category).name;
}
std::string_view to_label(Category category) {
    return spelling(k_categories, category).label;
}
std::optional<Category> parse_category(std::string_view s) {
    return parse(k_categories, s);
}

std::string_view to_string(DelegationMode mode) {
    return spelling(k_modes, mode).name;
}
std::string_view to_label(DelegationMode mode) {
    return spelling(k_modes, mode).label;
}
std::optional<DelegationMode> parse_delegation_mode(std::string_view s) {
    return parse(k_modes, s);
}

std::string_view to_string(Comparison comparison) {
    return spelling(k_comparisons, comparison).name;
}
std::string_view to_label(Comparison comparison) {
    return spelling(k_comparisons, comparison).label;
}
std::string_view to_sign(Comparison comparison) {
    return comparison == Comparison::at_most ? "≤" : "≥";
}
std::optional<Comparison> parse_comparison(std::string_view s) {
    return parse(k_comparisons, s);
}

const std::vector<std::string>& sector_codes() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        for (const auto& entry : k_sectors) {
            out.emplace_back(entry.code);
        }
        return out;
    }();
    return codes;
}

std::string_view sector_label(std::string_view code) {
    for (const auto& entry : k_sectors) {
        if (code == entry.code) {
            return entry.label;
        }
    }
    return {};
}

const std::vector<std::string>& categories() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : k_categories) {
            out.emplace_back(entry.name);
        }
        return out;
    }();
    return names;
}

std::string LegalBasis::citation() const {
    std::string out = "《" + law + "》第" + text::chinese_number(article) + "条";
    if (paragraph) {
        out += "第" + text::chinese_number(*paragraph) + "款";
    }
    if (item) {
        out += "第（" + text::chinese_number(*item) + "）项";
    }
    return out;
}

namespace {

std::string_view line_of(std::string_view contents, std::size_t line0) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < line0; ++i) {
        const auto next = contents.find('\n', start);
        if (next == std::string_view::npos) {
            return {};
        }
        start = next + 1;
    }
    auto end = contents.find('\n', start);
    end = end == std::string_view::npos ? contents.size() : end;
    if (end > start && contents[end - 1] == '\r') {
        --end;
    }
    return contents.substr(start, end - start);
}

}  // namespace

// Quotes `line` in `d`: whole when short, else a window of it around the 0-based `column`, so
// that a diagnostic on a line of megabytes stays a line.
void quote(Diagnostic& d, std::string_view line, std::size_t column) {
    constexpr std::size_t k_whole = 200, k_before = 60, k_window = 160;
    if (line.size() <= k_whole) {
        d.source_line = text::sanitize(line);
        return;
    }
    const std::u32string chars = text::decode(text::sanitize(line));
    if (chars.size() <= k_whole) {
        d.source_line = text::encode(chars);
        return;
    }
    const std::size_t start = column > k_before ? column - k_before : 0;
    const std::size_t end = std::min(chars.size(), start + k_window);
    d.source_line = (start > 0 ? "…" : "") + text::encode(chars.substr(start, end - start)) +
                    (end < chars.size() ? "…" : "");
    d.caret = column - std::min(column, start) + (start > 0 ? 1 : 0) + 1;
}

Diagnostic make_diagnostic(const std::string& path, std::string_view contents, std::size_t line0,
                           std::size_t column, std::string message) {
    Diagnostic d;
    d.path = path;
    d.line = line0 + 1;
    d.column = column + 1;
    d.message = std::move(message);
    quote(d, line_of(contents, line0), column);
    return d;
}

std::string_view SourceText::line(std::size_t line0) const {
    if (line_starts.empty()) {
        line_starts.push_back(0);
        for (std::size_t i = contents.find('\n'); i != std::string::npos;
             i = contents.find('\n', i + 1)) {
            line_starts.push_back(i + 1);
        }
    }
    if (line0 >= line_starts.size()) {
        return {};
    }
    return line_of(std::string_view(contents).substr(line_starts[line0]), 0);
}

Diagnostic SourceText::diagnostic(const Location& loc, std::string message) const {
    Diagnostic d;
    d.path = path;
    d.line = loc.line + 1;
    d.column = loc.column + 1;
    d.message = std::move(message);
    quote(d, line(loc.line), loc.column);
    return d;
}

Diagnostic Bundle::diagnostic(const Location& loc, std::string message) const {
    return files.at(loc.file).diagnostic(loc, std::move(message));
}

const ListSet* Bundle::find(std::string_view jurisdiction_id) const {
    for (const auto& set : list_sets) {
        if (set.jurisdiction.id == jurisdiction_id) {
            return &set;
        }
    }
    return nullptr;
}

const Law* Bundle::find_law(std::string_view name) const {
    for (const auto& law : laws) {
        if (law.name == name) {
            return &law;
        }
    }
    return nullptr;
}

const LawVersion* Law::in_force(std::string_view date) const {
    const LawVersion* found = nullptr;
    for (const auto& version : versions) {
        if (version.effective <= date) {  // ISO dates compare as strings
            found = &version;
        }
    }
    return found;
}

const LawVersion* Law::find_version(std::string_view id) const {
    for (const auto& version : versions) {
        if (version.id == id) {
            return &version;
        }
    }
    return nullptr;
}

std::optional<int> Law::article_in(int article, std::size_t from, std::size_t to) const {
    std::optional<int> at = article;
    for (std::size_t v = from + 1; v <= to && v < versions.size() && at; ++v) {
        for (const auto& move : versions[v].renumbered) {
            if (move.from == *at) {
                at = move.to;
                break;
            }
        }
    }
    return at;
}

}  // namespace lawlist::model
