#include <sstream>

#include <gtest/gtest.h>

#include "lawlist/format/listing.hpp"
#include "lawlist/format/output.hpp"
#include "lawlist/format/writer.hpp"

namespace lawlist::format {
namespace {

struct Town {
    std::string id;
    std::string name;
    int items = 0;
};

const RecordType<Town>& town_record() {
    static const RecordType<Town> type{
        {
            {"id", "编码", [](const Town& t) { return t.id; }},
            {"name", "名称", [](const Town& t) { return t.name; }},
            {"items", "", [](const Town& t) { return std::to_string(t.items); }},
            {"", "规模", nullptr,
             [](const Town& t) { return std::string(t.items > 5 ? "大" : "小"); }},
        },
        [](const Town& t) {
            return Json{{"id", t.id}, {"name", t.name}, {"items", t.items}};
        },
        true,
    };
    return type;
}

std::string written(const Listing& listing, Output output) {
    std::ostringstream out;
    write(listing, output, out);
    return out.str();
}

const std::vector<Town> k_towns = {{"shihe", "石河镇", 7}, {"a,b", "乙", 2}};

TEST(Output, names_round_trip_and_unknown_names_are_refused) {
    for (const auto output : {Output::table, Output::cards, Output::json, Output::jsonl,
                              Output::csv, Output::markdown, Output::dot}) {
        EXPECT_EQ(parse_output(to_string(output)), output);
    }
    EXPECT_EQ(parse_output("xml"), std::nullopt);
}

TEST(DocumentOutput, names_round_trip_in_order_and_only_xlsx_is_binary) {
    const std::vector<DocumentOutput> all = {
        DocumentOutput::table,    DocumentOutput::json, DocumentOutput::jsonl, DocumentOutput::csv,
        DocumentOutput::markdown, DocumentOutput::html, DocumentOutput::xlsx};
    for (const auto output : all) {
        EXPECT_EQ(parse_document_output(to_string(output)), output);
        EXPECT_EQ(is_binary(output), output == DocumentOutput::xlsx);
    }
    EXPECT_EQ(names_of({DocumentOutput::xlsx, DocumentOutput::csv}),
              (std::vector<std::string>{"xlsx", "csv"}));
    EXPECT_EQ(parse_document_output("cards"), std::nullopt);
    EXPECT_EQ(parse_document_output("pdf"), std::nullopt);
}

TEST(Writer, table_numbers_rows_and_shows_only_columns_for_people) {
    EXPECT_EQ(written(make_listing(town_record(), k_towns), Output::table),
              "序号  编码   名称    规模\n"
              "----  -----  ------  ----\n"
              "1     shihe  石河镇  大\n"
              "2     a,b    乙      小\n");
}

TEST(Writer, csv_has_machine_columns_and_quotes_commas) {
    EXPECT_EQ(written(make_listing(town_record(), k_towns), Output::csv),
              "id,name,items\r\nshihe,石河镇,7\r\n\"a,b\",乙,2\r\n");
}

TEST(Writer, cards_write_one_block_per_record) {
    EXPECT_EQ(written(make_listing(town_record(), {k_towns.front()}), Output::cards),
              "【1】\n编码  shihe\n名称  石河镇\n规模  大\n");
}

TEST(Writer, cards_show_control_characters) {
    const std::vector<Town> towns = {{"t1", "\x1b]0;title\x07镇", 1}};
    const auto cards = written(make_listing(town_record(), towns), Output::cards);
    EXPECT_EQ(cards.find('\x1b'), std::string::npos) << cards;
    EXPECT_NE(cards.find("␛]0;title␇镇"), std::string::npos) << cards;
}

TEST(Writer, markdown_is_a_table_for_people) {
    EXPECT_EQ(written(make_listing(town_record(), {k_towns.back()}), Output::markdown),
              "| 序号 | 编码 | 名称 | 规模 |\n| --- | --- | --- | --- |\n| 1 | a,b | 乙 | 小 |\n");
}

TEST(Writer, json_is_an_array_and_jsonl_one_record_a_line) {
    const auto listing = make_listing(town_record(), k_towns);
    EXPECT_EQ(written(listing, Output::jsonl),
              "{\"id\":\"shihe\",\"name\":\"石河镇\",\"items\":7}\n"
              "{\"id\":\"a,b\",\"name\":\"乙\",\"items\":2}\n");
    const auto parsed = Json::parse(written(listing, Output::json));
    ASSERT_TRUE(parsed.is_array());
    EXPECT_EQ(parsed.size(), 2u);
    EXPECT_EQ(parsed[1]["id"], "a,b");
}

TEST(Writer, a_document_replaces_the_array_in_json_only) {
    auto listing = make_listing(town_record(), k_towns);
    listing.document = Json{{"towns", 2}};
    EXPECT_EQ(written(listing, Output::json), "{\n  \"towns\": 2\n}\n");
    EXPECT_EQ(written(listing, Output::jsonl).find("towns"), std::string::npos);
}

TEST(Writer, a_report_takes_over_the_outputs_it_answers) {
    auto listing = make_listing(town_record(), k_towns);
    listing.report = [](Output output, const WriterOptions&) -> std::optional<std::string> {
        return output == Output::table ? std::optional<std::string>("两个乡镇\n") : std::nullopt;
    };
    EXPECT_EQ(written(listing, Output::table), "两个乡镇\n");
    EXPECT_EQ(written(listing, Output::csv).substr(0, 14), "id,name,items\r");
}

// A stream of one-record parts writes what one writer writes over the whole listing.
TEST(StreamWriter, parts_make_the_text_of_the_whole_listing) {
    const std::vector<std::vector<Town>> batches = {{}, {k_towns[0]}, k_towns};
    for (const auto output : {Output::json, Output::jsonl, Output::csv}) {
        for (const auto& towns : batches) {
            ASSERT_TRUE(streams(output));
            std::ostringstream out;
            StreamWriter stream(output, make_listing(town_record(), std::vector<Town>{}).columns,
                                out);
            for (const auto& town : towns) {
                stream.write(make_listing(town_record(), std::vector{town}));
            }
            stream.finish();
            EXPECT_EQ(out.str(), written(make_listing(town_record(), towns), output))
                << to_string(output) << " of " << towns.size();
        }
    }
}

// Records written one by one, each built only as the output needs, make the same text.
TEST(StreamWriter, records_written_one_by_one_make_the_text_of_the_whole_listing) {
    for (const auto output : {Output::json, Output::jsonl, Output::csv}) {
        std::ostringstream out;
        StreamWriter stream(output, make_listing(town_record(), std::vector<Town>{}).columns, out);
        for (const auto& town : k_towns) {
            stream.write(town_record(), town);
        }
        stream.finish();
        EXPECT_EQ(out.str(), written(make_listing(town_record(), k_towns), output))
            << to_string(output);
    }
}

TEST(StreamWriter, outputs_laid_out_as_a_whole_do_not_stream) {
    for (const auto output : {Output::table, Output::cards, Output::markdown, Output::dot}) {
        EXPECT_FALSE(streams(output));
        std::ostringstream out;
        EXPECT_THROW(StreamWriter(output, {}, out), std::invalid_argument);
    }
}

TEST(Writer, csv_headers_in_chinese_and_a_byte_order_mark_on_request) {
    auto listing = make_listing(town_record(), {k_towns.front()});
    listing.columns[2].zh = "事项数";
    WriterOptions options;
    options.csv_headers = CsvHeaders::chinese;
    options.csv_bom = true;
    std::ostringstream whole;
    write(listing, Output::csv, whole, options);
    // The zh name, else the label, else the key; the rows are the same machine values.
    EXPECT_EQ(whole.str(), "\xEF\xBB\xBF编码,名称,事项数\r\nshihe,石河镇,7\r\n");
    std::ostringstream streamed;
    StreamWriter stream(Output::csv, listing.columns, streamed, options);
    stream.write(listing);
    stream.finish();
    EXPECT_EQ(streamed.str(), whole.str());
    // Neither by default.
    EXPECT_EQ(written(listing, Output::csv).substr(0, 14), "id,name,items\r");
}

TEST(Writer, dot_is_not_a_listing_output) {
    EXPECT_THROW(make_writer(Output::dot), std::invalid_argument);
}

}  // namespace
}  // namespace lawlist::format
