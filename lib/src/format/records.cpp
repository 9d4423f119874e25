#include "lawlist/format/records.hpp"

#include <map>

#include "lawlist/format/described.hpp"
#include "list_parts.hpp"

namespace lawlist::format {
namespace {

Json optional_json(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
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

const RecordType<store::ItemRow>& item_record() {
    using R = store::ItemRow;
    static const RecordType<R> type = record_type(DescribedRecord<R, model::Item>{
        model::item_description(),
        &R::item,
        list_set_part<R>(),
        {
            {"sector", {.label = ""}},
            {"subject",
             {.columns = {{"subject_id", "", [](const R& r) { return r.item.body.id; }},
                          {"subject_name", "实施主体", [](const R& r) { return r.subject_name; }}},
              .json = [](const R& r) -> Json {
                  return {{"id", r.item.body.id}, {"name", r.subject_name}};
              }}},
            {"unit",
             {.columns =
                  {{"unit_id", "", [](const R& r) { return r.item.unit ? r.item.unit->id : ""; }},
                   // People see the subject when the item names no unit: it does the work.
                   {"unit_name", "承办机构", [](const R& r) { return r.unit_name.value_or(""); },
                    [](const R& r) { return r.unit_name.value_or(r.subject_name); }}},
              .json = [](const R& r) -> Json {
                  return r.item.unit ? Json{{"id", r.item.unit->id},
                                            {"name", r.unit_name.value_or(r.item.unit->id)}}
                                     : Json(nullptr);
              }}},
        },
        // The item's delegation and lists come after its unit, as the national template has them.
        {{"unit",
          {{{"", "承接方式", nullptr,
             [](const R& r) {
                 const auto& d = r.item.delegation;
                 return d ? std::string(model::to_label(d->mode)) + "（" +
                                r.delegation_from_name.value_or(d->from.id) + "）"
                          : std::string();
             }},
            {"delegation_from", "",
             [](const R& r) { return r.item.delegation ? r.item.delegation->from.id : ""; }},
            {"delegation_mode", "",
             [](const R& r) {
                 return r.item.delegation ? std::string(model::to_string(r.item.delegation->mode))
                                          : "";
             }},
            {"delegation_item", "",
             [](const R& r) { return r.item.delegation ? r.item.delegation->item.id : ""; }},
            {"delegated_to", "",
             [](const R& r) {
                 std::vector<std::string> parts;
                 for (const auto& to : r.item.delegated_to) {
                     parts.push_back(to.jurisdiction.id + ":" +
                                     std::string(model::to_string(to.mode)));
                 }
                 return join(parts, ";");
             }},
            {"basis", "设定依据", [](const R& r) { return join(citations(r.item.basis), ";"); },
             [](const R& r) { return join(citations(r.item.basis), "；"); }},
            {"violation_types", "",
             [](const R& r) { return join(ids_of(r.item.violation_types), ";"); }}},
           [](const R& r, Json& out) {
               const auto& d = r.item.delegation;
               out["delegation"] =
                   d ? Json{{"from",
                             {{"id", d->from.id}, {"name", r.delegation_from_name.value_or("")}}},
                            {"mode", model::to_string(d->mode)},
                            {"item", d->item.id}}
                     : Json(nullptr);
               Json delegated_to = Json::array();
               for (const auto& to : r.item.delegated_to) {
                   delegated_to.push_back(
                       {{"jurisdiction", to.jurisdiction.id}, {"mode", model::to_string(to.mode)}});
               }
               out["delegated_to"] = std::move(delegated_to);
               out["basis"] = citations(r.item.basis);
               out["violation_types"] = ids_of(r.item.violation_types);
           }}}},
        source_part<R>(),
    });
    return type;
}

Json to_json(const store::ItemRow& row) {
    return item_record().to_json(row);
}

RecordType<store::BodyRow> body_record(const std::vector<model::Sector>& sectors) {
    using R = store::BodyRow;
    std::map<std::string, std::string> names;
    for (const auto& sector : sectors) {
        names[sector.code] = sector.name;
    }
    return record_type(DescribedRecord<R, model::Body>{
        model::body_description(),
        &R::body,
        {{{"jurisdiction", "辖区", [](const R& r) { return r.jurisdiction; }}},
         [](const R& r, Json& out) { out["jurisdiction"] = r.jurisdiction; }},
        {
            {"kind",
             {.display = [](const R& r) { return std::string(model::to_label(r.body.kind)); }}},
            {"sector",
             {.display =
                  [names](const R& r) {
                      if (!r.body.sector) {
                          return std::string("跨领域");
                      }
                      const auto it = names.find(*r.body.sector);
                      return it == names.end() ? std::string() : it->second;
                  }}},
            {"parent", {.label = ""}},
            // Few bodies carry remarks: machine formats have them, the table stays narrow.
            {"remarks", {.label = ""}},
        },
        {},
        {{{"items", "事项数", [](const R& r) { return std::to_string(r.items); }}},
         [](const R& r, Json& out) { out["items"] = r.items; }},
    });
}

Json to_json(const store::BodyRow& r) {
    return body_record({}).to_json(r);
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
