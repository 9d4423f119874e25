#include "lawlist/format/records.hpp"

#include <map>

namespace lawlist::format {
namespace {

Json optional_json(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

std::string source_of(const store::ItemRow& r) {
    return r.source_path + ":" + std::to_string(r.source_line);
}

}  // namespace

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    }
    return out;
}

Json to_json(const store::ItemRow& row) {
    Json delegation = nullptr;
    if (row.delegation_from) {
        delegation = {
            {"from",
             {{"id", *row.delegation_from}, {"name", row.delegation_from_name.value_or("")}}},
            {"mode", row.delegation_mode.value_or("")},
            {"item", row.delegation_item.value_or("")}};
    }
    Json delegated_to = Json::array();
    for (const auto& entry : row.delegated_to) {
        const auto colon = entry.rfind(':');
        delegated_to.push_back(
            {{"jurisdiction", entry.substr(0, colon)}, {"mode", entry.substr(colon + 1)}});
    }
    return {{"jurisdiction", row.jurisdiction},
            {"revision", row.revision},
            {"code", row.code},
            {"name", row.name},
            {"category", row.category},
            {"sector", row.sector},
            {"subject", {{"id", row.body_id}, {"name", row.body_name}}},
            {"unit", row.unit_id ? Json{{"id", *row.unit_id},
                                        {"name", row.unit_name.value_or(*row.unit_id)}}
                                 : Json(nullptr)},
            {"delegation", delegation},
            {"delegated_to", delegated_to},
            {"basis", row.basis},
            {"violation_types", row.violation_types},
            {"remarks", optional_json(row.remarks)},
            {"source", source_of(row)}};
}

const RecordType<store::ItemRow>& item_record() {
    using R = store::ItemRow;
    static const RecordType<R> type{
        {
            {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }},
            {"revision", "", [](const R& r) { return r.revision; }},
            {"code", "事项编码", [](const R& r) { return r.code; }},
            {"name", "事项名称", [](const R& r) { return r.name; }},
            {"category", "事项类别", [](const R& r) { return r.category; }},
            {"sector", "", [](const R& r) { return r.sector; }},
            {"subject_id", "", [](const R& r) { return r.body_id; }},
            {"subject_name", "实施主体", [](const R& r) { return r.body_name; }},
            {"unit_id", "", [](const R& r) { return r.unit_id.value_or(""); }},
            {"unit_name", "承办机构", [](const R& r) { return r.unit_name.value_or(""); },
             [](const R& r) { return r.unit_name.value_or(r.body_name); }},
            {"", "承接方式", nullptr,
             [](const R& r) {
                 return r.delegation_from
                            ? r.delegation_mode.value_or("") + "（" +
                                  r.delegation_from_name.value_or(*r.delegation_from) + "）"
                            : std::string();
             }},
            {"delegation_from", "", [](const R& r) { return r.delegation_from.value_or(""); }},
            {"delegation_mode", "", [](const R& r) { return r.delegation_mode.value_or(""); }},
            {"delegation_item", "", [](const R& r) { return r.delegation_item.value_or(""); }},
            {"delegated_to", "", [](const R& r) { return join(r.delegated_to, ";"); }},
            {"basis", "设定依据", [](const R& r) { return join(r.basis, ";"); },
             [](const R& r) { return join(r.basis, "；"); }},
            {"violation_types", "", [](const R& r) { return join(r.violation_types, ";"); }},
            {"source", "", source_of},
        },
        [](const R& r) { return to_json(r); },
        true,
    };
    return type;
}

Json to_json(const store::BodyRow& r) {
    return {{"jurisdiction", r.jurisdiction},
            {"id", r.id},
            {"name", r.name},
            {"kind", model::to_string(r.kind)},
            {"sector", optional_json(r.sector)},
            {"parent", optional_json(r.parent)},
            {"items", r.items}};
}

RecordType<store::BodyRow> body_record(const std::vector<model::Sector>& sectors) {
    using R = store::BodyRow;
    std::map<std::string, std::string> names;
    for (const auto& sector : sectors) {
        names[sector.code] = sector.name;
    }
    return {
        {
            {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }},
            {"id", "主体编码", [](const R& r) { return r.id; }},
            {"name", "主体名称", [](const R& r) { return r.name; }},
            {"kind", "主体类型", [](const R& r) { return std::string(model::to_string(r.kind)); },
             [](const R& r) { return std::string(model::to_label(r.kind)); }},
            {"sector", "行业领域", [](const R& r) { return r.sector.value_or(""); },
             [names](const R& r) {
                 if (!r.sector) {
                     return std::string("跨领域");
                 }
                 const auto it = names.find(*r.sector);
                 return it == names.end() ? std::string() : it->second;
             }},
            {"parent", "", [](const R& r) { return r.parent.value_or(""); }},
            {"items", "事项数", [](const R& r) { return std::to_string(r.items); }},
        },
        [](const R& r) { return to_json(r); },
        true,
    };
}

Listing bodies_listing(const std::vector<store::BodyRow>& bodies,
                       const std::vector<model::Sector>& sectors) {
    return make_listing(body_record(sectors), bodies);
}

Json to_json(const store::RevisionInfo& r) {
    return {{"id", r.id},
            {"jurisdiction", r.jurisdiction},
            {"label", r.label},
            {"effective", optional_json(r.effective)},
            {"loaded_at", r.loaded_at},
            {"source_hash", r.source_hash},
            {"items", r.items}};
}

const RecordType<store::RevisionInfo>& revision_record() {
    using R = store::RevisionInfo;
    static const RecordType<R> type{
        {
            {"id", "序号", [](const R& r) { return std::to_string(r.id); }},
            {"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }},
            {"label", "版本", [](const R& r) { return r.label; }},
            {"effective", "施行日期", [](const R& r) { return r.effective.value_or(""); }},
            {"loaded_at", "载入时间", [](const R& r) { return r.loaded_at; }},
            // People see the first 12 hex digits, enough to tell sources apart.
            {"source_hash", "来源摘要", [](const R& r) { return r.source_hash; },
             [](const R& r) { return r.source_hash.substr(0, 12); }},
            {"items", "事项数", [](const R& r) { return std::to_string(r.items); }},
        },
        [](const R& r) { return to_json(r); },
        false,
    };
    return type;
}

}  // namespace lawlist::format
