// The problem, warning and performance lists and the violation types as records.

#include <map>

#include <fmt/format.h>

#include "lawlist/format/described.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/model/units.hpp"
#include "list_parts.hpp"

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

std::string number_text(double value) {
    return fmt::format("{}", value);
}

// ≥95%, ≤2小时.
std::string target_text(const model::Metric& metric) {
    return std::string(model::to_sign(metric.comparison)) + number_text(metric.value) +
           std::string(model::unit_label(metric.unit));
}

// Bodies a list names with their names: ids for machines, names for people (heading `label`),
// {"id", "name"} objects in JSON under `key`.
template <class Row>
Part<Row> bodies_part(const std::string& key, const std::string& label,
                      std::vector<store::Named> Row::*bodies) {
    return {
        {{key, "", [bodies](const Row& r) { return join(ids_of(r.*bodies), ";"); }},
         {key + "_names", label, [bodies](const Row& r) { return join(names_of(r.*bodies), ";"); },
          [bodies](const Row& r) { return join(names_of(r.*bodies), "、"); }}},
        [key, bodies](const Row& r, Json& out) { out[key] = to_json(r.*bodies); }};
}

// One body a list names by a described field (a problem's lead, a metric's assessor): its id
// and, headed `label`, its name; in JSON {"id", "name"}.
template <class Row>
FieldView<Row> body_view(const std::string& key, const std::string& label,
                         std::string (*id)(const Row&), std::string Row::*name) {
    return {.columns = {{key + "_id", "", id},
                        {key + "_name", label, [name](const Row& r) { return r.*name; }}},
            .json = [id, name](const Row& r) -> Json {
                return {{"id", id(r)}, {"name", r.*name}};
            }};
}

}  // namespace

const RecordType<store::ProblemRow>& problem_record() {
    using R = store::ProblemRow;
    static const RecordType<R> type = record_type(DescribedRecord<R, model::Problem>{
        model::problem_description(),
        &R::problem,
        list_set_part<R>(),
        {{"lead",
          body_view<R>(
              "lead", "牵头单位", [](const R& r) { return r.problem.lead.id; }, &R::lead_name)}},
        {{"lead",
          joined<R>(
              {bodies_part<R>("cooperating", "配合单位", &R::cooperating),
               {{{"violation_types", "",
                  [](const R& r) { return join(ids_of(r.problem.violation_types), ";"); }},
                 {"items", "", [](const R& r) { return join(ids_of(r.problem.items), ";"); }}},
                [](const R& r, Json& out) {
                    out["violation_types"] = ids_of(r.problem.violation_types);
                    out["items"] = ids_of(r.problem.items);
                }}})}},
        source_part<R>(),
    });
    return type;
}

Json to_json(const store::ProblemRow& r) {
    return problem_record().to_json(r);
}

const RecordType<store::WarningRow>& warning_record() {
    using R = store::WarningRow;
    static const RecordType<R> type = record_type(DescribedRecord<R, model::Warning>{
        model::warning_description(),
        &R::warning,
        list_set_part<R>(),
        {},
        {{"consequence",
          joined<R>(
              {bodies_part<R>("applies_to", "适用对象", &R::applies_to),
               {{{"basis", "依据", [](const R& r) { return join(citations(r.warning.basis), ";"); },
                  [](const R& r) { return join(citations(r.warning.basis), "；"); }}},
                [](const R& r, Json& out) { out["basis"] = citations(r.warning.basis); }}})}},
        source_part<R>(),
    });
    return type;
}

Json to_json(const store::WarningRow& r) {
    return warning_record().to_json(r);
}

const RecordType<store::MetricRow>& metric_record() {
    using R = store::MetricRow;
    static const RecordType<R> type = record_type(DescribedRecord<R, model::Metric>{
        model::metric_description(),
        &R::metric,
        list_set_part<R>(),
        {
            {"description", {.label = ""}},
            {"target/comparison", {.label = ""}},
            // People read the target whole: ≥95%, ≤2小时.
            {"target/value",
             {.label = "目标", .display = [](const R& r) { return target_text(r.metric); }}},
            {"target/unit", {.label = ""}},
            {"weight", {.display = [](const R& r) { return number_text(r.metric.weight) + "%"; }}},
            {"assessor", body_view<R>(
                             "assessor", "考核主体",
                             [](const R& r) { return r.metric.assessor.id; }, &R::assessor_name)},
        },
        {{"assessor", bodies_part<R>("assessed", "考核对象", &R::assessed)}},
        source_part<R>(),
    });
    return type;
}

Json to_json(const store::MetricRow& r) {
    return metric_record().to_json(r);
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
