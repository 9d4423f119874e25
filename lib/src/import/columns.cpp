#include "lawlist/import/columns.hpp"

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::import_ {
namespace {

constexpr std::array<std::string_view, k_field_count> k_names = {
    "code",   "name",        "category",     "basis",  "body",       "unit",   "mode",
    "origin", "origin_item", "delegated_to", "sector", "department", "remarks"};

constexpr std::size_t k_header_search_rows = 30;

}  // namespace

std::string_view to_string(Field field) {
    return k_names[static_cast<std::size_t>(field)];
}

std::optional<Field> parse_field(std::string_view name) {
    for (std::size_t i = 0; i < k_field_count; ++i) {
        if (k_names[i] == name) {
            return static_cast<Field>(i);
        }
    }
    return std::nullopt;
}

const std::vector<std::string>& header_variants(Field field) {
    // The English names are the columns of `lawlist items --format csv`, so that its output
    // reads back.
    static const std::array<std::vector<std::string>, k_field_count> variants = {{
        {"事项编码", "职权编码", "权力编码", "基本编码", "事项代码", "权力事项编码", "编码",
         "code"},
        {"事项名称", "职权名称", "权力名称", "权力事项名称", "执法事项名称", "事项", "执法事项",
         "name"},
        {"事项类别", "职权类型", "权力类型", "事项类型", "职权类别", "权力类别", "类别",
         "category"},
        {"设定依据", "实施依据", "法律依据", "职权依据", "设定和实施依据", "法定依据", "依据",
         "basis"},
        {"实施主体", "行使主体", "责任主体", "执法主体", "实施机关", "body_name"},
        {"承办机构", "内设机构", "承办科室", "责任科室"},
        {"承接方式", "下放方式", "赋权方式", "delegation_mode"},
        {"原实施部门", "下放部门", "原行使部门", "赋权部门", "委托部门", "delegation_from"},
        {"原事项编码", "delegation_item"},
        {"下放乡镇", "下放至", "下放乡镇（街道）", "承接乡镇", "delegated_to"},
        {"行业领域", "领域", "sector"},
        {"部门", "所属部门", "实施部门", "部门名称"},
        {"备注", "remarks"},
    }};
    return variants[static_cast<std::size_t>(field)];
}

std::string normalize_header(std::string_view header) {
    std::u32string out;
    int depth = 0;
    for (const char32_t c : text::decode(header)) {
        if (c == U'（' || c == U'(') {
            ++depth;
        } else if (c == U'）' || c == U')') {
            depth = depth > 0 ? depth - 1 : 0;
        } else if (depth == 0 && c != U' ' && c != U'\n' && c != U'\r' && c != U'\t' &&
                   c != U'\u3000' && c != U'*' && c != U'＊') {
            out += c;
        }
    }
    // 下放乡镇（街道） keeps its meaning without the note; a header that is only a note keeps it.
    return out.empty() ? std::string(header) : text::encode(out);
}

std::vector<ColumnOverride> parse_overrides(std::string_view text) {
    std::vector<ColumnOverride> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto pair = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos || equals == 0 || equals + 1 == pair.size()) {
            throw Error("expected FIELD=COLUMN, got '" + std::string(pair) + "'");
        }
        const auto field = parse_field(pair.substr(0, equals));
        if (!field) {
            std::string known;
            for (const auto name : k_names) {
                known += (known.empty() ? "" : ", ") + std::string(name);
            }
            throw Error("unknown field '" + std::string(pair.substr(0, equals)) +
                        "' (fields: " + known + ")");
        }
        out.push_back({*field, std::string(pair.substr(equals + 1))});
    }
    return out;
}

std::optional<ColumnMap> find_columns(const Sheet& sheet,
                                      const std::vector<ColumnOverride>& overrides) {
    const std::size_t rows = std::min(sheet.rows.size(), k_header_search_rows);
    for (std::size_t r = 0; r < rows; ++r) {
        ColumnMap map;
        map.header_row = r;
        std::size_t recognised = 0;
        const auto& cells = sheet.rows[r];
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].empty()) {
                continue;
            }
            const std::string header = normalize_header(cells[c]);
            bool taken = false;
            for (const auto& entry : overrides) {
                if (normalize_header(entry.column) == header) {
                    map.column[static_cast<std::size_t>(entry.field)] = c;
                    taken = true;
                }
            }
            for (std::size_t f = 0; f < k_field_count && !taken; ++f) {
                for (const auto& variant : header_variants(static_cast<Field>(f))) {
                    if (variant == header && !map.has(static_cast<Field>(f))) {
                        map.column[f] = c;
                        taken = true;
                        break;
                    }
                }
            }
            recognised += taken ? 1 : 0;
        }
        // Columns given by letter count as found, wherever the header row is.
        for (const auto& entry : overrides) {
            if (const auto c = column_index(entry.column); c != std::string_view::npos) {
                if (map[entry.field] != c) {
                    ++recognised;
                }
                map.column[static_cast<std::size_t>(entry.field)] = c;
            }
        }
        if (recognised >= 3 && map.has(Field::name)) {
            return map;
        }
    }
    return std::nullopt;
}

}  // namespace lawlist::import_
