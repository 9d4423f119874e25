// The summary and the evaluation as listings: documents for json, reports for people.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "lawlist/format/records.hpp"
#include "lawlist/format/table.hpp"

namespace lawlist::format {
namespace {

using store::JurisdictionSummary;

std::string level_label(const std::string& level) {
    const auto parsed = model::parse_level(level);
    return parsed ? std::string(model::to_label(*parsed)) : level;
}

// The categories that occur, in the national order.
std::vector<std::string> present(const std::map<std::string, std::int64_t>& counts) {
    std::vector<std::string> out;
    for (const auto& category : model::categories()) {
        if (counts.contains(category)) {
            out.push_back(category);
        }
    }
    return out;
}

std::int64_t count_of(const std::map<std::string, std::int64_t>& counts, const std::string& key) {
    const auto it = counts.find(key);
    return it == counts.end() ? 0 : it->second;
}

Table department_table(const JurisdictionSummary& s) {
    const auto categories = present(s.by_category);
    std::vector<std::string> headers = {"序号", "部门", "合计"};
    headers.insert(headers.end(), categories.begin(), categories.end());
    Table table(headers);
    std::size_t n = 0;
    auto row = [&](std::string number, std::string name, std::int64_t total,
                   const std::map<std::string, std::int64_t>& counts) {
        std::vector<std::string> cells = {std::move(number), std::move(name),
                                          std::to_string(total)};
        for (const auto& category : categories) {
            cells.push_back(std::to_string(count_of(counts, category)));
        }
        table.add_row(std::move(cells));
    };
    for (const auto& d : s.by_department) {
        row(std::to_string(++n), d.body_name.empty() ? d.body_id : d.body_name, d.total,
            d.by_category);
    }
    row("", "合计", s.items, s.by_category);
    return table;
}

std::string heading(const JurisdictionSummary& s) {
    return fmt::format("{}（{}，{}，{}）", s.name, s.id, level_label(s.level), s.revision);
}

std::string counts_line(const JurisdictionSummary& s) {
    std::string delegation;
    if (s.delegated_out > 0) {
        delegation = fmt::format("，其中下放乡镇（街道）{}项", s.delegated_out);
    } else if (s.delegated_in > 0) {
        delegation = fmt::format("，其中承接县级部门下放{}项", s.delegated_in);
    }
    return fmt::format("权责清单{}项{}；问题清单{}项；警示清单{}项；绩效清单{}项", s.items,
                       delegation, s.problems, s.warnings, s.metrics);
}

Table vocabulary_table(const store::Summary& summary) {
    Table table({"行业领域", "代码", "违法行为类型"});
    for (const auto& sector : summary.sectors) {
        table.add_row({sector.name, sector.code,
                       std::to_string(count_of(summary.violation_types_by_sector, sector.code))});
    }
    table.add_row({"合计", "", std::to_string(summary.violation_types)});
    return table;
}

std::string summary_text(const store::Summary& summary, bool markdown,
                         const WriterOptions& options) {
    auto render = [markdown, &options](const Table& t) {
        return markdown ? t.render_markdown() : render_text(t, options);
    };
    const std::string heading_mark = markdown ? "#### " : "";
    std::string out;
    for (const auto& s : summary.jurisdictions) {
        out += heading_mark + heading(s) + "\n\n" + counts_line(s) + "\n\n" +
               render(department_table(s)) + '\n';
    }
    return out + heading_mark +
           fmt::format("违法行为类型词表：{}个类型，{}条群众说法", summary.violation_types,
                       summary.aliases) +
           "\n\n" + render(vocabulary_table(summary));
}

Json to_json(const JurisdictionSummary& s) {
    Json departments = Json::array();
    for (const auto& d : s.by_department) {
        departments.push_back({{"body", d.body_id},
                               {"name", d.body_name},
                               {"total", d.total},
                               {"by_category", d.by_category}});
    }
    return {{"id", s.id},
            {"name", s.name},
            {"level", s.level},
            {"revision", s.revision},
            {"items", s.items},
            {"delegated_in", s.delegated_in},
            {"delegated_out", s.delegated_out},
            {"problems", s.problems},
            {"warnings", s.warnings},
            {"metrics", s.metrics},
            {"by_category", s.by_category},
            {"by_department", departments}};
}

// One department of one jurisdiction: the grain of the summary's CSV.
struct DepartmentRecord {
    const JurisdictionSummary* jurisdiction;
    const store::DepartmentCount* department;
};

RecordType<DepartmentRecord> department_record() {
    using R = DepartmentRecord;
    RecordType<R> type;
    type.columns = {
        {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction->id; }},
        {"revision", "版本", [](const R& r) { return r.jurisdiction->revision; }},
        {"body", "", [](const R& r) { return r.department->body_id; }},
        {"name", "部门", [](const R& r) { return r.department->body_name; }},
        {"total", "合计", [](const R& r) { return std::to_string(r.department->total); }},
    };
    for (const auto& category : model::categories()) {
        type.columns.push_back({category, category, [category](const R& r) {
                                    return std::to_string(
                                        count_of(r.department->by_category, category));
                                }});
    }
    type.to_json = [](const R&) { return Json(); };
    type.numbered = true;
    return type;
}

double ratio(std::size_t a, std::size_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

// JSON has no infinity: a threshold that never fires (no scope model) is null.
Json json_number(double v) {
    return std::isfinite(v) ? Json(v) : Json(nullptr);
}

std::string evaluation_text(const Evaluation& e) {
    const auto& m = e.metrics;
    const double precision = ratio(m.unmatched_correct, m.unmatched_predicted);
    const double recall = ratio(m.unmatched_correct, m.out_of_scope);
    const classify::Reliability reliability = classify::reliability(m);
    std::string out =
        fmt::format("事件数 incidents: {}（清单内 in scope {}，清单外 out of scope {}）\n",
                    m.incidents, m.in_scope, m.out_of_scope);
    if (e.calibration) {
        const auto& c = *e.calibration;
        out += fmt::format(
            "calibrated thresholds: margin {:.3f} (any value in ({:.3f}, {:.3f}]), scope {:.3f} "
            "(any value in [{:.3f}, {:.3f})): they turn away {} of {} in scope, at most {:.1f}%, "
            "and catch {} of {} out of scope\n",
            c.margin.value, c.margin.low, c.margin.high, c.scope.value, c.scope.low, c.scope.high,
            c.turned_away, c.in_scope, 100 * classify::k_max_turned_away, c.caught, c.out_of_scope);
        out += fmt::format(
            "calibrated confidence: logistic of {:.3f} + {:.3f} × log(1 + margin) + {:.3f} × scope "
            "+ {:.3f} × log(1 + sector lead) + {:.3f} × log(bigrams) + {:.3f} × log(bigrams / {}) "
            "beyond {} + {:.3f} × addressed + {:.3f} × log(1 + reject)\n",
            c.confidence.bias, c.confidence.margin, c.confidence.scope, c.confidence.sector_lead,
            c.confidence.length, c.confidence.letter_length, classify::k_letter_bigrams,
            classify::k_letter_bigrams, c.confidence.addressed, c.confidence.reject);
    } else {
        out += fmt::format("thresholds: margin {:.3f}, scope {:.3f}\n", e.thresholds.margin,
                           e.thresholds.scope);
    }
    out += fmt::format("top-1 sector accuracy: {:.1f}% ({}/{})\n",
                       100 * ratio(m.top1_sector, m.in_scope), m.top1_sector, m.in_scope) +
           fmt::format("top-3 sector accuracy: {:.1f}% ({}/{})\n",
                       100 * ratio(m.top3_sector, m.in_scope), m.top3_sector, m.in_scope);
    if (m.labelled_types > 0) {
        out +=
            fmt::format("violation type accuracy (top 1): {:.1f}% ({}/{})\n",
                        100 * ratio(m.top1_type, m.labelled_types), m.top1_type, m.labelled_types);
    }
    out +=
        fmt::format("unmatched: precision {:.1f}% ({}/{}), recall {:.1f}% ({}/{})\n",
                    100 * precision, m.unmatched_correct, m.unmatched_predicted, 100 * recall,
                    m.unmatched_correct, m.out_of_scope) +
        fmt::format("right decision overall: {:.1f}% ({}/{})\n",
                    100 * ratio(m.right_decisions, m.incidents), m.right_decisions, m.incidents) +
        fmt::format(
            "review flag: {} of {} matches flagged ({} of them wrong); wrong and not "
            "flagged: {}\n",
            m.flagged_for_review, m.answers.size(), m.flagged_wrong, m.wrong_unflagged) +
        fmt::format("expected calibration error: {:.3f} over {} matches\n",
                    reliability.expected_calibration_error, m.answers.size());
    if (!reliability.bins.empty()) {
        out += "\n";
        Table table({"置信度 confidence", "匹配数 matches", "平均置信度 mean", "正确率 accuracy"});
        for (const auto& b : reliability.bins) {
            table.add_row({fmt::format("{:.1f}-{:.1f}", b.low, b.high), std::to_string(b.matches),
                           fmt::format("{:.3f}", b.mean_confidence),
                           fmt::format("{:.3f}", b.accuracy)});
        }
        out += table.render_text();
    }
    if (!m.confusion.empty()) {
        out += "\n";
        Table table({"标注领域 gold", "判定领域 predicted", "数量"});
        std::vector<std::pair<std::size_t, std::pair<std::string, std::string>>> rows;
        for (const auto& [pair, count] : m.confusion) {
            rows.push_back({count, pair});
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [count, pair] : rows) {
            table.add_row({pair.first, pair.second, std::to_string(count)});
        }
        out += table.render_text();
    }
    return out;
}

}  // namespace

Json to_json(const store::Summary& summary) {
    Json out;
    out["jurisdictions"] = Json::array();
    for (const auto& s : summary.jurisdictions) {
        out["jurisdictions"].push_back(to_json(s));
    }
    out["violation_types"] = summary.violation_types;
    out["aliases"] = summary.aliases;
    out["violation_types_by_sector"] = summary.violation_types_by_sector;
    return out;
}

Listing summary_listing(const store::Summary& summary) {
    std::vector<DepartmentRecord> departments;
    for (const auto& s : summary.jurisdictions) {
        for (const auto& d : s.by_department) {
            departments.push_back({&s, &d});
        }
    }
    Listing listing = make_listing(department_record(), departments);
    listing.records.clear();
    for (const auto& s : summary.jurisdictions) {
        listing.records.push_back(to_json(s));
    }
    listing.document = to_json(summary);
    listing.report = [summary](Output output,
                               const WriterOptions& options) -> std::optional<std::string> {
        if (output == Output::table) {
            return summary_text(summary, false, options);
        }
        if (output == Output::markdown) {
            return summary_text(summary, true, options);
        }
        return std::nullopt;
    };
    return listing;
}

Json to_json(const Evaluation& e) {
    const auto& m = e.metrics;
    const classify::Reliability reliability = classify::reliability(m);
    Json bins = Json::array();
    for (const auto& b : reliability.bins) {
        bins.push_back({{"low", b.low},
                        {"high", b.high},
                        {"matches", b.matches},
                        {"mean_confidence", b.mean_confidence},
                        {"accuracy", b.accuracy}});
    }
    Json confusion = Json::array();
    for (const auto& [pair, count] : m.confusion) {
        confusion.push_back({{"gold", pair.first}, {"predicted", pair.second}, {"count", count}});
    }
    Json out = {{"incidents", m.incidents},
                {"in_scope", m.in_scope},
                {"threshold", e.thresholds.margin},
                {"scope_threshold", json_number(e.thresholds.scope)},
                {"top1_sector", ratio(m.top1_sector, m.in_scope)},
                {"top3_sector", ratio(m.top3_sector, m.in_scope)},
                {"violation_type", ratio(m.top1_type, m.labelled_types)},
                {"unmatched_precision", ratio(m.unmatched_correct, m.unmatched_predicted)},
                {"unmatched_recall", ratio(m.unmatched_correct, m.out_of_scope)},
                {"right_decision", ratio(m.right_decisions, m.incidents)},
                {"expected_calibration_error", reliability.expected_calibration_error},
                {"reliability", bins},
                {"review_flagged", m.flagged_for_review},
                {"review_flagged_wrong", m.flagged_wrong},
                {"wrong_unflagged", m.wrong_unflagged},
                {"confusion", confusion},
                {"missed_lines", m.misses}};
    if (e.calibration) {
        const auto& c = *e.calibration;
        out["calibration"] = {{"low", c.margin.low},
                              {"high", c.margin.high},
                              {"scope_low", json_number(c.scope.low)},
                              {"scope_high", json_number(c.scope.high)},
                              {"in_scope_turned_away", c.turned_away},
                              {"confidence",
                               {{"bias", c.confidence.bias},
                                {"margin", c.confidence.margin},
                                {"scope", c.confidence.scope},
                                {"sector_lead", c.confidence.sector_lead},
                                {"length", c.confidence.length},
                                {"letter_length", c.confidence.letter_length},
                                {"addressed", c.confidence.addressed},
                                {"reject", c.confidence.reject}}},
                              {"out_of_scope_unmatched", c.caught}};
    }
    return out;
}

Listing evaluation_listing(const Evaluation& evaluation) {
    Listing listing;
    listing.records.push_back(to_json(evaluation));
    listing.document = listing.records.front();
    listing.report = [text = evaluation_text(evaluation)](
                         Output output, const WriterOptions&) -> std::optional<std::string> {
        if (output == Output::table) {
            return text;
        }
        return std::nullopt;
    };
    return listing;
}

}  // namespace lawlist::format
