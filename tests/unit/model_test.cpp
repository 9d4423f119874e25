#include "lawlist/model/model.hpp"

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

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

// Every value of an enum, from its first to `last` (the enums number their values from 0).
template <typename Enum>
std::vector<Enum> all_up_to(Enum last) {
    std::vector<Enum> out;
    for (int v = 0; v <= static_cast<int>(last); ++v) {
        out.push_back(static_cast<Enum>(v));
    }
    return out;
}

// The spellings an enum's to_string gives, and parse_* reads them back to the same value.
template <typename Enum>
std::set<std::string> spellings(Enum last, std::optional<Enum> (*parse)(std::string_view)) {
    std::set<std::string> out;
    for (const Enum value : all_up_to(last)) {
        EXPECT_EQ(parse(to_string(value)), value) << to_string(value);
        EXPECT_FALSE(to_label(value).empty()) << to_string(value);
        out.emplace(to_string(value));
    }
    EXPECT_FALSE(parse("unknown").has_value());
    return out;
}

// The values a schema's `enum` at JSON pointer `at` allows.
std::set<std::string> schema_enum(const std::string& file, const std::string& at) {
    std::ifstream in(testing::source_dir() / "schemas" / file);
    const auto schema = nlohmann::json::parse(in);
    const auto values = schema.at(nlohmann::json::json_pointer(at));
    return {values.begin(), values.end()};
}

// The enums and the JSON Schemas spell the same values, so neither can gain one alone.
TEST(Enums, round_trip_through_text_and_match_the_schemas) {
    EXPECT_EQ(
        spellings(BodyKind::subdistrict_office, parse_body_kind),
        schema_enum("jurisdiction.schema.json", "/properties/bodies/items/properties/kind/enum"));
    EXPECT_EQ(spellings(Category::other, parse_category),
              schema_enum("common.schema.json", "/definitions/category/enum"));
    const std::string item = "/properties/items/items/properties";
    EXPECT_EQ(spellings(DelegationMode::entrustment, parse_delegation_mode),
              schema_enum("power-list.schema.json", item + "/delegation/properties/mode/enum"));
    EXPECT_EQ(
        spellings(DelegationMode::entrustment, parse_delegation_mode),
        schema_enum("power-list.schema.json", item + "/delegated_to/items/properties/mode/enum"));
    EXPECT_EQ(
        spellings(Comparison::at_most, parse_comparison),
        schema_enum("performance-list.schema.json",
                    "/properties/metrics/items/properties/target/properties/comparison/enum"));
}

TEST(Enums, labels_are_what_published_lists_print) {
    EXPECT_EQ(to_label(BodyKind::sector_team), "县级行业执法队伍");
    EXPECT_EQ(to_label(BodyKind::subdistrict_office), "街道办事处");
    EXPECT_EQ(to_label(Category::coercion), "行政强制");
    EXPECT_EQ(to_label(DelegationMode::entrustment), "委托");
    EXPECT_EQ(to_label(Comparison::at_most), "不超过");
    EXPECT_EQ(to_sign(Comparison::at_least), "≥");
    // The category names users may type are the enum's, in the national order.
    ASSERT_EQ(categories().size(), 10u);
    EXPECT_EQ(categories().front(), "行政许可");
    EXPECT_EQ(categories()[1], to_string(Category::penalty));
    EXPECT_EQ(categories().back(), "其他行政权力");
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
