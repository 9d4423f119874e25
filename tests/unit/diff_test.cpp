#include "lawlist/diff/diff.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "lawlist/diff/report.hpp"
#include "lawlist/diff/sides.hpp"
#include "lawlist/error.hpp"
#include "lawlist/export/html.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/load/load.hpp"
#include "synth/generator.hpp"
#include "test_support.hpp"

namespace lawlist::diff {
namespace {

using testing::TempDir;

// A change as a line: list, kinds, jurisdiction, code, old code, counterparts.
std::string describe(const Change& c) {
    std::string out = std::string(to_string(c.list)) + " [";
    for (const auto k : c.kinds) {
        out += std::string(to_string(k)) + " ";
    }
    out += "] " + c.jurisdiction + " " + c.entry().code;
    if (c.old_entry && c.new_entry && c.old_entry->code != c.new_entry->code) {
        out += " (was " + c.old_entry->code + ")";
    }
    std::vector<std::string> others;
    for (const auto& p : c.counterparts) {
        others.push_back(p.jurisdiction + ":" + p.old_code.value_or("-") + ">" +
                         p.new_code.value_or("-"));
    }
    std::sort(others.begin(), others.end());
    for (const auto& o : others) {
        out += " +" + o;
    }
    return out;
}

// Every detail of a change, fields included, for comparing whole results.
std::string full(const Change& c) {
    std::string out = describe(c) + " |";
    out += c.old_entry ? c.old_entry->name : "-";
    out += "|";
    out += c.new_entry ? c.new_entry->name : "-";
    for (const auto& f : c.fields) {
        out += " {" + f.field + ":";
        for (const auto& v : f.old_value) {
            out += v + ",";
        }
        out += ">";
        for (const auto& v : f.new_value) {
            out += v + ",";
        }
        out += "}";
    }
    return out;
}

std::multiset<std::string> described(const std::vector<Change>& changes, bool details = false) {
    std::multiset<std::string> out;
    for (const auto& c : changes) {
        out.insert(details ? full(c) : describe(c));
    }
    return out;
}

// ---- the bundled 2025 adjustment against its hand-written notice ---------------------------

// The rows of the Markdown table under the heading that starts with `heading`.
std::vector<std::vector<std::string>> table_rows(const std::string& markdown,
                                                 const std::string& heading) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(markdown);
    std::string line;
    bool inside = false;
    int seen = 0;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) {
            inside = line.rfind("## " + heading, 0) == 0;
            seen = 0;
            continue;
        }
        if (!inside || line.rfind("|", 0) != 0) {
            continue;
        }
        if (++seen <= 2) {
            continue;  // header and rule
        }
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream cells_in(line.substr(1));
        while (std::getline(cells_in, cell, '|')) {
            const auto a = cell.find_first_not_of(' ');
            const auto b = cell.find_last_not_of(' ');
            cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
        }
        rows.push_back(cells);
    }
    return rows;
}

// The bundled data loaded once for the tests that read it (a load takes a few seconds).
const store::Database& bundled() {
    static const TempDir dir;
    static const store::Database database = [] {
        for (const auto& paths : load::bundled_loads(testing::source_dir() / "data")) {
            load::load(paths, dir.path() / "db", testing::schemas(), std::nullopt);
        }
        return store::Database::open(dir.path() / "db", store::Database::Mode::read_only);
    }();
    return database;
}

void bundled_2025_adjustment_is_exactly_what_its_notice_documents() {
    const auto data = testing::source_dir() / "data";
    const auto& database = bundled();
    const auto result = compare(read_revision(database, "2024年版"),
                                read_revision(database, "2025年调整"), {std::nullopt, false});

    // What data/revisions/2025/CHANGES.md documents, read from its tables.
    const auto notice = testing::read_file(data / "revisions" / "2025" / "CHANGES.md");
    std::multiset<std::string> expected;
    for (const auto& row : table_rows(notice, "Added")) {
        expected.insert("power [delegated ] zechuan-county " + row[0] + " +shihe-town:->" + row[1]);
    }
    for (const auto& row : table_rows(notice, "Cancelled")) {
        expected.insert("power [cancelled ] zechuan-county " + row[1] + " +shihe-town:" + row[0] +
                        ">-");
    }
    for (const auto& row : table_rows(notice, "Recalled")) {
        expected.insert("power [recalled ] zechuan-county " + row[1] + " +shihe-town:" + row[0] +
                        ">-");
    }
    for (const auto& row : table_rows(notice, "Re-based")) {
        expected.insert("power [rebased ] zechuan-county " + row[0]);
    }
    for (const auto& row : table_rows(notice, "Renamed")) {
        expected.insert("power [renamed ] zechuan-county " + row[0] + " +shihe-town:" + row[1] +
                        ">" + row[1]);
    }
    // The problem-list entries its paragraphs name (问题清单 ... SH-WT-NNN), each with its items
    // changed, and those whose description it says was rewritten (问题描述 ..., on the next line
    // too), changed as well.
    std::set<std::string> problems;
    std::set<std::string> described_anew;
    {
        std::istringstream in(notice);
        std::string line;
        const std::regex code("SH-WT-[0-9]+");
        std::set<std::string>* into = nullptr;
        while (std::getline(in, line)) {
            if (line.rfind("问题清单", 0) == 0) {
                into = &problems;
            } else if (line.rfind("问题描述", 0) == 0) {
                into = &described_anew;
            } else if (line.empty() || line.rfind("SH-WT-", 0) != 0) {
                into = nullptr;
            }
            if (!into) {
                continue;
            }
            for (std::sregex_iterator it(line.begin(), line.end(), code), end; it != end; ++it) {
                into->insert(it->str());
            }
        }
    }
    ASSERT_EQ(problems.size(), 9u);
    ASSERT_EQ(described_anew.size(), 7u);
    for (const auto& p : problems) {
        expected.insert("problem [items-changed " +
                        std::string(described_anew.contains(p) ? "changed " : "") +
                        "] shihe-town " + p);
    }
    ASSERT_EQ(expected.size(), 6u + 4 + 5 + 3 + 2 + 9);

    EXPECT_EQ(described(result.changes), expected);
    EXPECT_EQ(result.count(List::power, Kind::delegated), 6u);
    EXPECT_EQ(result.count(List::power, Kind::cancelled), 4u);
    EXPECT_EQ(result.count(List::power, Kind::recalled), 5u);
    EXPECT_EQ(result.count(List::power, Kind::rebased), 3u);
    EXPECT_EQ(result.count(List::power, Kind::renamed), 2u);

    // The renamed items carry the notice's old and new names.
    for (const auto& row : table_rows(notice, "Renamed")) {
        const auto it = std::find_if(result.changes.begin(), result.changes.end(),
                                     [&](const Change& c) { return c.entry().code == row[0]; });
        ASSERT_NE(it, result.changes.end());
        EXPECT_EQ(it->old_entry->name, row[2]);
        EXPECT_EQ(it->new_entry->name, row[3]);
    }
}

// The 2026 revision re-bases items on revised laws: the diff holds exactly what its CHANGES.md
// lists (re-based items, whatever else changed with them; the item added and those cancelled; the
// problem whose items changed) and nothing more.
void bundled_2026_adjustment_is_exactly_what_its_notice_documents() {
    const auto data = testing::source_dir() / "data";
    const auto& database = bundled();
    const auto result = compare(read_revision(database, "2025年调整"),
                                read_revision(database, "2026年调整"), {std::nullopt, false});
    const auto notice = testing::read_file(data / "revisions" / "2026" / "CHANGES.md");
    auto first_code = [](const std::string& cell) { return cell.substr(0, cell.find(' ')); };
    std::set<std::string> expected;
    for (const auto& row : table_rows(notice, "Re-based")) {
        expected.insert("rebased " + first_code(row[0]));
    }
    for (const auto& row : table_rows(notice, "Added")) {
        expected.insert("added " + row[0]);
    }
    for (const auto& row : table_rows(notice, "Cancelled")) {
        expected.insert("cancelled " + row[0]);
    }
    ASSERT_EQ(expected.size(), 8u + 1 + 2);
    std::set<std::string> got;
    std::set<std::string> problems;
    for (const auto& c : result.changes) {
        if (c.list == List::problem) {
            problems.insert(c.entry().code);
            continue;
        }
        ASSERT_EQ(c.list, List::power) << describe(c);
        const auto has = [&](Kind k) {
            return std::find(c.kinds.begin(), c.kinds.end(), k) != c.kinds.end();
        };
        const std::string kind = has(Kind::rebased)     ? "rebased"
                                 : has(Kind::added)     ? "added"
                                 : has(Kind::cancelled) ? "cancelled"
                                                        : describe(c);
        got.insert(kind + " " + c.entry().code);
    }
    EXPECT_EQ(got, expected);
    EXPECT_EQ(problems, std::set<std::string>{"SH-WT-001"});
}

void recall_moves_the_matter_back_to_the_department() {
    const auto& database = bundled();
    const auto before = read_revision(database, "2024年版");
    const auto after = read_revision(database, "2025年调整");
    const auto result = compare(before, after);
    // ZC-HOU-QT-001 (竣工验收备案) went back to the county, and no other 石河镇 item covers its
    // violation types: in 石河镇 they move from the township's team to the county department
    // holding the item.
    const auto* county = after.find("zechuan-county");
    ASSERT_NE(county, nullptr);
    const auto item = std::find_if(county->items.begin(), county->items.end(),
                                   [](const model::Item& i) { return i.code == "ZC-HOU-QT-001"; });
    ASSERT_NE(item, county->items.end());
    for (const auto& type : item->violation_types) {
        const auto r = std::find_if(
            result.resolutions.begin(), result.resolutions.end(), [&](const ResolutionChange& x) {
                return x.jurisdiction == "shihe-town" && x.violation_type == type.id;
            });
        ASSERT_NE(r, result.resolutions.end()) << type.id;
        // Before, the town acted on it: alone, or discovering and transferring the case.
        EXPECT_TRUE(r->old_outcome.route == resolve::Route::township ||
                    r->old_outcome.route == resolve::Route::transfer)
            << type.id;
        EXPECT_EQ(r->new_outcome.route, resolve::Route::department);
        ASSERT_TRUE(r->new_outcome.handler.has_value());
        EXPECT_EQ(r->new_outcome.handler->id, item->body.id);
    }
    // Every reported difference is one: the route, the handler or the lead differs.
    const resolve::Resolver old_resolver(before);
    const resolve::Resolver new_resolver(after);
    for (const auto& r : result.resolutions) {
        const auto x = old_resolver.resolve(r.jurisdiction, r.violation_type);
        const auto y = new_resolver.resolve(r.jurisdiction, r.violation_type);
        auto id = [](const std::optional<resolve::BodyInfo>& b) { return b ? b->id : ""; };
        EXPECT_TRUE(x.route != y.route || id(x.handler) != id(y.handler) ||
                    id(x.lead) != id(y.lead))
            << r.violation_type;
    }
}

void the_notice_as_a_document_has_one_sheet_per_table() {
    const auto& database = bundled();
    const auto result = compare(read_revision(database, "2024年版"),
                                read_revision(database, "2025年调整"), {std::nullopt, false});
    const auto document = to_document(result);
    EXPECT_NO_THROW(exporting::check(document));
    std::map<std::string, std::size_t> rows;
    for (const auto& sheet : document.sheets) {
        rows[sheet.key] = sheet.row_count();
        EXPECT_EQ(sheet.title, document.title);
    }
    EXPECT_EQ(rows["power-delegated"], result.count(List::power, Kind::delegated));
    EXPECT_EQ(rows["power-cancelled"], result.count(List::power, Kind::cancelled));
    EXPECT_EQ(rows["power-rebased"], result.count(List::power, Kind::rebased));
    EXPECT_EQ(rows["problem"], 9u);
    const auto delegated = std::find_if(document.sheets.begin(), document.sheets.end(),
                                        [](const auto& s) { return s.key == "power-delegated"; });
    ASSERT_NE(delegated, document.sheets.end());
    std::vector<std::string> headers;
    for (const auto& c : delegated->columns) {
        headers.push_back(c.header);
    }
    EXPECT_EQ(headers, (std::vector<std::string>{"县事项", "乡镇事项", "事项名称", "设定依据"}));
}

void unknown_revision_label_fails_with_a_suggestion() {
    try {
        read_revision(bundled(), "2024年");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "unknown revision '2024年'; did you mean '2024年版'?");
    }
}

void a_label_keeps_jurisdictions_it_left_out_at_their_earlier_revision() {
    const auto side = read_revision(bundled(), "2025年调整");
    ASSERT_NE(side.find("shihe-town"), nullptr);
    EXPECT_EQ(side.find("shihe-town")->jurisdiction.revision, "2025年调整");
    // 东城街道 is not part of the 2025 adjustment: it stays at 2024年版 rather than vanishing.
    ASSERT_NE(side.find("dongcheng-subdistrict"), nullptr);
    EXPECT_EQ(side.find("dongcheng-subdistrict")->jurisdiction.revision, "2024年版");
}

void files_compare_like_the_revisions_they_were_loaded_as() {
    const auto data = testing::source_dir() / "data";
    const auto& database = bundled();
    auto db = [&]() -> const store::Database& { return database; };
    // A draft already loaded changes nothing.
    const auto same =
        read_sides("2025年调整", (data / "revisions" / "2025").string(), testing::schemas(), db);
    EXPECT_TRUE(compare(same.first, same.second).empty());
    // Folders on both sides: the revision folder is completed from the base, the vocabulary
    // comes from the database.
    const auto files = read_sides((data / "base").string(), (data / "revisions" / "2025").string(),
                                  testing::schemas(), db);
    const auto labels =
        compare(read_revision(database, "2024年版"), read_revision(database, "2025年调整"));
    const auto from_files = compare(files.first, files.second);
    EXPECT_EQ(described(from_files.changes, true), described(labels.changes, true));
    EXPECT_EQ(from_files.resolutions.size(), labels.resolutions.size());
    EXPECT_EQ(from_files.findings.size(), labels.findings.size());
}

// The bundled data takes seconds to load, once per test process: its checks run in two tests.
TEST(Diff, bundled_2024_to_2025_lists_the_adjustment_its_notice_documents) {
    for (const auto& [name, check] : std::vector<std::pair<std::string, void (*)()>>{
             {"exactly what CHANGES.md documents",
              bundled_2025_adjustment_is_exactly_what_its_notice_documents},
             {"2026: exactly what its CHANGES.md documents",
              bundled_2026_adjustment_is_exactly_what_its_notice_documents},
             {"one sheet per table", the_notice_as_a_document_has_one_sheet_per_table},
             {"unknown label", unknown_revision_label_fails_with_a_suggestion},
             {"label keeps the others",
              a_label_keeps_jurisdictions_it_left_out_at_their_earlier_revision}}) {
        SCOPED_TRACE(name);
        check();
    }
}

TEST(Diff, bundled_2024_to_2025_impact_and_files_read_as_sides) {
    {
        SCOPED_TRACE("recall moves the matter back to the department");
        recall_moves_the_matter_back_to_the_department();
    }
    {
        SCOPED_TRACE("files compare like the revisions they were loaded as");
        files_compare_like_the_revisions_they_were_loaded_as();
    }
}

// ---- properties on generated revisions ------------------------------------------------------

model::Bundle synthetic(const TempDir& dir, std::uint64_t seed) {
    synth::Parameters p;
    p.items = 400;
    p.departments = 6;
    p.townships = 3;
    p.delegated_share = 0.25;
    p.seed = seed;
    const auto folder = dir.path() / ("synth-" + std::to_string(seed));
    synth::generate(p, folder);
    std::vector<Diagnostic> diagnostics;
    auto bundle = io::read_bundle({folder}, testing::schemas(), diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    return bundle;
}

model::ListSet& set_of(model::Bundle& b, const std::string& id) {
    for (auto& s : b.list_sets) {
        if (s.jurisdiction.id == id) {
            return s;
        }
    }
    throw std::runtime_error("no list set " + id);
}

// Applies random edits of every kind to `b` and returns the changes they must produce.
class Editor {
  public:
    Editor(model::Bundle& b, std::uint64_t seed) : m_b(b), m_random(seed) {
        auto& county = set_of(m_b, "synth-county");
        for (std::size_t i = 0; i < county.items.size(); ++i) {
            (county.items[i].delegated_to.empty() ? m_plain : m_delegated)
                .push_back(county.items[i].code);
        }
        std::shuffle(m_plain.begin(), m_plain.end(), m_random);
        std::shuffle(m_delegated.begin(), m_delegated.end(), m_random);
    }

    std::multiset<std::string> apply_all() {
        add();
        cancel();
        delegate();
        recall();
        rename();
        rebase();
        recode();
        field("holder-changed",
              [](model::Item& i) { i.body.id = i.body.id == "dept-0" ? "dept-1" : "dept-0"; });
        field("category-changed", [](model::Item& i) {
            i.category = i.category == model::Category::inspection ? model::Category::penalty
                                                                   : model::Category::inspection;
        });
        field("types-changed", [](model::Item& i) {
            i.violation_types.push_back({"vt-0", {}});
            i.violation_types.push_back({"vt-1", {}});
        });
        mode();
        others();
        return m_expected;
    }

  private:
    model::ListSet& county() { return set_of(m_b, "synth-county"); }
    model::Item& county_item(const std::string& code) {
        for (auto& i : county().items) {
            if (i.code == code) {
                return i;
            }
        }
        throw std::runtime_error("no item " + code);
    }
    std::string take(std::vector<std::string>& from) {
        auto code = from.back();
        from.pop_back();
        return code;
    }
    // The township copies of a county item: (township, code).
    std::vector<std::pair<std::string, std::string>> copies(const std::string& code) {
        std::vector<std::pair<std::string, std::string>> out;
        for (auto& s : m_b.list_sets) {
            for (auto& i : s.items) {
                if (i.delegation && i.delegation->item.id == code) {
                    out.emplace_back(s.jurisdiction.id, i.code);
                }
            }
        }
        return out;
    }
    void expect(const std::string& kinds, const std::string& code, std::string rest = "") {
        m_expected.insert("power [" + kinds + " ] synth-county " + code + rest);
    }

    void add() {
        model::Item item = county_item(m_plain.front());
        item.code = "SC-NEW-000001";
        item.name = "对新增合成事项的行政处罚";
        county().items.push_back(item);
        expect("added", item.code);
    }
    void cancel() {
        const auto code = take(m_delegated);
        std::string rest;
        std::vector<std::string> parts;
        for (const auto& [town, copy] : copies(code)) {
            parts.push_back(" +" + town + ":" + copy + ">-");
            std::erase_if(set_of(m_b, town).items,
                          [&](const model::Item& i) { return i.code == copy; });
        }
        std::sort(parts.begin(), parts.end());
        for (const auto& p : parts) {
            rest += p;
        }
        std::erase_if(county().items, [&](const model::Item& i) { return i.code == code; });
        expect("cancelled", code, rest);
    }
    void delegate() {
        const auto code = take(m_plain);
        auto& item = county_item(code);
        item.delegated_to.push_back({{"town-01", {}}, model::DelegationMode::grant});
        model::Item copy = item;
        copy.delegated_to.clear();
        copy.code = "T01-NEW-" + code;
        copy.body.id = "town-01-team";
        copy.delegation =
            model::Delegation{{item.body.id, {}}, model::DelegationMode::grant, {code, {}}};
        set_of(m_b, "town-01").items.push_back(copy);
        expect("delegated", code, " +town-01:->" + copy.code);
    }
    void recall() {
        const auto code = take(m_delegated);
        auto& item = county_item(code);
        const auto town = item.delegated_to.front().jurisdiction.id;
        item.delegated_to.erase(item.delegated_to.begin());
        std::string copy_code;
        for (const auto& [t, copy] : copies(code)) {
            if (t == town) {
                copy_code = copy;
            }
        }
        std::erase_if(set_of(m_b, town).items,
                      [&](const model::Item& i) { return i.code == copy_code; });
        expect("recalled", code, " +" + town + ":" + copy_code + ">-");
    }
    void rename() {
        const auto code = take(m_delegated);
        const std::string name = "对更名后的合成事项的行政处罚";
        county_item(code).name = name;
        std::vector<std::string> parts;
        for (const auto& [town, copy] : copies(code)) {
            for (auto& i : set_of(m_b, town).items) {
                if (i.code == copy) {
                    i.name = name;
                }
            }
            parts.push_back(" +" + town + ":" + copy + ">" + copy);
        }
        std::sort(parts.begin(), parts.end());
        std::string rest;
        for (const auto& p : parts) {
            rest += p;
        }
        expect("renamed", code, rest);
    }
    void rebase() {
        const auto code = take(m_plain);
        county_item(code).basis = {{"中华人民共和国新法", 7, 2, std::nullopt, std::nullopt}};
        expect("rebased", code);
    }
    void recode() {
        const auto code = take(m_plain);
        county_item(code).code = "SC-RECODED-1";
        expect("recoded", "SC-RECODED-1", " (was " + code + ")");
    }
    template <typename Fn>
    void field(const std::string& kind, Fn fn) {
        const auto code = take(m_plain);
        fn(county_item(code));
        expect(kind, code);
    }
    void mode() {
        const auto code = take(m_delegated);
        auto& item = county_item(code);
        auto& grant = item.delegated_to.front();
        const auto to = grant.mode == model::DelegationMode::grant
                            ? model::DelegationMode::entrustment
                            : model::DelegationMode::grant;
        grant.mode = to;
        std::string copy_code;
        for (auto& i : set_of(m_b, grant.jurisdiction.id).items) {
            if (i.delegation && i.delegation->item.id == code) {
                i.delegation->mode = to;
                copy_code = i.code;
            }
        }
        expect("mode-changed", code,
               " +" + grant.jurisdiction.id + ":" + copy_code + ">" + copy_code);
    }
    void others() {
        auto& town = set_of(m_b, "town-02");
        town.problems.front().lead.id =
            town.problems.front().lead.id == "dept-2" ? "dept-3" : "dept-2";
        m_expected.insert("problem [lead-changed ] town-02 " + town.problems.front().code);
        const auto gone = town.problems.back().code;
        town.problems.pop_back();
        m_expected.insert("problem [removed ] town-02 " + gone);
        auto& other = set_of(m_b, "town-01");
        other.problems.front().items.push_back({"SC-0-000000", {}});
        m_expected.insert("problem [items-changed ] town-01 " + other.problems.front().code);
        other.problems.back().cooperating.push_back({"dept-5", {}});
        m_expected.insert("problem [cooperating-changed ] town-01 " + other.problems.back().code);
        model::Problem fresh = other.problems.front();
        fresh.code = "P01-NEW";
        other.problems.push_back(fresh);
        m_expected.insert("problem [added ] town-01 P01-NEW");
        other.metrics.front().value = 90;
        m_expected.insert("performance [target-changed ] town-01 " + other.metrics.front().code);
        m_expected.insert("warning [removed ] town-01 " + other.warnings.front().code);
        other.warnings.clear();
        town.warnings.front().consequence = "约谈主要负责人";
        m_expected.insert("warning [changed ] town-02 " + town.warnings.front().code);
        town.metrics.front().weight = 50;
        m_expected.insert("performance [weight-changed ] town-02 " + town.metrics.front().code);
        town.jurisdiction.bodies.front().name = "合成镇综合执法大队";
        m_expected.insert("body [renamed ] town-02 " + town.jurisdiction.bodies.front().id);
        model::Body extra = county().jurisdiction.bodies.front();
        extra.id = "dept-new";
        county().jurisdiction.bodies.push_back(extra);
        m_expected.insert("body [added ] synth-county dept-new");
    }

    model::Bundle& m_b;
    std::mt19937_64 m_random;
    std::vector<std::string> m_plain;
    std::vector<std::string> m_delegated;
    std::multiset<std::string> m_expected;
};

TEST(DiffProperties, a_revision_against_itself_is_empty) {
    TempDir dir;
    const auto a = synthetic(dir, 11);
    const auto result = compare(a, a);
    EXPECT_TRUE(result.empty());
    EXPECT_TRUE(result.changes.empty());
    EXPECT_TRUE(result.resolutions.empty());
    EXPECT_TRUE(result.findings.empty());
}

TEST(DiffProperties, random_edits_of_every_kind_are_recovered_exactly) {
    TempDir dir;
    const auto a = synthetic(dir, 12);
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        auto b = a;
        const auto expected = Editor(b, seed).apply_all();
        const auto result = compare(a, b, {std::nullopt, false});
        EXPECT_EQ(described(result.changes), expected) << "seed " << seed;
    }
}

TEST(DiffProperties, comparing_the_other_way_inverts_every_change) {
    TempDir dir;
    const auto a = synthetic(dir, 13);
    for (const std::uint64_t seed : {6u, 7u, 8u}) {
        auto b = a;
        Editor(b, seed).apply_all();
        const auto forward = compare(a, b);
        const auto backward = compare(b, a);
        std::vector<Change> inverted;
        for (const auto& c : forward.changes) {
            inverted.push_back(invert(c));
        }
        EXPECT_EQ(described(backward.changes, true), described(inverted, true)) << "seed " << seed;
        ASSERT_EQ(backward.resolutions.size(), forward.resolutions.size());
        ASSERT_EQ(backward.findings.size(), forward.findings.size());
        for (std::size_t i = 0; i < forward.resolutions.size(); ++i) {
            const auto& f = forward.resolutions[i];
            const auto& r = backward.resolutions[i];
            EXPECT_EQ(f.violation_type, r.violation_type);
            EXPECT_EQ(f.old_outcome.route, r.new_outcome.route);
            EXPECT_EQ(f.new_outcome.route, r.old_outcome.route);
        }
        std::multiset<std::string> appeared;
        std::multiset<std::string> disappeared;
        for (const auto& f : forward.findings) {
            (f.appeared ? appeared : disappeared)
                .insert(std::string(audit::to_string(f.finding.code)) + f.finding.message);
        }
        for (const auto& f : backward.findings) {
            (f.appeared ? disappeared : appeared)
                .erase(
                    (f.appeared ? disappeared : appeared)
                        .find(std::string(audit::to_string(f.finding.code)) + f.finding.message));
        }
        EXPECT_TRUE(appeared.empty());
        EXPECT_TRUE(disappeared.empty());
    }
}

TEST(DiffProperties, recoding_with_a_rename_is_a_cancellation_and_an_addition) {
    TempDir dir;
    const auto a = synthetic(dir, 14);
    auto b = a;
    auto& item = set_of(b, "synth-county").items.back();
    ASSERT_TRUE(item.delegated_to.empty() || true);
    const auto old_code = item.code;
    item.code = "SC-OTHER-1";
    item.name = "对另一合成事项的行政处罚";
    const auto result = compare(a, b, {std::nullopt, false});
    std::multiset<std::string> kinds;
    for (const auto& c : result.changes) {
        if (c.list == List::power && c.jurisdiction == "synth-county") {
            kinds.insert(std::string(to_string(c.kinds.front())) + " " + c.entry().code);
        }
    }
    EXPECT_TRUE(kinds.contains("added SC-OTHER-1"));
    EXPECT_TRUE(kinds.contains("cancelled " + old_code));
}

TEST(DiffProperties, a_jurisdiction_filter_keeps_changes_touching_it) {
    TempDir dir;
    const auto a = synthetic(dir, 15);
    auto b = a;
    Editor(b, 9).apply_all();
    const auto all = compare(a, b, {std::nullopt, false});
    const auto town = compare(a, b, {std::string("town-01"), false});
    std::size_t touching = 0;
    for (const auto& c : all.changes) {
        bool t = c.jurisdiction == "town-01";
        for (const auto& p : c.counterparts) {
            t = t || p.jurisdiction == "town-01";
        }
        touching += t ? 1 : 0;
    }
    EXPECT_EQ(town.changes.size(), touching);
    EXPECT_GT(touching, 0u);
}

TEST(DiffFields, a_field_added_to_a_description_is_diffed_with_no_other_edit) {
    model::Description<model::Item> description = model::item_description();
    description.fields.push_back(
        {"approval/office", "审批机关", "approval_office", false,
         [](const model::Item& item) { return model::FieldValue(item.name + "审批科"); },
         [](model::Item&, const model::FieldValue&, const model::Location&) { return true; }});
    description.fields.push_back(
        {"days", "办理时限", "days", true,
         [](const model::Item& item) {
             return model::FieldValue(static_cast<double>(item.basis.size()));
         },
         [](model::Item&, const model::FieldValue&, const model::Location&) { return true; }});
    model::Item a;
    a.code = "ZC-1";
    a.name = "甲";
    model::Item b = a;
    b.name = "乙";
    b.basis.push_back({"中华人民共和国某法", 3, std::nullopt, std::nullopt, std::nullopt});
    const auto fields = described_changes(description, a, b, "code");
    ASSERT_EQ(fields.size(), 3u);
    EXPECT_EQ(fields[0].field, "name");
    EXPECT_EQ(fields[1].field, "approval");
    EXPECT_EQ(fields[1].old_value, std::vector<std::string>{"甲审批科"});
    EXPECT_EQ(fields[1].new_value, std::vector<std::string>{"乙审批科"});
    EXPECT_EQ(fields[2].field, "days");
    EXPECT_EQ(fields[2].old_value, std::vector<std::string>{"0"});
    EXPECT_EQ(fields[2].new_value, std::vector<std::string>{"1"});
    // The pairing key is compared where entries are paired; a field marked not diffed
    // (remarks) is left out.
    b = a;
    b.code = "ZC-2";
    b.remarks = "另行公布";
    EXPECT_TRUE(described_changes(description, a, b, "code").empty());
    description.fields.back().diffed = false;
    b = a;
    b.basis.push_back({"中华人民共和国某法", 3, std::nullopt, std::nullopt, std::nullopt});
    EXPECT_TRUE(described_changes(description, a, b, "code").empty());
}

TEST(DiffFields, units_and_descriptions_are_compared_and_remarks_are_not) {
    TempDir dir;
    const auto a = synthetic(dir, 17);
    auto b = a;
    auto& county = set_of(b, "synth-county");
    model::Item& unit_changed = county.items.at(0);
    unit_changed.unit = model::Ref{"a-unit-of-its-own", {}};
    county.items.at(1).remarks = "另行公布";
    auto& town = set_of(b, "town-01");
    town.problems.front().description = "新的问题描述";
    town.metrics.front().description = "新的指标说明";
    std::multiset<std::string> found;
    for (const auto& c : compare(a, b, {std::nullopt, false}).changes) {
        std::string line = std::string(to_string(c.list)) + " " + c.entry().code;
        for (const auto k : c.kinds) {
            line += " " + std::string(to_string(k));
        }
        for (const auto& f : c.fields) {
            line += " " + f.field;
        }
        found.insert(line);
    }
    EXPECT_EQ(found, (std::multiset<std::string>{
                         "power " + unit_changed.code + " changed unit",
                         "problem " + town.problems.front().code + " changed description",
                         "performance " + town.metrics.front().code + " changed description",
                     }));
}

TEST(DiffReport, json_records_follow_the_contract) {
    TempDir dir;
    const auto a = synthetic(dir, 16);
    auto b = a;
    Editor(b, 10).apply_all();
    const auto records = to_json(compare(a, b));
    ASSERT_FALSE(records.empty());
    for (const auto& r : records) {
        const auto list = r.at("list").get<std::string>();
        if (list == "impact") {
            EXPECT_TRUE(r.at("old").contains("route"));
            EXPECT_TRUE(r.at("new").contains("handler"));
            EXPECT_TRUE(r.at("violation_type").contains("name"));
            continue;
        }
        if (list == "audit") {
            continue;
        }
        for (const auto* key : {"list", "kinds", "jurisdiction", "code", "old_code", "name",
                                "counterparts", "fields"}) {
            EXPECT_TRUE(r.contains(key)) << key;
        }
        for (const auto& k : r.at("kinds")) {
            EXPECT_TRUE(parse_kind(k.get<std::string>()).has_value());
        }
    }
}

TEST(DiffReport, csv_starts_with_a_byte_order_mark) {
    Result empty;
    EXPECT_EQ(render_csv(empty).rfind("\xEF\xBB\xBF", 0), 0u);
}

TEST(DiffReport, each_output_goes_to_the_file_named_or_to_the_stream) {
    TempDir dir;
    const auto a = synthetic(dir, 16);
    auto b = a;
    Editor(b, 10).apply_all();
    const auto result = compare(a, b);
    using format::DocumentOutput;
    const std::map<DocumentOutput, std::string> expected = {
        {DocumentOutput::table, render_text(result)},
        {DocumentOutput::json, format::dump_json(to_json(result))},
        {DocumentOutput::csv, render_csv(result)},
        {DocumentOutput::markdown, render_markdown(result)},
        {DocumentOutput::html, exporting::render_html(to_document(result))},
    };
    for (const auto& [output, text] : expected) {
        std::ostringstream shown;
        write(result, output, "-", shown);
        EXPECT_EQ(shown.str(), text) << format::to_string(output);
        std::ostringstream none;
        const auto path = dir.path() / (std::string(format::to_string(output)) + ".out");
        write(result, output, path.string(), none);
        EXPECT_EQ(none.str(), "") << format::to_string(output);
        EXPECT_EQ(testing::read_file(path), text) << format::to_string(output);
    }
    std::ostringstream lines;
    write(result, DocumentOutput::jsonl, "-", lines);
    const std::string jsonl = lines.str();
    EXPECT_EQ(static_cast<std::size_t>(std::count(jsonl.begin(), jsonl.end(), '\n')),
              to_json(result).size());
    std::ostringstream binary;
    EXPECT_THROW(write(result, DocumentOutput::xlsx, "-", binary), Error);
    EXPECT_EQ(binary.str(), "");
}

}  // namespace
}  // namespace lawlist::diff
