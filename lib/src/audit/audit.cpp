#include "lawlist/audit/audit.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "lawlist/graph/graph.hpp"
#include "lawlist/model/handovers.hpp"
#include "lawlist/model/teams.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::audit {
namespace {

struct CodeInfo {
    Code code;
    const char* name;
    const char* label;
    Severity severity;
};

constexpr CodeInfo k_codes[] = {
    {Code::dangling_reference, "dangling-reference", "引用不存在", Severity::error},
    {Code::dropped_handover, "dropped-handover", "放得下没接住", Severity::error},
    {Code::double_claim, "double-claim", "县乡重复主张", Severity::error},
    {Code::delegation_cycle, "delegation-cycle", "下放或隶属关系成环", Severity::error},
    {Code::missing_basis, "missing-basis", "缺少设定依据", Severity::error},
    {Code::team_as_subject, "team-as-subject", "实施主体错误", Severity::error},
    {Code::entrusted_subject, "entrusted-subject", "委托事项实施主体错误", Severity::error},
    {Code::overlap, "overlap", "多头执法", Severity::warning},
    {Code::gap, "gap", "没人管", Severity::warning},
    {Code::gap_problem, "gap-problem", "问题无人有权处置", Severity::warning},
    {Code::mode_mismatch, "mode-mismatch", "承接方式不一致", Severity::warning},
    {Code::duplicate_name, "duplicate-name", "事项重复", Severity::warning},
    {Code::lead_not_holder, "lead-not-holder", "牵头单位无权处置", Severity::warning},
    {Code::lead_contradicts_delegation, "lead-contradicts-delegation", "明放暗不放",
     Severity::warning},
    {Code::superseded_basis, "superseded-basis", "依据已修订", Severity::warning},
    {Code::stale_remark, "stale-remark", "备注与版本日期不符", Severity::warning},
    {Code::sleeping_item, "sleeping-item", "沉睡事项", Severity::info},
    {Code::idle_body, "idle-body", "主体未承担任何事项", Severity::info},
};

const CodeInfo& info(Code code) {
    return k_codes[static_cast<std::size_t>(code)];
}

// Appends `name` reduced to what distinguishes it: no spaces or punctuation, full-width forms
// folded.
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

// The dates a remark speaks of, as YYYY-MM-DD (a year or month alone: its first day), so that
// "2025年7月1日起施行" in a list dated 2024-03-01 is found and "2024年起" is not.
std::vector<std::string> dates_in(std::string_view remark) {
    std::vector<std::string> out;
    const std::u32string s = text::decode(remark);
    auto number = [&](std::size_t& i, std::size_t max_digits) {
        int value = 0;
        std::size_t digits = 0;
        while (i < s.size() && digits < max_digits && s[i] >= U'0' && s[i] <= U'9') {
            value = value * 10 + static_cast<int>(s[i] - U'0');
            ++i;
            ++digits;
        }
        return digits == 0 ? -1 : value;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] < U'0' || s[i] > U'9' || (i > 0 && s[i - 1] >= U'0' && s[i - 1] <= U'9')) {
            continue;
        }
        std::size_t k = i;
        const int year = number(k, 4);
        if (k - i != 4 || year < 1949 || k >= s.size() || (s[k] != U'年' && s[k] != U'-')) {
            continue;
        }
        const char32_t sep = s[k++];
        int month = number(k, 2);
        int day = -1;
        if (month > 0 && k < s.size() && (sep == U'-' || s[k] == U'月')) {
            ++k;
            day = number(k, 2);
        } else if (sep == U'年') {
            month = -1;  // "2024年3项": a number, not a month
        }
        if (month > 12 || day > 31 || (sep == U'-' && (month < 1 || day < 1))) {
            continue;
        }
        out.push_back(fmt::format("{:04}-{:02}-{:02}", year, std::max(month, 1), std::max(day, 1)));
    }
    return out;
}

class Auditor {
  public:
    Auditor(const model::Bundle& bundle, const model::LeanItems& items, std::string as_of)
        : m_bundle(bundle), m_items(items), m_as_of(std::move(as_of)), m_handovers(bundle, items) {
        // Items are looked up by code only for problems: the codes they name are indexed.
        std::unordered_set<std::string_view> named;
        for (const auto& set : bundle.list_sets) {
            for (const auto& p : set.problems) {
                for (const auto& code : p.items) {
                    named.insert(code.id);
                }
            }
        }
        for (const auto& set : bundle.list_sets) {
            m_set_of.emplace(set.jurisdiction.id, &set);
            for (const auto& body : set.jurisdiction.bodies) {
                m_body_of.emplace(body.id, &body);
                m_body_set.emplace(body.id, &set);
            }
            auto& codes = m_item_of[&set];
            for (const auto& item : items_of(set)) {
                if (named.contains(item.code)) {
                    codes.emplace(item.code, &item);  // the first of a code
                }
            }
        }
        for (const auto& type : bundle.violation_types) {
            m_type_of[type.id] = &type;
        }
        // A type listed twice is held as one: each position points at its id's slot.
        m_slot.reserve(bundle.violation_types.size());
        for (const auto& type : bundle.violation_types) {
            m_slot.push_back(*slot(type.id));
        }
        // The body each symbol names, if any.
        m_body_of_symbol.resize(items.symbols());
        for (std::size_t s = 1; s < items.symbols(); ++s) {
            m_body_of_symbol[s] = body(items.text(static_cast<model::Symbol>(s)));
        }
        // The slot of every type each item names, looked up once per symbol for all the rules.
        m_slot_count = bundle.violation_types.size();
        std::vector<std::uint32_t> slot_of_symbol(items.symbols(), k_no_slot);
        for (const auto& set : bundle.list_sets) {
            auto& slots = m_item_slots[&set];
            slots.first.reserve(items_of(set).size() + 1);
            slots.first.push_back(0);
            for (const auto& item : items_of(set)) {
                for (const auto& type : item.violation_types) {
                    std::uint32_t& slot = slot_of_symbol[type.id];
                    if (slot == k_no_slot) {
                        slot = slot_or_new(items.text(type.id));
                    }
                    slots.second.push_back(slot);
                }
                slots.first.push_back(static_cast<std::uint32_t>(slots.second.size()));
            }
        }
    }

    std::vector<Finding> run() {
        for (const auto& set : m_bundle.list_sets) {
            check_references(set);
            check_items(set);
            check_duplicate_names(set);
            check_overlaps(set);
            check_gaps(set);
            check_problems(set);
        }
        check_handovers();
        check_graph();
        return sorted(std::move(m_out));
    }

  private:
    static constexpr std::uint32_t k_no_slot = std::numeric_limits<std::uint32_t>::max();

    // The items of `set`, one of the bundle's.
    std::span<const model::LeanItem> items_of(const model::ListSet& set) const {
        return m_items.sets[static_cast<std::size_t>(&set - m_bundle.list_sets.data())].items;
    }

    std::string_view text(model::Symbol symbol) const { return m_items.text(symbol); }

    const model::ListSet* county_of(const model::ListSet& set) const {
        if (!set.jurisdiction.parent) {
            return nullptr;
        }
        const auto it = m_set_of.find(set.jurisdiction.parent->id);
        return it == m_set_of.end() ? nullptr : it->second;
    }

    std::vector<const model::ListSet*> townships_of(const model::ListSet& county) const {
        std::vector<const model::ListSet*> out;
        for (const auto& set : m_bundle.list_sets) {
            if (county_of(set) == &county) {
                out.push_back(&set);
            }
        }
        return out;
    }

    const model::Body* body(std::string_view id) const {
        const auto it = m_body_of.find(id);
        return it == m_body_of.end() ? nullptr : it->second;
    }

    const model::Body* body(model::Symbol id) const { return m_body_of_symbol[id]; }

    std::string_view body_name(std::string_view id) const {
        const model::Body* b = body(id);
        return b ? std::string_view(b->name) : id;
    }

    std::string_view body_name(model::Symbol id) const {
        const model::Body* b = body(id);
        return b ? std::string_view(b->name) : text(id);
    }

    // A team or squad acts for the body it belongs to: a department and its own team, or a
    // township government and its team, are one holder.
    std::string_view holder_of(std::string_view id) const { return holder(body(id), id); }
    std::string_view holder_of(model::Symbol id) const { return holder(body(id), text(id)); }
    static std::string_view holder(const model::Body* b, std::string_view id) {
        return b && is_team(*b) && b->parent ? std::string_view(b->parent->id) : id;
    }

    // The first item of `set` with `code`, a code some problem names.
    const model::LeanItem* find_item(const model::ListSet& set, const std::string& code) const {
        const auto& codes = m_item_of.at(&set);
        const auto it = codes.find(code);
        return it == codes.end() ? nullptr : it->second;
    }

    // The items of `set` naming one of `types`, in list order; indexed by type on first use.
    std::vector<const model::LeanItem*> items_of_types(const model::ListSet& set,
                                                       const std::vector<model::Ref>& types) {
        // The slot and index of every type each item names, sorted: each type's items are one run.
        auto [by_type, fresh] = m_items_of_type.try_emplace(&set);
        if (fresh) {
            for (std::size_t i = 0; i < items_of(set).size(); ++i) {
                for (const std::uint32_t slot : type_slots(set, i)) {
                    by_type->second.emplace_back(slot, static_cast<std::uint32_t>(i));
                }
            }
            std::sort(by_type->second.begin(), by_type->second.end());
        }
        std::vector<const model::LeanItem*> out;
        for (const auto& t : types) {
            if (const auto slot = slot_of(t.id)) {
                const auto run = std::equal_range(
                    by_type->second.begin(), by_type->second.end(), std::pair(*slot, 0u),
                    [](const auto& a, const auto& b) { return a.first < b.first; });
                for (auto it = run.first; it != run.second; ++it) {
                    out.push_back(&items_of(set)[it->second]);
                }
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    SourceLine where(const model::Location& loc) const {
        return {m_bundle.files.at(loc.file).path, loc.line + 1};
    }

    // Where `item`'s reference `ref` is written.
    static model::Location at(const model::LeanItem& item, std::uint32_t line) {
        return {item.loc.file, line, 0};
    }

    // A finding of `code`; its message is the code's label, a colon and `message`.
    void add(Code code, const model::ListSet& set, std::vector<std::string> items,
             std::vector<std::string> bodies, const model::Location& loc,
             const std::string& message) {
        m_out.push_back({code, severity_of(code), set.jurisdiction.id, std::move(items),
                         std::move(bodies), where(loc),
                         fmt::format("{}：{}", to_label(code), message)});
    }

    void dangling(const model::ListSet& set, std::string_view owner, std::string_view id,
                  const model::Location& loc, const std::string& what) {
        add(Code::dangling_reference, set, {std::string(owner)}, {}, loc,
            fmt::format("{}引用的{}“{}”在已载入的清单中不存在", owner, what, id));
    }

    void dangling(const model::ListSet& set, std::string_view owner, const model::Ref& ref,
                  const std::string& what) {
        dangling(set, owner, ref.id, ref.loc, what);
    }

    void dangling(const model::ListSet& set, const model::LeanItem& item, const model::LeanRef& ref,
                  const std::string& what) {
        dangling(set, item.code, text(ref.id), at(item, ref.line), what);
    }

    void check_references(const model::ListSet& set) {
        const auto& j = set.jurisdiction;
        if (j.parent && !county_of(set)) {
            add(Code::dangling_reference, set, {}, {}, j.loc,
                fmt::format("{}的上级县“{}”未载入", j.name, j.parent->id));
        }
        for (const auto& b : j.bodies) {
            if (b.parent && !body(b.parent->id)) {
                dangling(set, b.id, *b.parent, "上级主体");
            }
        }
        const model::ListSet* county = county_of(set);
        for (const auto& p : set.problems) {
            for (const auto& ref : p.cooperating) {
                if (!body(ref.id)) {
                    dangling(set, p.code, ref, "配合单位");
                }
            }
            if (!body(p.lead.id)) {
                dangling(set, p.code, p.lead, "牵头单位");
            }
            for (const auto& type : p.violation_types) {
                if (!m_type_of.contains(type.id)) {
                    dangling(set, p.code, type, "违法行为类型");
                }
            }
            for (const auto& code : p.items) {
                if (!find_item(set, code.id) && !(county && find_item(*county, code.id))) {
                    dangling(set, p.code, code, "事项");
                }
            }
        }
        for (const auto& w : set.warnings) {
            for (const auto& ref : w.applies_to) {
                if (!body(ref.id)) {
                    dangling(set, w.code, ref, "适用主体");
                }
            }
        }
        for (const auto& m : set.metrics) {
            if (!body(m.assessor.id)) {
                dangling(set, m.code, m.assessor, "考核主体");
            }
            for (const auto& ref : m.assessed) {
                if (!body(ref.id)) {
                    dangling(set, m.code, ref, "被考核主体");
                }
            }
        }
    }

    // The checks of one item alone.
    void check_items(const model::ListSet& set) {
        // Items a problem of this jurisdiction or of one of its townships names.
        std::unordered_set<std::string_view> named;
        std::vector<const model::ListSet*> sets = townships_of(set);
        sets.push_back(&set);
        for (const model::ListSet* from : sets) {
            for (const auto& p : from->problems) {
                for (const auto& code : p.items) {
                    named.insert(code.id);
                }
            }
        }
        const auto items = items_of(set);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const model::LeanItem& item = items[i];
            const auto slots = type_slots(set, i);
            const model::Body* subject = body(item.subject.id);
            if (!subject) {
                dangling(set, item, item.subject, "实施主体");
            }
            if (item.unit.id && !body(item.unit.id)) {
                dangling(set, item, item.unit, "承办机构");
            }
            for (std::size_t k = 0; k < slots.size(); ++k) {
                if (!known(slots[k])) {
                    dangling(set, item, item.violation_types[k], "违法行为类型");
                }
            }
            if (item.delegated() && !body(item.from.id)) {
                dangling(set, item, item.from, "下放部门");
            }
            for (const auto& to : item.delegated_to) {
                if (!m_set_of.contains(text(to.jurisdiction.id))) {
                    dangling(set, item, to.jurisdiction, "承接乡镇（街道）");
                }
            }
            if (subject && is_team(*subject)) {
                add(Code::team_as_subject, set, {std::string(item.code)},
                    {std::string(text(item.subject.id))}, at(item, item.subject.line),
                    fmt::format("“{}”（{}）以{}为实施主体；执法队伍是承办机构，"
                                "应以{}名义实施",
                                item.name, item.code, subject->name,
                                subject->parent ? body_name(subject->parent->id)
                                                : std::string_view("所属人民政府或部门")));
            }
            if (item.delegated() && item.mode == model::DelegationMode::entrustment &&
                item.subject.id != item.from.id) {
                add(Code::entrusted_subject, set, {std::string(item.code)},
                    {std::string(text(item.subject.id)), std::string(text(item.from.id))},
                    at(item, item.subject.line),
                    fmt::format("“{}”（{}）由{}委托，实施主体应为{}，而非{}", item.name, item.code,
                                body_name(item.from.id), body_name(item.from.id),
                                body_name(item.subject.id)));
            }
            if (item.basis.empty()) {
                add(Code::missing_basis, set, {std::string(item.code)},
                    {std::string(text(item.subject.id))}, item.loc,
                    fmt::format("“{}”（{}）未列明法律法规依据", item.name, item.code));
            }
            for (const auto& basis : item.basis) {
                check_basis(set, item, basis);
            }
            if (item.remarks && set.jurisdiction.effective) {
                check_remark(set, item);
            }
            if (item.violation_types.empty() && !named.contains(item.code)) {
                add(Code::sleeping_item, set, {std::string(item.code)},
                    {std::string(text(item.subject.id))}, item.loc,
                    fmt::format("“{}”（{}）不对应任何违法行为类型，也未列入问题清单", item.name,
                                item.code));
            }
        }
    }

    // A citation of a text no longer in force on the audit's date, with the text that replaced
    // it and, where the registry maps it, the article that carries it now.
    void check_basis(const model::ListSet& set, const model::LeanItem& item,
                     const model::LeanBasis& basis) {
        const model::Law* law = law_of(basis.law);
        if (!law || law->versions.empty()) {
            return;
        }
        const model::LawVersion* cited = nullptr;
        if (basis.version) {
            cited = law->find_version(text(basis.version));
            if (!cited) {
                add(Code::dangling_reference, set, {std::string(item.code)}, {}, item.loc,
                    fmt::format("{}引用的《{}》版本“{}”不在法律法规版本表中", item.code, law->name,
                                text(basis.version)));
                return;
            }
        } else {
            cited = set.jurisdiction.effective ? law->in_force(*set.jurisdiction.effective)
                                               : &law->versions.back();
            if (!cited) {
                return;  // the list predates every version the registry knows
            }
        }
        const model::LawVersion* now = law->in_force(m_as_of);
        if (!now || now == cited || now->effective <= cited->effective) {
            return;
        }
        const auto from = static_cast<std::size_t>(cited - law->versions.data());
        const auto to = static_cast<std::size_t>(now - law->versions.data());
        const std::optional<int> article = law->article_in(basis.article, from, to);
        const model::LegalBasis citation = model::to_basis(m_items, basis);
        std::string there;
        if (!article) {
            there = "，该条在新文本中已无对应条文";
        } else if (*article != basis.article) {
            there = fmt::format("，对应新文本第{}条", text::chinese_number(*article));
        }
        add(Code::superseded_basis, set, {std::string(item.code)},
            {std::string(text(item.subject.id))}, item.loc,
            fmt::format("“{}”（{}）引用的{}（{}）自{}起已由{}取代{}", item.name, item.code,
                        citation.citation(), cited->title(), now->effective, now->title(), there));
    }

    // The registry's law called `name`, looked up once per name.
    const model::Law* law_of(model::Symbol name) {
        auto [it, fresh] = m_law_of.try_emplace(name, nullptr);
        if (fresh) {
            it->second = m_bundle.find_law(text(name));
        }
        return it->second;
    }

    // A remark about an event after the date its list set took effect cannot have been true then.
    void check_remark(const model::ListSet& set, const model::LeanItem& item) {
        const std::string& effective = *set.jurisdiction.effective;
        for (const auto& date : dates_in(*item.remarks)) {
            if (date > effective) {
                add(Code::stale_remark, set, {std::string(item.code)},
                    {std::string(text(item.subject.id))}, item.loc,
                    fmt::format("“{}”（{}）的备注“{}”提到{}施行之后的事", item.name, item.code,
                                *item.remarks, effective));
                return;
            }
        }
    }

    // What makes two items of a list one: subject, category and normalized name (joined by NULs,
    // which none of them holds), written into `key`.
    void name_key(std::string& key, const model::LeanItem& item) const {
        key.assign(text(item.subject.id));
        key += '\0';
        key += model::to_string(item.category);
        key += '\0';
        append_normalized_name(key, item.name);
    }

    void check_duplicate_names(const model::ListSet& set) {
        // The first item of each key, held by the key's hash; a key whose hash an item of another
        // key holds first is held whole.
        const auto items = items_of(set);
        std::unordered_map<std::size_t, const model::LeanItem*> first;
        std::unordered_map<std::string, const model::LeanItem*> first_of_shared_hash;
        first.reserve(items.size());
        std::string key, first_key;
        for (const auto& item : items) {
            name_key(key, item);
            const model::LeanItem* earlier =
                first.try_emplace(std::hash<std::string>{}(key), &item).first->second;
            if (earlier != &item) {
                name_key(first_key, *earlier);
                if (first_key != key) {
                    earlier = first_of_shared_hash.try_emplace(key, &item).first->second;
                }
            }
            if (earlier != &item) {
                add(Code::duplicate_name, set, {std::string(earlier->code), std::string(item.code)},
                    {std::string(text(item.subject.id))}, item.loc,
                    fmt::format("{}的“{}”（{}）与{}名称相同或仅标点不同",
                                body_name(item.subject.id), item.name, item.code, earlier->code));
            }
        }
    }

    // Slots of the violation types a problem of the jurisdiction or of its county names: joint
    // matters. Ids no item names are left out: no claim can meet them.
    std::vector<char> joint_types(const model::ListSet& set) const {
        std::vector<char> out(m_slot_count, 0);
        for (const model::ListSet* from : {&set, county_of(set)}) {
            if (!from) {
                continue;
            }
            for (const auto& p : from->problems) {
                for (const auto& type : p.violation_types) {
                    if (const auto t = slot_of(type.id)) {
                        out[*t] = 1;
                    }
                }
            }
        }
        return out;
    }

    // One type and category held by several bodies of a list, with no problem naming a lead.
    // A department and its own team are one holder.
    void check_overlaps(const model::ListSet& set) {
        const auto joint = joint_types(set);
        // Holders ranked by id, so that claims sort by numbers.
        const auto items = items_of(set);
        std::unordered_map<model::Symbol, std::uint32_t> rank;  // by subject
        for (const auto& item : items) {
            rank.emplace(item.subject.id, 0);
        }
        std::vector<std::string_view> ids;
        for (const auto& [subject, r] : rank) {
            ids.push_back(holder_of(subject));
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (auto& [subject, r] : rank) {
            r = static_cast<std::uint32_t>(
                std::lower_bound(ids.begin(), ids.end(), holder_of(subject)) - ids.begin());
        }
        // Every claim of a type and category by a holder, sorted by type, category and holder;
        // equal claims keep list order, so that the first of each is its holder's first item.
        struct Claim {
            std::uint32_t type;  // slot
            model::Category category;
            std::uint32_t holder;  // rank
            const model::LeanItem* item;
        };
        std::vector<Claim> claims;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const model::LeanItem& item = items[i];
            const std::uint32_t holder = rank.at(item.subject.id);
            for (const std::uint32_t type : type_slots(set, i)) {
                if (!joint[type]) {
                    claims.push_back({type, item.category, holder, &item});
                }
            }
        }
        // Items lie in list order in one array: their addresses order equal claims as listed.
        std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
            return std::tie(a.type, a.category, a.holder, a.item) <
                   std::tie(b.type, b.category, b.holder, b.item);
        });
        for (std::size_t begin = 0; begin < claims.size();) {
            std::size_t end = begin + 1;
            while (end < claims.size() && claims[end].type == claims[begin].type &&
                   claims[end].category == claims[begin].category) {
                ++end;
            }
            std::vector<const Claim*> holders;  // each holder's first claim
            for (std::size_t c = begin; c < end; ++c) {
                if (holders.empty() || holders.back()->holder != claims[c].holder) {
                    holders.push_back(&claims[c]);
                }
            }
            if (holders.size() >= 2) {
                std::vector<std::string> codes;
                std::vector<std::string> bodies;
                std::string names;
                const model::LeanItem* first = nullptr;
                for (const Claim* claim : holders) {
                    const std::string holder(ids[claim->holder]);
                    bodies.push_back(holder);
                    codes.push_back(std::string(claim->item->code));
                    names += names.empty() ? "" : "、";
                    names += body_name(holder);
                    if (!first || claim->item->loc.line < first->loc.line) {
                        first = claim->item;
                    }
                }
                add(Code::overlap, set, codes, bodies, first->loc,
                    fmt::format("“{}”的{}由{}同时行使，问题清单未明确牵头单位",
                                type_name(claims[begin].type),
                                model::to_label(claims[begin].category), names));
            }
            begin = end;
        }
    }

    // The position in the vocabulary that stands for type `id` (its last entry), or none.
    std::optional<std::size_t> slot(std::string_view id) const {
        const auto it = m_type_of.find(id);
        if (it == m_type_of.end()) {
            return std::nullopt;
        }
        return static_cast<std::size_t>(it->second - m_bundle.violation_types.data());
    }

    // The slot of type `id`: its vocabulary position, or for an id the vocabulary lacks a slot
    // past the vocabulary's, given on first sight.
    std::uint32_t slot_or_new(std::string_view id) {
        if (const auto t = slot(id)) {
            return static_cast<std::uint32_t>(*t);
        }
        const auto [it, fresh] =
            m_unknown_slot.try_emplace(id, static_cast<std::uint32_t>(m_slot_count));
        if (fresh) {
            m_unknown_ids.push_back(id);
            ++m_slot_count;
        }
        return it->second;
    }

    // The slot of type `id` if the vocabulary or an item names it.
    std::optional<std::uint32_t> slot_of(const std::string& id) const {
        if (const auto t = slot(id)) {
            return static_cast<std::uint32_t>(*t);
        }
        const auto it = m_unknown_slot.find(id);
        return it == m_unknown_slot.end() ? std::nullopt : std::optional(it->second);
    }

    // Whether `slot` is a type of the vocabulary.
    bool known(std::uint32_t slot) const { return slot < m_bundle.violation_types.size(); }

    // A type's name, or the id the vocabulary lacks.
    std::string type_name(std::uint32_t slot) const {
        return known(slot) ? m_bundle.violation_types[slot].name
                           : std::string(m_unknown_ids[slot - m_bundle.violation_types.size()]);
    }

    // The slots of the types item `i` of `set` names, in its order.
    std::span<const std::uint32_t> type_slots(const model::ListSet& set, std::size_t i) const {
        const auto& [starts, slots] = m_item_slots.at(&set);
        return std::span(slots).subspan(starts[i], starts[i + 1] - starts[i]);
    }

    // Violation types held by items of `set`, a flag per slot; collected once per set, since a
    // county's are consulted by each of its townships.
    const std::vector<char>& held_by(const model::ListSet& set) {
        auto [it, fresh] = m_held_by.try_emplace(&set);
        if (fresh) {
            it->second.assign(m_slot_count, 0);
            for (const std::uint32_t t : m_item_slots.at(&set).second) {
                it->second[t] = 1;
            }
        }
        return it->second;
    }

    void check_gaps(const model::ListSet& set) {
        // Held in the jurisdiction: by its own items, its county's, and for a county its
        // townships'.
        const model::ListSet* county = county_of(set);
        std::vector<const model::ListSet*> holders = townships_of(set);
        holders.push_back(&set);
        std::vector<char> held(m_slot_count, 0);
        for (const model::ListSet* from : holders) {
            const auto& by = held_by(*from);
            for (std::size_t t = 0; t < held.size(); ++t) {
                held[t] = static_cast<char>(held[t] | by[t]);
            }
        }
        const std::vector<char>* above = county ? &held_by(*county) : nullptr;
        auto is_held_at = [&](std::size_t t) { return held[t] || (above && (*above)[t]); };
        for (std::size_t i = 0; i < m_bundle.violation_types.size(); ++i) {
            const model::ViolationType& type = m_bundle.violation_types[i];
            if (!is_held_at(m_slot[i])) {
                add(Code::gap, set, {}, {}, type.loc,
                    fmt::format("“{}”（{}）在{}{}的清单中均无对应事项", type.name, type.id,
                                set.jurisdiction.name,
                                county ? "及" + county->jurisdiction.name : ""));
            }
        }
        for (const auto& p : set.problems) {
            const bool covered =
                std::any_of(p.violation_types.begin(), p.violation_types.end(), [&](const auto& t) {
                    const auto at = slot_of(t.id);
                    return at && is_held_at(*at);
                });
            if (!covered) {
                add(Code::gap_problem, set, {p.code}, {p.lead.id}, p.loc,
                    fmt::format("问题清单“{}”（{}"
                                "）涉及的违法行为，县乡两级清单均无对应事项",
                                p.name, p.code));
            }
        }
    }

    // Whether body `id` holds `item`: as its subject or unit, as the department or government
    // such a team belongs to, or as the department that delegated it.
    bool holds(const std::string& id, const model::LeanItem& item) const {
        const std::string_view holder = holder_of(id);
        return holder_of(item.subject.id) == holder ||
               (item.unit.id && holder_of(item.unit.id) == holder) ||
               (item.delegated() && text(item.from.id) == id);
    }

    void check_problems(const model::ListSet& set) {
        const model::ListSet* county = county_of(set);
        for (const auto& p : set.problems) {
            if (!body(p.lead.id)) {
                continue;
            }
            if (!p.items.empty()) {
                const bool lead_holds =
                    std::any_of(p.items.begin(), p.items.end(), [&](const model::Ref& code) {
                        const model::LeanItem* item = find_item(set, code.id);
                        if (!item && county) {
                            item = find_item(*county, code.id);
                        }
                        return item && holds(p.lead.id, *item);
                    });
                if (!lead_holds) {
                    add(Code::lead_not_holder, set, {p.code}, {p.lead.id}, p.loc,
                        fmt::format("问题“{}”（{}）由{}牵头，但其不持有该问题涉及"
                                    "的任何事项",
                                    p.name, p.code, body_name(p.lead.id)));
                }
            }
            if (county) {
                check_lead_against_delegation(set, *county, p);
            }
        }
    }

    // 明放暗不放: a county body leads a township problem although everything it held for the
    // problem's violation types was granted (赋权) to the township.
    void check_lead_against_delegation(const model::ListSet& set, const model::ListSet& county,
                                       const model::Problem& p) {
        const auto home = m_body_set.find(p.lead.id);
        if (home == m_body_set.end() || home->second != &county) {
            return;
        }
        std::vector<std::string> granted;
        for (const model::LeanItem* item : items_of_types(set, p.violation_types)) {
            if (item->delegated() && item->mode == model::DelegationMode::grant &&
                holder_of(item->from.id) == holder_of(p.lead.id)) {
                granted.push_back(std::string(item->code));
            }
        }
        if (granted.empty()) {
            return;
        }
        for (const model::LeanItem* item : items_of_types(county, p.violation_types)) {
            if (holds(p.lead.id, *item) &&
                !m_handovers.taken_over(set.jurisdiction.id, item->code)) {
                return;  // the lead still holds a power of its own for the matter
            }
        }
        add(Code::lead_contradicts_delegation, set, {p.code}, {p.lead.id}, p.lead.loc,
            fmt::format("问题“{}”（{}）由{}牵头，但其相关事项（{}）已全部赋权{}", p.name, p.code,
                        body_name(p.lead.id), fmt::join(granted, "、"), set.jurisdiction.name));
    }

    // Each handover a county marks must be caught by the township named, in the same mode; each
    // item a township takes over must be marked as handed to it.
    void check_handovers() {
        for (const auto& h : m_handovers.all()) {
            if (h.marked && !h.township) {
                continue;  // the township is not loaded: a dangling reference, reported
            }
            if (h.marked && !h.taken) {
                const model::LeanItem& item = *h.county_item;
                add(Code::dropped_handover, *h.county, {std::string(item.code)},
                    {std::string(text(item.subject.id))}, item.loc,
                    fmt::format("{}将“{}”（{}）下放{}，但{}的清单未承接",
                                body_name(item.subject.id), item.name, item.code,
                                h.township->jurisdiction.name, h.township->jurisdiction.name));
            } else if (h.marked && h.taken->mode != h.marked->mode) {
                const model::LeanItem& item = *h.county_item;
                add(Code::mode_mismatch, *h.county,
                    {std::string(item.code), std::string(h.taken->code)},
                    {std::string(text(item.subject.id))}, item.loc,
                    fmt::format("“{}”县级清单标注{}，{}清单标注{}", item.name,
                                model::to_label(h.marked->mode), h.township->jurisdiction.name,
                                model::to_label(h.taken->mode)));
            } else if (!h.marked && !h.county_item) {
                const model::LeanItem& item = *h.taken;
                dangling(*h.township, item.code, item.original, at(item, item.original_line),
                         "县级事项");
            } else if (!h.marked) {
                const model::LeanItem& item = *h.taken;
                const model::LeanItem& from = *h.county_item;
                add(Code::double_claim, *h.township,
                    {std::string(item.code), std::string(from.code)},
                    {std::string(text(item.subject.id)), std::string(text(from.subject.id))},
                    item.loc,
                    fmt::format("{}清单承接“{}”（{}），但{}清单未标注下放，县乡两级同时行使",
                                h.township->jurisdiction.name, item.name, item.code,
                                h.county->jurisdiction.name));
            }
        }
    }

    void check_graph() {
        const graph::JurisdictionGraph g(m_bundle, m_items);
        for (const auto& cycle : g.cycles()) {
            std::string names;
            for (const auto& id : cycle) {
                names += names.empty() ? "" : "→";
                names += body_name(id);
            }
            add(Code::delegation_cycle, *m_body_set.at(cycle.front()), {}, cycle,
                body(cycle.front())->loc, fmt::format("{}互为上级或互相下放", names));
        }
        for (const auto& id : g.idle_bodies()) {
            const model::Body* b = body(id);
            add(Code::idle_body, *m_body_set.at(id), {}, {id}, b->loc,
                fmt::format("{}不持有事项，也未列入问题清单或警示清单", b->name));
        }
    }

    // Most severe first, then by code, jurisdiction, file, line and message.
    // Sorted in place: a province's findings are not copied.
    static std::vector<Finding> sorted(std::vector<Finding> findings) {
        auto key = [](const Finding& x) {
            return std::tuple(-static_cast<int>(x.severity), to_string(x.code),
                              std::string_view(x.jurisdiction), std::string_view(x.location.path),
                              x.location.line, std::string_view(x.message));
        };
        std::sort(findings.begin(), findings.end(),
                  [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
        return findings;
    }

    const model::Bundle& m_bundle;
    const model::LeanItems& m_items;
    std::string m_as_of;
    model::Handovers m_handovers;
    // Keys view the bundle's and the items' strings.
    std::unordered_map<std::string_view, const model::ListSet*> m_set_of;  // by jurisdiction id
    std::unordered_map<std::string_view, const model::Body*> m_body_of;
    std::unordered_map<std::string, const model::ListSet*> m_body_set;  // where a body is defined
    std::vector<const model::Body*> m_body_of_symbol;
    std::unordered_map<model::Symbol, const model::Law*> m_law_of;
    std::unordered_map<const model::ListSet*,
                       std::unordered_map<std::string_view, const model::LeanItem*>>
        m_item_of;  // by code, the codes problems name
    std::unordered_map<std::string_view, const model::ViolationType*> m_type_of;
    // Per list set: (type slot, item index) of every type its items name, sorted.
    std::unordered_map<const model::ListSet*, std::vector<std::pair<std::uint32_t, std::uint32_t>>>
        m_items_of_type;
    std::vector<std::size_t> m_slot;  // per vocabulary position: slot(its id)
    // Type slots: the vocabulary's positions, then ids only items name (slot_or_new).
    std::size_t m_slot_count = 0;
    std::unordered_map<std::string_view, std::uint32_t> m_unknown_slot;
    std::vector<std::string_view> m_unknown_ids;  // by slot past the vocabulary's
    // Per list set: where each item's slots start (one past the last item too), and the slots.
    std::unordered_map<const model::ListSet*,
                       std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>>
        m_item_slots;
    std::unordered_map<const model::ListSet*, std::vector<char>> m_held_by;
    std::vector<Finding> m_out;
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

const std::vector<Code>& all_codes() {
    static const std::vector<Code> k_all = [] {
        std::vector<Code> out;
        for (const auto& c : k_codes) {
            out.push_back(c.code);
        }
        return out;
    }();
    return k_all;
}

std::string_view to_string(Code code) {
    return info(code).name;
}

std::string_view to_label(Code code) {
    return info(code).label;
}

std::optional<Code> parse_code(std::string_view text) {
    for (const auto& c : k_codes) {
        if (text == c.name) {
            return c.code;
        }
    }
    return std::nullopt;
}

Severity severity_of(Code code) {
    return info(code).severity;
}

std::string SourceLine::to_string() const {
    return fmt::format("{}:{}", path, line);
}

std::string today() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day date(days);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::vector<Finding> run(const model::Bundle& bundle, const Options& options) {
    return run(bundle, model::LeanItems(bundle), options);
}

std::vector<Finding> run(const model::Bundle& lists, const model::LeanItems& items,
                         const Options& options) {
    return Auditor(lists, items, options.as_of.empty() ? today() : options.as_of).run();
}

std::vector<std::vector<std::string>> overlap_groups(const std::vector<Finding>& findings) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& f : findings) {
        if (f.code == Code::overlap) {
            for (std::size_t i = 1; i < f.bodies.size(); ++i) {
                pairs.emplace_back(f.bodies.front(), f.bodies[i]);
            }
        }
    }
    return graph::connected_groups(pairs);
}

nlohmann::ordered_json to_json(const Finding& f) {
    return {{"code", to_string(f.code)},
            {"severity", to_string(f.severity)},
            {"jurisdiction", f.jurisdiction},
            {"items", f.items},
            {"bodies", f.bodies},
            {"location", f.location.to_string()},
            {"message", f.message}};
}

}  // namespace lawlist::audit
