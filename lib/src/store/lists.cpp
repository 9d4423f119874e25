#include "lawlist/store/lists.hpp"

#include <fmt/format.h>

#include "lawlist/store/lookup.hpp"
#include "statement.hpp"

namespace lawlist::store {

using detail::handle;

namespace {

// The revisions a listing reads: the labelled ones, else the latest of each jurisdiction.
// Parameter ?1 is the label.
std::string revisions_clause(const ListFilter& filter) {
    return filter.revision ? "(SELECT id FROM revision WHERE label = ?1)"
                           : "(SELECT id FROM latest_revision)";
}

// SQL for the name of body `id` as seen from revision `revision`: see Named.
std::string body_name_sql(const std::string& id, const std::string& revision) {
    return fmt::format(
        "coalesce((SELECT name FROM body WHERE revision_id = {1} AND id = {0}), (SELECT name FROM "
        "body WHERE id = {0} ORDER BY revision_id DESC LIMIT 1), {0})",
        id, revision);
}

// SQL for the bodies acting on violation type ?4 in `revisions`: the subjects and units of its
// items, the leads and cooperating bodies of its problems.
std::string acting_bodies_sql(const std::string& revisions) {
    const std::string items_of_type =
        " FROM item i JOIN item_violation iv ON iv.item_id = i.id WHERE iv.violation_type_id = ?4 "
        "AND i.revision_id IN " +
        revisions;
    return "(SELECT i.body_id" + items_of_type + " UNION SELECT i.unit_id" + items_of_type +
           " AND i.unit_id IS NOT NULL" +
           " UNION SELECT p.lead_id FROM problem p JOIN problem_violation pv ON pv.problem_id = "
           "p.id WHERE pv.violation_type_id = ?4 AND p.revision_id IN " +
           revisions +
           " UNION SELECT c.body_id FROM problem_cooperating c JOIN problem_violation pv ON "
           "pv.problem_id = c.problem_id JOIN problem p ON p.id = c.problem_id WHERE "
           "pv.violation_type_id = ?4 AND p.revision_id IN " +
           revisions + ")";
}

// The WHERE clause shared by the three lists: revisions (?1), jurisdiction (?2), and the body
// (?3) and type (?4) conditions the list defines.
std::string where_sql(const ListFilter& filter, const std::string& row_revision,
                      const std::string& body_condition, const std::string& type_condition) {
    std::string sql = " WHERE " + row_revision + " IN " + revisions_clause(filter);
    if (filter.jurisdiction) {
        sql += " AND r.jurisdiction_id = ?2";
    }
    if (filter.body) {
        sql += " AND (" + body_condition + ")";
    }
    if (filter.violation_type) {
        sql += " AND (" + type_condition + ")";
    }
    return sql;
}

void bind_filter(Statement& st, const ListFilter& filter) {
    st.bind(1, filter.revision)
        .bind(2, filter.jurisdiction)
        .bind(3, filter.body)
        .bind(4, filter.violation_type);
}

// The bodies a statement's rows name, as (id, name) pairs from columns 0 and 1.
std::vector<Named> named_rows(Statement& st, std::int64_t key) {
    st.reset();
    st.bind(1, key);
    std::vector<Named> out;
    while (st.step()) {
        out.push_back({st.text(0), st.text(1)});
    }
    return out;
}

}  // namespace

std::vector<ProblemRow> problems(const Database& database, const ListFilter& filter) {
    if (filter.revision) {
        check_revision_label(database, *filter.revision);
    }
    const auto& fields = model::problem_description();
    const std::string sql =
        "SELECT p.id, r.jurisdiction_id, r.label, p.source_path, p.source_line, " +
        columns_of(fields, "p.") + ", " + body_name_sql("p.lead_id", "p.revision_id") +
        ", (SELECT json_group_array(violation_type_id) FROM (SELECT violation_type_id FROM "
        "  problem_violation WHERE problem_id = p.id ORDER BY rowid)), "
        "(SELECT json_group_array(item_code) FROM (SELECT item_code FROM problem_item "
        "  WHERE problem_id = p.id ORDER BY rowid)) "
        "FROM problem p JOIN revision r ON r.id = p.revision_id" +
        where_sql(filter, "p.revision_id",
                  "p.lead_id = ?3 OR EXISTS (SELECT 1 FROM problem_cooperating c WHERE "
                  "c.problem_id = p.id AND c.body_id = ?3)",
                  "EXISTS (SELECT 1 FROM problem_violation pv WHERE pv.problem_id = p.id AND "
                  "pv.violation_type_id = ?4)") +
        " ORDER BY r.jurisdiction_id, p.id";
    Statement st(handle(database), sql);
    bind_filter(st, filter);
    Statement cooperating(handle(database),
                          "SELECT c.body_id, " + body_name_sql("c.body_id", "p.revision_id") +
                              " FROM problem_cooperating c JOIN problem p ON p.id = c.problem_id "
                              "WHERE c.problem_id = ?1 ORDER BY c.seq");
    std::vector<ProblemRow> out;
    while (st.step()) {
        ProblemRow row;
        row.jurisdiction = st.text(1);
        row.revision = st.text(2);
        row.source_path = st.text(3);
        row.source_line = st.integer(4);
        read_fields(st, 5, fields, row.problem, {});
        const int after = 5 + static_cast<int>(fields.fields.size());
        row.lead_name = st.text(after);
        for (auto& type : st.strings(after + 1)) {
            row.problem.violation_types.push_back({std::move(type), {}});
        }
        for (auto& code : st.strings(after + 2)) {
            row.problem.items.push_back({std::move(code), {}});
        }
        row.cooperating = named_rows(cooperating, st.integer(0));
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<WarningRow> warnings(const Database& database, const ListFilter& filter) {
    if (filter.revision) {
        check_revision_label(database, *filter.revision);
    }
    const auto& fields = model::warning_description();
    const std::string sql =
        "SELECT w.id, r.jurisdiction_id, r.label, w.source_path, w.source_line, " +
        columns_of(fields, "w.") + " FROM warning w JOIN revision r ON r.id = w.revision_id" +
        where_sql(filter, "w.revision_id",
                  "EXISTS (SELECT 1 FROM warning_body wb WHERE wb.warning_id = w.id AND "
                  "wb.body_id = ?3)",
                  "EXISTS (SELECT 1 FROM warning_body wb WHERE wb.warning_id = w.id AND "
                  "wb.body_id IN " +
                      acting_bodies_sql(revisions_clause(filter)) + ")") +
        " ORDER BY r.jurisdiction_id, w.id";
    Statement st(handle(database), sql);
    bind_filter(st, filter);
    // warning_body keeps no order of its own: its rowid is the order of the file.
    Statement applies(handle(database),
                      "SELECT wb.body_id, " + body_name_sql("wb.body_id", "w.revision_id") +
                          " FROM warning_body wb JOIN warning w ON w.id = wb.warning_id "
                          "WHERE wb.warning_id = ?1 ORDER BY wb.rowid");
    Statement basis(handle(database),
                    "SELECT law, article, paragraph, item_no, version FROM warning_basis WHERE "
                    "warning_id = ?1 ORDER BY seq");
    std::vector<WarningRow> out;
    while (st.step()) {
        WarningRow row;
        row.jurisdiction = st.text(1);
        row.revision = st.text(2);
        row.source_path = st.text(3);
        row.source_line = st.integer(4);
        read_fields(st, 5, fields, row.warning, {});
        row.applies_to = named_rows(applies, st.integer(0));
        basis.reset();
        basis.bind(1, st.integer(0));
        while (basis.step()) {
            row.warning.basis.push_back(basis_at(basis, 0));
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<MetricRow> metrics(const Database& database, const ListFilter& filter) {
    if (filter.revision) {
        check_revision_label(database, *filter.revision);
    }
    const std::string acting = acting_bodies_sql(revisions_clause(filter));
    const auto& fields = model::metric_description();
    const std::string sql =
        "SELECT m.id, r.jurisdiction_id, r.label, m.source_path, m.source_line, " +
        columns_of(fields, "m.") + ", " + body_name_sql("m.assessor_id", "m.revision_id") +
        " FROM metric m JOIN revision r ON r.id = m.revision_id" +
        where_sql(filter, "m.revision_id",
                  "m.assessor_id = ?3 OR EXISTS (SELECT 1 FROM metric_assessed ma WHERE "
                  "ma.metric_id = m.id AND ma.body_id = ?3)",
                  "m.assessor_id IN " + acting +
                      " OR EXISTS (SELECT 1 FROM metric_assessed ma WHERE ma.metric_id = m.id "
                      "AND ma.body_id IN " +
                      acting + ")") +
        " ORDER BY r.jurisdiction_id, m.id";
    Statement st(handle(database), sql);
    bind_filter(st, filter);
    Statement assessed(handle(database),
                       "SELECT ma.body_id, " + body_name_sql("ma.body_id", "m.revision_id") +
                           " FROM metric_assessed ma JOIN metric m ON m.id = ma.metric_id "
                           "WHERE ma.metric_id = ?1 ORDER BY ma.rowid");
    std::vector<MetricRow> out;
    while (st.step()) {
        MetricRow row;
        row.jurisdiction = st.text(1);
        row.revision = st.text(2);
        row.source_path = st.text(3);
        row.source_line = st.integer(4);
        read_fields(st, 5, fields, row.metric, {});
        row.assessor_name = st.text(5 + static_cast<int>(fields.fields.size()));
        row.assessed = named_rows(assessed, st.integer(0));
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<ViolationTypeRow> violation_types(const Database& database, const TypeFilter& filter) {
    std::string sql =
        "SELECT t.id, t.name, t.sector, t.description, t.source_path, t.source_line, "
        "(SELECT json_group_array(alias) FROM (SELECT alias FROM violation_alias WHERE "
        "  violation_type_id = t.id ORDER BY rowid)), "
        "(SELECT count(*) FROM item_violation iv JOIN item i ON i.id = iv.item_id WHERE "
        "  iv.violation_type_id = t.id AND i.revision_id IN (SELECT id FROM latest_revision)), "
        "(SELECT count(*) FROM problem_violation pv JOIN problem p ON p.id = pv.problem_id WHERE "
        "  pv.violation_type_id = t.id AND p.revision_id IN (SELECT id FROM latest_revision)) "
        "FROM violation_type t WHERE 1";
    if (filter.search) {
        sql +=
            " AND (instr(t.id, ?1) > 0 OR instr(t.name, ?1) > 0 OR EXISTS (SELECT 1 FROM "
            "violation_alias a WHERE a.violation_type_id = t.id AND instr(a.alias, ?1) > 0))";
    }
    if (filter.sector) {
        sql += " AND t.sector = ?2";
    }
    sql += " ORDER BY t.rowid";
    Statement st(handle(database), sql);
    st.bind(1, filter.search).bind(2, filter.sector);
    std::vector<ViolationTypeRow> out;
    while (st.step()) {
        ViolationTypeRow row;
        row.id = st.text(0);
        row.name = st.text(1);
        row.sector = st.text(2);
        row.description = st.optional_text(3);
        row.source_path = st.text(4);
        row.source_line = st.integer(5);
        row.aliases = st.strings(6);
        row.items = st.integer(7);
        row.problems = st.integer(8);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace lawlist::store
