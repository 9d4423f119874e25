#include "lawlist/model/handovers.hpp"

#include <unordered_map>

namespace lawlist::model {

Handovers::Handovers(const Bundle& bundle, const LeanItems& items) {
    join(bundle, items);
}

Handovers::Handovers(const Bundle& bundle) : m_own(std::make_unique<LeanItems>(bundle)) {
    join(bundle, *m_own);
}

Handovers::~Handovers() = default;

void Handovers::join(const Bundle& bundle, const LeanItems& items) {
    m_bundle = &bundle;
    m_items = &items;
    std::unordered_map<std::string_view, const ListSet*> set_of;
    for (const auto& set : bundle.list_sets) {
        set_of.emplace(set.jurisdiction.id, &set);
    }
    auto county_of = [&](const ListSet& township) -> const ListSet* {
        if (!township.jurisdiction.parent) {
            return nullptr;
        }
        const auto it = set_of.find(township.jurisdiction.parent->id);
        return it == set_of.end() ? nullptr : it->second;
    };
    auto items_of = [&](const ListSet& set) {
        return std::span(
            items.sets[static_cast<std::size_t>(&set - bundle.list_sets.data())].items);
    };
    // Each township's table is made as large as its marks at once: a county marks hundreds of
    // thousands of items in a province.
    std::unordered_map<std::string_view, std::size_t> marks;
    for (const auto& set : bundle.list_sets) {
        if (set.jurisdiction.level == Level::county) {
            for (const auto& item : items_of(set)) {
                for (const auto& to : item.delegated_to) {
                    ++marks[items.text(to.jurisdiction.id)];
                }
            }
        }
    }
    std::size_t all_marks = 0;
    for (const auto& [township, count] : marks) {
        if (const auto t = set_of.find(township); t != set_of.end()) {
            m_by_code[t->second->jurisdiction.id].reserve(count);
        }
        all_marks += count;
    }
    m_all.reserve(all_marks);
    // The county's marks first: a mark to a township of this county is a key of the relation.
    for (const auto& set : bundle.list_sets) {
        if (set.jurisdiction.level != Level::county) {
            continue;
        }
        for (const auto& item : items_of(set)) {
            for (const auto& to : item.delegated_to) {
                Handover h;
                h.county = &set;
                h.county_code = item.code;
                h.county_item = &item;
                h.marked = &to;
                const auto t = set_of.find(items.text(to.jurisdiction.id));
                h.township = t == set_of.end() ? nullptr : t->second;
                if (h.township && county_of(*h.township) == &set) {
                    m_by_code[h.township->jurisdiction.id].emplace(item.code, m_all.size());
                }
                m_all.push_back(h);
            }
        }
    }
    // Then what each township takes over: it completes its mark, or stands alone. Each county's
    // items are indexed by code once, for all its townships.
    std::unordered_map<const ListSet*, std::unordered_map<std::string_view, const LeanItem*>>
        by_code;
    for (const auto& set : bundle.list_sets) {
        const ListSet* county = county_of(set);
        if (!county || set.jurisdiction.level == Level::county) {
            continue;
        }
        // The county's items by code, indexed when a township first takes one over unmarked.
        auto county_item = [&](std::string_view code) -> const LeanItem* {
            auto [codes, fresh] = by_code.try_emplace(county);
            if (fresh) {
                for (const auto& item : items_of(*county)) {
                    codes->second.emplace(item.code,
                                          &item);  // the first of a code, like every lookup
                }
            }
            const auto c = codes->second.find(code);
            return c == codes->second.end() ? nullptr : c->second;
        };
        auto& marked = m_by_code[set.jurisdiction.id];
        for (const auto& item : items_of(set)) {
            if (!item.delegated()) {
                continue;
            }
            if (const auto it = marked.find(item.original); it != marked.end()) {
                if (!m_all[it->second].taken) {
                    m_all[it->second].taken = &item;
                }
                continue;
            }
            Handover h;
            h.county = county;
            h.township = &set;
            h.county_code = item.original;
            h.county_item = county_item(item.original);
            h.taken = &item;
            marked.emplace(item.original, m_all.size());
            m_all.push_back(h);
        }
    }
}

const Handovers::Handover* Handovers::find(std::string_view township,
                                           std::string_view county_code) const {
    const auto by_code = m_by_code.find(township);
    if (by_code == m_by_code.end()) {
        return nullptr;
    }
    const auto it = by_code->second.find(county_code);
    return it == by_code->second.end() ? nullptr : &m_all[it->second];
}

const LeanItem* Handovers::taken_over(std::string_view township,
                                      std::string_view county_code) const {
    const Handover* h = find(township, county_code);
    return h ? h->taken : nullptr;
}

const LeanItem* Handovers::original(std::string_view township, const Item& item) const {
    if (!item.delegation) {
        return nullptr;
    }
    const ListSet* set = m_bundle->find(township);
    if (!set || &item < set->items.data() || &item >= set->items.data() + set->items.size()) {
        return nullptr;
    }
    const auto s = static_cast<std::size_t>(set - m_bundle->list_sets.data());
    const LeanItem& lean =
        m_items->sets[s].items[static_cast<std::size_t>(&item - set->items.data())];
    const Handover* h = find(township, item.delegation->item.id);
    return h && h->taken == &lean ? h->county_item : nullptr;
}

}  // namespace lawlist::model
