#include "lawlist/format/table.hpp"

#include <gtest/gtest.h>

namespace lawlist::format {
namespace {

TEST(Table, aligns_chinese_text_by_display_width) {
    Table table({"序号", "事项名称", "类别"});
    table.add_row({"1", "对非法占用土地的行政处罚", "行政处罚"});
    table.add_row({"2", "查封", "行政强制"});
    EXPECT_EQ(table.render_text(),
              "序号  事项名称                  类别\n"
              "----  ------------------------  --------\n"
              "1     对非法占用土地的行政处罚  行政处罚\n"
              "2     查封                      行政强制\n");
}

TEST(Table, quotes_csv_fields_that_need_it) {
    Table table({"a", "b"});
    table.add_row({"x,y", "say \"hi\""});
    EXPECT_EQ(table.render_csv(), "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n");
}

TEST(Table, wraps_the_widest_column_to_fit_a_width) {
    Table table({"序号", "事项名称", "类别"});
    table.add_row({"1", "对非法占用土地的行政处罚", "行政处罚"});
    // Natural width 4 + 2 + 24 + 2 + 8 = 40; at 30 the name column gives 10 columns.
    EXPECT_EQ(table.render_text(30),
              "序号  事项名称        类别\n"
              "----  --------------  --------\n"
              "1     对非法占用土地  行政处罚\n"
              "      的行政处罚\n");
    EXPECT_EQ(table.render_text(40), table.render_text());
}

TEST(Table, gives_up_when_columns_cannot_fit) {
    Table table({"事项名称", "设定依据"});
    table.add_row({"对非法占用土地的行政处罚", "《中华人民共和国土地管理法》第七十七条"});
    EXPECT_EQ(table.render_text(17), std::nullopt);
    EXPECT_NE(table.render_text(18), std::nullopt);
}

TEST(Table, wrap_breaks_at_characters_by_display_width) {
    EXPECT_EQ(wrap("ab石河镇c", 3), (std::vector<std::string>{"ab", "石", "河", "镇c"}));
    EXPECT_EQ(wrap("", 3), (std::vector<std::string>{""}));
}

TEST(Table, text_shows_control_characters_but_csv_keeps_them) {
    Table table({"名称", "备注"});
    table.add_row({"\x1b[2J石河镇", "x"});
    EXPECT_EQ(table.render_text(), "名称        备注\n----------  ----\n␛[2J石河镇  x\n");
    EXPECT_EQ(table.render_text(80), table.render_text());
    EXPECT_NE(table.render_csv().find("\x1b[2J"), std::string::npos);
}

TEST(Table, rejects_rows_of_the_wrong_width) {
    Table table({"a", "b"});
    EXPECT_THROW(table.add_row({"only one"}), std::invalid_argument);
}

}  // namespace
}  // namespace lawlist::format
