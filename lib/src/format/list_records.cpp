// The problem, warning and performance lists and the violation types as records.

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "lawlist/format/records.hpp"

namespace lawlist::format {
namespace {

Json optional_json(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json to_json(const store::Named& body) {
    return {{"id", body.id}, {"name", body.name}};
}

Json to_json(const std::vector<store::Named>& bodies) {
    Json out = Json::array();
    for (const auto& body : bodies) {
        out.push_back(to_json(body));
    }
    return out;
}

std::vector<std::string> ids_of(const std::vector<store::Named>& bodies) {
    std::vector<std::string> out;
    for (const auto& body : bodies) {
        out.push_back(body.id);
    }
    return out;
}

std::vector<std::string> names_of(const std::vector<store::Named>& bodies) {
    std::vector<std::string> out;
    for (const auto& body : bodies) {
        out.push_back(body.name);
    }
    return out;
}

template <class Row>
std::string source_of(const Row& r) {
    return r.source_path + ":" + std::to_string(r.source_line);
}

// Whole numbers as integers (95, not 95.0), in JSON and in text.
Json number_json(double value) {
    return std::floor(value) == value && std::abs(value) < 1e15
               ? Json(static_cast<std::int64_t>(value))
               : Json(value);
}

std::string number_text(double value) {
    return fmt::format("{}", value);
}

std::string unit_label(const std::string& unit) {
    static const std::map<std::string, std::string> labels = {
        {"percent", "%"}, {"minutes", "分钟"}, {"hours", "小时"},
        {"days", "天"},   {"count", "次"},     {"points", "分"},
    };
    const auto it = labels.find(unit);
    return it == labels.end() ? unit : it->second;
}

// ≥95%, ≤2小时.
std::string target_text(const store::MetricRow& metric) {
    return std::string(model::to_sign(metric.comparison)) + number_text(metric.value) +
           unit_label(metric.unit);
}

}  // namespace

Json to_json(const store::ProblemRow& r) {
    return {{"jurisdiction", r.jurisdiction},
            {"revision", r.revision},
            {"code", r.code},
            {"name", r.name},
            {"description", optional_json(r.description)},
            {"lead", to_json(r.lead)},
            {"cooperating", to_json(r.cooperating)},
            {"violation_types", r.violation_types},
            {"items", r.items},
            {"source", source_of(r)}};
}

const RecordType<store::ProblemRow>& problem_record() {
    using R = store::ProblemRow;
    static const RecordType<R> type{
        {
            {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }},
            {"revision", "", [](const R& r) { return r.revision; }},
            {"code", "问题编码", [](const R& r) { return r.code; }},
            {"name", "问题名称", [](const R& r) { return r.name; }},
            {"description", "问题描述", [](const R& r) { return r.description.value_or(""); }},
            {"lead_id", "", [](const R& r) { return r.lead.id; }},
            {"lead_name", "牵头单位", [](const R& r) { return r.lead.name; }},
            {"cooperating", "", [](const R& r) { return join(ids_of(r.cooperating), ";"); }},
            {"cooperating_names", "配合单位",
             [](const R& r) { return join(names_of(r.cooperating), ";"); },
             [](const R& r) { return join(names_of(r.cooperating), "、"); }},
            {"violation_types", "", [](const R& r) { return join(r.violation_types, ";"); }},
            {"items", "", [](const R& r) { return join(r.items, ";"); }},
            {"source", "", [](const R& r) { return source_of(r); }},
        },
        [](const R& r) { return to_json(r); },
        true,
    };
    return type;
}

Json to_json(const store::WarningRow& r) {
    return {{"jurisdiction", r.jurisdiction},
            {"revision", r.revision},
            {"code", r.code},
            {"situation", r.situation},
            {"consequence", r.consequence},
            {"applies_to", to_json(r.applies_to)},
            {"basis", r.basis},
            {"source", source_of(r)}};
}

const RecordType<store::WarningRow>& warning_record() {
    using R = store::WarningRow;
    static const RecordType<R> type{
        {
            {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }},
            {"revision", "", [](const R& r) { return r.revision; }},
            {"code", "警示编码", [](const R& r) { return r.code; }},
            {"situation", "情形", [](const R& r) { return r.situation; }},
            {"consequence", "后果", [](const R& r) { return r.consequence; }},
            {"applies_to", "", [](const R& r) { return join(ids_of(r.applies_to), ";"); }},
            {"applies_to_names", "适用对象",
             [](const R& r) { return join(names_of(r.applies_to), ";"); },
             [](const R& r) { return join(names_of(r.applies_to), "、"); }},
            {"basis", "依据", [](const R& r) { return join(r.basis, ";"); },
             [](const R& r) { return join(r.basis, "；"); }},
            {"source", "", [](const R& r) { return source_of(r); }},
        },
        [](const R& r) { return to_json(r); },
        true,
    };
    return type;
}

Json to_json(const store::MetricRow& r) {
    return {{"jurisdiction", r.jurisdiction},
            {"revision", r.revision},
            {"code", r.code},
            {"name", r.name},
            {"description", optional_json(r.description)},
            {"target",
             {{"comparison", model::to_string(r.comparison)},
              {"value", number_json(r.value)},
              {"unit", r.unit}}},
            {"weight", number_json(r.weight)},
            {"assessor", to_json(r.assessor)},
            {"assessed", to_json(r.assessed)},
            {"source", source_of(r)}};
}

const RecordType<store::MetricRow>& metric_record() {
    using R = store::MetricRow;
    static const RecordType<R> type{
        {
            {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }},
            {"revision", "", [](const R& r) { return r.revision; }},
            {"code", "指标编码", [](const R& r) { return r.code; }},
            {"name", "指标名称", [](const R& r) { return r.name; }},
            {"description", "", [](const R& r) { return r.description.value_or(""); }},
            {"comparison", "",
             [](const R& r) { return std::string(model::to_string(r.comparison)); }},
            {"value", "目标", [](const R& r) { return number_text(r.value); },
             [](const R& r) { return target_text(r); }},
            {"unit", "", [](const R& r) { return r.unit; }},
            {"weight", "权重", [](const R& r) { return number_text(r.weight); },
             [](const R& r) { return number_text(r.weight) + "%"; }},
            {"assessor_id", "", [](const R& r) { return r.assessor.id; }},
            {"assessor_name", "考核主体", [](const R& r) { return r.assessor.name; }},
            {"assessed", "", [](const R& r) { return join(ids_of(r.assessed), ";"); }},
            {"assessed_names", "考核对象",
             [](const R& r) { return join(names_of(r.assessed), ";"); },
             [](const R& r) { return join(names_of(r.assessed), "、"); }},
            {"source", "", [](const R& r) { return source_of(r); }},
        },
        [](const R& r) { return to_json(r); },
        true,
    };
    return type;
}

Json to_json(const store::ViolationTypeRow& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"sector", r.sector},
            {"description", optional_json(r.description)},
            {"aliases", r.aliases},
            {"items", r.items},
            {"problems", r.problems},
            {"source", source_of(r)}};
}

RecordType<store::ViolationTypeRow> violation_type_record(
    const std::vector<model::Sector>& sectors) {
    using R = store::ViolationTypeRow;
    std::map<std::string, std::string> names;
    for (const auto& sector : sectors) {
        names[sector.code] = sector.name;
    }
    return {
        {
            {"id", "类型编码", [](const R& r) { return r.id; }},
            {"name", "违法行为类型", [](const R& r) { return r.name; }},
            {"sector", "行业领域", [](const R& r) { return r.sector; },
             [names](const R& r) {
                 const auto it = names.find(r.sector);
                 return it == names.end() ? r.sector : it->second;
             }},
            {"description", "", [](const R& r) { return r.description.value_or(""); }},
            {"aliases", "别名", [](const R& r) { return join(r.aliases, ";"); },
             [](const R& r) { return join(r.aliases, "、"); }},
            {"items", "事项数", [](const R& r) { return std::to_string(r.items); }},
            {"problems", "问题数", [](const R& r) { return std::to_string(r.problems); }},
            {"source", "", [](const R& r) { return source_of(r); }},
        },
        [](const R& r) { return to_json(r); },
        true,
    };
}

std::string jurisdiction_choice_text(const store::JurisdictionChoice& choice) {
    std::string why;
    switch (choice.source) {
        case store::JurisdictionSource::option:
            why = "由 -j 指定";
            break;
        case store::JurisdictionSource::environment:
            why = "由环境变量 LAWLIST_JURISDICTION 指定";
            break;
        case store::JurisdictionSource::database:
            why = "默认辖区，由 lawlist use 设定";
            break;
        case store::JurisdictionSource::first_township:
            why = "未设默认辖区，按编码取第一个乡镇；可用 lawlist use 设定";
            break;
    }
    return fmt::format("辖区：{}（{}）{}（{}）", choice.name, choice.id,
                       choice.revision ? "，清单版本：" + *choice.revision : "", why);
}

Json to_json(const store::JurisdictionChoice& choice) {
    return {{"id", choice.id},
            {"name", choice.name},
            {"revision", optional_json(choice.revision)},
            {"chosen_by", std::string(store::to_string(choice.source))}};
}

}  // namespace lawlist::format
