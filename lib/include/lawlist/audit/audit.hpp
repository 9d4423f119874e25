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

#include "lawlist/model/lean.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::audit {

enum class Severity { info, warning, error };

// "info", "warning", "error".
std::string_view to_string(Severity severity);
// 提示, 警告, 错误.
std::string_view to_label(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// What a finding is about: one code per rule, in the order of the table of codes above.
enum class Code {
    dangling_reference,
    dropped_handover,
    double_claim,
    delegation_cycle,
    missing_basis,
    team_as_subject,
    entrusted_subject,
    overlap,
    gap,
    gap_problem,
    mode_mismatch,
    duplicate_name,
    lead_not_holder,
    lead_contradicts_delegation,
    superseded_basis,
    stale_remark,
    sleeping_item,
    idle_body,
};

// Every code, in the order of the enum.
const std::vector<Code>& all_codes();
// The stable code printed and exported: "dangling-reference", "overlap", ...
std::string_view to_string(Code code);
// What the rule finds, in Chinese: 引用不存在, 多头执法, ... (every message starts with it).
std::string_view to_label(Code code);
// The code named `text`; none for an unknown one.
std::optional<Code> parse_code(std::string_view text);
// Every finding of code `code` has this severity.
Severity severity_of(Code code);

// A line of a source file: where a finding points.
struct SourceLine {
    std::string path;
    std::size_t line = 0;  // 1-based

    // path:line, as printed.
    std::string to_string() const;
    bool operator==(const SourceLine&) const = default;
};

struct Finding {
    Code code = Code::dangling_reference;
    Severity severity = Severity::warning;
    std::string jurisdiction;
    std::vector<std::string> items;   // item or problem codes
    std::vector<std::string> bodies;  // body ids
    SourceLine location;              // the line of the first item involved
    std::string message;              // one line, Chinese, starting with to_label(code)

    bool operator==(const Finding&) const = default;
};

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
// The same with the items of `lists`' list sets given lean (`items.sets[i]` of
// `lists.list_sets[i]`, as store::Database::read_lean gives them): a province's audit.
std::vector<Finding> run(const model::Bundle& lists, const model::LeanItems& items,
                         const Options& options = {});

// Bodies tied together by overlapping claims (connected components of the overlap findings):
// each group is a set of bodies a reform office should sit down together.
std::vector<std::vector<std::string>> overlap_groups(const std::vector<Finding>& findings);

// Stable machine form of a finding.
nlohmann::ordered_json to_json(const Finding& finding);

}  // namespace lawlist::audit
