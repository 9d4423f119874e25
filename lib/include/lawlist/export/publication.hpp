#pragma once
// The published layout of one jurisdiction's lists (执法事项清单 as a county posts it): title,
// effective date, issuing body, counts by category, power items grouped by originating
// department with 序号 running within each group, and the problem, warning and performance lists
// with their own columns. Built from a bundle; turned into a generic Document for the xlsx, html,
// csv and markdown writers, or into JSON with every field structured.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/export/document.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::exporting {

// The lists, as the model names them (ListKind::body is no published list).
using model::ListKind;
// The four published lists in published order.
const std::vector<ListKind>& all_lists();

struct PowerRow {
    std::size_t number = 0;  // 序号, from 1 within its group
    std::string code;
    std::string name;
    std::string category;
    std::string subject;  // 实施主体
    std::string unit;     // 承办机构: the body that does the work
    std::string mode;     // 承接方式: 赋权 or 委托; empty for an item the body holds itself
    std::string origin;   // 原实施部门: the county body the item is delegated from
    std::vector<std::string> basis;  // citations as published
    std::string remarks;
};

// The items of one originating department (or, for items held in their own right, one holder).
struct PowerGroup {
    std::string department;  // heading: the department's name
    std::string department_id;
    std::vector<PowerRow> rows;
};

struct CategoryCount {
    std::string category;
    std::size_t count = 0;
};

struct ProblemRow {
    std::size_t number = 0;
    std::string code;
    std::string name;
    std::string description;
    std::string lead;                      // 牵头单位
    std::vector<std::string> cooperating;  // 配合单位
    std::vector<std::string> items;        // codes of the items acting on it
};

struct WarningRow {
    std::size_t number = 0;
    std::string code;
    std::string situation;                // 情形
    std::vector<std::string> applies_to;  // 适用对象
    std::string consequence;              // 后果
    std::vector<std::string> basis;
};

struct MetricRow {
    std::size_t number = 0;
    std::string code;
    std::string name;  // 指标
    std::string description;
    std::string target;      // 目标值 as published: ≥95%
    std::string comparison;  // at-least or at-most
    double value = 0;
    std::string unit;                   // percent, minutes, hours, days, count, points
    double weight = 0;                  // 权重, percent
    std::string assessor;               // 考核主体
    std::vector<std::string> assessed;  // 被考核单位
};

struct Publication {
    std::string jurisdiction_id;
    std::string jurisdiction_name;
    model::Level level = model::Level::county;
    std::string revision;       // label, e.g. 2025年调整
    std::string effective;      // YYYY-MM-DD, or empty
    std::string issuer;         // 发布机关: the jurisdiction's government or office
    std::string title;          // 石河镇综合行政执法事项清单（2025年调整）
    std::size_t total = 0;      // items on the power list
    std::size_t delegated = 0;  // of which taken over from county departments
    std::vector<CategoryCount> by_category;  // in the customary order of categories
    std::vector<PowerGroup> power;
    std::vector<ProblemRow> problems;
    std::vector<WarningRow> warnings;
    std::vector<MetricRow> metrics;
};

// The published layout of `jurisdiction`'s list set in `bundle` (bodies of other jurisdictions,
// such as the county departments items come from, are looked up across the bundle). Throws
// lawlist::Error when the bundle holds no such jurisdiction.
Publication publish(const model::Bundle& bundle, std::string_view jurisdiction);

// The lists `publication` has entries in, in published order; the power list always, so that a
// jurisdiction without problem, warning or performance lists is not published with empty ones.
std::vector<ListKind> present_lists(const Publication& publication);

// The summary line: 共238项：行政处罚200项、行政检查18项…, with the share taken over from county
// departments when the list also holds items of its own.
std::string summary_line(const Publication& publication);

// A date as written in Chinese documents: 2025-03-01 → 2025年3月1日.
std::string chinese_date(std::string_view iso_date);

// The lists `lists` of `publication` as a Document: one sheet per list, power items under a
// heading per department.
Document to_document(const Publication& publication, const std::vector<ListKind>& lists);

// The lists `lists` of `publication` as JSON: jurisdiction, revision, date, issuer, counts, and
// each list with every field structured (arrays for several bodies or citations).
nlohmann::ordered_json to_json(const Publication& publication, const std::vector<ListKind>& lists);

}  // namespace lawlist::exporting
