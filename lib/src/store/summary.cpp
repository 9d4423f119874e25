#include "lawlist/store/summary.hpp"

#include "statement.hpp"

namespace lawlist::store {

Summary summarize(const Database& database, const std::string& only) {
    sqlite3* db = detail::handle(database);
    Summary summary;
    Statement revisions(db,
                        "SELECT j.id, j.name, j.level, r.label, r.id FROM latest_revision r JOIN "
                        "jurisdiction j ON j.id = r.jurisdiction_id WHERE ?1 = '' OR j.id = ?1 "
                        "ORDER BY j.level != 'county', j.id");
    revisions.bind(1, only);
    while (revisions.step()) {
        JurisdictionSummary s;
        s.id = revisions.text(0);
        s.name = revisions.text(1);
        s.level = revisions.text(2);
        s.revision = revisions.text(3);
        const std::int64_t revision = revisions.integer(4);
        auto count = [&](const char* sql) {
            Statement st(db, sql);
            st.bind(1, revision);
            return st.step() ? st.integer(0) : 0;
        };
        s.items = count("SELECT count(*) FROM item WHERE revision_id = ?1");
        s.delegated_in = count(
            "SELECT count(*) FROM item WHERE revision_id = ?1 AND delegation_from IS NOT NULL");
        s.delegated_out = count(
            "SELECT count(*) FROM item i WHERE revision_id = ?1 AND EXISTS (SELECT 1 FROM "
            "item_delegated_to d WHERE d.item_id = i.id)");
        s.problems = count("SELECT count(*) FROM problem WHERE revision_id = ?1");
        s.warnings = count("SELECT count(*) FROM warning WHERE revision_id = ?1");
        s.metrics = count("SELECT count(*) FROM metric WHERE revision_id = ?1");

        // Departments in the order their bodies are declared: own bodies first, then county
        // bodies that delegated items (in the county's order).
        Statement departments(
            db,
            "SELECT coalesce(i.delegation_from, i.body_id) AS dept, i.category, count(*), "
            "(SELECT b.name FROM body b JOIN latest_revision lr ON lr.id = b.revision_id WHERE "
            "b.id = coalesce(i.delegation_from, i.body_id)), "
            "(SELECT min(b.rowid) + (CASE WHEN b.revision_id = ?1 THEN 0 ELSE 1000000000 END) FROM "
            "body b JOIN latest_revision lr ON lr.id = b.revision_id WHERE b.id = "
            "coalesce(i.delegation_from, i.body_id)) AS position "
            "FROM item i WHERE i.revision_id = ?1 GROUP BY dept, i.category ORDER BY position, "
            "dept");
        departments.bind(1, revision);
        while (departments.step()) {
            const std::string id = departments.text(0);
            if (s.by_department.empty() || s.by_department.back().body_id != id) {
                s.by_department.push_back({id, departments.text(3), {}, 0});
            }
            auto& d = s.by_department.back();
            const std::string category = departments.text(1);
            const std::int64_t n = departments.integer(2);
            d.by_category[category] += n;
            d.total += n;
            s.by_category[category] += n;
        }
        summary.jurisdictions.push_back(std::move(s));
    }
    Statement types(db, "SELECT sector, count(*) FROM violation_type GROUP BY sector");
    while (types.step()) {
        summary.violation_types_by_sector[types.text(0)] = types.integer(1);
        summary.violation_types += types.integer(1);
    }
    summary.sectors = stored_sectors(db);
    Statement aliases(db, "SELECT count(*) FROM violation_alias");
    summary.aliases = aliases.step() ? aliases.integer(0) : 0;
    return summary;
}

}  // namespace lawlist::store
