#pragma once
// Items reduced to what the checks read — audit, the handover relation, the jurisdiction graph —
// so that a province's items fit in memory: ids that repeat (bodies, jurisdictions, violation
// types, laws) are symbols, numbers standing for one copy of their text; the rest is viewed.
// They are made from a Bundle's items (viewing its strings) or read from the database
// (store::Database::read_lean, keeping the strings in one arena).

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/model/model.hpp"

namespace lawlist::util {
class Interner;
}  // namespace lawlist::util

namespace lawlist::model {

// An interned id: LeanItems::text gives it back. Symbol 0 is the empty text, which stands for
// "none" where a reference is optional.
using Symbol = std::uint32_t;

// A reference of a lean item: the id and the 0-based line it is written on, in the item's file.
struct LeanRef {
    Symbol id = 0;
    std::uint32_t line = 0;
};

// A legal basis of a lean item.
struct LeanBasis {
    Symbol law = 0;
    Symbol version = 0;  // 0: the version in force
    int article = 0;
    std::optional<int> paragraph;
    std::optional<int> item;
};

// A county item's mark that it is handed to a township.
struct LeanDelegatedTo {
    LeanRef jurisdiction;
    DelegationMode mode = DelegationMode::grant;
};

// One item as the checks read it: model::Item without the sector and with its repeating ids
// interned.
struct LeanItem {
    std::string_view code;
    std::string_view name;
    std::optional<std::string_view> remarks;
    LeanRef subject;  // 实施主体
    LeanRef unit;     // 承办机构; id 0: the subject itself
    // The county item a township item takes over: delegated from `from` (id 0: not delegated),
    // in `mode`, the county item's code in `original`.
    LeanRef from;
    DelegationMode mode = DelegationMode::grant;
    Category category = Category::penalty;
    std::string_view original;
    std::uint32_t original_line = 0;
    Location loc;
    std::span<const LeanRef> violation_types;
    std::span<const LeanBasis> basis;
    std::span<const LeanDelegatedTo> delegated_to;

    bool delegated() const { return from.id != 0; }
};

// The items of one list set and the rows their spans view.
struct LeanSet {
    std::vector<LeanItem> items;
    std::vector<LeanRef> violation_types;
    std::vector<LeanBasis> basis;
    std::vector<LeanDelegatedTo> delegated_to;
};

// The lean items of every list set of a bundle (sets[i] holds those of list_sets[i]), with the
// symbols' texts and the strings they keep. Moving it keeps every view valid.
class LeanItems {
  public:
    LeanItems();
    // Views of the items of `bundle`, which must outlive this.
    explicit LeanItems(const Bundle& bundle);
    LeanItems(LeanItems&&) noexcept;
    LeanItems& operator=(LeanItems&&) noexcept;
    ~LeanItems();

    std::vector<LeanSet> sets;

    // The text of `symbol`.
    std::string_view text(Symbol symbol) const { return m_texts[symbol]; }
    // How many symbols there are: every symbol is below it.
    std::size_t symbols() const { return m_texts.size(); }
    // The symbol of `text`, giving it one on first sight.
    Symbol intern(std::string_view text);
    // A copy of `text` kept as long as this is.
    std::string_view keep(std::string_view text);

  private:
    std::vector<std::string_view> m_texts;
    std::unique_ptr<util::Interner> m_symbol;       // text → symbol
    std::vector<std::unique_ptr<char[]>> m_blocks;  // the kept strings
    char* m_next = nullptr;                         // where the next kept string goes
    std::size_t m_free = 0;                         // bytes left after it in the last block
};

// Interns the ids of one column of items (their subjects, their laws...) into `items`. Items are
// listed body by body and cite a few laws, so an id often repeats the one before: its symbol is
// tried first.
class ColumnSymbols {
  public:
    explicit ColumnSymbols(LeanItems& items) : m_items(&items) {}

    Symbol operator()(std::string_view id) {
        if (m_items->text(m_last) != id) {
            m_last = m_items->intern(id);
        }
        return m_last;
    }

  private:
    LeanItems* m_items;
    Symbol m_last = 0;
};

// A bundle whose items are read lean: `lists` has every list set with its jurisdiction, bodies,
// problems, warnings and metrics, and the vocabulary, but no items; `items` has them.
struct LeanBundle {
    Bundle lists;
    LeanItems items;
};

// The legal basis `basis` of lean items `items` stands for, as a model::LegalBasis (to cite it).
LegalBasis to_basis(const LeanItems& items, const LeanBasis& basis);

}  // namespace lawlist::model
