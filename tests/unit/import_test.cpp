// lawlist import over spreadsheets written the way counties write them (built here with
// libxlsxwriter and ICU, not stored as binary files), and the round trip over the bundled data.
#include "lawlist/import/importer.hpp"

#include <map>
#include <set>

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <xlsxwriter.h>

#include "lawlist/classify/session.hpp"
#include "lawlist/export/publication.hpp"
#include "lawlist/export/xlsx.hpp"
#include "lawlist/import/bodies.hpp"
#include "lawlist/import/workbook.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/load/load.hpp"
#include "test_support.hpp"

namespace lawlist::import_ {
namespace {

using testing::TempDir;

// A cell range merged in a test workbook: rows and columns 0-based, inclusive.
struct Merge {
    int first_row, first_col, last_row, last_col;
};

// Writes one sheet of text cells; merged ranges carry the text of their first cell.
void write_xlsx(const std::filesystem::path& path, const std::string& sheet_name,
                const std::vector<std::vector<std::string>>& rows,
                const std::vector<Merge>& merges = {}) {
    lxw_workbook* workbook = workbook_new(path.string().c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            if (!rows[r][c].empty()) {
                worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                       rows[r][c].c_str(), nullptr);
            }
        }
    }
    for (const auto& m : merges) {
        const std::string text =
            rows[static_cast<std::size_t>(m.first_row)][static_cast<std::size_t>(m.first_col)];
        worksheet_merge_range(sheet, static_cast<lxw_row_t>(m.first_row),
                              static_cast<lxw_col_t>(m.first_col),
                              static_cast<lxw_row_t>(m.last_row),
                              static_cast<lxw_col_t>(m.last_col), text.c_str(), nullptr);
    }
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

std::string to_gbk(const std::string& utf8) {
    const auto unicode = icu::UnicodeString::fromUTF8(utf8);
    std::string out(static_cast<std::size_t>(unicode.length()) * 4 + 4, '\0');
    const auto n = unicode.extract(0, unicode.length(), out.data(),
                                   static_cast<std::uint32_t>(out.size()), "GBK");
    out.resize(static_cast<std::size_t>(n));
    return out;
}

TEST(Workbook, names_columns_as_spreadsheets_do) {
    EXPECT_EQ(column_letters(0), "A");
    EXPECT_EQ(column_letters(25), "Z");
    EXPECT_EQ(column_letters(26), "AA");
    EXPECT_EQ(column_index("F"), 5u);
    EXPECT_EQ(column_index("aa"), 26u);
    EXPECT_EQ(column_index("事项"), std::string_view::npos);
}

TEST(Workbook, reads_csv_in_the_encodings_excel_writes) {
    const std::string text =
        "事项名称,设定依据\n\"对乱扔垃圾的\n行政处罚\",\"《条例》第三十四条，第三十六条\"\n";
    std::string encoding;
    EXPECT_EQ(to_utf8("\xEF\xBB\xBF" + text, encoding), text);
    EXPECT_EQ(encoding, "UTF-8 with BOM");
    EXPECT_EQ(to_utf8(to_gbk(text), encoding), text);
    EXPECT_EQ(encoding, "GB18030");
    EXPECT_NE(to_gbk(text), text);  // the test does write GBK bytes

    const Sheet sheet = read_csv(to_gbk(text), "list.csv");
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(sheet.cell(1, 0), "对乱扔垃圾的\n行政处罚");
    EXPECT_EQ(sheet.cell(1, 1), "《条例》第三十四条，第三十六条");
    EXPECT_EQ(sheet.where(1, 1), "list.csv:3:7");  // where the cell starts, in characters
}

TEST(Workbook, reads_xlsx_and_carries_merged_cells_down) {
    TempDir dir;
    const auto path = dir.path() / "list.xlsx";
    write_xlsx(
        path, "权责清单",
        {{"泽川县权责清单"}, {"部门", "事项名称"}, {"县水利局", "甲"}, {"", "乙"}, {"", "丙"}},
        {{0, 0, 0, 1}, {2, 0, 4, 0}});
    const auto sheets = read_workbook(path);
    ASSERT_EQ(sheets.size(), 1u);
    const auto& sheet = sheets[0];
    EXPECT_EQ(sheet.name, "权责清单");
    EXPECT_EQ(sheet.cell(0, 0), "泽川县权责清单");
    EXPECT_EQ(sheet.cell(0, 1), "");  // a merge across columns stays in its first cell
    EXPECT_EQ(sheet.cell(4, 0), "县水利局");
    EXPECT_EQ(sheet.cell(4, 1), "丙");
    EXPECT_EQ(sheet.where(22, 5), path.string() + ":权责清单!F23");
}

TEST(Workbook, reports_a_file_that_is_not_a_workbook) {
    TempDir dir;
    const auto path = dir.write("broken.xlsx", std::string("PK\x03\x04", 4) + "garbage");
    try {
        read_workbook(path);
        FAIL() << "no error";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].path, path.string());
        EXPECT_NE(e.diagnostics()[0].message.find("cannot read workbook"), std::string::npos);
    }
}

TEST(Columns, finds_the_header_below_title_rows_by_its_variants) {
    Sheet sheet;
    sheet.rows = {{"石河镇权责清单"},
                  {"注：按部门排列"},
                  {"序号", "权力事项名称", "职权类型", "职权依据", "行使主体", "下放部门", "备注"}};
    const auto map = find_columns(sheet, {});
    ASSERT_TRUE(map.has_value());
    EXPECT_EQ(map->header_row, 2u);
    EXPECT_EQ((*map)[Field::name], 1u);
    EXPECT_EQ((*map)[Field::category], 2u);
    EXPECT_EQ((*map)[Field::basis], 3u);
    EXPECT_EQ((*map)[Field::body], 4u);
    EXPECT_EQ((*map)[Field::origin], 5u);
    EXPECT_EQ((*map)[Field::remarks], 6u);
    EXPECT_FALSE(map->has(Field::code));
}

TEST(Columns, overrides_name_columns_by_letter_or_header) {
    Sheet sheet;
    sheet.rows = {{"编号", "事项", "类", "法条", "单位"}};
    EXPECT_FALSE(find_columns(sheet, {}).has_value() && find_columns(sheet, {})->has(Field::basis));
    const auto overrides = parse_overrides("category=C,basis=法条,body=E");
    const auto map = find_columns(sheet, overrides);
    ASSERT_TRUE(map.has_value());
    EXPECT_EQ((*map)[Field::name], 1u);
    EXPECT_EQ((*map)[Field::category], 2u);
    EXPECT_EQ((*map)[Field::basis], 3u);
    EXPECT_EQ((*map)[Field::body], 4u);
    EXPECT_THROW(parse_overrides("title=A"), Error);
    EXPECT_THROW(parse_overrides("name"), Error);
}

TEST(Bodies, new_bodies_get_pinyin_ids_kinds_and_sectors) {
    EXPECT_EQ(pinyin_id("泽川县生态环境局", {}), "ze-chuan-xian-sheng-tai-huan-jing-ju");
    EXPECT_EQ(pinyin_id("泽川县生态环境局", {"ze-chuan-xian-sheng-tai-huan-jing-ju"}),
              "ze-chuan-xian-sheng-tai-huan-jing-ju-2");
    EXPECT_LE(
        pinyin_id("泽川县人力资源和社会保障局劳动保障监察综合行政执法大队第一中队", {}).size(),
        64u);
    EXPECT_EQ(sector_of_name("泽川县规划和自然资源局"), "natural-resources");
    EXPECT_EQ(sector_of_name("县文化和旅游局"), "culture-tourism");
    EXPECT_FALSE(sector_of_name("公安局交通警察大队").has_value());
    EXPECT_EQ(model::to_string(kind_of_name("石河镇综合行政执法队", model::Level::township)),
              "township-team");
    EXPECT_EQ(model::to_string(kind_of_name("石河镇人民政府", model::Level::township)),
              "government");
    EXPECT_EQ(model::to_string(kind_of_name("县生态环境保护综合行政执法队", model::Level::county)),
              "sector-team");
    EXPECT_EQ(model::to_string(kind_of_name("县市场监督管理局", model::Level::county)),
              "department");
    std::vector<model::Body> bodies(2);
    bodies[0].id = "zc-ecology";
    bodies[0].name = "泽川县生态环境局";
    bodies[1].id = "zc-water";
    bodies[1].name = "泽川县水利局";
    EXPECT_EQ(match_body("县生态环境局", bodies, "泽川县"), &bodies[0]);
    EXPECT_EQ(match_body("zc-water", bodies, "泽川县"), &bodies[1]);
    EXPECT_EQ(match_body("泽川县教育局", bodies, "泽川县"), nullptr);
}

TEST(Yaml, quotes_only_what_needs_it) {
    EXPECT_EQ(yaml_scalar("对乱扔垃圾的行政处罚"), "对乱扔垃圾的行政处罚");
    EXPECT_EQ(yaml_scalar("2024"), "\"2024\"");
    EXPECT_EQ(yaml_scalar("a: b"), "\"a: b\"");
    EXPECT_EQ(yaml_scalar("- x"), "\"- x\"");
    EXPECT_EQ(yaml_scalar("yes"), "\"yes\"");
    EXPECT_EQ(yaml_scalar("A,B", true), "\"A,B\"");
    EXPECT_EQ(yaml_scalar("say \"hi\""), "\"say \\\"hi\\\"\"");
}

// Compares the items an import wrote with the bundled ones, field by field, and counts the items
// whose violation types are the same.
void expect_same_items(const std::vector<model::Item>& got, const std::vector<model::Item>& want,
                       std::size_t& items, std::size_t& same_links) {
    ASSERT_EQ(got.size(), want.size());
    std::map<std::string, const model::Item*> by_code;
    for (const auto& item : got) {
        by_code[item.code] = &item;
    }
    for (const auto& w : want) {
        ASSERT_TRUE(by_code.count(w.code)) << w.code;
        const auto& item = *by_code[w.code];
        EXPECT_EQ(item.name, w.name) << w.code;
        EXPECT_EQ(item.category, w.category) << w.code;
        EXPECT_EQ(item.sector, w.sector) << w.code;
        EXPECT_EQ(item.body.id, w.body.id) << w.code;
        EXPECT_EQ(item.unit ? item.unit->id : "", w.unit ? w.unit->id : "") << w.code;
        EXPECT_EQ(item.remarks, w.remarks) << w.code;
        ASSERT_EQ(item.delegation.has_value(), w.delegation.has_value()) << w.code;
        if (item.delegation) {
            EXPECT_EQ(item.delegation->from.id, w.delegation->from.id) << w.code;
            EXPECT_EQ(item.delegation->mode, w.delegation->mode) << w.code;
            EXPECT_EQ(item.delegation->item.id, w.delegation->item.id) << w.code;
        }
        ASSERT_EQ(item.delegated_to.size(), w.delegated_to.size()) << w.code;
        for (std::size_t i = 0; i < item.delegated_to.size(); ++i) {
            EXPECT_EQ(item.delegated_to[i].jurisdiction.id, w.delegated_to[i].jurisdiction.id);
            EXPECT_EQ(item.delegated_to[i].mode, w.delegated_to[i].mode);
        }
        ASSERT_EQ(item.basis.size(), w.basis.size()) << w.code;
        for (std::size_t i = 0; i < item.basis.size(); ++i) {
            EXPECT_EQ(item.basis[i].citation(), w.basis[i].citation()) << w.code;
        }
        std::set<std::string> a, b;
        for (const auto& r : item.violation_types) {
            a.insert(r.id);
        }
        for (const auto& r : w.violation_types) {
            b.insert(r.id);
        }
        ++items;
        same_links += a == b ? 1 : 0;
    }
}

// Writes an import's files into `dir` and reads them back as a checked list set.
std::vector<model::Item> read_back(const Result& result, const std::filesystem::path& dir) {
    write_files(result, dir);
    std::vector<Diagnostic> diagnostics;
    const auto back = io::read_bundle({dir}, testing::schemas(), diagnostics);
    EXPECT_TRUE(diagnostics.empty())
        << (diagnostics.empty() ? "" : format_diagnostic(diagnostics.front()));
    return back.list_sets.empty() ? std::vector<model::Item>{} : back.list_sets[0].items;
}

// The bundled data in a database, and a classification session over it.
class Bundled : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_dir = new TempDir;
        const auto db = s_dir->path() / "bundled.db";
        load::ensure_bundled(db, testing::source_dir() / "data", testing::schemas());
        s_database =
            new store::Database(store::Database::open(db, store::Database::Mode::read_only));
        s_session = new classify::Session(*s_database);
    }
    static void TearDownTestSuite() {
        delete s_session;
        delete s_database;
        delete s_dir;
    }
    static Result import(const Options& options) {
        return run_import(options, {s_session->bundle(), s_session->classifier(), nullptr});
    }
    static std::string file(const Result& result, const std::string& name) {
        for (const auto& f : result.files) {
            if (f.name == name) {
                return f.contents;
            }
        }
        return "(no file " + name + ")";
    }
    static std::vector<std::string> messages(const Result& result) {
        std::vector<std::string> out;
        for (const auto& d : result.problems) {
            out.push_back(format_diagnostic(d));
        }
        return out;
    }

    static TempDir* s_dir;
    static store::Database* s_database;
    static classify::Session* s_session;
    TempDir m_dir;
};

TempDir* Bundled::s_dir = nullptr;
store::Database* Bundled::s_database = nullptr;
classify::Session* Bundled::s_session = nullptr;

// A new township's list the way counties publish it: a title row, a note, the header, a
// department cell merged over its items, mixed numerals, a cell with three citations, a blank
// category meaning "same as above", trailing blank rows.
TEST_F(Bundled, township_workbook_gives_the_expected_list_set) {
    const auto path = m_dir.path() / "list.xlsx";
    write_xlsx(
        path, "权责清单",
        {{"青石镇承接县级部门行政执法事项清单（2025年版）"},
         {"注：本清单按原实施部门排列"},
         {"序号", "事项名称", "事项类别", "设定依据", "实施主体", "原实施部门", "承接方式"},
         {"1", "对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚", "行政处罚",
          "《城市市容和环境卫生管理条例》第34条第1款第（一）项", "青石镇综合行政执法队",
          "泽川县综合行政执法局", "赋权"},
         {"2", "对在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的行政处罚",
          "", "《条例》第三十四条第一款第(2)项；城市市容和环境卫生管理条例第三十四条、第36条", "",
          "", "赋权"},
         {"3", "对城镇居民饲养家禽影响环境卫生的行政处罚", "行政处罚", "", "青石镇人民政府", "",
          ""},
         {},
         {""}},
        {{0, 0, 0, 6}, {3, 5, 4, 5}, {3, 4, 4, 4}});
    Options options;
    options.files = {path};
    options.jurisdiction = "qingshi-town";
    options.county = "zechuan-county";
    options.schema_location = "../schemas";
    const Result result = import(options);
    EXPECT_EQ(messages(result), std::vector<std::string>{});
    EXPECT_EQ(result.items, 3u);
    EXPECT_EQ(file(result, "jurisdiction.yaml"),
              "# yaml-language-server: $schema=../schemas/jurisdiction.schema.json\n"
              "# 青石镇: written by lawlist import from list.xlsx.\n"
              "kind: jurisdiction\n"
              "id: qingshi-town\n"
              "name: 青石镇\n"
              "level: township\n"
              "parent: zechuan-county\n"
              "revision: 2025年版\n"
              "bodies:\n"
              "  - id: qing-shi-zhen-zong-he-xing-zheng-zhi-fa-dui\n"
              "    name: 青石镇综合行政执法队\n"
              "    kind: township-team\n"
              "  - id: qing-shi-zhen-ren-min-zheng-fu\n"
              "    name: 青石镇人民政府\n"
              "    kind: government\n");
    const std::string urban = file(result, "power-urban.yaml");
    EXPECT_EQ(urban,
              "# yaml-language-server: $schema=../schemas/power-list.schema.json\n"
              "# 青石镇 (urban): written by lawlist import from list.xlsx.\n"
              "kind: power-list\n"
              "jurisdiction: qingshi-town\n"
              "items:\n"
              "  - code: QINGSHI-TOWN-0001\n"
              "    name: 对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚\n"
              "    category: 行政处罚\n"
              "    sector: urban\n"
              "    subject: qing-shi-zhen-zong-he-xing-zheng-zhi-fa-dui\n"
              "    delegation: {from: zc-urban, mode: 赋权, item: ZC-URB-CF-001}\n"
              "    basis:\n"
              "      - {law: 城市市容和环境卫生管理条例, article: 34, paragraph: 1, item: 1}\n"
              "    violation_types: [littering]\n"
              "  - code: QINGSHI-TOWN-0002\n"
              "    name: "
              "对在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的行政处罚\n"
              "    category: 行政处罚\n"
              "    sector: urban\n"
              "    subject: qing-shi-zhen-zong-he-xing-zheng-zhi-fa-dui\n"
              "    delegation: {from: zc-urban, mode: 赋权, item: ZC-URB-CF-002}\n"
              "    basis:\n"
              "      - {law: 条例, article: 34, paragraph: 1, item: 2}\n"
              "      - {law: 城市市容和环境卫生管理条例, article: 34}\n"
              "      - {law: 城市市容和环境卫生管理条例, article: 36}\n"
              "    violation_types: [graffiti, illegal-posting]\n");
    // The township's own item: no basis yet, the body's sector unknown, so the classifier's.
    const std::string own = file(result, "power-own.yaml");
    EXPECT_NE(own.find("    basis: []\n"), std::string::npos) << own;
    EXPECT_NE(own.find("    subject: qing-shi-zhen-ren-min-zheng-fu\n"), std::string::npos) << own;

    // What was written validates, against the county in the database.
    write_files(result, m_dir.path() / "out");
    std::vector<Diagnostic> diagnostics;
    io::read_bundle({m_dir.path() / "out"}, testing::schemas(), diagnostics);
    EXPECT_TRUE(diagnostics.empty());
}

// Every unreadable cell is reported in spreadsheet terms, all of them; --keep-going writes
// what it could.
TEST_F(Bundled, unreadable_cells_are_all_reported) {
    const auto path = m_dir.path() / "list.xlsx";
    write_xlsx(path, "权责清单",
               {{"事项编码", "事项名称", "事项类别", "实施主体", "", "设定依据"},
                {"ZC-X-1", "对擅自倾倒建筑垃圾的行政处罚", "行政处法", "泽川县综合行政执法局", "",
                 "《城市建筑垃圾管理规定》第二十六条"},
                {"ZC-X-2", "对未取得采矿许可证擅自采矿的行政处罚", "行政处罚",
                 "泽川县规划和自然资源局", "", "《中华人民共和国矿产资源法》；国发〔2004〕16号"}});
    Options options;
    options.files = {path};
    options.jurisdiction = "zechuan-county";
    Result result = import(options);
    const std::string at = path.string() + ":Sheet1!";
    EXPECT_EQ(
        messages(result),
        (std::vector<std::string>{
            path.string() +
                ":权责清单!C2: cannot read category \"行政处法\"; did you mean 行政处罚?\n",
            path.string() + ":权责清单!F3: cannot read citation \"《中华人民共和国矿产资源法》\"\n",
            path.string() + ":权责清单!F3: cannot read citation \"国发〔2004〕16号\"\n"}));
    EXPECT_EQ(result.items, 0u);

    options.keep_going = true;
    result = import(options);
    EXPECT_EQ(result.problems.size(), 3u);
    EXPECT_EQ(result.items, 2u);
    const std::string urban = file(result, "power-urban.yaml");
    EXPECT_NE(urban.find("category: 行政处罚"), std::string::npos) << urban;
    const std::string land = file(result, "power-natural-resources.yaml");
    EXPECT_NE(
        land.find("    basis: []\n    # cannot read citation: 《中华人民共和国矿产资源法》\n"),
        std::string::npos)
        << land;
}

// Bodies are matched against a jurisdiction.yaml already in the output folder; power lists an
// earlier import wrote there and this one does not are removed, hand-written ones are kept.
TEST_F(Bundled, matches_bodies_of_the_output_folder_and_replaces_its_own_files) {
    const auto out = m_dir.path() / "out";
    m_dir.write("out/jurisdiction.yaml",
                "kind: jurisdiction\nid: qingshi-town\nname: 青石镇\nlevel: township\n"
                "parent: zechuan-county\nbodies:\n"
                "  - {id: qs-team, name: 青石镇综合行政执法队, kind: township-team}\n");
    m_dir.write("out/power-water.yaml",
                "# schema line\n# 青石镇 (water): written by lawlist import "
                "from old.xlsx.\nkind: power-list\n");
    m_dir.write("out/power-extra.yaml", "# kept\n# written by hand\n");
    const auto path = m_dir.write("list.csv",
                                  "事项名称,事项类别,设定依据,实施主体\n"
                                  "对擅自倾倒建筑垃圾的行政处罚,行政处罚,"
                                  "《城市建筑垃圾管理规定》第二十六条,青石镇综合行政执法队\n");
    const auto local = read_output_jurisdiction(out, "qingshi-town", testing::schemas());
    ASSERT_TRUE(local.has_value());
    Options options;
    options.files = {path};
    options.jurisdiction = "qingshi-town";
    const Result result =
        run_import(options, {s_session->bundle(), s_session->classifier(), &*local});
    EXPECT_EQ(messages(result), std::vector<std::string>{});
    EXPECT_TRUE(result.new_bodies.empty());
    EXPECT_NE(file(result, "power-own.yaml").find("    subject: qs-team\n"), std::string::npos);
    write_files(result, out);
    EXPECT_FALSE(std::filesystem::exists(out / "power-water.yaml"));
    EXPECT_TRUE(std::filesystem::exists(out / "power-extra.yaml"));
    EXPECT_TRUE(std::filesystem::exists(out / "power-own.yaml"));
}

// A list without a 实施主体 column, grouped under department heading rows: each heading gives
// the body of the items below it, and each department its file.
TEST_F(Bundled, department_headings_give_the_body) {
    const auto path = m_dir.write(
        "list.csv",
        "泽川县权责清单（2026年版）,,,\n序号,事项名称,事项类别,设定依据\n"
        "一、泽川县水利局（共1项）,,,\n"
        "1,对在河道管理范围内建设妨碍行洪的建筑物、构筑物的行政处罚,行政处罚,"
        "《中华人民共和国防洪法》第五十五条第（一）项\n"
        "二、县林业局（共1项）,,,\n"
        "2,对盗伐林木的行政处罚,行政处罚,《中华人民共和国森林法》第七十六条第一款\n,,,\n");
    Options options;
    options.files = {path};
    options.jurisdiction = "zechuan-county";
    const Result result = import(options);
    EXPECT_EQ(messages(result), std::vector<std::string>{});
    EXPECT_EQ(result.items, 2u);
    EXPECT_EQ(result.jurisdiction.revision, "2026年版");
    EXPECT_NE(file(result, "power-water.yaml").find("    subject: zc-water\n"), std::string::npos);
    EXPECT_NE(file(result, "power-forestry.yaml").find("    subject: zc-forestry\n"),
              std::string::npos);
    EXPECT_TRUE(result.new_bodies.empty());
}

// A header with nothing below it is an error, not an empty list set that does not validate.
TEST_F(Bundled, a_sheet_without_items_is_an_error) {
    const auto path = m_dir.write("list.csv", "事项名称,事项类别,设定依据\n,,\n");
    Options options;
    options.files = {path};
    options.jurisdiction = "zechuan-county";
    try {
        import(options);
        FAIL() << "no error";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(format_diagnostic(e.diagnostics()[0]),
                  path.string() + ":3:1: no items below the header row\n");
    }
}

// The library names what is wrong in its own terms, never a command's option.
TEST_F(Bundled, an_unknown_county_or_a_sheet_without_headers_names_no_option) {
    const auto path =
        m_dir.write("list.csv", "事项名称,事项类别,设定依据\n对某行为的行政处罚,行政处罚,\n");
    Options options;
    options.files = {path};
    options.jurisdiction = "qingshi-town";
    options.name = "青石镇";
    options.county = "nowhere-county";
    try {
        import(options);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "county 'nowhere-county': no such jurisdiction in the database");
    }
    options.name.reset();
    options.county.reset();
    try {
        import(options);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "jurisdiction 'qingshi-town' is new and the sheets' titles do not name it; give "
                  "its name (the name option)");
    }
    const auto headless = m_dir.write("headless.csv", "甲,乙\n1,2\n");
    options.files = {headless};
    options.name = "青石镇";
    try {
        import(options);
        FAIL() << "no error";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        const auto message = format_diagnostic(e.diagnostics()[0]);
        EXPECT_NE(message.find("no header row found"), std::string::npos) << message;
        EXPECT_EQ(message.find("--"), std::string::npos) << message;
    }
}

// A workbook with one sheet per department and no 实施主体 column: each sheet's name is the body.
TEST_F(Bundled, a_sheet_per_department_names_the_body) {
    const auto path = m_dir.path() / "list.xlsx";
    lxw_workbook* workbook = workbook_new(path.string().c_str());
    const std::vector<std::pair<std::string, std::string>> sheets = {
        {"泽川县水利局", "对在河道管理范围内建设妨碍行洪的建筑物、构筑物的行政处罚"},
        {"泽川县林业局", "对盗伐林木的行政处罚"}};
    for (const auto& [name, item] : sheets) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
        worksheet_write_string(sheet, 0, 0, "事项名称", nullptr);
        worksheet_write_string(sheet, 0, 1, "事项类别", nullptr);
        worksheet_write_string(sheet, 0, 2, "设定依据", nullptr);
        worksheet_write_string(sheet, 1, 0, item.c_str(), nullptr);
        worksheet_write_string(sheet, 1, 1, "行政处罚", nullptr);
    }
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
    Options options;
    options.files = {path};
    options.jurisdiction = "zechuan-county";
    const Result result = import(options);
    EXPECT_EQ(messages(result), std::vector<std::string>{});
    EXPECT_NE(file(result, "power-water.yaml").find("    subject: zc-water\n"), std::string::npos);
    EXPECT_NE(file(result, "power-forestry.yaml").find("    subject: zc-forestry\n"),
              std::string::npos);
}

// A GBK CSV, as Chinese Windows Excel saves it, reads like its UTF-8 twin.
TEST_F(Bundled, gbk_csv_reads_like_utf8) {
    const std::string text =
        "泽川县权责清单,,,\n事项名称,职权类型,法律依据,执法主体\n"
        "对擅自倾倒建筑垃圾的行政处罚,行政处罚,\"《城市建筑垃圾管理规定》第二十六条\","
        "泽川县综合行政执法局\n";
    const auto gbk = m_dir.write("gbk.csv", to_gbk(text));
    const auto utf8 = m_dir.write("utf8.csv", text);
    Options options;
    options.jurisdiction = "zechuan-county";
    options.files = {gbk};
    const Result from_gbk = import(options);
    options.files = {utf8};
    const Result from_utf8 = import(options);
    EXPECT_TRUE(from_gbk.problems.empty());
    EXPECT_EQ(from_gbk.items, 1u);
    const auto body = [](const Result& r) {
        const std::string all = r.files.back().contents;
        return all.substr(all.find("kind:"));
    };
    EXPECT_EQ(body(from_gbk), body(from_utf8));
    EXPECT_NE(body(from_gbk).find("violation_types: [construction-waste-dumping]"),
              std::string::npos)
        << body(from_gbk);
}

// The round trip: each bundled jurisdiction's items written out as a published spreadsheet
// (Chinese headers, citations as printed, bodies and townships by name), read back by import.
TEST_F(Bundled, round_trip_gives_back_the_bundled_items) {
    std::size_t items = 0, same_links = 0;
    for (const auto& set : s_session->bundle().list_sets) {
        const auto& j = set.jurisdiction;
        std::map<std::string, std::string> body_names, jurisdiction_names;
        for (const auto& other : s_session->bundle().list_sets) {
            jurisdiction_names[other.jurisdiction.id] = other.jurisdiction.name;
            for (const auto& body : other.jurisdiction.bodies) {
                body_names[body.id] = body.name;
            }
        }
        auto quote = [](const std::string& s) {
            std::string out = "\"";
            for (const char c : s) {
                out += c == '"' ? std::string("\"\"") : std::string(1, c);
            }
            return out + "\"";
        };
        std::string csv = j.name +
                          "权责清单\n"
                          "序号,事项编码,事项名称,事项类别,行业领域,设定依据,实施主体,承办机构,"
                          "原实施部门,承接方式,原事项编码,下放乡镇,备注\n";
        std::size_t n = 0;
        for (const auto& item : set.items) {
            std::string basis, delegated;
            for (const auto& b : item.basis) {
                basis += (basis.empty() ? "" : "；") + b.citation();
            }
            for (const auto& d : item.delegated_to) {
                delegated += (delegated.empty() ? "" : "；") +
                             jurisdiction_names[d.jurisdiction.id] + "（" +
                             std::string(model::to_label(d.mode)) + "）";
            }
            csv += std::to_string(++n) + "," + item.code + "," + quote(item.name) + "," +
                   std::string(model::to_label(item.category)) + "," + item.sector + "," +
                   quote(basis) + "," + body_names[item.body.id] + "," +
                   (item.unit ? body_names[item.unit->id] : "") + "," +
                   (item.delegation ? body_names[item.delegation->from.id] : "") + "," +
                   (item.delegation ? std::string(model::to_label(item.delegation->mode)) : "") +
                   "," + (item.delegation ? item.delegation->item.id : "") + "," + delegated + "," +
                   quote(item.remarks.value_or("")) + "\n";
        }
        const auto path = m_dir.write(j.id + ".csv", csv);
        Options options;
        options.files = {path};
        options.jurisdiction = j.id;
        const Result result = import(options);
        ASSERT_EQ(messages(result), std::vector<std::string>{}) << j.id;
        expect_same_items(read_back(result, m_dir.path() / j.id), set.items, items, same_links);
        if (HasFatalFailure()) {
            return;
        }
    }
    ASSERT_GT(items, 800u);
    const double share = static_cast<double>(same_links) / static_cast<double>(items);
    std::printf("round trip: %zu of %zu items (%.1f%%) keep their violation types\n", same_links,
                items, 100.0 * share);
    EXPECT_GE(share, 0.90);
}

}  // namespace
}  // namespace lawlist::import_

namespace lawlist::import_ {
namespace {

// The round trip through lawlist export's published workbook (title, dates and summary rows,
// departments as heading rows, citations as printed, a county item's grants in its 备注, no
// sector column).
TEST_F(Bundled, round_trip_through_the_exported_workbook) {
    std::size_t items = 0, same_links = 0;
    for (const auto& set : s_session->bundle().list_sets) {
        const auto& j = set.jurisdiction;
        const auto path = m_dir.path() / (j.id + ".xlsx");
        const auto publication = exporting::publish(s_session->bundle(), j.id);
        exporting::write_xlsx(exporting::to_document(publication, {exporting::ListKind::power}),
                              path);
        Options options;
        options.files = {path};
        options.jurisdiction = j.id;
        const Result result = import(options);
        ASSERT_EQ(messages(result), std::vector<std::string>{}) << j.id;
        EXPECT_EQ(result.jurisdiction.revision, j.revision);
        expect_same_items(read_back(result, m_dir.path() / j.id), set.items, items, same_links);
        if (HasFatalFailure()) {
            return;
        }
    }
    ASSERT_GT(items, 800u);
    const double share = static_cast<double>(same_links) / static_cast<double>(items);
    std::printf("xlsx round trip: %zu of %zu items (%.1f%%) keep their violation types\n",
                same_links, items, 100.0 * share);
    EXPECT_GE(share, 0.90);
}

}  // namespace
}  // namespace lawlist::import_
