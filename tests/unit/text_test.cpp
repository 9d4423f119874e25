#include "lawlist/text/utf8.hpp"

#include <gtest/gtest.h>

namespace lawlist::text {
namespace {

TEST(Utf8, finds_first_invalid_byte) {
    EXPECT_FALSE(find_invalid_utf8("清单 ok").has_value());
    EXPECT_EQ(find_invalid_utf8("ab\xff"), 2u);
    EXPECT_EQ(find_invalid_utf8("\xc0\xaf"), 0u);       // overlong '/'
    EXPECT_EQ(find_invalid_utf8("x\xed\xa0\x80"), 1u);  // surrogate
    EXPECT_EQ(find_invalid_utf8("\xe6\xb8"), 0u);       // truncated sequence
}

TEST(Utf8, counts_code_points_not_bytes) {
    const std::string line = "    body: 清水镇";
    EXPECT_EQ(count_code_points(line, line.size()), 13u);
    EXPECT_EQ(count_code_points("渣土abc", 6), 2u);
}

TEST(Utf8, display_width_counts_cjk_as_two_columns) {
    EXPECT_EQ(display_width("事项名称"), 8u);
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("ＡＢ"), 4u);  // full-width forms
    EXPECT_EQ(display_width("第（三）项"), 10u);
}

TEST(Utf8, sanitize_replaces_invalid_bytes) {
    EXPECT_EQ(sanitize("a\xffz"), "a\xEF\xBF\xBDz");
}

TEST(Utf8, visible_shows_control_characters_as_symbols) {
    // A window-title escape from data must not reach the terminal as one.
    EXPECT_EQ(visible("\x1b]0;pwned\x07名称"), "␛]0;pwned␇名称");
    EXPECT_EQ(visible("a\nb\tc\x7f"), "a␊b␉c␡");
    EXPECT_EQ(visible("\xc2\x9b"
                      "31m"),
              "\xef\xbf\xbd"
              "31m");  // C1 CSI
    EXPECT_EQ(visible("石河镇 ok"), "石河镇 ok");
}

TEST(Utf8, edit_distance_counts_characters) {
    EXPECT_EQ(edit_distance("行政处罚", "行政处法"), 1u);
    EXPECT_EQ(edit_distance("zc-urbn", "zc-urban"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Utf8, closest_suggests_only_near_candidates) {
    const std::vector<std::string> ids = {"zc-urban", "zc-water", "zc-police"};
    EXPECT_EQ(closest("zc-urbn", ids), std::vector<std::string>{"zc-urban"});
    EXPECT_TRUE(closest("completely-different", ids).empty());
}

TEST(ChineseNumber, writes_article_numbers_as_in_citations) {
    EXPECT_EQ(chinese_number(1), "一");
    EXPECT_EQ(chinese_number(10), "十");
    EXPECT_EQ(chinese_number(12), "十二");
    EXPECT_EQ(chinese_number(20), "二十");
    EXPECT_EQ(chinese_number(77), "七十七");
    EXPECT_EQ(chinese_number(100), "一百");
    EXPECT_EQ(chinese_number(105), "一百零五");
    EXPECT_EQ(chinese_number(110), "一百一十");
    EXPECT_EQ(chinese_number(119), "一百一十九");
    EXPECT_EQ(chinese_number(1001), "一千零一");
}

}  // namespace
}  // namespace lawlist::text
