// The listings of items, bodies, revisions, sectors and jurisdictions (queries.hpp).
#include "lawlist/store/queries.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lawlist/error.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/text/utf8.hpp"
#include "statement.hpp"

namespace lawlist::store {

using detail::handle;

std::vector<RevisionInfo> revisions(const Database& database) {
    Statement st(handle(database),
                 "SELECT r.id, r.jurisdiction_id, r.label, r.effective, r.loaded_at, "
                 "r.source_hash, (SELECT count(*) FROM item i WHERE i.revision_id = r.id) FROM "
                 "revision r ORDER BY r.id");
    std::vector<RevisionInfo> out;
    while (st.step()) {
        RevisionInfo info;
        info.id = st.integer(0);
        info.jurisdiction = st.text(1);
        info.label = st.text(2);
        info.effective = st.optional_text(3);
        info.loaded_at = st.text(4);
        info.source_hash = st.text(5);
        info.items = st.integer(6);
        out.push_back(std::move(info));
    }
    return out;
}

std::vector<ItemRow> items(const Database& database, const ItemFilter& filter) {
    std::vector<ItemRow> out;
    each_item(database, filter, [&out](ItemRow&& row) { out.push_back(std::move(row)); });
    return out;
}

void each_item(const Database& database, const ItemFilter& filter,
               const std::function<void(ItemRow&&)>& each) {
    if (filter.revision) {
        // An unknown label would otherwise list nothing and look like an empty revision.
        check_revision_label(database, *filter.revision);
    }
    // The described fields, then the names and lists the listing adds. Lists come as JSON
    // arrays, which keep any text whole.
    const auto& fields = model::item_description();
    std::string sql =
        "SELECT r.jurisdiction_id, r.label, i.source_path, i.source_line, " +
        columns_of(fields, "i.") +
        ", coalesce(b.name, (SELECT sb.name FROM body sb JOIN latest_revision srv ON srv.id = "
        "  sb.revision_id WHERE sb.id = i.body_id)), "
        "(SELECT ub.name FROM body ub WHERE ub.revision_id = i.revision_id AND ub.id = i.unit_id), "
        "(SELECT ub.name FROM body ub JOIN latest_revision urv ON urv.id = ub.revision_id WHERE "
        "  ub.id = i.unit_id), i.delegation_from, "
        "(SELECT ob.name FROM body ob JOIN latest_revision orv ON orv.id = ob.revision_id "
        "  WHERE ob.id = i.delegation_from), i.delegation_mode, i.delegation_item, "
        "(SELECT json_group_array(json_array(jurisdiction_id, mode)) FROM (SELECT "
        "  jurisdiction_id, mode FROM item_delegated_to d WHERE d.item_id = i.id ORDER BY "
        "  d.rowid)), "
        "(SELECT json_group_array(json_array(law, article, paragraph, item_no, version)) FROM "
        "  (SELECT * FROM item_basis ib WHERE ib.item_id = i.id ORDER BY ib.seq)), "
        "(SELECT json_group_array(violation_type_id) FROM (SELECT violation_type_id FROM "
        "  item_violation v WHERE v.item_id = i.id ORDER BY v.rowid)) "
        "FROM item i JOIN revision r ON r.id = i.revision_id "
        "LEFT JOIN body b ON b.revision_id = i.revision_id AND b.id = i.body_id WHERE ";
    sql += filter.revision ? "r.label = ?1" : "r.id IN (SELECT id FROM latest_revision)";
    if (filter.jurisdiction) {
        sql += " AND r.jurisdiction_id = ?2";
    }
    if (filter.body) {
        sql += " AND (i.body_id = ?3 OR i.unit_id = ?3)";
    }
    if (filter.sector) {
        sql += " AND i.sector = ?4";
    }
    if (filter.category) {
        sql += " AND i.category = ?5";
    }
    if (filter.name_contains) {
        sql += " AND instr(i.name, ?6) > 0";
    }
    sql += " ORDER BY r.jurisdiction_id, i.id";
    Statement st(handle(database), sql);
    st.bind(1, filter.revision)
        .bind(2, filter.jurisdiction)
        .bind(3, filter.body)
        .bind(4, filter.sector)
        .bind(5, filter.category)
        .bind(6, filter.name_contains);
    const int after = 4 + static_cast<int>(fields.fields.size());
    while (st.step()) {
        ItemRow row;
        row.jurisdiction = st.text(0);
        row.revision = st.text(1);
        row.source_path = st.text(2);
        row.source_line = st.integer(3);
        model::Item& item = row.item;
        read_fields(st, 4, fields, item, {});
        row.subject_name = st.text(after);
        row.unit_name =
            st.is_null(after + 1) ? st.optional_text(after + 2) : st.optional_text(after + 1);
        if (!st.is_null(after + 3)) {
            item.delegation = model::Delegation{
                {st.text(after + 3), {}},
                parse_stored(st.text(after + 5), model::parse_delegation_mode, "delegation mode"),
                {st.text(after + 6), {}}};
            row.delegation_from_name = st.optional_text(after + 4);
        }
        for (const auto& d : nlohmann::json::parse(st.text(after + 7))) {
            item.delegated_to.push_back(
                {{d.at(0).get<std::string>(), {}},
                 parse_stored(d.at(1).get<std::string>(), model::parse_delegation_mode,
                              "delegation mode")});
        }
        for (const auto& b : nlohmann::json::parse(st.text(after + 8))) {
            model::LegalBasis basis;
            basis.law = b.at(0).get<std::string>();
            basis.article = b.at(1).get<int>();
            if (!b.at(2).is_null()) {
                basis.paragraph = b.at(2).get<int>();
            }
            if (!b.at(3).is_null()) {
                basis.item = b.at(3).get<int>();
            }
            if (!b.at(4).is_null()) {
                basis.version = b.at(4).get<std::string>();
            }
            item.basis.push_back(std::move(basis));
        }
        for (auto& type : st.strings(after + 9)) {
            item.violation_types.push_back({std::move(type), {}});
        }
        each(std::move(row));
    }
}

std::vector<BodyRow> bodies(const Database& database, const BodyFilter& filter) {
    std::string sql =
        "SELECT r.jurisdiction_id, (SELECT count(*) FROM item i WHERE i.revision_id = "
        "b.revision_id AND (i.body_id = b.id OR i.unit_id = b.id)), " +
        columns_of(model::body_description(), "b.") +
        " FROM body b JOIN latest_revision r ON r.id = b.revision_id WHERE 1";
    if (filter.jurisdiction) {
        sql += " AND r.jurisdiction_id = ?1";
    }
    if (filter.sector) {
        sql += " AND b.sector = ?2";
    }
    sql += " ORDER BY r.jurisdiction_id, b.rowid";
    Statement st(handle(database), sql);
    st.bind(1, filter.jurisdiction).bind(2, filter.sector);
    std::vector<BodyRow> out;
    while (st.step()) {
        BodyRow row{st.text(0), {}, st.integer(1)};
        read_fields(st, 2, model::body_description(), row.body, {});
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<model::Sector> sectors(const Database& database) {
    return stored_sectors(handle(database));
}

std::vector<std::string> jurisdictions(const Database& database) {
    Statement st(handle(database), "SELECT id FROM jurisdiction ORDER BY id");
    std::vector<std::string> out;
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

model::KnownWorld known_world(const Database& database) {
    sqlite3* db = handle(database);
    model::KnownWorld world;
    {
        Statement st(db, "SELECT id, level, parent_id FROM jurisdiction");
        while (st.step()) {
            world.jurisdictions[st.text(0)] = {*model::parse_level(st.text(1)),
                                               st.optional_text(2)};
        }
    }
    {
        Statement st(db,
                     "SELECT b.id, r.jurisdiction_id FROM body b JOIN latest_revision r ON "
                     "r.id = b.revision_id");
        while (st.step()) {
            world.bodies[st.text(0)] = st.text(1);
        }
    }
    {
        Statement st(db,
                     "SELECT i.code, r.jurisdiction_id FROM item i JOIN latest_revision r ON "
                     "r.id = i.revision_id");
        while (st.step()) {
            world.items[st.text(1)].insert(st.text(0));
        }
    }
    {
        Statement st(db, "SELECT id FROM violation_type");
        while (st.step()) {
            world.violation_types.insert(st.text(0));
        }
    }
    {
        Statement st(db, "SELECT code FROM sector");
        while (st.step()) {
            world.sectors.insert(st.text(0));
        }
    }
    return world;
}

std::vector<std::string> with_county(const Database& database, const std::string& jurisdiction) {
    Statement st(handle(database), "SELECT id, parent_id FROM jurisdiction WHERE id = ?1");
    st.bind(1, jurisdiction);
    if (!st.step()) {
        const auto near = text::closest(jurisdiction, jurisdictions(database), 1);
        throw Error(near.empty() ? fmt::format("unknown jurisdiction '{}'", jurisdiction)
                                 : fmt::format("unknown jurisdiction '{}'; did you mean '{}'?",
                                               jurisdiction, near.front()));
    }
    std::vector<std::string> out{st.text(0)};
    if (!st.is_null(1)) {
        out.push_back(st.text(1));
    }
    return out;
}

std::vector<std::string> violation_types_named(const Database& database, const std::string& text) {
    Statement st(handle(database),
                 "SELECT id FROM violation_type WHERE id = ?1 UNION SELECT id FROM violation_type "
                 "WHERE name = ?1 AND NOT EXISTS (SELECT 1 FROM violation_type WHERE id = ?1) "
                 "UNION SELECT violation_type_id FROM violation_alias WHERE alias = ?1 AND NOT "
                 "EXISTS (SELECT 1 FROM violation_type WHERE id = ?1) ORDER BY 1");
    st.bind(1, text);
    std::vector<std::string> out;
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

}  // namespace lawlist::store
