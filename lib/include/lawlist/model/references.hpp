#pragma once
// Cross-reference checks of a bundle: every id a list names must exist, codes must be unique, and
// delegations must connect a county body to one of its townships. References that point outside
// the bundle are resolved against what a database already holds (KnownWorld).

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lawlist/error.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::model {

// What is already loaded (the latest revision of each jurisdiction), for references out of a
// bundle.
struct KnownWorld {
    struct JurisdictionInfo {
        Level level = Level::county;
        std::optional<std::string> parent;
    };
    std::map<std::string, JurisdictionInfo> jurisdictions;
    std::unordered_map<std::string, std::string> bodies;  // body id → jurisdiction id
    std::unordered_map<std::string, std::unordered_set<std::string>> items;  // jurisdiction → codes
    std::unordered_set<std::string> violation_types;
    std::unordered_set<std::string> sectors;  // codes of the stored sectors vocabulary
};

// Appends a diagnostic for every broken reference in `bundle`, in source order per check.
void check_references(const Bundle& bundle, const KnownWorld& known,
                      std::vector<Diagnostic>& diagnostics);

}  // namespace lawlist::model
