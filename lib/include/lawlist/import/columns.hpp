#pragma once
// Finding a list's header row and what each column holds, by the headers counties use:
// 事项名称/职权名称/权力名称/权力事项名称, 设定依据/实施依据/法律依据/职权依据, and so on (see
// header_variants). Title and note rows above the header are skipped.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/import/workbook.hpp"

namespace lawlist::import_ {

// What a column holds.
enum class Field {
    code,          // 事项编码
    name,          // 事项名称
    category,      // 事项类别
    basis,         // 设定依据
    body,          // 实施主体: the body that exercises the item
    unit,          // 承办机构: the unit that does the work
    mode,          // 承接方式: 赋权 or 委托
    origin,        // 原实施部门: the county body a township item comes from
    origin_item,   // the code of the item on the county list
    delegated_to,  // the townships a county item is delegated to
    sector,        // 行业领域
    department,    // the department a row is grouped under
    remarks,       // 备注
    count_
};
inline constexpr std::size_t k_field_count = static_cast<std::size_t>(Field::count_);

// The name of a field as --columns takes it: code, name, category, basis, body, unit, mode,
// origin, origin_item, delegated_to, sector, department, remarks.
std::string_view to_string(Field field);
std::optional<Field> parse_field(std::string_view name);

// The headers recognised for `field`, the customary one first.
const std::vector<std::string>& header_variants(Field field);

// A header as compared: without white space, line breaks, asterisks and bracketed notes
// (事项名称（子项） → 事项名称).
std::string normalize_header(std::string_view header);

// Which column holds each field; npos where none does.
struct ColumnMap {
    std::size_t header_row = 0;
    std::array<std::size_t, k_field_count> column;

    ColumnMap() { column.fill(std::string_view::npos); }
    std::size_t operator[](Field field) const { return column[static_cast<std::size_t>(field)]; }
    bool has(Field field) const { return (*this)[field] != std::string_view::npos; }
};

// One --columns entry: a field and a column letter (F) or a header text (权力事项).
struct ColumnOverride {
    Field field;
    std::string column;
};

// Parses --columns text: field=COLUMN pairs separated by commas (name=C,basis=设定和实施依据).
// Throws lawlist::Error on an unknown field or a malformed pair (the message names the pair).
std::vector<ColumnOverride> parse_overrides(std::string_view text);

// The header row of `sheet` (the first of its first 30 rows where at least three columns, one of
// them the item name, are recognised) and its columns, with `overrides` applied; nullopt when
// there is none.
std::optional<ColumnMap> find_columns(const Sheet& sheet,
                                      const std::vector<ColumnOverride>& overrides);

}  // namespace lawlist::import_
