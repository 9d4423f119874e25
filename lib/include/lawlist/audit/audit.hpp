#pragma once
// Audit: where the lists contradict themselves or leave matters to nobody. Each finding has a
// stable code, a severity, the items and bodies involved, the source location and a one-line
// explanation in Chinese that a reform office can paste into a memo.
//
// Codes: overlap (多头执法), gap (没人管), gap-problem, dropped-handover (放得下没接住),
// double-claim, mode-mismatch, delegation-cycle, dangling-reference, missing-basis,
// team-as-subject, entrusted-subject, duplicate-name, lead-not-holder,
// lead-contradicts-delegation (明放暗不放), superseded-basis, stale-remark, sleeping-item
// (沉睡事项), idle-body.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/model/model.hpp"

namespace lawlist::audit {

enum class Severity { info, warning, error };

// "info", "warning", "error".
std::string_view to_string(Severity severity);
// 提示, 警告, 错误.
std::string_view to_label(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

struct Finding {
    std::string code;
    Severity severity = Severity::warning;
    std::string jurisdiction;
    std::vector<std::string> items;   // item or problem codes
    std::vector<std::string> bodies;  // body ids
    std::string location;             // path:line of the first item involved
    std::string message;              // one line, Chinese
};

// Every finding of code `code` has this severity (the table of codes above).
Severity severity_of(std::string_view code);

struct Options {
    // The date citations are checked against (superseded-basis), YYYY-MM-DD; empty: today (UTC).
    std::string as_of;
};

// Today's date in UTC, YYYY-MM-DD.
std::string today();

// Audits every list set of `bundle` (read from files or from a database) against its county and
// townships in the same bundle. Findings come sorted: most severe first, then by code,
// jurisdiction and location.
std::vector<Finding> run(const model::Bundle& bundle, const Options& options = {});

// Bodies tied together by overlapping claims (connected components of the overlap findings):
// each group is a set of bodies a reform office should sit down together.
std::vector<std::vector<std::string>> overlap_groups(const std::vector<Finding>& findings);

// Stable machine form of a finding.
nlohmann::ordered_json to_json(const Finding& finding);

}  // namespace lawlist::audit
