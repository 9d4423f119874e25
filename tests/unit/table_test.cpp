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

TEST(Table, rejects_rows_of_the_wrong_width) {
    Table table({"a", "b"});
    EXPECT_THROW(table.add_row({"only one"}), std::invalid_argument);
}

}  // namespace
}  // namespace lawlist::format
