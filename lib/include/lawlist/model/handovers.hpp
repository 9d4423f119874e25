#pragma once
// The county↔township handover relation (放得下、接得住): what a county marks as handed down to a
// township (an item's `delegated_to`) joined with what the township takes over (its items'
// `delegation`). Audit, resolution and diff read handovers through this one relation.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lawlist/model/lean.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::model {

class Handovers {
  public:
    // One county item handed to one township, seen from both sides. Either side may be missing:
    // that is what the audit reports.
    struct Handover {
        const ListSet* county = nullptr;
        const ListSet* township = nullptr;
        std::string_view county_code;             // the county item's code
        const LeanItem* county_item = nullptr;    // null: the code is not on the county's list
        const LeanDelegatedTo* marked = nullptr;  // the county's mark; null: not marked
        const LeanItem* taken = nullptr;          // the township item; null: not taken over
    };

    // Joins the handovers of every township whose county is in `bundle`, over the lean items
    // `items` of its list sets (both must outlive this). A mark naming a township of another
    // county, or one not in the bundle, is kept with `township` set when it is loaded and
    // `taken` null.
    Handovers(const Bundle& bundle, const LeanItems& items);
    // The same over the bundle's own items (`bundle` must outlive this).
    explicit Handovers(const Bundle& bundle);
    ~Handovers();

    // Every handover: the county's marks in list order, then what townships take over unmarked.
    const std::vector<Handover>& all() const { return m_all; }

    // The item of township `township` that takes over county item `county_code`, or null.
    const LeanItem* taken_over(std::string_view township, std::string_view county_code) const;

    // The county item that `item` (of the bundle's township `township`) takes over, or null
    // (not delegated, or naming a code the county does not list).
    const LeanItem* original(std::string_view township, const Item& item) const;

  private:
    void join(const Bundle& bundle, const LeanItems& items);
    const Handover* find(std::string_view township, std::string_view county_code) const;

    std::unique_ptr<LeanItems> m_own;  // the bundle's items, when made of them
    const Bundle* m_bundle = nullptr;
    const LeanItems* m_items = nullptr;
    std::vector<Handover> m_all;
    // Township id → county code → handover, viewing the bundle's strings: one township's
    // handovers are looked up together, in a table of their own.
    std::unordered_map<std::string_view, std::unordered_map<std::string_view, std::size_t>>
        m_by_code;
};

}  // namespace lawlist::model
