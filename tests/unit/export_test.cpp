#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lawlist/error.hpp"
#include "lawlist/export/document.hpp"
#include "lawlist/export/html.hpp"
#include "lawlist/export/publication.hpp"
#include "lawlist/export/text.hpp"
#include "lawlist/export/xlsx.hpp"
#include "lawlist/load/load.hpp"
#include "test_support.hpp"

namespace lawlist::exporting {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// tests/export/fixture: 兰溪县 and 青石镇, whose items are listed out of published order.
const model::Bundle& fixture() {
    static const model::Bundle bundle = load::read_checked(
        {testing::source_dir() / "tests" / "export" / "fixture"}, testing::schemas(), nullptr);
    return bundle;
}

std::vector<std::string> codes(const PowerGroup& group) {
    std::vector<std::string> out;
    for (const auto& row : group.rows) {
        out.push_back(row.code);
    }
    return out;
}

TEST(Publication, groups_township_items_by_originating_department_in_sector_order) {
    const auto p = publish(fixture(), "qingshi-town");
    ASSERT_EQ(p.power.size(), 4u);
    EXPECT_EQ(p.power[0].department, "兰溪县综合行政执法局");
    // An item delegated by a sector team is grouped under the team's department.
    EXPECT_EQ(p.power[1].department, "兰溪县规划和自然资源局");
    EXPECT_EQ(p.power[1].rows[0].origin, "兰溪县自然资源执法监察大队");
    EXPECT_EQ(p.power[2].department, "兰溪县生态环境局");
    // The township's own item comes last, under its holder, with no delegation.
    EXPECT_EQ(p.power[3].department, "青石镇人民政府");
    EXPECT_EQ(p.power[3].rows[0].mode, "");
    EXPECT_EQ(p.power[3].rows[0].origin, "");
}

TEST(Publication, subject_is_the_legal_subject_and_unit_who_does_the_work) {
    const auto p = publish(fixture(), "qingshi-town");
    EXPECT_EQ(p.power[0].rows[0].subject, "青石镇人民政府");
    EXPECT_EQ(p.power[0].rows[0].unit, "青石镇综合行政执法队");
    // An item without a unit is done by its subject.
    EXPECT_EQ(p.power[3].rows[0].unit, "青石镇人民政府");
    const auto county = publish(fixture(), "lanxi-county");
    EXPECT_EQ(county.power[1].rows[0].subject, "兰溪县规划和自然资源局");
    EXPECT_EQ(county.power[1].rows[0].unit, "兰溪县自然资源执法监察大队");
}

TEST(Publication, numbers_items_within_each_group_by_category_then_list_order) {
    const auto p = publish(fixture(), "qingshi-town");
    // Listed 检查 before 处罚 in the file; published 处罚 first (the customary order).
    EXPECT_THAT(codes(p.power[0]), ElementsAre("QS-URB-CF-001", "QS-URB-JC-001"));
    EXPECT_EQ(p.power[0].rows[0].number, 1u);
    EXPECT_EQ(p.power[0].rows[1].number, 2u);
    EXPECT_EQ(p.power[1].rows[0].number, 1u);
}

TEST(Publication, summary_counts_by_category_and_the_share_taken_over) {
    const auto p = publish(fixture(), "qingshi-town");
    EXPECT_EQ(
        summary_line(p),
        "共5项：行政处罚3项、行政检查1项、其他行政权力1项（其中承接县直部门事项4项，本级事项1项）");
    const auto county = publish(fixture(), "lanxi-county");
    EXPECT_EQ(summary_line(county), "共5项：行政处罚3项、行政强制1项、行政检查1项");
}

TEST(Publication, title_date_and_issuer) {
    const auto p = publish(fixture(), "qingshi-town");
    EXPECT_EQ(p.title, "青石镇综合行政执法事项清单（2025年调整）");
    EXPECT_EQ(p.issuer, "青石镇人民政府");
    EXPECT_EQ(p.effective, "2025-03-01");
    // A county without a government body among its bodies is published by its people's government.
    EXPECT_EQ(publish(fixture(), "lanxi-county").issuer, "兰溪县人民政府");
    EXPECT_EQ(publish(fixture(), "lanxi-county").title, "兰溪县行政执法事项清单（2025年调整）");
    EXPECT_THROW(publish(fixture(), "nowhere"), Error);
}

TEST(Publication, county_items_note_the_townships_they_are_granted_to) {
    const auto p = publish(fixture(), "lanxi-county");
    EXPECT_EQ(p.power[0].rows[0].code, "LX-URB-CF-001");
    EXPECT_EQ(p.power[0].rows[0].remarks, "赋权青石镇实施");
    // A remark of its own comes first.
    EXPECT_EQ(p.power[0].rows[1].remarks,
              "<img src=x onerror=\"window.__pwned=2\">测试用；赋权青石镇实施");
}

TEST(Publication, problem_warning_and_metric_rows_name_bodies) {
    const auto p = publish(fixture(), "qingshi-town");
    ASSERT_EQ(p.problems.size(), 2u);
    EXPECT_EQ(p.problems[0].lead, "青石镇综合行政执法队");
    EXPECT_THAT(p.problems[0].cooperating, ElementsAre("兰溪县综合行政执法局", "兰溪县生态环境局"));
    ASSERT_EQ(p.warnings.size(), 1u);
    EXPECT_THAT(p.warnings[0].basis,
                ElementsAre("《中华人民共和国公职人员政务处分法》第三十九条第一款第（二）项"));
    ASSERT_EQ(p.metrics.size(), 2u);
    EXPECT_EQ(p.metrics[0].target, "≥95%");
    EXPECT_EQ(p.metrics[1].target, "≤2.5日");
}

TEST(Publication, present_lists_leave_out_empty_ones_but_never_the_power_list) {
    EXPECT_THAT(present_lists(publish(fixture(), "lanxi-county")), ElementsAre(ListKind::power));
    EXPECT_EQ(present_lists(publish(fixture(), "qingshi-town")), all_lists());
}

TEST(Publication, chinese_dates) {
    EXPECT_EQ(chinese_date("2025-03-01"), "2025年3月1日");
    EXPECT_EQ(chinese_date("2024-12-31"), "2024年12月31日");
    EXPECT_EQ(chinese_date("soon"), "soon");
}

TEST(Publication, township_and_county_documents_have_their_columns) {
    const auto doc = to_document(publish(fixture(), "qingshi-town"), all_lists());
    ASSERT_EQ(doc.sheets.size(), 4u);
    std::vector<std::string> headers;
    for (const auto& c : doc.sheets[0].columns) {
        headers.push_back(c.header);
    }
    EXPECT_THAT(headers, ElementsAre("序号", "事项编码", "事项名称", "事项类别", "实施主体",
                                     "承办机构", "承接方式", "原实施部门", "设定依据", "备注"));
    EXPECT_EQ(doc.sheets[0].groups[0].heading, "一、兰溪县综合行政执法局（2项）");
    EXPECT_EQ(doc.sheets[0].notes[0], "施行日期：2025年3月1日　　发布机关：青石镇人民政府");
    const auto county = to_document(publish(fixture(), "lanxi-county"), {ListKind::power});
    ASSERT_EQ(county.sheets.size(), 1u);
    EXPECT_EQ(county.sheets[0].columns.size(), 8u);  // no 承接方式, no 原实施部门
}

TEST(Publication, json_structures_every_field) {
    const auto json = to_json(publish(fixture(), "qingshi-town"), {ListKind::performance});
    EXPECT_FALSE(json["lists"].contains("power"));
    const auto& metric = json["lists"]["performance"]["metrics"][1];
    EXPECT_EQ(metric["target"]["comparison"], "at-most");
    EXPECT_EQ(metric["target"]["value"], 2.5);
    EXPECT_EQ(metric["target"]["unit"], "days");
    EXPECT_TRUE(metric["description"].is_null());
    EXPECT_EQ(json["summary"]["total"], 5);
}

Document small_document() {
    Document doc;
    doc.title = "标题";
    doc.author = "某镇人民政府";
    doc.date = "2025-03-01";
    Sheet sheet;
    sheet.key = "power";
    sheet.name = "权责清单";
    sheet.title = "某镇清单";
    sheet.notes = {"共2项"};
    sheet.group_label = "部门";
    sheet.columns = {{"序号", 6}, {"名称", 20, true}};
    sheet.groups = {{"一、某局", {{"1", "a,\"b\"\n<c>"}}}, {"二、<局>", {{"1", "d|e&f"}}}};
    doc.sheets.push_back(sheet);
    return doc;
}

TEST(Writers, csv_has_a_bom_crlf_a_group_column_and_quotes_what_needs_it) {
    EXPECT_EQ(render_csv(small_document().sheets[0]),
              "\xEF\xBB\xBF部门,序号,名称\r\n"
              "一、某局,1,\"a,\"\"b\"\"\n<c>\"\r\n"
              "二、<局>,1,d|e&f\r\n");
}

TEST(Writers, markdown_escapes_markup_and_table_bars) {
    const auto md = render_markdown(small_document());
    EXPECT_THAT(md, HasSubstr("### 二、&lt;局&gt;\n"));
    EXPECT_THAT(md, HasSubstr("| 1 | a,&quot;b&quot;<br>&lt;c&gt; |\n"));
    EXPECT_THAT(md, HasSubstr("| 1 | d\\|e&amp;f |\n"));
}

TEST(Writers, html_escapes_every_text) {
    EXPECT_EQ(escape_html("<a href=\"x\">'&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    auto doc = small_document();
    doc.title = "<script>alert(1)</script>";
    doc.author = "\"><script>";
    const auto html = render_html(doc);
    EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
    EXPECT_THAT(html, Not(HasSubstr("\"><script>")));
    EXPECT_THAT(html, Not(HasSubstr("<c>")));
    EXPECT_THAT(html, HasSubstr("<td>a,&quot;b&quot;\n&lt;c&gt;</td>"));
    // The filter column offers its distinct values, escaped.
    EXPECT_THAT(html, HasSubstr("<option value=\"d|e&amp;f\">d|e&amp;f</option>"));
    EXPECT_THAT(html, HasSubstr("<a href=\"#power\">权责清单</a>（2项）"));
}

TEST(Writers, documents_are_checked_before_writing) {
    auto doc = small_document();
    doc.sheets[0].groups[0].rows[0].pop_back();
    EXPECT_THROW(render_html(doc), std::invalid_argument);
    doc = small_document();
    doc.sheets[0].name = "a/b";
    EXPECT_THROW(check(doc), std::invalid_argument);
    doc = small_document();
    doc.sheets.push_back(doc.sheets[0]);
    EXPECT_THROW(check(doc), std::invalid_argument);
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(Writers, xlsx_is_byte_identical_for_the_same_document) {
    const auto dir = std::filesystem::temp_directory_path() / "lawlist-export-test";
    std::filesystem::create_directories(dir);
    const auto doc = to_document(publish(fixture(), "qingshi-town"), all_lists());
    write_xlsx(doc, dir / "a.xlsx");
    write_xlsx(doc, dir / "b.xlsx");
    const auto a = slurp(dir / "a.xlsx");
    EXPECT_GT(a.size(), 1000u);
    EXPECT_EQ(a.substr(0, 2), "PK");
    EXPECT_EQ(a, slurp(dir / "b.xlsx"));
    EXPECT_FALSE(std::filesystem::exists(dir / "a.xlsx.part"));
    EXPECT_THROW(write_xlsx(doc, dir / "missing" / "c.xlsx"), Error);
    EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
    std::filesystem::remove_all(dir);
}

TEST(Writers, write_file_replaces_a_file_whole) {
    const auto dir = std::filesystem::temp_directory_path() / "lawlist-export-write-test";
    std::filesystem::create_directories(dir);
    write_file(dir / "x.md", "first, longer contents\n");
    write_file(dir / "x.md", "second\n");
    EXPECT_EQ(slurp(dir / "x.md"), "second\n");
    EXPECT_THROW(write_file(dir / "missing" / "x.md", "y"), Error);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lawlist::exporting
