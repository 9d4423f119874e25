#include "lawlist/model/model.hpp"

#include <gtest/gtest.h>

namespace lawlist::model {
namespace {

TEST(LegalBasis, cites_article_paragraph_and_item) {
    LegalBasis basis{"中华人民共和国土地管理法", 77, 1, std::nullopt, std::nullopt};
    EXPECT_EQ(basis.citation(), "《中华人民共和国土地管理法》第七十七条第一款");
    basis.item = 3;
    EXPECT_EQ(basis.citation(), "《中华人民共和国土地管理法》第七十七条第一款第（三）项");
    EXPECT_EQ((LegalBasis{"城市市容和环境卫生管理条例", 36, {}, {}, {}}).citation(),
              "《城市市容和环境卫生管理条例》第三十六条");
}

TEST(Vocabulary, has_the_seventeen_sectors_and_ten_categories) {
    EXPECT_EQ(sector_codes().size(), 17u);
    EXPECT_EQ(sector_label("natural-resources"), "规划和自然资源局");
    EXPECT_TRUE(sector_label("unknown").empty());
    EXPECT_EQ(categories().size(), 10u);
}

TEST(Level, round_trips_through_text) {
    for (Level level : {Level::county, Level::township, Level::subdistrict}) {
        EXPECT_EQ(parse_level(to_string(level)), level);
    }
    EXPECT_FALSE(parse_level("village").has_value());
}

TEST(Diagnostic, caret_is_aligned_by_display_width) {
    const Diagnostic d{"a.yaml", 3, 9, "unknown body 'x'", "  - 主体: x"};
    EXPECT_EQ(format_diagnostic(d), "a.yaml:3:9: unknown body 'x'\n  - 主体: x\n          ^\n");
}

TEST(Diagnostic, without_line_names_only_the_file) {
    EXPECT_EQ(format_diagnostic({"missing.yaml", 0, 0, "cannot read file: no such file", ""}),
              "missing.yaml: cannot read file: no such file\n");
}

}  // namespace
}  // namespace lawlist::model
