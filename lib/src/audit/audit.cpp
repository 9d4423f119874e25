#include "lawlist/audit/audit.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>

#include "lawlist/graph/graph.hpp"
#include "lawlist/text/utf8.hpp"
#include "util/flat_table.hpp"

namespace lawlist::audit {
namespace {

using util::Interner;
using util::k_none;
using util::KeyTable;
using util::mix;

struct CodeInfo {
    const char* code;
    Severity severity;
};

constexpr CodeInfo k_codes[] = {
    {"dangling-reference", Severity::error},
    {"dropped-handover", Severity::error},
    {"double-claim", Severity::error},
    {"delegation-cycle", Severity::error},
    {"missing-basis", Severity::error},
    {"overlap", Severity::warning},
    {"gap", Severity::warning},
    {"gap-problem", Severity::warning},
    {"mode-mismatch", Severity::warning},
    {"duplicate-name", Severity::warning},
    {"lead-not-holder", Severity::warning},
    {"sleeping-item", Severity::info},
    {"idle-body", Severity::info},
};

// A name reduced to what distinguishes it, appended to `out`: no spaces or punctuation, full-width
// forms folded.
void append_normalized_name(std::string& out, std::string_view name) {
    for (std::size_t i = 0; i < name.size();) {
        char32_t cp = 0;
        i += text::decode_next(name, i, cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0;  // full-width ASCII
        }
        const bool punctuation = cp == U' ' || cp == U'\u3000' || cp == U'、' || cp == U'，' ||
                                 cp == U'。' || cp == U'；' || cp == U'：' || cp == U'“' ||
                                 cp == U'”' || cp == U'‘' || cp == U'’' || cp == U'《' ||
                                 cp == U'》' || (cp < 0x80 && !std::isalnum(static_cast<int>(cp)));
        if (!punctuation) {
            text::append_utf8(out, cp);
        }
    }
}

// A 64-bit key with a 32-bit value: an item position, a query's position, ...
struct Keyed {
    std::uint64_t key;
    std::uint32_t value;
};

// Keyed values grouped by the top bits of their mixed key, each group in the order the values
// came in. One pass scatters them; each group is then small enough for its own hash table to stay
// in the processor's caches. One table over all the keys would not at 100,000 items, and every
// lookup would wait on memory: the audit's time would grow faster than its input.
using Groups = util::Grouped<Keyed>;

constexpr std::size_t k_group_size = 1024;  // keys per group at most, on average

unsigned group_bits(std::size_t n) {
    unsigned bits = 0;
    while (bits < 16 && (n >> bits) > k_group_size) {
        ++bits;
    }
    return bits;
}

std::size_t group_of(std::uint64_t key, unsigned bits) {
    return bits == 0 ? 0 : mix(key) >> (64 - bits);
}

Groups group(const std::vector<Keyed>& entries, unsigned bits) {
    return util::group_by<Keyed>(
        std::size_t{1} << bits, entries, [bits](const Keyed& e) { return group_of(e.key, bits); },
        [](const Keyed& e) { return e; });
}

// For each query's key, the value of the first entry with that key, or k_none: a hash join made
// group by group (see Groups). The queries' own values are not used.
std::vector<std::uint32_t> join(const std::vector<Keyed>& entries,
                                const std::vector<Keyed>& queries) {
    const unsigned bits = group_bits(std::max(entries.size(), queries.size()));
    std::vector<Keyed> asked(queries.size());
    for (std::uint32_t q = 0; q < queries.size(); ++q) {
        asked[q] = {queries[q].key, q};
    }
    const Groups e = group(entries, bits);
    const Groups a = group(asked, bits);
    std::vector<std::uint32_t> out(queries.size(), k_none);
    KeyTable table;
    for (std::size_t g = 0; g + 1 < e.begin.size(); ++g) {
        if (a.begin[g] == a.begin[g + 1] || e.begin[g] == e.begin[g + 1]) {
            continue;
        }
        table.reserve(e.begin[g + 1] - e.begin[g]);
        for (std::uint32_t k = e.begin[g]; k < e.begin[g + 1]; ++k) {
            table.emplace(e.values[k].key, e.values[k].value);
        }
        for (std::uint32_t k = a.begin[g]; k < a.begin[g + 1]; ++k) {
            out[a.values[k].value] = table.find(a.values[k].key);
        }
    }
    return out;
}

// Strings one after another in one buffer, appended in order.
class Strings {
  public:
    void push(std::string_view text) {
        m_bytes += text;
        m_end.push_back(static_cast<std::uint32_t>(m_bytes.size()));
    }
    // Pushes the string that `write` appends to the buffer it is given.
    template <typename Write>
    void push_with(Write write) {
        write(m_bytes);
        m_end.push_back(static_cast<std::uint32_t>(m_bytes.size()));
    }
    std::string_view operator[](std::size_t i) const {
        const std::uint32_t begin = i == 0 ? 0 : m_end[i - 1];
        return std::string_view(m_bytes).substr(begin, m_end[i] - begin);
    }
    std::size_t size() const { return m_end.size(); }

  private:
    std::string m_bytes;
    std::vector<std::uint32_t> m_end;
};

std::uint64_t code_key(std::string_view code) {
    return std::hash<std::string_view>{}(code);
}

// The item codes of one list set, to find items by code: grouped by hash (see Groups) and sorted
// by hash within each group, each entry the position of an item. Built in sequential passes; a
// lookup searches one group of about a thousand entries, and a batch of lookups (find_all) is
// made group by group, so that a list of 50,000 codes is never probed at random.
class CodeIndex {
  public:
    explicit CodeIndex(const std::vector<model::Item>& items) {
        std::vector<Keyed> keyed(items.size());
        for (std::uint32_t i = 0; i < items.size(); ++i) {
            m_codes.push(items[i].code);
            keyed[i] = {code_key(items[i].code), i};
        }
        m_bits = group_bits(items.size());
        m_groups = group(keyed, m_bits);
        for (std::size_t g = 0; g + 1 < m_groups.begin.size(); ++g) {
            std::sort(m_groups.values.begin() + m_groups.begin[g],
                      m_groups.values.begin() + m_groups.begin[g + 1], by_key_then_position);
        }
    }

    // The position of the first item with `code`, or k_none.
    std::uint32_t find(std::string_view code) const {
        const std::uint64_t key = code_key(code);
        return find_in(group_of(key, m_bits), key, code);
    }

    // The code of the item at `position`.
    std::string_view code(std::uint32_t position) const { return m_codes[position]; }

    // find() of each of `codes`.
    std::vector<std::uint32_t> find_all(const Strings& codes) const {
        std::vector<Keyed> asked(codes.size());
        for (std::uint32_t q = 0; q < codes.size(); ++q) {
            asked[q] = {code_key(codes[q]), q};
        }
        const Groups a = group(asked, m_bits);
        std::vector<std::uint32_t> out(codes.size(), k_none);
        for (std::size_t g = 0; g + 1 < a.begin.size(); ++g) {
            for (std::uint32_t k = a.begin[g]; k < a.begin[g + 1]; ++k) {
                const Keyed& q = a.values[k];
                out[q.value] = find_in(g, q.key, codes[q.value]);
            }
        }
        return out;
    }

  private:
    static bool by_key_then_position(const Keyed& a, const Keyed& b) {
        return a.key != b.key ? a.key < b.key : a.value < b.value;
    }

    std::uint32_t find_in(std::size_t g, std::uint64_t key, std::string_view code) const {
        const auto end = m_groups.values.begin() + m_groups.begin[g + 1];
        auto it = std::lower_bound(m_groups.values.begin() + m_groups.begin[g], end, Keyed{key, 0},
                                   by_key_then_position);
        for (; it != end && it->key == key; ++it) {
            if (m_codes[it->value] == code) {
                return it->value;
            }
        }
        return k_none;
    }

    unsigned m_bits = 0;
    Groups m_groups;
    Strings m_codes;  // by item position
};

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
    return (static_cast<std::uint64_t>(a) << 32) | b;
}

class Auditor {
  public:
    explicit Auditor(const model::Bundle& bundle) : m_bundle(bundle) {
        const auto& sets = bundle.list_sets;
        // Jurisdictions, bodies and violation types first, so that references resolve whatever
        // the order of the list sets; ids referred to but never defined get an index too, with
        // no definition.
        for (const auto& set : sets) {
            m_jurisdictions.add(set.jurisdiction.id);
            for (const auto& body : set.jurisdiction.bodies) {
                m_body_of[body_index(body.id)] = {&body,
                                                  static_cast<std::uint32_t>(&set - sets.data())};
            }
        }
        m_set_of.assign(m_jurisdictions.size(), nullptr);
        for (const auto& set : sets) {
            m_set_of[m_jurisdictions.find(set.jurisdiction.id)] = &set;
        }
        for (const auto& type : bundle.violation_types) {
            const std::uint32_t t = type_index(type.id);
            m_type_of[t] = &type;
            m_vocabulary.push_back(t);
        }
        m_sets.resize(sets.size());
        for (std::size_t s = 0; s < sets.size(); ++s) {
            SetIndex& index = m_sets[s];
            const auto& set = sets[s];
            index.self = m_jurisdictions.find(set.jurisdiction.id);
            index.codes = std::make_unique<CodeIndex>(set.items);
        }
        for (std::size_t s = 0; s < sets.size(); ++s) {
            SetIndex& index = m_sets[s];
            const auto& set = sets[s];
            if (set.jurisdiction.parent) {
                const std::uint32_t county = m_jurisdictions.find(set.jurisdiction.parent->id);
                if (county != k_none) {
                    index.county = static_cast<std::uint32_t>(m_set_of[county] - sets.data());
                    m_sets[index.county].townships.push_back(static_cast<std::uint32_t>(s));
                }
            }
        }
    }

    std::vector<Finding> run() {
        // Each item is read once, in one pass per list set: what the later checks need is kept
        // in dense arrays, and the checks of one item alone are made on the way. At 100,000 items
        // the lists no longer fit in the processor's caches; every further pass over them would
        // cost more per item than it does on small lists.
        for (std::size_t s = 0; s < m_bundle.list_sets.size(); ++s) {
            scan_items(s);
        }
        for (std::size_t s = 0; s < m_bundle.list_sets.size(); ++s) {
            find_originals(s);
        }
        check_handovers();
        for (std::size_t s = 0; s < m_bundle.list_sets.size(); ++s) {
            check_references(s);
            check_overlaps(s);
            check_gaps(s);
            check_problems(s);
        }
        check_graph();
        return sorted(std::move(m_out));
    }

  private:
    // What the audit precomputes for one list set, aligned with its items.
    struct SetIndex {
        std::uint32_t self = k_none;           // jurisdiction index
        std::uint32_t county = k_none;         // list set index of the county, when loaded
        std::vector<std::uint32_t> townships;  // list set indices
        std::unique_ptr<CodeIndex> codes;
        std::vector<std::uint32_t> body;  // body index of each item
        std::vector<std::uint32_t> category;
        std::vector<std::uint32_t> types;  // type indices of all items, item after item
        std::vector<std::uint32_t> type_begin;
        std::vector<std::uint32_t> original;  // position of the county item taken over
        // The items that take a county item over, and the codes they name (find_originals).
        std::vector<std::uint32_t> taking;
        Strings originals;
        std::vector<std::uint32_t> mode;   // of the delegation taken over (mode index)
        std::vector<model::Location> loc;  // of each item
        std::vector<char> held;            // per type index: held by an item here
        // The handovers the items mark: (item position, township jurisdiction, mode index).
        std::vector<std::array<std::uint32_t, 3>> handovers;
    };

    // An item's claim to a violation type (check_overlaps): what is read of the item there.
    struct Claim {
        std::uint32_t item = 0;  // position
        std::uint32_t category = 0;
        std::uint32_t body = 0;
        std::uint32_t line = 0;
    };

    struct BodyEntry {
        const model::Body* body = nullptr;  // null: referred to, never defined
        std::uint32_t set = k_none;
    };

    std::uint32_t body_index(std::string_view id) {
        const auto [b, fresh] = m_bodies.add(id);
        if (fresh) {
            m_body_of.emplace_back();
        }
        return b;
    }

    std::uint32_t type_index(std::string_view id) {
        const auto [t, fresh] = m_types.add(id);
        if (fresh) {
            m_type_of.push_back(nullptr);
        }
        return t;
    }

    const model::ListSet& set_at(std::size_t s) const { return m_bundle.list_sets[s]; }

    // Asks for what scan_items will read of the items ahead of item `i`: their chain of type
    // lookups (util::prefetch_types_ahead), their handovers and their names.
    void prefetch_ahead(const std::vector<model::Item>& items, std::size_t i) const {
        util::prefetch_types_ahead(items, i, m_types);
        if (i + util::k_buffers_ahead < items.size()) {
            const model::Item& ahead = items[i + util::k_buffers_ahead];
            util::prefetch(ahead.delegated_to.data());
            util::prefetch(ahead.name.data());
        }
    }

    const model::ListSet* county_of(std::size_t s) const {
        const std::uint32_t county = m_sets[s].county;
        return county == k_none ? nullptr : &set_at(county);
    }

    std::string where(const model::Location& loc) const {
        return fmt::format("{}:{}", m_bundle.files.at(loc.file).path, loc.line + 1);
    }

    bool body_exists(std::string_view id) const {
        const std::uint32_t b = m_bodies.find(id);
        return b != k_none && m_body_of[b].body;
    }

    std::string body_name(std::string_view id) const {
        const std::uint32_t b = m_bodies.find(id);
        return b == k_none || !m_body_of[b].body ? std::string(id) : m_body_of[b].body->name;
    }

    // The formal name of type index `t`, or its id when no type of that id is defined.
    std::string_view type_name(std::uint32_t t) const {
        return m_type_of[t] ? std::string_view(m_type_of[t]->name) : m_types.view(t);
    }

    bool type_exists(std::string_view id) const {
        const std::uint32_t t = m_types.find(id);
        return t != k_none && m_type_of[t];
    }

    // The position of the first item of list set `s` with `code`, or k_none.
    std::uint32_t position_of(std::size_t s, std::string_view code) const {
        return m_sets[s].codes->find(code);
    }

    const model::Item* find_item(std::size_t s, std::string_view code) const {
        const std::uint32_t i = position_of(s, code);
        return i == k_none ? nullptr : &set_at(s).items[i];
    }

    void add(const char* code, const model::ListSet& set, std::vector<std::string> items,
             std::vector<std::string> bodies, const model::Location& loc, std::string message) {
        m_out.push_back({code, severity_of(code), set.jurisdiction.id, std::move(items),
                         std::move(bodies), where(loc), std::move(message)});
        m_lines.push_back({loc.file, loc.line});
    }

    void dangling(const model::ListSet& set, const std::string& owner, const model::Ref& ref,
                  const std::string& what) {
        add("dangling-reference", set, {owner}, {}, ref.loc,
            fmt::format("引用不存在：{}引用的{}“{}”在已载入的清单中不存在", owner, what, ref.id));
    }

    void check_references(std::size_t s) {
        const model::ListSet& set = set_at(s);
        const SetIndex& index = m_sets[s];
        const auto& j = set.jurisdiction;
        if (j.parent && index.county == k_none) {
            add("dangling-reference", set, {}, {}, j.loc,
                fmt::format("引用不存在：{}的上级县“{}”未载入", j.name, j.parent->id));
        }
        for (const auto& body : j.bodies) {
            if (body.parent && !body_exists(body.parent->id)) {
                dangling(set, body.id, *body.parent, "上级主体");
            }
        }
        for (const auto& p : set.problems) {
            for (const auto& ref : p.cooperating) {
                if (!body_exists(ref.id)) {
                    dangling(set, p.code, ref, "配合单位");
                }
            }
            if (!body_exists(p.lead.id)) {
                dangling(set, p.code, p.lead, "牵头单位");
            }
            for (const auto& type : p.violation_types) {
                if (!type_exists(type.id)) {
                    dangling(set, p.code, type, "违法行为类型");
                }
            }
            for (const auto& code : p.items) {
                const bool own = find_item(s, code.id) != nullptr;
                const bool up = index.county != k_none && find_item(index.county, code.id);
                if (!own && !up) {
                    dangling(set, p.code, code, "事项");
                }
            }
        }
        for (const auto& w : set.warnings) {
            for (const auto& ref : w.applies_to) {
                if (!body_exists(ref.id)) {
                    dangling(set, w.code, ref, "适用主体");
                }
            }
        }
        for (const auto& m : set.metrics) {
            if (!body_exists(m.assessor.id)) {
                dangling(set, m.code, m.assessor, "考核主体");
            }
            for (const auto& ref : m.assessed) {
                if (!body_exists(ref.id)) {
                    dangling(set, m.code, ref, "被考核主体");
                }
            }
        }
    }

    // One pass over the items of list set `s`: their dense indices, the handovers they mark or
    // take over, and the findings about one item alone (dangling references, missing basis,
    // sleeping items, duplicate names).
    void scan_items(std::size_t s) {
        const model::ListSet& set = set_at(s);
        SetIndex& index = m_sets[s];
        // Items a problem of this jurisdiction or of one of its townships names.
        std::unordered_set<std::string_view> named;
        auto collect = [&named](const model::ListSet& from) {
            for (const auto& p : from.problems) {
                for (const auto& code : p.items) {
                    named.insert(code.id);
                }
            }
        };
        collect(set);
        for (const std::uint32_t township : index.townships) {
            collect(set_at(township));
        }
        const std::size_t n = set.items.size();
        index.body.resize(n);
        index.category.resize(n);
        index.original.assign(n, k_none);
        index.mode.assign(n, k_none);
        index.type_begin.resize(n + 1);
        index.loc.resize(n);
        // Body, category and normalized name, hashed, for the duplicate names; the normalized
        // names lie one after another in one buffer.
        std::vector<Keyed> name_key(n);
        Strings names;
        for (std::size_t i = 0; i < n; ++i) {
            prefetch_ahead(set.items, i);
            const auto& item = set.items[i];
            const std::uint32_t b = body_index(item.body.id);
            index.body[i] = b;
            index.loc[i] = item.loc;
            if (!m_body_of[b].body) {
                dangling(set, item.code, item.body, "实施主体");
            }
            index.category[i] = m_categories.add(item.category).first;
            index.type_begin[i] = static_cast<std::uint32_t>(index.types.size());
            for (const auto& ref : item.violation_types) {
                const std::uint32_t t = type_index(ref.id);
                index.types.push_back(t);
                if (!m_type_of[t]) {
                    dangling(set, item.code, ref, "违法行为类型");
                }
            }
            if (item.delegation) {
                if (!body_exists(item.delegation->from.id)) {
                    dangling(set, item.code, item.delegation->from, "下放部门");
                }
                if (index.county != k_none) {
                    // Looked up in the county's codes once every list set is scanned
                    // (find_originals), all of this set's at once.
                    index.taking.push_back(static_cast<std::uint32_t>(i));
                    index.originals.push(item.delegation->item.id);
                    index.mode[i] = m_modes.add(item.delegation->mode).first;
                }
            }
            for (const auto& to : item.delegated_to) {
                const std::uint32_t township = m_jurisdictions.find(to.jurisdiction.id);
                if (township == k_none) {
                    dangling(set, item.code, to.jurisdiction, "承接乡镇（街道）");
                    continue;
                }
                index.handovers.push_back(
                    {static_cast<std::uint32_t>(i), township, m_modes.add(to.mode).first});
            }
            if (item.basis.empty()) {
                add("missing-basis", set, {item.code}, {item.body.id}, item.loc,
                    fmt::format("缺少设定依据：“{}”（{}）未列明法律法规依据", item.name,
                                item.code));
            }
            if (item.violation_types.empty() && !named.contains(item.code)) {
                add("sleeping-item", set, {item.code}, {item.body.id}, item.loc,
                    fmt::format("沉睡事项：“{}”（{}）不对应任何违法行为类型，也未列入问题清单",
                                item.name, item.code));
            }
            names.push_with([&item](std::string& out) { append_normalized_name(out, item.name); });
            name_key[i] = {std::hash<std::string_view>{}(names[i]) ^
                               pair_key(b, index.category[i]) * 0x9e3779b97f4a7c15ULL,
                           static_cast<std::uint32_t>(i)};
        }
        // Duplicate names, group by group of keys (see Groups), each item in list order.
        // Probe the keys key, key+1, ... until an equal name or a free one: distinct names with
        // colliding hashes take the next key.
        const Groups groups = group(name_key, group_bits(n));
        KeyTable first_named;
        for (std::size_t g = 0; g + 1 < groups.begin.size(); ++g) {
            first_named.reserve(groups.begin[g + 1] - groups.begin[g]);
            for (std::uint32_t k = groups.begin[g]; k < groups.begin[g + 1]; ++k) {
                const std::uint32_t i = groups.values[k].value;
                for (std::uint64_t key = groups.values[k].key;; ++key) {
                    const std::uint32_t earlier = first_named.find(key);
                    if (earlier == k_none) {
                        first_named.emplace(key, i);
                        break;
                    }
                    if (index.body[earlier] == index.body[i] &&
                        index.category[earlier] == index.category[i] &&
                        names[earlier] == names[i]) {
                        const auto& first = set.items[earlier];
                        const auto& item = set.items[i];
                        add("duplicate-name", set, {first.code, item.code}, {item.body.id},
                            item.loc,
                            fmt::format("事项重复：{}的“{}”（{}）与{}名称相同或仅标点不同",
                                        body_name(item.body.id), item.name, item.code, first.code));
                        break;
                    }
                }
            }
        }
        index.type_begin[n] = static_cast<std::uint32_t>(index.types.size());
    }

    // The county item each item of list set `s` takes over, found in one batch.
    void find_originals(std::size_t s) {
        SetIndex& index = m_sets[s];
        if (index.taking.empty()) {
            return;
        }
        const std::vector<std::uint32_t> found =
            m_sets[index.county].codes->find_all(index.originals);
        for (std::size_t k = 0; k < found.size(); ++k) {
            const std::uint32_t i = index.taking[k];
            index.original[i] = found[k];
            if (found[k] == k_none) {
                const auto& item = set_at(s).items[i];
                dangling(set_at(s), item.code, item.delegation->item, "县级事项");
            }
        }
        index.taking = {};
        index.originals = Strings();
    }

    // Each handover a county marks must be caught by the township named, in the same mode; each
    // item a township takes over must be marked as handed to it. Both are joins on (county item
    // position, township jurisdiction index).
    void check_handovers() {
        const auto& sets = m_bundle.list_sets;
        auto set_of = [&](std::uint32_t jurisdiction) {
            return static_cast<std::uint32_t>(m_set_of[jurisdiction] - sets.data());
        };
        // The handovers marked to a township of the marking county; a township of another county
        // catches nothing from this one.
        std::vector<Keyed> marked;
        // The county items taken over, with the township item taking each over.
        std::vector<Keyed> taken;
        for (std::size_t s = 0; s < sets.size(); ++s) {
            const SetIndex& index = m_sets[s];
            if (sets[s].jurisdiction.level == model::Level::county) {
                for (const auto& [i, township, mode] : index.handovers) {
                    if (m_sets[set_of(township)].county == s) {
                        marked.push_back({pair_key(i, township), 0});
                    }
                }
            } else if (index.county != k_none) {
                for (std::uint32_t i = 0; i < index.original.size(); ++i) {
                    if (index.original[i] != k_none) {
                        taken.push_back({pair_key(index.original[i], index.self), i});
                    }
                }
            }
        }
        const std::vector<std::uint32_t> caught = join(taken, marked);
        const std::vector<std::uint32_t> claimed = join(marked, taken);
        std::size_t m = 0;  // in `marked`
        std::size_t k = 0;  // in `taken`
        for (std::size_t s = 0; s < sets.size(); ++s) {
            const model::ListSet& set = sets[s];
            const SetIndex& index = m_sets[s];
            if (set.jurisdiction.level == model::Level::county) {
                for (const auto& [i, township, mode] : index.handovers) {
                    const std::uint32_t t = set_of(township);
                    const model::ListSet& target = sets[t];
                    const std::uint32_t by = m_sets[t].county == s ? caught[m++] : k_none;
                    const auto& item = set.items[i];
                    if (by == k_none) {
                        add("dropped-handover", set, {item.code}, {item.body.id}, item.loc,
                            fmt::format("放得下没接住：{}将“{}”（{}）下放{}，但{}的清单未承接",
                                        body_name(item.body.id), item.name, item.code,
                                        target.jurisdiction.name, target.jurisdiction.name));
                    } else if (m_sets[t].mode[by] != mode) {
                        add("mode-mismatch", set, {item.code, target.items[by].code},
                            {item.body.id}, item.loc,
                            fmt::format("承接方式不一致：“{}”县级清单标注{}，{}清单标注{}",
                                        item.name, m_modes.view(mode), target.jurisdiction.name,
                                        m_modes.view(m_sets[t].mode[by])));
                    }
                }
                continue;
            }
            if (index.county == k_none) {
                continue;
            }
            const model::ListSet& county = sets[index.county];
            for (std::uint32_t i = 0; i < index.original.size(); ++i) {
                const std::uint32_t original = index.original[i];
                if (original == k_none || claimed[k++] != k_none) {
                    continue;  // not delegated, dangling (reported), or marked
                }
                const auto& item = set.items[i];
                const auto& from = county.items[original];
                add("double-claim", set, {item.code, from.code}, {item.body.id, from.body.id},
                    item.loc,
                    fmt::format(
                        "县乡重复主张：{}清单承接“{}”（{}），但{}清单未标注下放，县乡两级同时行使",
                        set.jurisdiction.name, item.name, item.code, county.jurisdiction.name));
            }
        }
    }

    // Per type index: named by a problem of the jurisdiction or of its county (a joint matter).
    std::vector<char> joint_types(std::size_t s) const {
        std::vector<char> out(m_types.size(), 0);
        for (const model::ListSet* from : {&set_at(s), county_of(s)}) {
            if (!from) {
                continue;
            }
            for (const auto& p : from->problems) {
                for (const auto& type : p.violation_types) {
                    if (const std::uint32_t t = m_types.find(type.id); t != k_none) {
                        out[t] = 1;
                    }
                }
            }
        }
        return out;
    }

    void check_overlaps(std::size_t s) {
        const model::ListSet& set = set_at(s);
        const SetIndex& index = m_sets[s];
        const auto joint = joint_types(s);
        // The claims of each violation type, grouped by a counting sort on the type index:
        // stable, so each group keeps list order. A claim carries what is read of its item below,
        // so that the groups are read in sequence and the per-item arrays not at random: at
        // 100,000 items those arrays no longer fit in the processor's caches.
        std::vector<std::uint32_t> start(m_types.size() + 1, 0);
        for (const std::uint32_t t : index.types) {
            ++start[t + 1];
        }
        for (std::size_t t = 0; t < m_types.size(); ++t) {
            start[t + 1] += start[t];
        }
        std::vector<Claim> claims(index.types.size());
        std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
        for (std::uint32_t i = 0; i < set.items.size(); ++i) {
            const Claim claim{i, index.category[i], index.body[i], index.loc[i].line};
            for (std::uint32_t k = index.type_begin[i]; k < index.type_begin[i + 1]; ++k) {
                claims[next[index.types[k]]++] = claim;
            }
        }
        std::vector<std::uint32_t> categories;
        std::vector<Claim> holders;  // one claim per body
        for (std::uint32_t t = 0; t < m_types.size(); ++t) {
            if (start[t + 1] - start[t] < 2 || joint[t]) {
                continue;
            }
            const std::span<const Claim> of_type(claims.data() + start[t], start[t + 1] - start[t]);
            // Each category of the claims, in order of first appearance.
            categories.clear();
            for (const Claim& claim : of_type) {
                if (std::find(categories.begin(), categories.end(), claim.category) ==
                    categories.end()) {
                    categories.push_back(claim.category);
                }
            }
            for (const std::uint32_t c : categories) {
                holders.clear();
                for (const Claim& claim : of_type) {
                    if (claim.category == c &&
                        std::none_of(holders.begin(), holders.end(),
                                     [&](const Claim& h) { return h.body == claim.body; })) {
                        holders.push_back(claim);
                    }
                }
                if (holders.size() >= 2) {
                    overlap(s, t, m_categories.view(c), holders);
                }
            }
        }
    }

    void overlap(std::size_t s, std::uint32_t type, std::string_view category,
                 std::vector<Claim>& holders) {
        const model::ListSet& set = set_at(s);
        const SetIndex& index = m_sets[s];
        std::sort(holders.begin(), holders.end(), [this](const Claim& a, const Claim& b) {
            return m_bodies.view(a.body) < m_bodies.view(b.body);
        });
        std::vector<std::string> items;
        std::vector<std::string> bodies;
        std::string names;
        const Claim* first = &holders.front();
        for (const Claim& holder : holders) {
            const std::string_view body = m_bodies.view(holder.body);
            bodies.emplace_back(body);
            items.emplace_back(index.codes->code(holder.item));
            names += (names.empty() ? "" : "、") + body_name(body);
            if (holder.line < first->line) {
                first = &holder;
            }
        }
        add("overlap", set, items, bodies, index.loc[first->item],
            fmt::format("多头执法：“{}”的{}由{}同时行使，问题清单未明确牵头单位", type_name(type),
                        category, names));
    }

    // Per type index: covered by an item of list set `s`; computed once per list set.
    const std::vector<char>& held_by(std::size_t s) {
        SetIndex& index = m_sets[s];
        if (index.held.empty()) {
            index.held.assign(m_types.size(), 0);
            for (const std::uint32_t t : index.types) {
                index.held[t] = 1;
            }
        }
        return index.held;
    }

    void check_gaps(std::size_t s) {
        const model::ListSet& set = set_at(s);
        const SetIndex& index = m_sets[s];
        // Held in the jurisdiction: by its own items, its county's, and for a county its
        // townships'.
        std::vector<char> held = held_by(s);
        auto merge = [&held](const std::vector<char>& other) {
            for (std::size_t t = 0; t < held.size(); ++t) {
                held[t] |= other[t];
            }
        };
        if (index.county != k_none) {
            merge(held_by(index.county));
        }
        for (const std::uint32_t township : index.townships) {
            merge(held_by(township));
        }
        const model::ListSet* county = county_of(s);
        for (std::size_t v = 0; v < m_bundle.violation_types.size(); ++v) {
            const auto& type = m_bundle.violation_types[v];
            if (!held[m_vocabulary[v]]) {
                add("gap", set, {}, {}, type.loc,
                    fmt::format("没人管：“{}”（{}）在{}{}的清单中均无对应事项", type.name, type.id,
                                set.jurisdiction.name,
                                county ? "及" + county->jurisdiction.name : ""));
            }
        }
        for (const auto& p : set.problems) {
            const bool covered =
                std::any_of(p.violation_types.begin(), p.violation_types.end(), [&](const auto& t) {
                    const std::uint32_t k = m_types.find(t.id);
                    return k != k_none && held[k];
                });
            if (!covered) {
                add("gap-problem", set, {p.code}, {p.lead.id}, p.loc,
                    fmt::format("问题无人有权处置：问题清单“{}”（{}"
                                "）涉及的违法行为，县乡两级清单均无对应事项",
                                p.name, p.code));
            }
        }
    }

    void check_problems(std::size_t s) {
        const model::ListSet& set = set_at(s);
        const std::uint32_t county = m_sets[s].county;
        auto item_of = [&](const std::string& code) -> const model::Item* {
            const model::Item* own = find_item(s, code);
            return own || county == k_none ? own : find_item(county, code);
        };
        for (const auto& p : set.problems) {
            if (p.items.empty() || !body_exists(p.lead.id)) {
                continue;
            }
            const model::Body* lead = m_body_of[m_bodies.find(p.lead.id)].body;
            bool holds = false;
            for (const auto& code : p.items) {
                const model::Item* held = item_of(code.id);
                if (!held) {
                    continue;
                }
                const std::string& holder = held->body.id;
                // The lead may be the holder, its department, or a team or squad of it.
                const std::uint32_t h = m_bodies.find(holder);
                const model::Body* holder_body = h == k_none ? nullptr : m_body_of[h].body;
                if (holder == p.lead.id || (lead->parent && lead->parent->id == holder) ||
                    (holder_body && holder_body->parent && holder_body->parent->id == p.lead.id) ||
                    (held->delegation && held->delegation->from.id == p.lead.id)) {
                    holds = true;
                    break;
                }
            }
            if (!holds) {
                add("lead-not-holder", set, {p.code}, {p.lead.id}, p.loc,
                    fmt::format(
                        "牵头单位无权处置：问题“{}”（{}）由{}牵头，但其不持有该问题涉及的任何事项",
                        p.name, p.code, body_name(p.lead.id)));
            }
        }
    }

    void check_graph() {
        const graph::JurisdictionGraph g(m_bundle);
        for (const auto& cycle : g.cycles()) {
            std::string names;
            for (const auto& id : cycle) {
                names += (names.empty() ? "" : "→") + body_name(id);
            }
            const BodyEntry& entry = m_body_of[m_bodies.find(cycle.front())];
            add("delegation-cycle", set_at(entry.set), {}, cycle, entry.body->loc,
                fmt::format("下放或隶属关系成环：{}互为上级或互相下放", names));
        }
        for (const auto& id : g.idle_bodies()) {
            const BodyEntry& entry = m_body_of[m_bodies.find(id)];
            add("idle-body", set_at(entry.set), {}, {id}, entry.body->loc,
                fmt::format("主体未承担任何事项：{}不持有事项，也未列入问题清单或警示清单",
                            entry.body->name));
        }
    }

    // Most severe first, then by code, jurisdiction, file, line and message. The order is
    // decided on small integer keys (ranks of the strings involved) and the findings moved once.
    std::vector<Finding> sorted(std::vector<Finding> findings) const {
        auto ranks = [](std::vector<std::string_view> names) {
            std::sort(names.begin(), names.end());
            names.erase(std::unique(names.begin(), names.end()), names.end());
            return names;
        };
        std::vector<std::string_view> codes;
        for (const auto& info : k_codes) {
            codes.emplace_back(info.code);
        }
        codes = ranks(std::move(codes));
        std::vector<std::string_view> jurisdictions;
        for (const auto& set : m_bundle.list_sets) {
            jurisdictions.emplace_back(set.jurisdiction.id);
        }
        jurisdictions = ranks(std::move(jurisdictions));
        std::vector<std::uint32_t> file_rank(m_bundle.files.size());
        {
            std::vector<std::uint32_t> order(file_rank.size());
            for (std::uint32_t f = 0; f < order.size(); ++f) {
                order[f] = f;
            }
            std::sort(order.begin(), order.end(), [&](auto a, auto b) {
                return m_bundle.files[a].path < m_bundle.files[b].path;
            });
            for (std::uint32_t r = 0; r < order.size(); ++r) {
                file_rank[order[r]] = r;
            }
        }
        auto rank_of = [](const std::vector<std::string_view>& names, std::string_view name) {
            return static_cast<std::uint32_t>(std::lower_bound(names.begin(), names.end(), name) -
                                              names.begin());
        };
        struct Key {
            std::uint32_t severity, code, jurisdiction, file, line, finding;
        };
        std::vector<Key> keys(findings.size());
        for (std::uint32_t f = 0; f < findings.size(); ++f) {
            const Finding& finding = findings[f];
            keys[f] = {2 - static_cast<std::uint32_t>(finding.severity),
                       rank_of(codes, finding.code),
                       rank_of(jurisdictions, finding.jurisdiction),
                       file_rank[m_lines[f].first],
                       m_lines[f].second,
                       f};
        }
        std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
            const auto ta = std::tie(a.severity, a.code, a.jurisdiction, a.file, a.line);
            const auto tb = std::tie(b.severity, b.code, b.jurisdiction, b.file, b.line);
            if (ta != tb) {
                return ta < tb;
            }
            return findings[a.finding].message < findings[b.finding].message;
        });
        std::vector<Finding> out;
        out.reserve(findings.size());
        for (const Key& key : keys) {
            out.push_back(std::move(findings[key.finding]));
        }
        return out;
    }

    const model::Bundle& m_bundle;
    Interner m_jurisdictions;
    std::vector<const model::ListSet*> m_set_of;  // per jurisdiction index
    Interner m_bodies;
    std::vector<BodyEntry> m_body_of;  // per body index
    Interner m_types;
    std::vector<const model::ViolationType*> m_type_of;  // per type index; null: undefined
    std::vector<std::uint32_t> m_vocabulary;  // type index of each type of the bundle, in order
    Interner m_categories;
    Interner m_modes;              // 赋权, 委托
    std::vector<SetIndex> m_sets;  // per list set, in bundle order
    std::vector<Finding> m_out;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_lines;  // (file, line) per finding
};

}  // namespace

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::info:
            return "info";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "error";
}

std::string_view to_label(Severity severity) {
    switch (severity) {
        case Severity::info:
            return "提示";
        case Severity::warning:
            return "警告";
        case Severity::error:
            return "错误";
    }
    return "错误";
}

std::optional<Severity> parse_severity(std::string_view text) {
    for (Severity s : {Severity::info, Severity::warning, Severity::error}) {
        if (text == to_string(s)) {
            return s;
        }
    }
    return std::nullopt;
}

Severity severity_of(std::string_view code) {
    for (const auto& info : k_codes) {
        if (code == info.code) {
            return info.severity;
        }
    }
    return Severity::error;
}

std::vector<Finding> run(const model::Bundle& bundle) {
    return Auditor(bundle).run();
}

std::vector<std::vector<std::string>> overlap_groups(const std::vector<Finding>& findings) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& f : findings) {
        if (f.code == "overlap") {
            for (std::size_t i = 1; i < f.bodies.size(); ++i) {
                pairs.emplace_back(f.bodies.front(), f.bodies[i]);
            }
        }
    }
    return graph::connected_groups(pairs);
}

nlohmann::ordered_json to_json(const Finding& f) {
    return {{"code", f.code},
            {"severity", to_string(f.severity)},
            {"jurisdiction", f.jurisdiction},
            {"items", f.items},
            {"bodies", f.bodies},
            {"location", f.location},
            {"message", f.message}};
}

}  // namespace lawlist::audit
