#include "lawlist/resolve/resolver.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <span>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"
#include "util/flat_table.hpp"

namespace lawlist::resolve {
namespace {

// Penalties decide a case; the order in which items of one holder are listed.
int category_rank(const std::string& category) {
    static const std::vector<std::string> k_order = {"行政处罚", "行政强制", "行政检查"};
    const auto it = std::find(k_order.begin(), k_order.end(), category);
    return it == k_order.end() ? static_cast<int>(k_order.size())
                               : static_cast<int>(it - k_order.begin());
}

std::string source_of(const model::Bundle& bundle, const model::Location& loc) {
    return fmt::format("{}:{}", bundle.files.at(loc.file).path, loc.line + 1);
}

}  // namespace

std::string_view to_string(Route route) {
    switch (route) {
        case Route::township:
            return "township";
        case Route::department:
            return "department";
        case Route::joint:
            return "joint";
        case Route::unassigned:
            return "unassigned";
    }
    return "unassigned";
}

std::string_view to_label(Route route) {
    switch (route) {
        case Route::township:
            return "乡街办";
        case Route::department:
            return "行业办";
        case Route::joint:
            return "联合执法";
        case Route::unassigned:
            return "无主";
    }
    return "无主";
}

namespace {

// Values grouped by a dense key (util::group_by), read a range of keys at a time.
template <class T>
struct Grouped : util::Grouped<T> {
    std::span<const T> range(std::uint32_t first_key, std::uint32_t end_key) const {
        return {this->values.data() + this->begin[first_key],
                this->values.data() + this->begin[end_key]};
    }
};

template <class T>
Grouped<T> group_by(std::size_t keys, const std::vector<std::pair<std::uint32_t, T>>& entries) {
    return {util::group_by<T>(
        keys, entries, [](const auto& entry) { return entry.first; },
        [](const auto& entry) { return entry.second; })};
}

constexpr std::uint32_t k_ranks = 4;  // category_rank's values

}  // namespace

// The printable fields of a jurisdiction's items, copied out of the bundle once, in list order.
// At 100,000 items the bundle's items, each a struct with strings and vectors on the heap, no
// longer fit in the processor's caches, and a resolution that read them where they lie would wait
// on memory for almost every field of every item it lists. Here each item is one run of 32-bit
// words: its Record, its citations, then its fields' bytes; listing it reads a cache line or two.
class Arena {
  public:
    // Code, name, category, sector, then for a delegated item its mode and the code of the county
    // item it is delegated from (both empty otherwise).
    enum Field : std::uint32_t { code, name, category, sector, mode, from_item, k_fields };

    struct Record {
        std::uint32_t body = 0;               // in Index::body_info
        std::uint32_t origin = util::k_none;  // in Index::body_info; k_none unless delegated
        model::Location loc;
        std::uint32_t bases = 0;  // citations following the record, in Index::citations
        std::array<std::uint32_t, k_fields> sizes{};
    };

    struct Entry {
        Record record;
        std::span<const std::uint32_t> citations;
        std::array<std::string_view, k_fields> fields;
    };

    // Appends an item; returns where it starts.
    std::uint32_t append(Record record, std::span<const std::uint32_t> citations,
                         const std::array<std::string_view, k_fields>& fields) {
        const auto at = static_cast<std::uint32_t>(m_words.size());
        record.bases = static_cast<std::uint32_t>(citations.size());
        std::size_t bytes = 0;
        for (std::uint32_t f = 0; f < k_fields; ++f) {
            record.sizes[f] = static_cast<std::uint32_t>(fields[f].size());
            bytes += fields[f].size();
        }
        m_words.resize(at + k_record_words + citations.size() + (bytes + 3) / 4);
        std::memcpy(&m_words[at], &record, sizeof record);
        std::copy(citations.begin(), citations.end(), &m_words[at + k_record_words]);
        char* out = reinterpret_cast<char*>(&m_words[at + k_record_words + citations.size()]);
        for (const auto field : fields) {
            out = std::copy(field.begin(), field.end(), out);
        }
        return at;
    }

    Entry operator[](std::uint32_t at) const {
        Entry e;
        std::memcpy(static_cast<void*>(&e.record), &m_words[at], sizeof e.record);
        e.citations = {&m_words[at + k_record_words], e.record.bases};
        const char* text = reinterpret_cast<const char*>(e.citations.data() + e.record.bases);
        for (std::uint32_t f = 0; f < k_fields; ++f) {
            e.fields[f] = {text, e.record.sizes[f]};
            text += e.record.sizes[f];
        }
        return e;
    }

    // Asks for the first two cache lines of the item at `at`, so that the waits for the several
    // items of one resolution overlap.
    void prefetch(std::uint32_t at) const {
        util::prefetch(&m_words[at]);
        util::prefetch(&m_words[at] + 64 / sizeof(std::uint32_t));
    }

  private:
    static_assert(sizeof(Record) % 4 == 0 && std::is_trivially_copyable_v<Record>);
    static constexpr std::size_t k_record_words = sizeof(Record) / 4;
    std::vector<std::uint32_t> m_words;
};

// What a resolution looks up, indexed once: flat tables keyed by interned ids; per jurisdiction
// the items and problems of each violation type it holds, stored contiguously, and its items'
// printable fields; per violation type where each jurisdiction holding it keeps them.
struct Resolver::Index {
    struct Holding {
        const model::ListSet* set = nullptr;
        std::uint32_t county = util::k_none;  // the holding of its parent jurisdiction, if loaded
        Arena arena;
        std::vector<std::uint32_t> items;             // in arena, by type then category rank
        std::vector<const model::Problem*> problems;  // by type
    };

    // The items and problems of one violation type that one jurisdiction holds.
    struct Held {
        std::uint32_t holding = 0;
        std::uint32_t items = 0, items_end = 0;        // in Holding::items
        std::uint32_t problems = 0, problems_end = 0;  // in Holding::problems
    };

    // What a resolution reads of one jurisdiction for one type.
    struct Listing {
        const Holding* holding = nullptr;
        std::span<const std::uint32_t> items;
        std::span<const model::Problem* const> problems;
    };

    util::Interner types;  // violation type ids
    std::vector<const model::ViolationType*> type_of;
    // Formal names and aliases, built by the first lookup by name (names()): resolutions by
    // id, what classification and most scripts ask, never need them, and over 100,000 types
    // the table is a few more waits on memory per type.
    struct Names {
        util::Interner names;
        Grouped<const model::ViolationType*> named;
    };
    const model::Bundle& bundle;
    mutable std::once_flag names_built;
    mutable Names by_name;
    const Names& names() const;
    util::Interner bodies;
    std::vector<BodyInfo> body_info;  // an id no jurisdiction defines stands for itself
    util::Interner bases;             // law, article, paragraph and item of a legal basis
    std::vector<std::string> citations;
    util::Interner jurisdictions;
    std::vector<Holding> holdings;
    Grouped<Held> held;  // by violation type, in the order of holdings

    explicit Index(const model::Bundle& bundle);
    std::uint32_t type(const std::string& text) const;
    std::uint32_t body(std::string_view id);
    std::uint32_t citation(const model::LegalBasis& basis, std::string& key);
    // Buffers reused from one copied item to the next.
    struct Scratch {
        std::vector<std::uint32_t> cited;
        std::string basis_key;
    };
    std::uint32_t copy(Arena& arena, const model::Item& item, std::uint32_t holder,
                       Scratch& scratch);
    Listing listing(std::uint32_t holding, std::uint32_t type) const;
    ItemInfo item(const Holding& holding, std::uint32_t at) const;
};

std::uint32_t Resolver::Index::body(std::string_view id) {
    const auto [b, added] = bodies.add(id);
    if (added) {
        body_info.push_back({std::string(id), std::string(id), "", std::nullopt});
    }
    return b;
}

// Citations are formatted once per distinct basis: far fewer than the items citing them.
std::uint32_t Resolver::Index::citation(const model::LegalBasis& basis, std::string& key) {
    key.clear();
    for (const int number : {basis.article, basis.paragraph.value_or(0), basis.item.value_or(0)}) {
        key.append(reinterpret_cast<const char*>(&number), sizeof number);
    }
    key += static_cast<char>(basis.paragraph.has_value() * 2 + basis.item.has_value());
    key += basis.law;
    const auto [c, added] = bases.add(key);
    if (added) {
        citations.push_back(basis.citation());
    }
    return c;
}

// Appends `item`, held by body `holder`, to `arena`; returns where it starts.
std::uint32_t Resolver::Index::copy(Arena& arena, const model::Item& item, std::uint32_t holder,
                                    Scratch& scratch) {
    Arena::Record record;
    record.body = holder;
    record.loc = item.loc;
    scratch.cited.clear();
    for (const auto& basis : item.basis) {
        scratch.cited.push_back(citation(basis, scratch.basis_key));
    }
    std::string_view mode;
    std::string_view from_item;
    if (item.delegation) {
        record.origin = body(item.delegation->from.id);
        mode = item.delegation->mode;
        from_item = item.delegation->item.id;
    }
    return arena.append(record, scratch.cited,
                        {item.code, item.name, item.category, item.sector, mode, from_item});
}

Resolver::Index::Listing Resolver::Index::listing(std::uint32_t h, std::uint32_t t) const {
    if (h == util::k_none) {
        return {};
    }
    for (const Held& e : held.range(t, t + 1)) {
        if (e.holding == h) {
            const Holding& holding = holdings[h];
            return {&holding, std::span(holding.items).subspan(e.items, e.items_end - e.items),
                    std::span(holding.problems).subspan(e.problems, e.problems_end - e.problems)};
        }
    }
    return {&holdings[h], {}, {}};
}

const Resolver::Index::Names& Resolver::Index::names() const {
    std::call_once(names_built, [this] {
        std::vector<std::pair<std::uint32_t, const model::ViolationType*>> entries;
        for (const auto& type : bundle.violation_types) {
            entries.emplace_back(by_name.names.add(type.name).first, &type);
            for (const auto& alias : type.aliases) {
                entries.emplace_back(by_name.names.add(alias).first, &type);
            }
        }
        by_name.named = group_by(by_name.names.size(), entries);
    });
    return by_name;
}

Resolver::Index::Index(const model::Bundle& source)
    : types(source.violation_types.size()), bundle(source) {
    for (const auto& type : bundle.violation_types) {
        const auto [t, added] = types.add(type.id);
        if (added) {
            type_of.push_back(&type);
        } else {
            type_of[t] = &type;  // the last definition, as everywhere else
        }
    }

    // Jurisdictions and bodies in list order (a body defined twice is what its last definition
    // says); a jurisdiction listed by several list sets holds the items of all of them.
    std::vector<std::vector<const model::ListSet*>> sets_of;  // by holding
    for (const auto& set : bundle.list_sets) {
        const auto [h, added] = jurisdictions.add(set.jurisdiction.id);
        if (added) {
            holdings.emplace_back();
            sets_of.emplace_back();
        }
        holdings[h].set = &set;
        sets_of[h].push_back(&set);
        for (const auto& b : set.jurisdiction.bodies) {
            body_info[body(b.id)] = {b.id, b.name, set.jurisdiction.id, b.sector};
        }
    }

    // Then one jurisdiction after another: each type it holds gets a slot, its items and problems
    // are grouped by slot (items by slot and category rank), and its items are copied into its
    // arena. The slots of the jurisdiction at hand are kept by type in one array, reset after it.
    std::vector<std::uint32_t> slot_of_type(types.size(), util::k_none);
    std::vector<std::uint32_t> type_of_slot;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> item_entries;
    std::vector<std::pair<std::uint32_t, const model::Problem*>> problem_entries;
    std::vector<std::pair<std::uint32_t, Held>> held_entries;
    Scratch scratch;
    const auto slot_of = [&](const model::Ref& ref) {
        const std::uint32_t t = types.find(ref.id);
        if (t == util::k_none) {
            return util::k_none;  // not a known type: nothing resolves to it
        }
        if (slot_of_type[t] == util::k_none) {
            slot_of_type[t] = static_cast<std::uint32_t>(type_of_slot.size());
            type_of_slot.push_back(t);
        }
        return slot_of_type[t];
    };
    for (std::uint32_t h = 0; h < holdings.size(); ++h) {
        Holding& holding = holdings[h];
        for (const model::ListSet* set : sets_of[h]) {
            // Items of one body come in runs: look each body up once per run.
            const std::string* last_body = nullptr;
            std::uint32_t last_b = 0;
            for (std::size_t i = 0; i < set->items.size(); ++i) {
                const model::Item& item = set->items[i];
                // Its chain of reads asked for ahead (util::prefetch_types_ahead), with the
                // legal bases and name it copies, and the names of its laws.
                util::prefetch_types_ahead(set->items, i, types);
                if (i + util::k_buffers_ahead < set->items.size()) {
                    const model::Item& ahead = set->items[i + util::k_buffers_ahead];
                    util::prefetch(ahead.basis.data());
                    util::prefetch(ahead.name.data());
                }
                if (i + util::k_slots_ahead < set->items.size()) {
                    for (const auto& basis : set->items[i + util::k_slots_ahead].basis) {
                        util::prefetch(basis.law.data());
                    }
                }
                const auto rank = static_cast<std::uint32_t>(category_rank(item.category));
                const std::size_t first = item_entries.size();
                for (const auto& ref : item.violation_types) {
                    if (const std::uint32_t slot = slot_of(ref); slot != util::k_none) {
                        item_entries.emplace_back(slot * k_ranks + rank, 0);
                    }
                }
                if (item_entries.size() == first) {
                    continue;  // listed under no known type: never part of a resolution
                }
                if (!last_body || *last_body != item.body.id) {
                    last_body = &item.body.id;
                    last_b = body(item.body.id);
                }
                const std::uint32_t at = copy(holding.arena, item, last_b, scratch);
                for (std::size_t e = first; e < item_entries.size(); ++e) {
                    item_entries[e].second = at;
                }
            }
            for (const auto& problem : set->problems) {
                for (const auto& ref : problem.violation_types) {
                    if (const std::uint32_t slot = slot_of(ref); slot != util::k_none) {
                        problem_entries.emplace_back(slot, &problem);
                    }
                }
            }
        }
        auto items = group_by(type_of_slot.size() * k_ranks, item_entries);
        auto problems = group_by(type_of_slot.size(), problem_entries);
        for (std::uint32_t slot = 0; slot < type_of_slot.size(); ++slot) {
            held_entries.emplace_back(
                type_of_slot[slot],
                Held{h, items.begin[slot * k_ranks], items.begin[(slot + 1) * k_ranks],
                     problems.begin[slot], problems.begin[slot + 1]});
            slot_of_type[type_of_slot[slot]] = util::k_none;
        }
        holding.items = std::move(items.values);
        holding.problems = std::move(problems.values);
        type_of_slot.clear();
        item_entries.clear();
        problem_entries.clear();
    }
    held = group_by(types.size(), held_entries);
    for (Holding& holding : holdings) {
        if (const auto& parent = holding.set->jurisdiction.parent) {
            holding.county = jurisdictions.find(parent->id);
        }
    }
}

ItemInfo Resolver::Index::item(const Holding& holding, std::uint32_t at) const {
    const Arena::Entry e = holding.arena[at];
    ItemInfo info;
    info.jurisdiction = holding.set->jurisdiction.id;
    info.code = e.fields[Arena::code];
    info.name = e.fields[Arena::name];
    info.category = e.fields[Arena::category];
    info.sector = e.fields[Arena::sector];
    info.body = body_info[e.record.body];
    if (e.record.origin != util::k_none) {
        info.origin = body_info[e.record.origin];
        info.mode = e.fields[Arena::mode];
    }
    info.basis.reserve(e.record.bases);
    for (const std::uint32_t c : e.citations) {
        info.basis.push_back(citations[c]);
    }
    info.source = source_of(bundle, e.record.loc);
    return info;
}

std::uint32_t Resolver::Index::type(const std::string& text) const {
    if (const std::uint32_t t = types.find(text); t != util::k_none) {
        return t;
    }
    const Names& by = names();
    if (const std::uint32_t n = by.names.find(text); n != util::k_none) {
        const auto span = by.named.range(n, n + 1);
        std::vector<const model::ViolationType*> candidates(span.begin(), span.end());
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        if (candidates.size() == 1) {
            return types.find(candidates.front()->id);
        }
        std::string ids;
        for (const auto* candidate : candidates) {
            ids += (ids.empty() ? "" : ", ") + candidate->id;
        }
        throw Error(fmt::format("'{}' names several violation types: {}", text, ids));
    }
    std::vector<std::string> ids;
    ids.reserve(types.size());
    for (std::uint32_t t = 0; t < types.size(); ++t) {
        ids.emplace_back(types.view(t));
    }
    std::sort(ids.begin(), ids.end());
    const auto near = text::closest(text, ids, 3);
    std::string hint;
    for (const auto& id : near) {
        hint += (hint.empty() ? "; did you mean " : ", ") + ("'" + id + "'");
    }
    throw Error(
        fmt::format("unknown violation type '{}'{}{}", text, hint, near.empty() ? "" : "?"));
}

Resolver::Resolver(const model::Bundle& bundle)
    : m_bundle(bundle), m_index(std::make_unique<const Index>(bundle)) {}

Resolver::~Resolver() = default;
Resolver::Resolver(Resolver&&) noexcept = default;

std::string Resolver::default_jurisdiction() const {
    for (const auto level :
         {model::Level::township, model::Level::subdistrict, model::Level::county}) {
        for (const auto& set : m_bundle.list_sets) {
            if (set.jurisdiction.level == level) {
                return set.jurisdiction.id;
            }
        }
    }
    throw Error("no jurisdiction is loaded");
}

const model::ViolationType& Resolver::violation_type(const std::string& text) const {
    return *m_index->type_of[m_index->type(text)];
}

std::uint32_t Resolver::holding(const std::string& jurisdiction) const {
    if (const std::uint32_t h = m_index->jurisdictions.find(jurisdiction); h != util::k_none) {
        return h;
    }
    std::vector<std::string> ids;
    for (const auto& set : m_bundle.list_sets) {
        ids.push_back(set.jurisdiction.id);
    }
    const auto near = text::closest(jurisdiction, ids, 1);
    throw Error(near.empty() ? fmt::format("unknown jurisdiction '{}'", jurisdiction)
                             : fmt::format("unknown jurisdiction '{}'; did you mean '{}'?",
                                           jurisdiction, near.front()));
}

BodyInfo Resolver::body(const std::string& id) const {
    const std::uint32_t b = m_index->bodies.find(id);
    return b == util::k_none ? BodyInfo{id, id, "", std::nullopt} : m_index->body_info[b];
}

Resolution Resolver::resolve(const std::string& jurisdiction,
                             const std::string& violation_type_text) const {
    const Index& index = *m_index;
    const std::uint32_t own_h = holding(jurisdiction);
    const std::uint32_t t = index.type(violation_type_text);
    const Index::Listing own = index.listing(own_h, t);
    const Index::Listing county = index.listing(index.holdings[own_h].county, t);
    // Asked for now, the items' entries arrive while the rest is looked up and copied.
    for (const Index::Listing* from : {&own, &county}) {
        for (const std::uint32_t at : from->items) {
            from->holding->arena.prefetch(at);
        }
    }
    const model::ViolationType& type = *index.type_of[t];
    Resolution r;
    r.jurisdiction = jurisdiction;
    r.violation_type = type.id;
    r.violation_type_name = type.name;
    r.sector = type.sector;
    // A county item the township holds by delegation is the same power: list it once, as the
    // township's.
    std::vector<std::string_view> held_copies;
    for (const std::uint32_t at : own.items) {
        const Arena::Entry e = own.holding->arena[at];
        if (e.record.origin != util::k_none) {
            held_copies.push_back(e.fields[Arena::from_item]);
        }
    }
    auto add_items = [&](const Index::Listing& from) {
        for (const std::uint32_t at : from.items) {
            if (from.holding == own.holding ||
                std::find(held_copies.begin(), held_copies.end(),
                          from.holding->arena[at].fields[Arena::code]) == held_copies.end()) {
                r.items.push_back(index.item(*from.holding, at));
            }
        }
    };
    auto handler = [&](const Index::Listing& from) {
        return index.body_info[from.holding->arena[from.items.front()].record.body];
    };

    // A problem-list entry of the jurisdiction, else of its county, makes it a joint matter.
    for (const Index::Listing* from : {&own, &county}) {
        if (from->problems.empty()) {
            continue;
        }
        const model::Problem& p = *from->problems.front();
        r.route = Route::joint;
        r.problem_code = p.code;
        r.problem_name = p.name;
        r.lead = body(p.lead.id);
        r.handler = r.lead;
        for (const auto& c : p.cooperating) {
            r.cooperating.push_back(body(c.id));
        }
        r.items.reserve(own.items.size() + county.items.size());
        add_items(own);
        if (county.holding != own.holding) {
            add_items(county);
        }
        return r;
    }
    if (!own.items.empty()) {
        r.route = own.holding->set->jurisdiction.level == model::Level::county ? Route::department
                                                                               : Route::township;
        r.handler = handler(own);
        r.items.reserve(own.items.size());
        add_items(own);
        return r;
    }
    if (!county.items.empty()) {
        r.route = Route::department;
        r.handler = handler(county);
        r.items.reserve(county.items.size());
        add_items(county);
        return r;
    }
    r.route = Route::unassigned;
    return r;
}

nlohmann::ordered_json to_json(const BodyInfo& body) {
    return {{"id", body.id}, {"name", body.name}, {"jurisdiction", body.jurisdiction}};
}

nlohmann::ordered_json to_json(const Resolution& r) {
    auto optional_body = [](const std::optional<BodyInfo>& b) {
        return b ? to_json(*b) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json cooperating = nlohmann::ordered_json::array();
    for (const auto& b : r.cooperating) {
        cooperating.push_back(to_json(b));
    }
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& i : r.items) {
        items.push_back({{"jurisdiction", i.jurisdiction},
                         {"code", i.code},
                         {"name", i.name},
                         {"category", i.category},
                         {"body", to_json(i.body)},
                         {"origin", optional_body(i.origin)},
                         {"mode", i.mode ? nlohmann::ordered_json(*i.mode) : nullptr},
                         {"basis", i.basis},
                         {"source", i.source}});
    }
    nlohmann::ordered_json problem = nullptr;
    if (r.problem_code) {
        problem = {{"code", *r.problem_code}, {"name", r.problem_name.value_or("")}};
    }
    return {{"jurisdiction", r.jurisdiction},
            {"violation_type", {{"id", r.violation_type}, {"name", r.violation_type_name}}},
            {"sector", r.sector},
            {"route", to_string(r.route)},
            {"handler", optional_body(r.handler)},
            {"lead", optional_body(r.lead)},
            {"cooperating", cooperating},
            {"problem", problem},
            {"items", items}};
}

}  // namespace lawlist::resolve
