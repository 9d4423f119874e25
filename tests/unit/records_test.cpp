#include "lawlist/format/records.hpp"

#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "lawlist/format/described.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/model/fields.hpp"

namespace lawlist::format {
namespace {

// The JSON member at a description's key (target/value: "value" in "target"), or nullptr.
const Json* member(const Json& record, std::string_view key) {
    const Json* at = &record;
    for (auto slash = key.find('/');; slash = key.find('/')) {
        const std::string name(key.substr(0, slash));
        if (!at->is_object() || !at->contains(name)) {
            return nullptr;
        }
        at = &(*at)[name];
        if (slash == std::string_view::npos) {
            return at;
        }
        key.remove_prefix(slash + 1);
    }
}

// Every field of `description` is a column of `type`, keyed by the last part of the field's key
// (or that and _id/_name for a body it names) and headed, in Chinese, by the field's heading;
// and a member of the record's JSON under the field's key.
template <class Row, class Entry>
void expect_every_field_listed(const RecordType<Row>& type,
                               const model::Description<Entry>& description) {
    const Listing listing = make_listing(type, std::vector<Row>(1));
    for (const auto& field : description.fields) {
        const std::string leaf(field.key.substr(field.key.rfind('/') + 1));
        bool keyed = false;
        bool headed = false;
        for (const auto& column : listing.columns) {
            keyed = keyed || column.key == leaf || column.key == leaf + "_id";
            headed = headed || column.chinese() == field.heading;
        }
        EXPECT_TRUE(keyed) << field.key;
        EXPECT_TRUE(headed) << field.key << " " << field.heading;
        EXPECT_NE(member(listing.records.at(0), field.key), nullptr) << field.key;
    }
}

TEST(Records, every_described_field_is_a_column_and_a_json_member) {
    expect_every_field_listed(item_record(), model::item_description());
    expect_every_field_listed(body_record({}), model::body_description());
    expect_every_field_listed(problem_record(), model::problem_description());
    expect_every_field_listed(warning_record(), model::warning_description());
    expect_every_field_listed(metric_record(), model::metric_description());
}

// What makes the test above enough: a field added to a description shows up in a record built
// from it, in every format, with no other edit.
TEST(Records, a_field_added_to_a_description_is_listed_with_no_other_edit) {
    model::Description<model::Item> description = model::item_description();
    description.fields.push_back(
        {"approval/office", "审批机关", "approval_office", false,
         [](const model::Item& item) { return model::FieldValue(item.name + "审批科"); },
         [](model::Item&, const model::FieldValue&, const model::Location&) { return true; }});
    const auto type = record_type(DescribedRecord<store::ItemRow, model::Item>{
        description, &store::ItemRow::item, {}, {}, {}, {}});
    store::ItemRow row;
    row.item.name = "行政处罚";
    const Listing listing = make_listing(type, std::vector{row});
    ASSERT_FALSE(listing.columns.empty());
    EXPECT_EQ(listing.columns.back().key, "office");
    EXPECT_EQ(listing.columns.back().label, "审批机关");
    EXPECT_EQ(listing.rows.at(0).back().value, "行政处罚审批科");
    EXPECT_EQ(listing.records.at(0).at("approval").at("office"), "行政处罚审批科");
}

// Defaults: an absent value is empty text and JSON null, a whole number prints without a
// fraction; a view hides a column from people but keeps its Chinese CSV header.
TEST(Records, described_columns_default_to_the_field_and_follow_their_view) {
    EXPECT_EQ(field_text(model::FieldValue()), "");
    EXPECT_EQ(field_text(model::FieldValue(95.0)), "95");
    EXPECT_EQ(field_text(model::FieldValue(2.5)), "2.5");
    EXPECT_TRUE(field_json(model::FieldValue()).is_null());
    EXPECT_EQ(field_json(model::FieldValue(95.0)).dump(), "95");
    EXPECT_EQ(field_json(model::FieldValue(2.5)).dump(), "2.5");

    store::MetricRow row;
    row.metric.value = 95;
    row.metric.unit = "percent";
    row.metric.weight = 20;
    const Listing listing = make_listing(metric_record(), std::vector{row});
    for (std::size_t c = 0; c < listing.columns.size(); ++c) {
        const auto& column = listing.columns[c];
        if (column.key == "unit") {
            EXPECT_EQ(column.label, "");  // people read it in the target
            EXPECT_EQ(column.chinese(), "计量单位");
        }
        if (column.key == "value") {
            EXPECT_EQ(column.label, "目标");
            EXPECT_EQ(column.chinese(), "目标值");
            EXPECT_EQ(listing.rows[0][c].value, "95");
            EXPECT_EQ(listing.rows[0][c].display, "≥95%");
        }
    }
    EXPECT_EQ(listing.records[0].at("target").dump(),
              R"({"comparison":"at-least","value":95,"unit":"percent"})");
    EXPECT_EQ(listing.records[0].at("weight").dump(), "20");
}

// An import's report: what it wrote, then the items to review (json: only those, one record each).
TEST(Records, an_import_says_what_it_wrote_then_lists_the_items_to_review) {
    import_::Result result;
    result.jurisdiction.id = "xishan-town";
    result.items = 2;
    result.files = {{"jurisdiction.yaml", ""}, {"power.yaml", ""}};
    result.reviews.push_back({"list.csv:3:2", "XS-1", "对乱倒垃圾的处罚", {{"dumping", 0.91, {}}}});
    const Listing listing = import_listing(result, "out");
    std::ostringstream table;
    write(listing, Output::table, table);
    EXPECT_EQ(table.str(),
              "xishan-town: 2 items written to out (2 files, 0 new bodies)\n"
              "linked: 0 through the county item, 0 by name on other lists, 0 by the classifier; "
              "0 to review\n"
              "位置          事项编码  事项名称          候选违法行为类型\n"
              "------------  --------  ----------------  ----------------\n"
              "list.csv:3:2  XS-1      对乱倒垃圾的处罚  dumping(0.9)\n");
    std::ostringstream json;
    write(listing, Output::jsonl, json);
    EXPECT_EQ(json.str(), R"({"cell":"list.csv:3:2","code":"XS-1","name":"对乱倒垃圾的处罚",)"
                          R"("candidates":[{"violation_type":"dumping","score":0.91}]})"
                          "\n");
}

}  // namespace
}  // namespace lawlist::format
