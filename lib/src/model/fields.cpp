#include "lawlist/model/fields.hpp"

namespace lawlist::model {
namespace {

// Getters: a field's value as a FieldValue.
FieldValue value(const std::string& text) {
    return text;
}
FieldValue value(const std::optional<std::string>& text) {
    return text ? FieldValue(*text) : FieldValue();
}
FieldValue value(double number) {
    return number;
}
FieldValue value(const std::optional<Ref>& ref) {
    return ref ? FieldValue(ref->id) : FieldValue();
}
template <typename Enum>
FieldValue value_of_enum(Enum e) {
    return std::string(to_string(e));
}

// Setters: false when the value is not of the field's type.
bool set(std::string& field, const FieldValue& v) {
    const auto* text = std::get_if<std::string>(&v);
    if (text) {
        field = *text;
    }
    return text != nullptr;
}
bool set(std::optional<std::string>& field, const FieldValue& v) {
    if (std::holds_alternative<std::monostate>(v)) {
        field.reset();
        return true;
    }
    const auto* text = std::get_if<std::string>(&v);
    if (text) {
        field = *text;
    }
    return text != nullptr;
}
bool set(double& field, const FieldValue& v) {
    const auto* number = std::get_if<double>(&v);
    if (number) {
        field = *number;
    }
    return number != nullptr;
}
bool set(Ref& field, const FieldValue& v, const Location& loc) {
    field.loc = loc;
    return set(field.id, v);
}
bool set(std::optional<Ref>& field, const FieldValue& v, const Location& loc) {
    if (std::holds_alternative<std::monostate>(v)) {
        field.reset();
        return true;
    }
    field.emplace();
    return set(*field, v, loc);
}
template <typename Enum>
bool set_enum(Enum& field, const FieldValue& v, std::optional<Enum> (*parse)(std::string_view)) {
    const auto* text = std::get_if<std::string>(&v);
    const auto parsed = text ? parse(*text) : std::nullopt;
    if (parsed) {
        field = *parsed;
    }
    return parsed.has_value();
}

}  // namespace

const Description<Item>& item_description() {
    static const Description<Item> d{
        {
            {"code", "事项编码", "code", false, [](const Item& e) { return value(e.code); },
             [](Item& e, const FieldValue& v, const Location&) { return set(e.code, v); }},
            {"name", "事项名称", "name", false, [](const Item& e) { return value(e.name); },
             [](Item& e, const FieldValue& v, const Location&) { return set(e.name, v); }},
            {"category", "事项类别", "category", false,
             [](const Item& e) { return value_of_enum(e.category); },
             [](Item& e, const FieldValue& v, const Location&) {
                 return set_enum(e.category, v, parse_category);
             }},
            {"sector", "行业领域", "sector", false, [](const Item& e) { return value(e.sector); },
             [](Item& e, const FieldValue& v, const Location& loc) {
                 e.sector_loc = loc;
                 return set(e.sector, v);
             }},
            // 实施主体; `body` is its former spelling, which the reader still takes.
            {"subject", "实施主体", "body_id", false,
             [](const Item& e) { return value(e.body.id); },
             [](Item& e, const FieldValue& v, const Location& loc) { return set(e.body, v, loc); }},
            {"unit", "承办机构", "unit_id", false, [](const Item& e) { return value(e.unit); },
             [](Item& e, const FieldValue& v, const Location& loc) { return set(e.unit, v, loc); }},
            // Remarks are commentary on the item, not the list: diff leaves them out.
            {"remarks", "备注", "remarks", false, [](const Item& e) { return value(e.remarks); },
             [](Item& e, const FieldValue& v, const Location&) { return set(e.remarks, v); },
             false},
        },
        {"body", "delegation", "delegated_to", "basis", "violation_types"},
    };
    return d;
}

const Description<Body>& body_description() {
    static const Description<Body> d{
        {
            {"id", "主体编码", "id", false, [](const Body& e) { return value(e.id); },
             [](Body& e, const FieldValue& v, const Location&) { return set(e.id, v); }},
            {"name", "主体名称", "name", false, [](const Body& e) { return value(e.name); },
             [](Body& e, const FieldValue& v, const Location&) { return set(e.name, v); }},
            {"kind", "主体类型", "kind", false, [](const Body& e) { return value_of_enum(e.kind); },
             [](Body& e, const FieldValue& v, const Location&) {
                 return set_enum(e.kind, v, parse_body_kind);
             }},
            {"sector", "行业领域", "sector", false, [](const Body& e) { return value(e.sector); },
             [](Body& e, const FieldValue& v, const Location& loc) {
                 e.sector_loc = loc;
                 return set(e.sector, v);
             }},
            {"parent", "所属主体", "parent_id", false,
             [](const Body& e) { return value(e.parent); },
             [](Body& e, const FieldValue& v, const Location& loc) {
                 return set(e.parent, v, loc);
             }},
            // Remarks are commentary on the body, not the list: diff leaves them out.
            {"remarks", "备注", "remarks", false, [](const Body& e) { return value(e.remarks); },
             [](Body& e, const FieldValue& v, const Location&) { return set(e.remarks, v); },
             false},
        },
        {},
    };
    return d;
}

const Description<Problem>& problem_description() {
    static const Description<Problem> d{
        {
            {"code", "问题编码", "code", false, [](const Problem& e) { return value(e.code); },
             [](Problem& e, const FieldValue& v, const Location&) { return set(e.code, v); }},
            {"name", "问题名称", "name", false, [](const Problem& e) { return value(e.name); },
             [](Problem& e, const FieldValue& v, const Location&) { return set(e.name, v); }},
            {"description", "问题描述", "description", false,
             [](const Problem& e) { return value(e.description); },
             [](Problem& e, const FieldValue& v, const Location&) {
                 return set(e.description, v);
             }},
            {"lead", "牵头单位", "lead_id", false,
             [](const Problem& e) { return value(e.lead.id); },
             [](Problem& e, const FieldValue& v, const Location& loc) {
                 return set(e.lead, v, loc);
             }},
        },
        {"violation_types", "items", "cooperating"},
    };
    return d;
}

const Description<Warning>& warning_description() {
    static const Description<Warning> d{
        {
            {"code", "警示编码", "code", false, [](const Warning& e) { return value(e.code); },
             [](Warning& e, const FieldValue& v, const Location&) { return set(e.code, v); }},
            {"situation", "情形", "situation", false,
             [](const Warning& e) { return value(e.situation); },
             [](Warning& e, const FieldValue& v, const Location&) { return set(e.situation, v); }},
            {"consequence", "后果", "consequence", false,
             [](const Warning& e) { return value(e.consequence); },
             [](Warning& e, const FieldValue& v, const Location&) {
                 return set(e.consequence, v);
             }},
        },
        {"applies_to", "basis"},
    };
    return d;
}

const Description<Metric>& metric_description() {
    static const Description<Metric> d{
        {
            {"code", "指标编码", "code", false, [](const Metric& e) { return value(e.code); },
             [](Metric& e, const FieldValue& v, const Location&) { return set(e.code, v); }},
            {"name", "指标名称", "name", false, [](const Metric& e) { return value(e.name); },
             [](Metric& e, const FieldValue& v, const Location&) { return set(e.name, v); }},
            {"description", "指标说明", "description", false,
             [](const Metric& e) { return value(e.description); },
             [](Metric& e, const FieldValue& v, const Location&) { return set(e.description, v); }},
            {"target/comparison", "比较方式", "comparison", false,
             [](const Metric& e) { return value_of_enum(e.comparison); },
             [](Metric& e, const FieldValue& v, const Location&) {
                 return set_enum(e.comparison, v, parse_comparison);
             }},
            {"target/value", "目标值", "value", true,
             [](const Metric& e) { return value(e.value); },
             [](Metric& e, const FieldValue& v, const Location&) { return set(e.value, v); }},
            {"target/unit", "计量单位", "unit", false,
             [](const Metric& e) { return value(e.unit); },
             [](Metric& e, const FieldValue& v, const Location&) { return set(e.unit, v); }},
            {"weight", "权重", "weight", true, [](const Metric& e) { return value(e.weight); },
             [](Metric& e, const FieldValue& v, const Location&) { return set(e.weight, v); }},
            {"assessor", "考核主体", "assessor_id", false,
             [](const Metric& e) { return value(e.assessor.id); },
             [](Metric& e, const FieldValue& v, const Location& loc) {
                 return set(e.assessor, v, loc);
             }},
        },
        {"assessed"},
    };
    return d;
}

}  // namespace lawlist::model
