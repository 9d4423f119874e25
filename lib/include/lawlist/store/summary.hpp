#pragma once
// Counts that describe a loaded list set: per list, per category and per department. Used by
// `lawlist summary` and by the README's dataset table.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lawlist/store/database.hpp"

namespace lawlist::store {

struct DepartmentCount {
    std::string body_id;  // the originating department of delegated items, else the holder
    std::string body_name;
    std::map<std::string, std::int64_t> by_category;
    std::int64_t total = 0;
};

struct JurisdictionSummary {
    std::string id;
    std::string name;
    std::string level;
    std::string revision;
    std::int64_t items = 0;
    std::int64_t delegated_in = 0;   // township items exercised on behalf of a county body
    std::int64_t delegated_out = 0;  // county items handed down to at least one township
    std::int64_t problems = 0;
    std::int64_t warnings = 0;
    std::int64_t metrics = 0;
    std::map<std::string, std::int64_t> by_category;
    std::vector<DepartmentCount> by_department;  // in body order of the jurisdiction files
};

struct Summary {
    std::vector<JurisdictionSummary> jurisdictions;  // counties first, then by id
    std::int64_t violation_types = 0;
    std::int64_t aliases = 0;
    std::map<std::string, std::int64_t> violation_types_by_sector;
    std::vector<model::Sector> sectors;  // the sectors vocabulary, in load order
};

// Summarizes the latest revision of every jurisdiction, or of `only` when it is not empty.
Summary summarize(const Database& database, const std::string& only = {});

}  // namespace lawlist::store
