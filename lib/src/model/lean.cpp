#include "lawlist/model/lean.hpp"

#include <algorithm>
#include <cstring>

#include "util/flat_table.hpp"

namespace lawlist::model {
namespace {

constexpr std::size_t k_block_size = std::size_t{1} << 20;

}  // namespace

LeanItems::LeanItems() : m_symbol(std::make_unique<util::Interner>()) {
    m_texts.push_back({});
    m_symbol->add({});
}

LeanItems::LeanItems(const Bundle& bundle) : LeanItems() {
    sets.resize(bundle.list_sets.size());
    for (std::size_t s = 0; s < bundle.list_sets.size(); ++s) {
        const auto& items = bundle.list_sets[s].items;
        LeanSet& set = sets[s];
        ColumnSymbols type_ids(*this), laws(*this), versions(*this), townships(*this);
        ColumnSymbols subjects(*this), units(*this), origins(*this);
        // The rows first, each item's after those of the items before it; the spans once they
        // stop moving.
        for (const auto& item : items) {
            for (const auto& t : item.violation_types) {
                set.violation_types.push_back({type_ids(t.id), t.loc.line});
            }
            for (const auto& b : item.basis) {
                set.basis.push_back({laws(b.law), b.version ? versions(*b.version) : 0, b.article,
                                     b.paragraph, b.item});
            }
            for (const auto& to : item.delegated_to) {
                set.delegated_to.push_back(
                    {{townships(to.jurisdiction.id), to.jurisdiction.loc.line}, to.mode});
            }
        }
        set.items.reserve(items.size());
        std::size_t types = 0, bases = 0, marks = 0;
        for (const auto& item : items) {
            LeanItem lean;
            lean.code = item.code;
            lean.name = item.name;
            if (item.remarks) {
                lean.remarks = *item.remarks;
            }
            lean.subject = {subjects(item.body.id), item.body.loc.line};
            if (item.unit) {
                lean.unit = {units(item.unit->id), item.unit->loc.line};
            }
            if (item.delegation) {
                lean.from = {origins(item.delegation->from.id), item.delegation->from.loc.line};
                lean.mode = item.delegation->mode;
                lean.original = item.delegation->item.id;
                lean.original_line = item.delegation->item.loc.line;
            }
            lean.category = item.category;
            lean.loc = item.loc;
            lean.violation_types =
                std::span(set.violation_types).subspan(types, item.violation_types.size());
            lean.basis = std::span(set.basis).subspan(bases, item.basis.size());
            lean.delegated_to =
                std::span(set.delegated_to).subspan(marks, item.delegated_to.size());
            types += item.violation_types.size();
            bases += item.basis.size();
            marks += item.delegated_to.size();
            set.items.push_back(lean);
        }
    }
}

LeanItems::LeanItems(LeanItems&&) noexcept = default;
LeanItems& LeanItems::operator=(LeanItems&&) noexcept = default;
LeanItems::~LeanItems() = default;

Symbol LeanItems::intern(std::string_view text) {
    const auto [symbol, fresh] = m_symbol->add(text);
    if (fresh) {
        m_texts.push_back(keep(text));
    }
    return symbol;
}

std::string_view LeanItems::keep(std::string_view text) {
    if (text.empty()) {
        return {};
    }
    if (text.size() > m_free) {
        const std::size_t size = std::max(k_block_size, text.size());
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(size));
        m_next = m_blocks.back().get();
        m_free = size;
    }
    char* at = m_next;
    std::memcpy(at, text.data(), text.size());
    m_next += text.size();
    m_free -= text.size();
    return {at, text.size()};
}

LegalBasis to_basis(const LeanItems& items, const LeanBasis& basis) {
    LegalBasis out;
    out.law = items.text(basis.law);
    out.article = basis.article;
    out.paragraph = basis.paragraph;
    out.item = basis.item;
    if (basis.version != 0) {
        out.version = std::string(items.text(basis.version));
    }
    return out;
}

}  // namespace lawlist::model
