#pragma once
// One description per list kind of the scalar fields of its entries: the YAML key (the property
// the JSON Schema names), the published Chinese heading, the database column, and how to get and
// set the field on the model. The YAML reader (io/reader.cpp), the store writer
// (store/write.cpp), the store reader (store/read_bundle.cpp), the listings' row queries
// (store/queries.cpp, store/lists.cpp) and their records (format/) iterate these tables, so that
// a new scalar field of a list is one row here (plus its schema property and its column in a
// migration). `lawlist diff` compares the described fields too (diff/diff.cpp).
//
// Lists inside an entry (legal bases, violation types, cooperating bodies, grants...) and nested
// objects (an item's delegation) are read and written by hand where they are used: each is its
// own table in the store. Every description says which keys those are (`by_hand`), so that a test
// can hold the descriptions and the JSON Schemas together.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lawlist/model/model.hpp"

namespace lawlist::model {

// A field's value as files and the database hold it: absent, text or a number.
using FieldValue = std::variant<std::monostate, std::string, double>;

// One scalar field of an entry of type Entry (Item, Body, Problem, Warning, Metric).
template <typename Entry>
struct FieldOf {
    // The YAML key; a nested key is written with a slash (target/value: `value:` under `target:`).
    std::string_view key;
    std::string_view heading;  // as published lists and listings head it: 事项名称
    std::string_view column;   // the database column
    bool number = false;       // read from YAML as a number (else as text)
    // The value of the field of `entry`; std::monostate when an optional field is absent.
    FieldValue (*get)(const Entry& entry);
    // Sets the field of `entry` to `value` (std::monostate: absent), written at `loc` (references
    // keep where they are written). False when the value is not one the field takes (an unknown
    // spelling of an enum): the caller reports it.
    bool (*set)(Entry& entry, const FieldValue& value, const Location& loc);
    // Whether `lawlist diff` compares the field (diff/diff.hpp described_changes); false only
    // with a comment saying why.
    bool diffed = true;
};

// A list kind's entries: their scalar fields, and the keys of the fields read by hand.
template <typename Entry>
struct Description {
    std::vector<FieldOf<Entry>> fields;
    std::vector<std::string_view> by_hand;
};

// The power list's items. By hand: the former spelling `body` of `subject`, `delegation`,
// `delegated_to`, `basis`, `violation_types`.
const Description<Item>& item_description();
// The bodies of a jurisdiction file.
const Description<Body>& body_description();
// The problem list's problems. By hand: `violation_types`, `items`, `cooperating`.
const Description<Problem>& problem_description();
// The warning list's warnings. By hand: `applies_to`, `basis`.
const Description<Warning>& warning_description();
// The performance list's metrics. By hand: `assessed`.
const Description<Metric>& metric_description();

}  // namespace lawlist::model
