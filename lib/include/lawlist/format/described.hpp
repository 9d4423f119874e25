#pragma once
// A listing's record type built from a list kind's field description (model/fields.hpp): every
// described field is a column and a JSON member without a line of its own, so that a field added
// to a description shows up in the listing. The record writes by hand only what the description
// does not hold: columns before and after the entry's (jurisdiction, where it was written), the
// entry's lists, the names of the bodies it names, and how people see a field when its value is
// not enough (a label for a code, a body's name for its id).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/format/listing.hpp"
#include "lawlist/model/fields.hpp"

namespace lawlist::format {

// Columns and JSON members a record writes by hand.
template <class Row>
struct Part {
    std::vector<Column<Row>> columns;
    std::function<void(const Row&, Json&)> json;  // adds the part's members; may be empty
};

// The parts one after the other, as one.
template <class Row>
Part<Row> joined(const std::vector<Part<Row>>& parts) {
    Part<Row> out;
    for (const auto& part : parts) {
        out.columns.insert(out.columns.end(), part.columns.begin(), part.columns.end());
    }
    out.json = [parts](const Row& r, Json& json) {
        for (const auto& part : parts) {
            if (part.json) {
                part.json(r, json);
            }
        }
    };
    return out;
}

// How a listing shows one described field when its default does not suit. The default: one
// column keyed by the last part of the field's key (value of target/value: "value"), headed by
// its heading, its value as text (a number as 95 or 2.5, an absent value empty); in JSON its
// value (null when absent) under its key, nested at a slash ({"target": {"value": 95}}).
template <class Row>
struct FieldView {
    // The heading people see instead of the field's; empty hides the column from people (table,
    // cards, markdown), whose CSV header in Chinese stays the field's heading.
    std::optional<std::string> label = std::nullopt;
    typename Column<Row>::Text display = nullptr;  // what people see instead of the value
    // The field's columns instead of the default one (a body: its id, then its name), and its
    // JSON value ({"id", "name"}); either may be left empty for the default.
    std::vector<Column<Row>> columns = {};
    std::function<Json(const Row&)> json = nullptr;
};

// A record type from `description`, whose entry a row keeps in member `entry`.
template <class Row, class Entry>
struct DescribedRecord {
    const model::Description<Entry>& description;
    Entry Row::*entry;
    Part<Row> first;                                   // before the described fields
    std::map<std::string_view, FieldView<Row>> views;  // by field key
    std::map<std::string_view, Part<Row>> after;       // right after the field with that key
    Part<Row> last;                                    // after the described fields
    bool numbered = true;
};

// A field's value as text: empty when absent, a number as fmt prints it (95, 2.5).
std::string field_text(const model::FieldValue& value);
// A field's value in JSON: null when absent, a whole number as an integer.
Json field_json(const model::FieldValue& value);

template <class Row, class Entry>
RecordType<Row> record_type(const DescribedRecord<Row, Entry>& d) {
    RecordType<Row> type;
    type.numbered = d.numbered;
    auto add_part = [&type](const Part<Row>& part) {
        type.columns.insert(type.columns.end(), part.columns.begin(), part.columns.end());
    };
    add_part(d.first);
    for (const auto& field : d.description.fields) {
        const auto view = d.views.find(field.key);
        if (view != d.views.end() && !view->second.columns.empty()) {
            add_part(Part<Row>{view->second.columns, nullptr});
        } else {
            const std::string key(field.key.substr(field.key.rfind('/') + 1));
            const std::string heading(field.heading);
            const auto get = field.get;
            const Entry Row::*entry = d.entry;
            const bool has_view = view != d.views.end();
            const std::string label =
                has_view && view->second.label ? *view->second.label : heading;
            type.columns.emplace_back(
                key, label, [get, entry](const Row& r) { return field_text(get(r.*entry)); },
                has_view ? view->second.display : nullptr, label == heading ? "" : heading);
        }
        if (const auto after = d.after.find(field.key); after != d.after.end()) {
            add_part(after->second);
        }
    }
    add_part(d.last);
    type.to_json = [d](const Row& r) {
        Json out = Json::object();
        if (d.first.json) {
            d.first.json(r, out);
        }
        for (const auto& field : d.description.fields) {
            const auto view = d.views.find(field.key);
            Json value = view != d.views.end() && view->second.json
                             ? view->second.json(r)
                             : field_json(field.get(r.*d.entry));
            Json* at = &out;
            std::string_view key = field.key;
            for (auto slash = key.find('/'); slash != std::string_view::npos;
                 slash = key.find('/')) {
                at = &(*at)[std::string(key.substr(0, slash))];
                key.remove_prefix(slash + 1);
            }
            (*at)[std::string(key)] = std::move(value);
            if (const auto after = d.after.find(field.key);
                after != d.after.end() && after->second.json) {
                after->second.json(r, out);
            }
        }
        if (d.last.json) {
            d.last.json(r, out);
        }
        return out;
    };
    return type;
}

}  // namespace lawlist::format
