#pragma once
// A listing: records described once by their columns, ready for any writer. A record type
// declares its columns (machine key, Chinese label, value, optional display text) and its JSON
// form in one RecordType; make_listing applies it to the records.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/format/output.hpp"

namespace lawlist::format {

using Json = nlohmann::ordered_json;

// One column of a record type. An empty key hides the column from machine formats (csv), an
// empty label from formats for people (table, cards, markdown).
template <class Record>
struct Column {
    using Text = std::function<std::string(const Record&)>;

    // `display`: the cell for people when it differs from `value` (labels instead of codes,
    // "；"-separated lists); nullptr when it does not. `zh`: the Chinese CSV header when `label`
    // is empty or says less than the machine value holds (编号 of an id column).
    Column(std::string key_, std::string label_, Text value_, Text display_ = nullptr,
           std::string zh_ = {})
        : key(std::move(key_)),
          label(std::move(label_)),
          value(std::move(value_)),
          display(std::move(display_)),
          zh(std::move(zh_)) {}

    std::string key;    // machine name: CSV header
    std::string label;  // header for people, Chinese
    Text value;
    Text display;
    std::string zh;  // Chinese CSV header (--headers zh); empty: the label, else the key
};

// How records of one type are written: their columns and their JSON form.
template <class Record>
struct RecordType {
    std::vector<Column<Record>> columns;
    std::function<Json(const Record&)> to_json;
    bool numbered = false;  // formats for people put a running 序号 first
};

// A column heading of a listing: see Column.
struct Heading {
    Heading(std::string key_, std::string label_, std::string zh_ = {})
        : key(std::move(key_)), label(std::move(label_)), zh(std::move(zh_)) {}

    std::string key;
    std::string label;
    std::string zh;

    // The CSV header in Chinese: zh, else the label, else the key.
    const std::string& chinese() const { return !zh.empty() ? zh : !label.empty() ? label : key; }
};

// One cell: the machine value and the text for people.
struct Cell {
    std::string value;
    std::string display;
};

// Records made ready for the writers; built by make_listing, or by hand for a command whose
// machine rows and JSON records differ in grain (summary).
struct Listing {
    std::vector<Heading> columns;
    std::vector<std::vector<Cell>> rows;  // one cell per column
    std::vector<Json> records;            // json and jsonl
    std::optional<Json> document;         // json writes this instead of the array of records
    bool numbered = false;
    // A command's own text for people (audit's report grouped by severity, resolve's answer):
    // returns the text for `output`, or nullopt to let the generic writer render the rows.
    std::function<std::optional<std::string>(Output, const WriterOptions&)> report;
};

template <class Record>
Listing make_listing(const RecordType<Record>& type, const std::vector<Record>& records) {
    Listing listing;
    listing.numbered = type.numbered;
    for (const auto& column : type.columns) {
        listing.columns.emplace_back(column.key, column.label, column.zh);
    }
    listing.rows.reserve(records.size());
    listing.records.reserve(records.size());
    for (const auto& record : records) {
        std::vector<Cell> cells;
        cells.reserve(type.columns.size());
        for (const auto& column : type.columns) {
            std::string value = column.value ? column.value(record) : std::string();
            std::string display = column.display ? column.display(record) : value;
            cells.push_back({std::move(value), std::move(display)});
        }
        listing.rows.push_back(std::move(cells));
        listing.records.push_back(type.to_json(record));
    }
    return listing;
}

}  // namespace lawlist::format
