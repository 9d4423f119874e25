#pragma once
// Pieces the list records (records.cpp, list_records.cpp) share: an entry's lists as text and JSON,
// and where a row was written.

#include <string>
#include <vector>

#include "lawlist/format/described.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::format {

// The citations of legal bases, as published: 《…》第三十六条.
inline std::vector<std::string> citations(const std::vector<model::LegalBasis>& basis) {
    std::vector<std::string> out;
    out.reserve(basis.size());
    for (const auto& b : basis) {
        out.push_back(b.citation());
    }
    return out;
}

// The ids references name.
inline std::vector<std::string> ids_of(const std::vector<model::Ref>& refs) {
    std::vector<std::string> out;
    out.reserve(refs.size());
    for (const auto& ref : refs) {
        out.push_back(ref.id);
    }
    return out;
}

// The jurisdiction and revision a list's row belongs to: its first columns.
template <class Row>
Part<Row> list_set_part() {
    return {{{"jurisdiction", "辖区", [](const Row& r) { return r.jurisdiction; }},
             {"revision", "", [](const Row& r) { return r.revision; }}},
            [](const Row& r, Json& out) {
                out["jurisdiction"] = r.jurisdiction;
                out["revision"] = r.revision;
            }};
}

// The last column of a list's records: where the entry was written, path:line, for machines.
template <class Row>
Part<Row> source_part() {
    auto source = [](const Row& r) { return r.source_path + ":" + std::to_string(r.source_line); };
    return {{{"source", "", source}},
            [source](const Row& r, Json& out) { out["source"] = source(r); }};
}

}  // namespace lawlist::format
