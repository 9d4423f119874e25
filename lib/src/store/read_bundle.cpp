// Database → model: the inverse of Database::write, for the revisions audit and resolution use.
#include <algorithm>
#include <functional>
#include <span>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lawlist/error.hpp"
#include "lawlist/store/database.hpp"
#include "lawlist/store/lean.hpp"
#include "lawlist/text/utf8.hpp"
#include "statement.hpp"

namespace lawlist::store {
namespace {

class BundleReader {
  public:
    BundleReader(sqlite3* db, model::Bundle& bundle) : m_db(db), m_bundle(bundle) {}

    model::Location loc(std::string_view path, std::int64_t line) {
        // Rows come file by file: the file of the row before is looked up once.
        if (m_files.empty() || path != m_bundle.files[m_last_file].path) {
            auto [it, fresh] =
                m_files.emplace(path, static_cast<std::uint32_t>(m_bundle.files.size()));
            if (fresh) {
                m_bundle.files.push_back({std::string(path), ""});
            }
            m_last_file = it->second;
        }
        return {m_last_file, static_cast<std::uint32_t>(line > 0 ? line - 1 : 0), 0};
    }

    model::Ref ref(std::string id, const model::Location& at) { return {std::move(id), at}; }

    // Rows of `sql` (whose first column is a revision id) dispatched to the list set.
    template <typename Fn>
    void each(const std::string& sql, Fn fn) {
        Statement st(m_db, sql);
        if (m_bind) {
            m_bind(st);
        }
        while (st.step()) {
            const auto it = m_set_of.find(st.integer(0));
            if (it != m_set_of.end()) {
                fn(st, m_bundle.list_sets[it->second]);
            }
        }
    }

    std::unordered_map<std::int64_t, std::size_t> m_set_of;  // revision id → list set
    std::function<void(Statement&)> m_bind;                  // binds the statement's parameters

  private:
    sqlite3* m_db;
    model::Bundle& m_bundle;
    std::unordered_map<std::string, std::uint32_t> m_files;
    std::uint32_t m_last_file = 0;
};

// parse_stored of a column's bytes, read without a copy.
template <typename Enum>
Enum parse_column(std::string_view text, std::optional<Enum> (*parse)(std::string_view),
                  std::string_view what) {
    if (const auto value = parse(text)) {
        return *value;
    }
    return parse_stored(std::string(text), parse, what);
}

// The rows of one kind read for lean items (their violation types, bases or marks): kept in their
// list set's rows in the order read, with the index of the item each belongs to, until place()
// makes each item's span view its own rows, in the order read.
template <typename Row>
class LeanRows {
  public:
    LeanRows(std::vector<Row> model::LeanSet::*rows, std::span<const Row> model::LeanItem::*span)
        : m_rows(rows), m_span(span) {}

    template <typename At>
    void add(model::LeanItems& lean, const At& at, const Row& row) {
        m_item.resize(lean.sets.size());
        (lean.sets[at.set].*m_rows).push_back(row);
        m_item[at.set].push_back(static_cast<std::uint32_t>(at.index));
    }

    void place(model::LeanItems& lean) {
        m_item.resize(lean.sets.size());
        for (std::size_t s = 0; s < lean.sets.size(); ++s) {
            auto& rows = lean.sets[s].*m_rows;
            auto& item = m_item[s];
            if (!std::is_sorted(item.begin(), item.end())) {
                // Rows read out of item order: each item's brought together, in the order read.
                std::vector<std::uint32_t> order(rows.size());
                for (std::uint32_t k = 0; k < order.size(); ++k) {
                    order[k] = k;
                }
                std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
                    return item[a] < item[b];
                });
                std::vector<Row> sorted_rows;
                std::vector<std::uint32_t> sorted_item;
                sorted_rows.reserve(rows.size());
                sorted_item.reserve(rows.size());
                for (const std::uint32_t k : order) {
                    sorted_rows.push_back(rows[k]);
                    sorted_item.push_back(item[k]);
                }
                rows = std::move(sorted_rows);
                item = std::move(sorted_item);
            }
            rows.shrink_to_fit();
            auto& items = lean.sets[s].items;
            for (std::size_t k = 0; k < rows.size();) {
                std::size_t end = k + 1;
                while (end < rows.size() && item[end] == item[k]) {
                    ++end;
                }
                items[item[k]].*m_span = std::span<const Row>(rows).subspan(k, end - k);
                k = end;
            }
            item = {};
        }
    }

  private:
    std::vector<Row> model::LeanSet::*m_rows;
    std::span<const Row> model::LeanItem::*m_span;
    std::vector<std::vector<std::uint32_t>> m_item;  // per list set, per row: its item's index
};

std::vector<model::LegalBasis> bases(sqlite3* db, const char* sql, std::int64_t owner) {
    Statement st(db, sql);
    st.bind(1, owner);
    std::vector<model::LegalBasis> out;
    while (st.step()) {
        out.push_back(basis_at(st, 0));
    }
    return out;
}

}  // namespace

StoredVocabulary read_vocabulary(
    sqlite3* db, const std::function<model::Location(const std::string&, std::int64_t)>& locate,
    const std::optional<std::vector<std::string>>& only_types, bool terms) {
    StoredVocabulary out;
    const std::string columns =
        terms ? "description, source_path, source_line, (SELECT json_group_array(alias) FROM "
                "(SELECT alias FROM violation_alias a WHERE a.violation_type_id = v.id ORDER BY "
                "a.rowid)), (SELECT json_group_array(example) FROM (SELECT example FROM "
                "violation_example e WHERE e.violation_type_id = v.id ORDER BY e.rowid))"
              : "NULL, source_path, source_line";
    Statement types(db, "SELECT id, name, sector, " + columns + " FROM violation_type v " +
                            (only_types ? "WHERE id IN (SELECT value FROM json_each(?1)) " : "") +
                            "ORDER BY rowid");
    if (only_types) {
        types.bind(1, nlohmann::json(*only_types).dump());
    }
    while (types.step()) {
        model::ViolationType v;
        v.id = types.text(0);
        v.name = types.text(1);
        v.sector = types.text(2);
        v.description = types.optional_text(3);
        v.loc = locate(types.text(4), types.integer(5));
        if (terms) {
            v.aliases = types.strings(6);
            v.examples = types.strings(7);
        }
        out.types.push_back(std::move(v));
    }
    Statement laws(db,
                   "SELECT l.name, l.source_path, l.source_line, v.version_id, v.label, v.adopted, "
                   "v.effective, v.source_line, (SELECT json_group_array(json_array(from_article, "
                   "to_article)) FROM (SELECT * FROM law_renumbering m WHERE m.law = l.name AND "
                   "m.version_id = v.version_id ORDER BY m.seq)) FROM law l "
                   "JOIN law_version v ON v.law = l.name ORDER BY l.rowid, v.seq");
    while (laws.step()) {
        if (out.laws.empty() || out.laws.back().name != laws.text(0)) {
            out.laws.push_back({laws.text(0), {}, locate(laws.text(1), laws.integer(2))});
        }
        model::LawVersion v;
        v.id = laws.text(3);
        v.label = laws.optional_text(4);
        v.adopted = laws.text(5);
        v.effective = laws.text(6);
        v.loc = locate(laws.text(1), laws.integer(7));
        for (const auto& move : nlohmann::json::parse(laws.text(8))) {
            model::ArticleMove m{move.at(0).get<int>(), std::nullopt};
            if (!move.at(1).is_null()) {
                m.to = move.at(1).get<int>();
            }
            v.renumbered.push_back(m);
        }
        out.laws.back().versions.push_back(std::move(v));
    }
    Statement out_of_scope(db, std::string("SELECT example FROM out_of_scope_example ") +
                                   (terms ? "" : "WHERE 0 ") + "ORDER BY rowid");
    while (out_of_scope.step()) {
        if (!out.out_of_scope) {
            out.out_of_scope.emplace();
        }
        out.out_of_scope->push_back(out_of_scope.text(0));
    }
    out.sectors = stored_sectors(db);
    return out;
}

namespace {

// The revisions `revision_ids` as a bundle (Database::read_revisions); with `lean`, their items
// are read into it instead, as lean items (every item of every revision: `scope` must be whole).
model::Bundle read_lists(sqlite3* db, const std::vector<std::int64_t>& revision_ids,
                         const ReadScope& scope, model::LeanItems* lean);

// The chosen revision of each jurisdiction: the one labelled `revision_label` where it exists,
// else the latest. A label no jurisdiction has throws lawlist::Error.
std::vector<std::int64_t> chosen_revisions(sqlite3* db,
                                           const std::optional<std::string>& revision_label) {
    if (revision_label) {
        // A label no jurisdiction has is a mistake, not a request for the latest revisions.
        Statement labels(db, "SELECT DISTINCT label FROM revision ORDER BY id");
        std::vector<std::string> known;
        while (labels.step()) {
            known.push_back(labels.text(0));
        }
        if (std::find(known.begin(), known.end(), *revision_label) == known.end()) {
            const auto near = text::closest(*revision_label, known, 1);
            std::string list;
            for (const auto& label : known) {
                list += (list.empty() ? "" : ", ") + label;
            }
            throw Error("unknown revision '" + *revision_label + "'" +
                        (near.empty() ? " (loaded: " + list + ")"
                                      : "; did you mean '" + near.front() + "'?"));
        }
    }
    Statement chosen(
        db,
        "SELECT r.id FROM jurisdiction j JOIN revision r ON r.jurisdiction_id = j.id "
        "WHERE r.id = coalesce((SELECT id FROM revision WHERE jurisdiction_id = j.id "
        "AND label = ?1), (SELECT max(id) FROM revision WHERE jurisdiction_id = j.id))");
    chosen.bind(1, revision_label);
    std::vector<std::int64_t> ids;
    while (chosen.step()) {
        ids.push_back(chosen.integer(0));
    }
    return ids;
}

}  // namespace

model::Bundle Database::read_bundle(const std::optional<std::string>& revision_label,
                                    const ReadScope& scope) const {
    return read_revisions(chosen_revisions(m_db, revision_label), scope);
}

model::LeanBundle read_lean(const Database& database,
                            const std::optional<std::string>& revision_label) {
    sqlite3* db = detail::handle(database);
    model::LeanBundle out;
    ReadScope scope;
    scope.type_terms = false;
    out.lists = read_lists(db, chosen_revisions(db, revision_label), scope, &out.items);
    return out;
}

model::Bundle Database::read_revisions(const std::vector<std::int64_t>& revision_ids,
                                       const ReadScope& scope) const {
    return read_lists(m_db, revision_ids, scope, nullptr);
}

namespace {

model::Bundle read_lists(sqlite3* db, const std::vector<std::int64_t>& revision_ids,
                         const ReadScope& scope, model::LeanItems* lean) {
    model::Bundle bundle;
    BundleReader reader(db, bundle);

    // Revision ids are integers: listing them in the statement is safe.
    auto join_ids = [](const std::vector<std::int64_t>& ids) {
        std::string out;
        for (const auto id : ids) {
            out += (out.empty() ? "" : ",") + std::to_string(id);
        }
        return out;
    };
    const std::string id_list = join_ids(revision_ids);
    Statement revisions(
        db,
        "SELECT r.id, j.id, j.name, j.level, j.parent_id, r.label, r.effective, r.source_hash "
        "FROM jurisdiction j JOIN revision r ON r.jurisdiction_id = j.id WHERE r.id IN (" +
            id_list + ") ORDER BY j.level != 'county', j.id");
    std::vector<std::int64_t> listed, listed_townships;  // revisions whose lists are read
    while (revisions.step()) {
        const std::string jurisdiction = revisions.text(1);
        if (!scope.lists_of || std::find(scope.lists_of->begin(), scope.lists_of->end(),
                                         jurisdiction) != scope.lists_of->end()) {
            listed.push_back(revisions.integer(0));
            if (revisions.text(3) != "county") {
                listed_townships.push_back(revisions.integer(0));
            }
        }
        model::ListSet set;
        auto& j = set.jurisdiction;
        j.id = revisions.text(1);
        j.name = revisions.text(2);
        j.level = *model::parse_level(revisions.text(3));
        if (!revisions.is_null(4)) {
            j.parent = model::Ref{revisions.text(4), {}};
        }
        j.revision = revisions.text(5);
        j.effective = revisions.optional_text(6);
        set.source_hash = revisions.text(7);
        reader.m_set_of[revisions.integer(0)] = bundle.list_sets.size();
        bundle.list_sets.push_back(std::move(set));
    }

    // What is read of the lists, as SQL conditions. A whole read of every revision filters
    // nothing, and reads each table in one pass.
    const bool whole = !scope.lists_of && !scope.violation_types;
    const std::string listed_ids = join_ids(listed);
    std::string item_where = "revision_id IN (" + listed_ids + ")";
    std::string problem_where = item_where;
    std::string types_json;
    if (scope.violation_types) {
        types_json = nlohmann::json(*scope.violation_types).dump();
        const std::string types = "(SELECT value FROM json_each(?1))";
        // A township item taking over a county item of the types counts for the handover even
        // when it names other types itself. CROSS JOIN keeps SQLite from walking every county
        // item to find the few of the types.
        item_where += " AND id IN (SELECT item_id FROM item_violation WHERE violation_type_id IN " +
                      types + " UNION SELECT t.id FROM item t WHERE t.revision_id IN (" +
                      join_ids(listed_townships) +
                      ") AND t.delegation_item IN (SELECT c.code FROM item_violation cv CROSS JOIN "
                      "item c ON c.id = cv.item_id WHERE c.revision_id IN (" +
                      listed_ids + ") AND cv.violation_type_id IN " + types + "))";
        problem_where +=
            " AND id IN (SELECT problem_id FROM problem_violation WHERE "
            "violation_type_id IN " +
            types + ")";
    }
    // Rows of a table keyed by item (or problem) id, restricted to the items read: read by type,
    // the few items read are named by id (item_ids_json, parameter 1), so that each table does not
    // evaluate the filter by type again.
    std::string item_ids_json;
    auto of_items = [&](const std::string& column) {
        if (whole) {
            return std::string();
        }
        return " WHERE " + column + " IN " +
               (scope.violation_types ? std::string("(SELECT value FROM json_each(?1))")
                                      : "(SELECT id FROM item WHERE " + item_where + ")");
    };
    auto bind_items = [&](Statement& st) {
        if (scope.violation_types) {
            st.bind(1, item_ids_json);
        }
    };
    auto of_problems = [&](const std::string& column) {
        return whole ? std::string()
                     : " WHERE " + column + " IN (SELECT id FROM problem WHERE " + problem_where +
                           ")";
    };
    auto bind_types = [&](Statement& st) {
        if (scope.violation_types) {
            st.bind(1, types_json);
        }
    };

    // Each list's rows: revision id, row id, source path and line, then the described fields.
    const auto& body_fields = model::body_description();
    reader.each("SELECT revision_id, rowid, source_path, source_line, " + columns_of(body_fields) +
                    " FROM body WHERE revision_id IN (" + id_list + ") ORDER BY revision_id, rowid",
                [&](Statement& st, model::ListSet& set) {
                    model::Body b;
                    b.loc = reader.loc(st.text(2), st.integer(3));
                    read_fields(st, 4, body_fields, b, b.loc);
                    if (set.jurisdiction.bodies.empty()) {
                        set.jurisdiction.loc = b.loc;
                    }
                    set.jurisdiction.bodies.push_back(std::move(b));
                });

    // Item id → list set and index, in id order (items are read so).
    struct ItemAt {
        std::int64_t id;
        std::uint32_t set;
        std::uint32_t index;
    };
    std::vector<ItemAt> item_at;
    if (!scope.violation_types) {
        // Each list set's items in place at once: a county of 500,000 would otherwise be moved
        // as its vector grows, and keep up to twice the room it needs.
        Statement counts(db, "SELECT revision_id, count(*) FROM item WHERE revision_id IN (" +
                                 listed_ids + ") GROUP BY revision_id");
        std::size_t total = 0;
        if (lean) {
            lean->sets.resize(bundle.list_sets.size());
        }
        while (counts.step()) {
            const auto at = reader.m_set_of.find(counts.integer(0));
            if (at != reader.m_set_of.end()) {
                const auto count = static_cast<std::size_t>(counts.integer(1));
                if (lean) {
                    lean->sets[at->second].items.reserve(count);
                } else {
                    bundle.list_sets[at->second].items.reserve(count);
                }
                total += count;
            }
        }
        item_at.reserve(total);
    }
    reader.m_bind = bind_types;  // items and problems are filtered by type
    const auto& item_fields = model::item_description();
    if (lean) {
        // What the checks read of each item, its repeating ids interned (model/lean.hpp).
        reader.each(
            "SELECT revision_id, id, source_path, source_line, delegation_from, delegation_mode, "
            "delegation_item, code, name, category, body_id, unit_id, remarks FROM item WHERE " +
                item_where + " ORDER BY revision_id, id",
            [&, subjects = model::ColumnSymbols(*lean), units = model::ColumnSymbols(*lean),
             origins = model::ColumnSymbols(*lean)](Statement& st, model::ListSet& set) mutable {
                const auto s = static_cast<std::uint32_t>(&set - bundle.list_sets.data());
                auto& items = lean->sets[s].items;
                model::LeanItem item;
                item.loc = reader.loc(st.blob(2), st.integer(3));
                const std::uint32_t line = item.loc.line;
                if (!st.is_null(4)) {
                    item.from = {origins(st.blob(4)), line};
                    item.mode =
                        parse_column(st.blob(5), model::parse_delegation_mode, "delegation mode");
                    item.original = lean->keep(st.blob(6));
                    item.original_line = line;
                }
                item.code = lean->keep(st.blob(7));
                item.name = lean->keep(st.blob(8));
                item.category = parse_column(st.blob(9), model::parse_category, "category");
                item.subject = {subjects(st.blob(10)), line};
                if (!st.is_null(11)) {
                    item.unit = {units(st.blob(11)), line};
                }
                if (!st.is_null(12)) {
                    item.remarks = lean->keep(st.blob(12));
                }
                item_at.push_back({st.integer(1), s, static_cast<std::uint32_t>(items.size())});
                items.push_back(item);
            });
    } else {
        reader.each(
            "SELECT revision_id, id, source_path, source_line, delegation_from, delegation_mode, "
            "delegation_item, " +
                columns_of(item_fields) + " FROM item WHERE " + item_where +
                " ORDER BY revision_id, id",
            [&](Statement& st, model::ListSet& set) {
                model::Item item;
                item.loc = reader.loc(st.blob(2), st.integer(3));
                read_fields(st, 7, item_fields, item, item.loc);
                if (!st.is_null(4)) {
                    item.delegation = model::Delegation{
                        reader.ref(st.text(4), item.loc),
                        parse_stored(st.text(5), model::parse_delegation_mode, "delegation mode"),
                        reader.ref(st.text(6), item.loc)};
                }
                item_at.push_back({st.integer(1),
                                   static_cast<std::uint32_t>(&set - bundle.list_sets.data()),
                                   static_cast<std::uint32_t>(set.items.size())});
                set.items.push_back(std::move(item));
            });
    }
    if (scope.violation_types) {
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& at : item_at) {
            ids.push_back(at.id);
        }
        item_ids_json = ids.dump();
    }
    std::sort(item_at.begin(), item_at.end(),
              [](const ItemAt& a, const ItemAt& b) { return a.id < b.id; });
    // The rows keyed by item come in item order as written: each lookup tries the item found
    // last and the one after it before searching.
    std::size_t last = 0;
    auto item_at_id = [&](std::int64_t id) -> const ItemAt* {
        if (last >= item_at.size() || item_at[last].id != id) {
            if (last + 1 < item_at.size() && item_at[last + 1].id == id) {
                ++last;
            } else {
                const auto it = std::lower_bound(
                    item_at.begin(), item_at.end(), id,
                    [](const ItemAt& at, std::int64_t key) { return at.id < key; });
                if (it == item_at.end() || it->id != id) {
                    return nullptr;
                }
                last = static_cast<std::size_t>(it - item_at.begin());
            }
        }
        return &item_at[last];
    };
    auto item_of = [&](std::int64_t id) -> model::Item* {
        const ItemAt* at = item_at_id(id);
        return at ? &bundle.list_sets[at->set].items[at->index] : nullptr;
    };
    // Lean items' rows of each kind, placed after all are read (LeanRows).
    LeanRows<model::LeanBasis> lean_basis(&model::LeanSet::basis, &model::LeanItem::basis);
    LeanRows<model::LeanRef> lean_types(&model::LeanSet::violation_types,
                                        &model::LeanItem::violation_types);
    LeanRows<model::LeanDelegatedTo> lean_marks(&model::LeanSet::delegated_to,
                                                &model::LeanItem::delegated_to);
    // The ids of the rows' columns, interned into `lean` (into a table of none when reading whole).
    model::LeanItems whole_read;
    model::LeanItems& interned = lean ? *lean : whole_read;
    model::ColumnSymbols laws(interned), versions(interned), types(interned), townships(interned);
    {
        Statement st(db,
                     "SELECT item_id, law, article, paragraph, item_no, version FROM item_basis" +
                         of_items("item_id") + " ORDER BY item_id, seq");
        bind_items(st);
        while (st.step()) {
            if (!lean) {
                if (model::Item* item = item_of(st.integer(0))) {
                    item->basis.push_back(basis_at(st, 1));
                }
            } else if (const ItemAt* at = item_at_id(st.integer(0))) {
                model::LeanBasis b;
                b.law = laws(st.blob(1));
                b.article = static_cast<int>(st.integer(2));
                if (!st.is_null(3)) {
                    b.paragraph = static_cast<int>(st.integer(3));
                }
                if (!st.is_null(4)) {
                    b.item = static_cast<int>(st.integer(4));
                }
                if (!st.is_null(5)) {
                    b.version = versions(st.blob(5));
                }
                lean_basis.add(*lean, *at, b);
            }
        }
    }
    {
        Statement st(db, "SELECT item_id, violation_type_id FROM item_violation" +
                             of_items("item_id") + " ORDER BY rowid");
        bind_items(st);
        while (st.step()) {
            if (!lean) {
                if (model::Item* item = item_of(st.integer(0))) {
                    item->violation_types.push_back({st.text(1), item->loc});
                }
            } else if (const ItemAt* at = item_at_id(st.integer(0))) {
                const std::uint32_t line = lean->sets[at->set].items[at->index].loc.line;
                lean_types.add(*lean, *at, {types(st.blob(1)), line});
            }
        }
    }
    {
        Statement st(db, "SELECT item_id, jurisdiction_id, mode FROM item_delegated_to" +
                             of_items("item_id") + " ORDER BY rowid");
        bind_items(st);
        while (st.step()) {
            const auto mode =
                parse_stored(st.text(2), model::parse_delegation_mode, "delegation mode");
            if (!lean) {
                if (model::Item* item = item_of(st.integer(0))) {
                    item->delegated_to.push_back({{st.text(1), item->loc}, mode});
                }
            } else if (const ItemAt* at = item_at_id(st.integer(0))) {
                const std::uint32_t line = lean->sets[at->set].items[at->index].loc.line;
                lean_marks.add(*lean, *at, {{townships(st.blob(1)), line}, mode});
            }
        }
    }
    if (lean) {
        lean_basis.place(*lean);
        lean_types.place(*lean);
        lean_marks.place(*lean);
    }

    // Problem id → (list set, index): pointers are taken once every problem is in place.
    std::unordered_map<std::int64_t, std::pair<std::size_t, std::size_t>> problem_at;
    const auto& problem_fields = model::problem_description();
    reader.each("SELECT revision_id, id, source_path, source_line, " + columns_of(problem_fields) +
                    " FROM problem WHERE " + problem_where + " ORDER BY revision_id, id",
                [&](Statement& st, model::ListSet& set) {
                    model::Problem p;
                    p.loc = reader.loc(st.text(2), st.integer(3));
                    read_fields(st, 4, problem_fields, p, p.loc);
                    problem_at[st.integer(1)] = {
                        static_cast<std::size_t>(&set - bundle.list_sets.data()),
                        set.problems.size()};
                    set.problems.push_back(std::move(p));
                });
    reader.m_bind = nullptr;
    std::unordered_map<std::int64_t, model::Problem*> problem_of;
    for (const auto& [id, at] : problem_at) {
        problem_of[id] = &bundle.list_sets[at.first].problems[at.second];
    }
    {
        Statement v(db, "SELECT problem_id, violation_type_id FROM problem_violation" +
                            of_problems("problem_id") + " ORDER BY rowid");
        bind_types(v);
        while (v.step()) {
            if (auto it = problem_of.find(v.integer(0)); it != problem_of.end()) {
                it->second->violation_types.push_back({v.text(1), it->second->loc});
            }
        }
        Statement i(db, "SELECT problem_id, item_code FROM problem_item" +
                            of_problems("problem_id") + " ORDER BY rowid");
        bind_types(i);
        while (i.step()) {
            if (auto it = problem_of.find(i.integer(0)); it != problem_of.end()) {
                it->second->items.push_back({i.text(1), it->second->loc});
            }
        }
        Statement c(db, "SELECT problem_id, body_id FROM problem_cooperating" +
                            of_problems("problem_id") + " ORDER BY problem_id, seq");
        bind_types(c);
        while (c.step()) {
            if (auto it = problem_of.find(c.integer(0)); it != problem_of.end()) {
                it->second->cooperating.push_back({c.text(1), it->second->loc});
            }
        }
    }

    const auto& warning_fields = model::warning_description();
    reader.each(
        "SELECT w.revision_id, w.id, w.source_path, w.source_line, (SELECT "
        "json_group_array(body_id) FROM (SELECT body_id FROM warning_body b WHERE b.warning_id = "
        "w.id ORDER BY b.rowid)), " +
            columns_of(warning_fields, "w.") + " FROM warning w WHERE w.revision_id IN (" +
            listed_ids + ") ORDER BY w.revision_id, w.id",
        [&](Statement& st, model::ListSet& set) {
            model::Warning w;
            w.loc = reader.loc(st.text(2), st.integer(3));
            read_fields(st, 5, warning_fields, w, w.loc);
            for (auto& id : st.strings(4)) {
                w.applies_to.push_back({std::move(id), w.loc});
            }
            w.basis =
                bases(db,
                      "SELECT law, article, paragraph, item_no, version FROM warning_basis WHERE "
                      "warning_id = ?1 ORDER BY seq",
                      st.integer(1));
            set.warnings.push_back(std::move(w));
        });

    const auto& metric_fields = model::metric_description();
    reader.each(
        "SELECT m.revision_id, m.id, m.source_path, m.source_line, (SELECT "
        "json_group_array(body_id) FROM (SELECT body_id FROM metric_assessed a WHERE a.metric_id "
        "= m.id ORDER BY a.rowid)), " +
            columns_of(metric_fields, "m.") + " FROM metric m WHERE m.revision_id IN (" +
            listed_ids + ") ORDER BY m.revision_id, m.id",
        [&](Statement& st, model::ListSet& set) {
            model::Metric m;
            m.loc = reader.loc(st.text(2), st.integer(3));
            read_fields(st, 5, metric_fields, m, m.loc);
            for (auto& id : st.strings(4)) {
                m.assessed.push_back({std::move(id), m.loc});
            }
            set.metrics.push_back(std::move(m));
        });

    StoredVocabulary vocabulary = read_vocabulary(
        db,
        [&reader](const std::string& path, std::int64_t line) { return reader.loc(path, line); },
        scope.violation_types, scope.type_terms);
    bundle.violation_types = std::move(vocabulary.types);
    bundle.out_of_scope = std::move(vocabulary.out_of_scope);
    bundle.laws = std::move(vocabulary.laws);
    bundle.sectors = std::move(vocabulary.sectors);
    return bundle;
}

}  // namespace

}  // namespace lawlist::store
