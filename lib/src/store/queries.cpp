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
    // Related lists come as JSON arrays, which keep any text whole.
    std::string sql =
        "SELECT r.jurisdiction_id, r.label, i.code, i.name, i.category, i.sector, i.body_id, "
        "coalesce(b.name, (SELECT sb.name FROM body sb JOIN latest_revision srv ON srv.id = "
        "  sb.revision_id WHERE sb.id = i.body_id)), i.delegation_from, "
        "(SELECT ob.name FROM body ob JOIN latest_revision orv ON orv.id = ob.revision_id "
        "  WHERE ob.id = i.delegation_from), i.delegation_mode, i.delegation_item, "
        "(SELECT json_group_array(d.jurisdiction_id || ':' || d.mode) FROM "
        "  item_delegated_to d WHERE d.item_id = i.id), "
        "(SELECT json_group_array(json_array(law, article, paragraph, item_no)) FROM (SELECT * "
        "  FROM item_basis ib WHERE ib.item_id = i.id ORDER BY ib.seq)), "
        "(SELECT json_group_array(v.violation_type_id) FROM item_violation v WHERE "
        "  v.item_id = i.id), i.remarks, i.source_path, i.source_line, i.unit_id, "
        "(SELECT ub.name FROM body ub WHERE ub.revision_id = i.revision_id AND ub.id = i.unit_id), "
        "(SELECT ub.name FROM body ub JOIN latest_revision urv ON urv.id = ub.revision_id WHERE "
        "  ub.id = i.unit_id) "
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
    while (st.step()) {
        ItemRow row;
        row.jurisdiction = st.text(0);
        row.revision = st.text(1);
        row.code = st.text(2);
        row.name = st.text(3);
        row.category = st.text(4);
        row.sector = st.text(5);
        row.body_id = st.text(6);
        row.body_name = st.text(7);
        row.delegation_from = st.optional_text(8);
        row.delegation_from_name = st.optional_text(9);
        row.delegation_mode = st.optional_text(10);
        row.delegation_item = st.optional_text(11);
        row.delegated_to = st.strings(12);
        for (const auto& b : nlohmann::json::parse(st.text(13))) {
            model::LegalBasis basis;
            basis.law = b.at(0).get<std::string>();
            basis.article = b.at(1).get<int>();
            if (!b.at(2).is_null()) {
                basis.paragraph = b.at(2).get<int>();
            }
            if (!b.at(3).is_null()) {
                basis.item = b.at(3).get<int>();
            }
            row.basis.push_back(basis.citation());
        }
        row.violation_types = st.strings(14);
        row.remarks = st.optional_text(15);
        row.source_path = st.text(16);
        row.source_line = st.integer(17);
        row.unit_id = st.optional_text(18);
        row.unit_name = st.is_null(19) ? st.optional_text(20) : st.optional_text(19);
        each(std::move(row));
    }
}

std::vector<BodyRow> bodies(const Database& database, const BodyFilter& filter) {
    std::string sql =
        "SELECT r.jurisdiction_id, b.id, b.name, b.kind, b.sector, b.parent_id, "
        "(SELECT count(*) FROM item i WHERE i.revision_id = b.revision_id AND (i.body_id = b.id OR "
        "i.unit_id = b.id)) "
        "FROM body b JOIN latest_revision r ON r.id = b.revision_id WHERE 1";
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
        out.push_back({st.text(0), st.text(1), st.text(2),
                       parse_stored(st.text(3), model::parse_body_kind, "body kind"),
                       st.optional_text(4), st.optional_text(5), st.integer(6)});
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
