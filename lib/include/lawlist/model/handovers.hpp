#pragma once
// The county↔township handover relation (放得下、接得住): what a county marks as handed down to a
// township (an item's `delegated_to`) joined with what the township takes over (its items'
// `delegation`). Audit, resolution and diff read handovers through this one relation.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lawlist/model/model.hpp"

namespace lawlist::model {

class Handovers {
  public:
    // One county item handed to one township, seen from both sides. Either side may be missing:
    // that is what the audit reports.
    struct Handover {
        const ListSet* county = nullptr;
        const ListSet* township = nullptr;
        std::string_view county_code;         // the county item's code (the bundle's)
        const Item* county_item = nullptr;    // null: the code is not on the county's list
        const DelegatedTo* marked = nullptr;  // the county's mark; null: not marked
        const Item* taken = nullptr;          // the township item; null: not taken over
    };

    // Joins the handovers of every township whose county is in `bundle` (which must outlive
    // this). A mark naming a township of another county, or one not in the bundle, is kept with
    // `township` set when it is loaded and `taken` null.
    explicit Handovers(const Bundle& bundle);

    // Every handover: the county's marks in list order, then what townships take over unmarked.
    const std::vector<Handover>& all() const { return m_all; }

    // The item of township `township` that takes over county item `county_code`, or null.
    const Item* taken_over(std::string_view township, std::string_view county_code) const;

    // The county item that `item` of township `township` takes over, or null (not delegated, or
    // naming a code the county does not list).
    const Item* original(std::string_view township, const Item& item) const;

  private:
    const Handover* find(std::string_view township, std::string_view county_code) const;

    std::vector<Handover> m_all;
    // Township id → county code → handover, viewing the bundle's strings: one township's
    // handovers are looked up together, in a table of their own.
    std::unordered_map<std::string_view, std::unordered_map<std::string_view, std::size_t>>
        m_by_code;
};

}  // namespace lawlist::model
