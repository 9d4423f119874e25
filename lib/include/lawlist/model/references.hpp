#pragma once
// Cross-reference checks of a bundle: every id a list names must exist, codes must be unique, and
// delegations must connect a county body to one of its townships. References that point outside
// the bundle are resolved against what a database already holds (KnownWorld).

#include <map>
#include <memory>
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

// The same checks made in parts, for a load read one list set at a time (io::BundleReader): the
// vocabulary and every jurisdiction when constructed, then the lists of each set, a county's
// before its townships'. What is found is the same as check_references finds for the whole.
class ReferenceChecker {
  public:
    // `bundle` holds the vocabulary and every jurisdiction of the load; it must outlive the
    // checker, and may gain files and lists in between the calls.
    ReferenceChecker(const Bundle& bundle, const KnownWorld& known);
    ~ReferenceChecker();
    ReferenceChecker(const ReferenceChecker&) = delete;
    ReferenceChecker& operator=(const ReferenceChecker&) = delete;

    void check_lists(const ListSet& set);
    // Whether anything was found so far.
    bool found() const;
    // Words what was found so far, reading the source lines it points at, so that the files of
    // the sets checked so far may be released.
    void settle();
    // Appends everything found to `diagnostics`, in source order.
    void finish(std::vector<Diagnostic>& diagnostics);

  private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace lawlist::model
