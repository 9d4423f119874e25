#include "lawlist/model/fields.hpp"

#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "lawlist/model/units.hpp"
#include "test_support.hpp"

namespace lawlist::model {
namespace {

using nlohmann::json;

// The keys an entry of the schema's list may have, as a description writes them: a property,
// or `outer/inner` for a property of an object the description reaches into.
std::set<std::string> schema_keys(const json& entry, const std::set<std::string>& reached,
                                  const std::string& prefix = "") {
    std::set<std::string> out;
    for (const auto& [name, property] : entry.at("properties").items()) {
        const std::string key = prefix + name;
        if (reached.contains(key)) {
            const auto inner = schema_keys(property, reached, key + "/");
            out.insert(inner.begin(), inner.end());
        } else {
            out.insert(key);
        }
    }
    return out;
}

// The described and by-hand keys of `description`, against the entries of list `list` in
// schemas/`file`: neither may have a key the other lacks.
template <typename Entry>
void expect_matches_schema(const Description<Entry>& description, const std::string& file,
                           const std::string& list) {
    std::ifstream in(testing::source_dir() / "schemas" / file);
    const json schema = json::parse(in);
    std::set<std::string> described(description.by_hand.begin(), description.by_hand.end());
    std::set<std::string> reached;
    for (const auto& field : description.fields) {
        EXPECT_TRUE(described.emplace(field.key).second) << file << ": twice " << field.key;
        for (auto slash = field.key.find('/'); slash != std::string_view::npos;
             slash = field.key.find('/', slash + 1)) {
            reached.emplace(field.key.substr(0, slash));
        }
    }
    EXPECT_EQ(described, schema_keys(schema.at("properties").at(list).at("items"), reached))
        << file;
}

TEST(Fields, each_description_covers_its_schema_exactly) {
    expect_matches_schema(item_description(), "power-list.schema.json", "items");
    expect_matches_schema(body_description(), "jurisdiction.schema.json", "bodies");
    expect_matches_schema(problem_description(), "problem-list.schema.json", "problems");
    expect_matches_schema(warning_description(), "warning-list.schema.json", "warnings");
    expect_matches_schema(metric_description(), "performance-list.schema.json", "metrics");
}

// Each field gives back what it was set to, and keeps where a reference was written.
TEST(Fields, set_then_get_gives_the_value_back) {
    const Location at{1, 2, 3};
    Item item;
    for (const auto& field : item_description().fields) {
        const FieldValue v = field.key == "category" ? FieldValue("行政检查") : FieldValue("x-1");
        ASSERT_TRUE(field.set(item, v, at)) << field.key;
        EXPECT_EQ(field.get(item), v) << field.key;
    }
    EXPECT_EQ(item.category, Category::inspection);
    EXPECT_EQ(item.body.loc, at);
    EXPECT_EQ(item.unit->loc, at);
    EXPECT_EQ(item.sector_loc, at);
    Metric metric;
    for (const auto& field : metric_description().fields) {
        const FieldValue v = field.number                       ? FieldValue(2.5)
                             : field.key == "target/comparison" ? FieldValue("at-most")
                                                                : FieldValue("m");
        ASSERT_TRUE(field.set(metric, v, at)) << field.key;
        EXPECT_EQ(field.get(metric), v) << field.key;
    }
    EXPECT_EQ(metric.comparison, Comparison::at_most);
    EXPECT_EQ(metric.weight, 2.5);
}

TEST(Fields, refuse_a_value_the_field_does_not_take) {
    Body body;
    for (const auto& field : body_description().fields) {
        if (field.key == "kind") {
            EXPECT_FALSE(field.set(body, FieldValue("village-team"), {}));
            EXPECT_TRUE(field.set(body, FieldValue("stationed-squad"), {}));
            EXPECT_EQ(body.kind, BodyKind::stationed_squad);
        }
        if (field.key == "name") {
            EXPECT_FALSE(field.set(body, FieldValue(), {}));  // a required text
        }
        if (field.key == "remarks") {
            body.remarks = "r";
            EXPECT_TRUE(field.set(body, FieldValue(), {}));  // an optional one: absent
            EXPECT_FALSE(body.remarks.has_value());
        }
    }
}

// The metric units are the schema's enum, each with the label published text writes after a number.
TEST(Fields, metric_units_are_the_schemas_each_with_a_label) {
    std::ifstream in(testing::source_dir() / "schemas" / "performance-list.schema.json");
    const json schema = json::parse(in);
    const json& unit = schema.at("properties")
                           .at("metrics")
                           .at("items")
                           .at("properties")
                           .at("target")
                           .at("properties")
                           .at("unit");
    EXPECT_EQ(unit.at("enum").get<std::vector<std::string>>(), metric_units());
    std::set<std::string_view> labels;
    for (const auto& u : metric_units()) {
        EXPECT_NE(unit_label(u), u);
        labels.insert(unit_label(u));
    }
    EXPECT_EQ(labels.size(), metric_units().size());  // no two units read alike
    EXPECT_EQ(unit_label("days"), "日");
    EXPECT_EQ(unit_label("fortnights"), "fortnights");
}

}  // namespace
}  // namespace lawlist::model
