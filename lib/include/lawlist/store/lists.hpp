#pragma once
// The problem, warning and performance lists and the violation-type vocabulary as stored: the
// lookups behind `lawlist problems`, `warnings`, `metrics` and `types`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lawlist/model/model.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::store {

// A body or a jurisdiction as a list names it: its id and its name. A body's name is the one in
// the list's own revision, else in the newest revision holding the body, else the id again.
struct Named {
    std::string id;
    std::string name;
};

// Filters of the problem, warning and performance lists; unset fields do not filter. Without a
// revision label, the latest revision of each jurisdiction is used.
struct ListFilter {
    std::optional<std::string> jurisdiction;
    // Problems it leads or cooperates on; warnings that apply to it; metrics it assesses or is
    // assessed by.
    std::optional<std::string> body;
    // Problems of this type; warnings and metrics that concern a body acting on it (one holding
    // an item of the type in its name or doing its work, or leading or cooperating on a problem
    // of it, in the same revisions).
    std::optional<std::string> violation_type;
    std::optional<std::string> revision;
};

// The rows of the three lists: the entry as stored (its described fields, model/fields.hpp, and
// its lists; no locations), the names of the bodies it names, and where it was written.
struct ProblemRow {
    std::string jurisdiction;
    std::string revision;
    model::Problem problem;
    std::string lead_name;
    std::vector<Named> cooperating;
    std::string source_path;
    std::int64_t source_line = 0;
};

struct WarningRow {
    std::string jurisdiction;
    std::string revision;
    model::Warning warning;
    std::vector<Named> applies_to;
    std::string source_path;
    std::int64_t source_line = 0;
};

struct MetricRow {
    std::string jurisdiction;
    std::string revision;
    model::Metric metric;
    std::string assessor_name;
    std::vector<Named> assessed;
    std::string source_path;
    std::int64_t source_line = 0;
};

// Filters of `lawlist types`; unset fields do not filter.
struct TypeFilter {
    // Types whose id, name or one of whose aliases contains this text.
    std::optional<std::string> search;
    std::optional<std::string> sector;
};

struct ViolationTypeRow {
    std::string id;
    std::string name;
    std::string sector;
    std::optional<std::string> description;
    std::vector<std::string> aliases;
    std::int64_t items = 0;     // items of it in the latest revisions
    std::int64_t problems = 0;  // problems of it in the latest revisions
    std::string source_path;
    std::int64_t source_line = 0;
};

// The lists, in jurisdiction order and then list order. Throw lawlist::Error for a revision label
// no revision has.
std::vector<ProblemRow> problems(const Database& database, const ListFilter& filter);
std::vector<WarningRow> warnings(const Database& database, const ListFilter& filter);
std::vector<MetricRow> metrics(const Database& database, const ListFilter& filter);

// The violation types in load order.
std::vector<ViolationTypeRow> violation_types(const Database& database, const TypeFilter& filter);

}  // namespace lawlist::store
