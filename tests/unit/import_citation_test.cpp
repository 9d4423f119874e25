// The citation parser over the styles of published lists: each case is a cell as counties write
// it and the citations it must give (law, article, paragraph, item), or the fragments it must
// keep verbatim as unreadable.
#include "lawlist/import/citation.hpp"

#include <set>

#include <gtest/gtest.h>

#include "lawlist/io/reader.hpp"
#include "lawlist/text/utf8.hpp"
#include "test_support.hpp"

namespace lawlist::import_ {
namespace {

struct Expected {
    std::string law;
    int article;
    int paragraph = 0;  // 0: none
    int item = 0;
};

struct Case {
    std::string cell;
    std::vector<Expected> bases;
    std::vector<std::string> unparsed = {};
};

std::string show(const model::LegalBasis& b) {
    return b.law + "|" + std::to_string(b.article) + "|" + std::to_string(b.paragraph.value_or(0)) +
           "|" + std::to_string(b.item.value_or(0));
}

std::string show(const Expected& b) {
    return b.law + "|" + std::to_string(b.article) + "|" + std::to_string(b.paragraph) + "|" +
           std::to_string(b.item);
}

const std::string k_land = "中华人民共和国土地管理法";
const std::string k_city = "城市市容和环境卫生管理条例";

// Styles seen in published 权责清单 (provincial catalogues, county lists) and in the bundled data.
const std::vector<Case> k_cases = {
    // The canonical forms.
    {"《中华人民共和国土地管理法》第七十七条第一款", {{k_land, 77, 1}}},
    {"《中华人民共和国土地管理法》第七十七条", {{k_land, 77}}},
    {"《城市市容和环境卫生管理条例》第三十四条第一款第（四）项", {{k_city, 34, 1, 4}}},
    {"《条例》第三十四条第一款第（四）项", {{"条例", 34, 1, 4}}},
    {"《城市市容和环境卫生管理条例》第三十四条第一款第四项", {{k_city, 34, 1, 4}}},
    {"《城市市容和环境卫生管理条例》第三十四条第(四)项", {{k_city, 34, 0, 4}}},
    {"《城市市容和环境卫生管理条例》第三十四条（四）项", {{k_city, 34, 0, 4}}},
    {"《城市市容和环境卫生管理条例》第三十四条第一款（四）", {{k_city, 34, 1, 4}}},
    // Arabic, full-width and mixed numerals.
    {"《中华人民共和国土地管理法》第77条第1款", {{k_land, 77, 1}}},
    {"《中华人民共和国土地管理法》第７７条", {{k_land, 77}}},
    {"《中华人民共和国土地管理法》第七十七条第1款", {{k_land, 77, 1}}},
    {"《中华人民共和国土地管理法》第77条第一款", {{k_land, 77, 1}}},
    {"《城市市容和环境卫生管理条例》第34条第1款第(4)项", {{k_city, 34, 1, 4}}},
    {"《城市市容和环境卫生管理条例》第34条第1款第（4）项", {{k_city, 34, 1, 4}}},
    {"《城市市容和环境卫生管理条例》第三十四条第1款第4项", {{k_city, 34, 1, 4}}},
    {"《中华人民共和国土地管理法》第 77 条", {{k_land, 77}}},
    {"《中华人民共和国安全生产法》第一百零一条", {{"中华人民共和国安全生产法", 101}}},
    {"《中华人民共和国安全生产法》第一百一十条", {{"中华人民共和国安全生产法", 110}}},
    {"《中华人民共和国固体废物污染环境防治法》第一百一十一条第一款第（一）项",
     {{"中华人民共和国固体废物污染环境防治法", 111, 1, 1}}},
    {"《中华人民共和国大气污染防治法》第一百二十条", {{"中华人民共和国大气污染防治法", 120}}},
    {"《中华人民共和国食品安全法》第一百二十二条第一款", {{"中华人民共和国食品安全法", 122, 1}}},
    {"《中华人民共和国道路交通安全法》第九十条", {{"中华人民共和国道路交通安全法", 90}}},
    {"《中华人民共和国消防法》第六十条第一款第（五）项", {{"中华人民共和国消防法", 60, 1, 5}}},
    {"《中华人民共和国消防法》第60条第1款第5项", {{"中华人民共和国消防法", 60, 1, 5}}},
    {"《中华人民共和国治安管理处罚法》第二十条", {{"中华人民共和国治安管理处罚法", 20}}},
    {"《宗教事务条例》第七十一条", {{"宗教事务条例", 71}}},
    {"《城市道路管理条例》第四十二条", {{"城市道路管理条例", 42}}},
    {"《烟花爆竹安全管理条例》第三十六条第二款", {{"烟花爆竹安全管理条例", 36, 2}}},
    {"《中华人民共和国森林法》第七十四条第一款", {{"中华人民共和国森林法", 74, 1}}},
    {"《中华人民共和国水法》第六十五条第一款", {{"中华人民共和国水法", 65, 1}}},
    {"《建设工程质量管理条例》第五十七条", {{"建设工程质量管理条例", 57}}},
    {"《中华人民共和国测绘法》第六十四条", {{"中华人民共和国测绘法", 64}}},
    {"《中华人民共和国传染病防治法》第七十三条", {{"中华人民共和国传染病防治法", 73}}},
    {"《娱乐场所管理条例》第四十三条", {{"娱乐场所管理条例", 43}}},
    {"《劳动保障监察条例》第二十四条", {{"劳动保障监察条例", 24}}},
    {"《村庄和集镇规划建设管理条例》第三十九条", {{"村庄和集镇规划建设管理条例", 39}}},
    {"《城市建筑垃圾管理规定》第二十六条", {{"城市建筑垃圾管理规定", 26}}},
    {"《住宅室内装饰装修管理办法》第三十八条第（一）项", {{"住宅室内装饰装修管理办法", 38, 0, 1}}},
    {"《中华人民共和国矿产资源法》第三十九条", {{"中华人民共和国矿产资源法", 39}}},
    {"《中华人民共和国劳动合同法》第八十二条第一款", {{"中华人民共和国劳动合同法", 82, 1}}},
    {"《中华人民共和国噪声污染防治法》第七十七条第一款第（三）项",
     {{"中华人民共和国噪声污染防治法", 77, 1, 3}}},
    {"《地质灾害防治条例》第四十三条", {{"地质灾害防治条例", 43}}},
    {"《基本农田保护条例》第三十三条", {{"基本农田保护条例", 33}}},
    {"《中华人民共和国土地管理法实施条例》第五十七条", {{"中华人民共和国土地管理法实施条例", 57}}},
    // Law names without 《》.
    {"中华人民共和国土地管理法第七十七条第一款", {{k_land, 77, 1}}},
    {"城市市容和环境卫生管理条例第三十四条第一款第（四）项", {{k_city, 34, 1, 4}}},
    {"宗教事务条例第七十一条", {{"宗教事务条例", 71}}},
    {"城市建筑垃圾管理规定第二十六条", {{"城市建筑垃圾管理规定", 26}}},
    {"住宅室内装饰装修管理办法第38条", {{"住宅室内装饰装修管理办法", 38}}},
    {"依据中华人民共和国土地管理法第七十七条", {{k_land, 77}}},
    // Other book-title marks and notes on the version.
    {"〈中华人民共和国土地管理法〉第七十七条", {{k_land, 77}}},
    {"《中华人民共和国土地管理法》（2019年修正）第七十七条", {{k_land, 77}}},
    {"《中华人民共和国土地管理法》(2019年修订)第七十七条第一款", {{k_land, 77, 1}}},
    // Filler words.
    {"依据《中华人民共和国土地管理法》第七十七条的规定", {{k_land, 77}}},
    {"根据《中华人民共和国土地管理法》第七十七条规定", {{k_land, 77}}},
    {"《中华人民共和国土地管理法》第七十七条之规定", {{k_land, 77}}},
    {"按照《中华人民共和国土地管理法》第七十七条等相关规定", {{k_land, 77}}},
    {"依照《城市道路管理条例》第四十二条", {{"城市道路管理条例", 42}}},
    {"设定依据：《中华人民共和国土地管理法》第七十七条", {{k_land, 77}}},
    // Several citations in one cell.
    {"《中华人民共和国土地管理法》第七十七条；《中华人民共和国土地管理法实施条例》第五十七条",
     {{k_land, 77}, {"中华人民共和国土地管理法实施条例", 57}}},
    {"《中华人民共和国土地管理法》第七十七条;《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"《中华人民共和国土地管理法》第七十七条\n《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"《中华人民共和国土地管理法》第七十七条\r\n《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"《中华人民共和国土地管理法》第七十七条、《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"《中华人民共和国土地管理法》第七十七条，《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"《中华人民共和国土地管理法》第七十七条。《基本农田保护条例》第三十三条。",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"1.《中华人民共和国土地管理法》第七十七条\n2.《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"1、《中华人民共和国土地管理法》第七十七条\n2、《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"（1）《中华人民共和国土地管理法》第七十七条（2）《基本农田保护条例》第三十三条",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"《A法》第一条；《B条例》第二条；《C办法》第三条", {{"A法", 1}, {"B条例", 2}, {"C办法", 3}}},
    {"《中华人民共和国大气污染防治法》第一百一十五条第一款、第一百一十七条、第一百一十九条",
     {{"中华人民共和国大气污染防治法", 115, 1},
      {"中华人民共和国大气污染防治法", 117},
      {"中华人民共和国大气污染防治法", 119}}},
    // A law written once for several articles, paragraphs, items.
    {"《中华人民共和国土地管理法》第七十七条、第七十八条", {{k_land, 77}, {k_land, 78}}},
    {"《中华人民共和国土地管理法》第七十七条和第七十八条", {{k_land, 77}, {k_land, 78}}},
    {"《中华人民共和国土地管理法》第七十七条及第七十八条", {{k_land, 77}, {k_land, 78}}},
    {"《中华人民共和国土地管理法》第七十七条；第七十八条", {{k_land, 77}, {k_land, 78}}},
    {"《中华人民共和国土地管理法》第七十七条第一款、第二款", {{k_land, 77, 1}, {k_land, 77, 2}}},
    {"《中华人民共和国土地管理法》第七十七条第一款、第七十八条第二款",
     {{k_land, 77, 1}, {k_land, 78, 2}}},
    {"《条例》第三十四条第一款第（四）项、第（五）项", {{"条例", 34, 1, 4}, {"条例", 34, 1, 5}}},
    {"《条例》第三十四条第一款第（四）、（五）项", {{"条例", 34, 1, 4}, {"条例", 34, 1, 5}}},
    {"《条例》第三十四条第一款第四项、第五项、第六项",
     {{"条例", 34, 1, 4}, {"条例", 34, 1, 5}, {"条例", 34, 1, 6}}},
    {"《条例》第三十四条第（四）项第（五）项", {{"条例", 34, 0, 4}, {"条例", 34, 0, 5}}},
    {"城市市容和环境卫生管理条例第三十四条、第三十六条", {{k_city, 34}, {k_city, 36}}},
    {"《城市市容和环境卫生管理条例》第三十四条第1款第（一）项、第36条",
     {{k_city, 34, 1, 1}, {k_city, 36}}},
    // A short name after the full one stands for it.
    {"《城市市容和环境卫生管理条例》第三十四条；《条例》第三十六条", {{k_city, 34}, {k_city, 36}}},
    {"《中华人民共和国土地管理法》第七十七条、本法第七十八条", {{k_land, 77}, {k_land, 78}}},
    {"《中华人民共和国土地管理法》第七十七条；《办法》第三条", {{k_land, 77}, {"办法", 3}}},
    // A cell with three citations in three styles.
    {"《中华人民共和国土地管理法》第七十七条第一款；土地管理法实施条例第57条、《基本农田保护条例》"
     "第三十三条",
     {{k_land, 77, 1}, {"土地管理法实施条例", 57}, {"基本农田保护条例", 33}}},
    // Quoted article text after a citation is skipped.
    {"《中华人民共和国土地管理法》第七十七条：未经批准或者采取欺骗手段骗取批准，非法占用土地的，"
     "由县级以上人民政府自然资源主管部门责令退还非法占用的土地；对违反土地利用总体规划擅自将农用地"
     "改为建设用地的，限期拆除。",
     {{k_land, 77}}},
    {"《中华人民共和国土地管理法》第七十七条：未经批准……依照本法第四十四条的规定处罚。\n"
     "《基本农田保护条例》第三十三条：违反本条例规定……",
     {{k_land, 77}, {"基本农田保护条例", 33}}},
    {"《城市道路管理条例》第四十二条:"
     "违反本条例第二十七条规定的，由市政工程行政主管部门责令限期改正",
     {{"城市道路管理条例", 42}}},
    // White space around everything.
    {"  《中华人民共和国土地管理法》 第七十七条 第一款  ", {{k_land, 77, 1}}},
    {"《 中华人民共和国土地管理法 》第七十七条", {{k_land, 77}}},
    {"\u3000《中华人民共和国土地管理法》第七十七条\u3000", {{k_land, 77}}},
    // Large article numbers.
    {"《中华人民共和国民法典》第一千一百六十五条", {{"中华人民共和国民法典", 1165}}},
    {"《中华人民共和国民法典》第1165条", {{"中华人民共和国民法典", 1165}}},
    {"《X法》第十条", {{"X法", 10}}},
    {"《X法》第二十条", {{"X法", 20}}},
    {"《X法》第一百条", {{"X法", 100}}},
    {"《X法》第一百零五条", {{"X法", 105}}},
    {"《X法》第两百条", {{"X法", 200}}},
    {"《X法》第二百一十条", {{"X法", 210}}},
    // Empty cells and fillers give nothing and report nothing.
    {"", {}},
    {"   ", {}},
    {"\n\n", {}},
    // What cannot be read is kept verbatim.
    {"《中华人民共和国行政处罚法》", {}, {"《中华人民共和国行政处罚法》"}},
    {"国务院关于进一步加强城市规划建设管理工作的若干意见",
     {},
     {"国务院关于进一步加强城市规划建设管理工作的若干意见"}},
    {"国发〔2004〕16号", {}, {"国发〔2004〕16号"}},
    {"第七十七条", {}, {"第七十七条"}},
    {"《中华人民共和国刑法》第二十条之一", {}, {"《中华人民共和国刑法》第二十条之一"}},
    {"《中华人民共和国土地管理法》第七十七条；详见相关文件", {{k_land, 77}}, {"详见相关文件"}},
    {"《中华人民共和国土地管理法》第零条", {}, {"《中华人民共和国土地管理法》第零条"}},
    {"《中华人民共和国土地管理法》第七七条", {}, {"《中华人民共和国土地管理法》第七七条"}},
    {"《中华人民共和国土地管理法第七十七条", {}, {"《中华人民共和国土地管理法第七十七条"}},
    {"《》第七十七条", {}, {"《》第七十七条"}},
    {"待补充", {}, {"待补充"}},
    {"《X法》第十条；无；《Y法》第二条", {{"X法", 10}, {"Y法", 2}}, {"无"}},
};

TEST(Citation, reads_the_styles_of_published_lists) {
    ASSERT_GE(k_cases.size(), 100u);
    for (const auto& c : k_cases) {
        const Citations got = parse_citations(c.cell);
        std::vector<std::string> got_bases, want_bases;
        for (const auto& b : got.bases) {
            got_bases.push_back(show(b));
        }
        for (const auto& b : c.bases) {
            want_bases.push_back(show(b));
        }
        EXPECT_EQ(got_bases, want_bases) << c.cell;
        EXPECT_EQ(got.unparsed, c.unparsed) << c.cell;
    }
}

// Every legal basis of the bundled lists, printed as published (LegalBasis::citation), with
// Arabic numerals and without 《》, reads back as itself.
TEST(Citation, reads_back_every_basis_of_the_bundled_data) {
    std::vector<Diagnostic> diagnostics;
    const auto bundle =
        io::read_bundle({testing::source_dir() / "data" / "base"}, testing::schemas(), diagnostics);
    ASSERT_TRUE(diagnostics.empty());
    std::set<std::string> seen;
    std::size_t checked = 0;
    for (const auto& set : bundle.list_sets) {
        for (const auto& item : set.items) {
            for (const auto& basis : item.basis) {
                if (!seen.insert(show(basis)).second) {
                    continue;
                }
                std::string arabic =
                    "《" + basis.law + "》第" + std::to_string(basis.article) + "条";
                std::string bare = basis.law + "第" + text::chinese_number(basis.article) + "条";
                if (basis.paragraph) {
                    arabic += "第" + std::to_string(*basis.paragraph) + "款";
                    bare += "第" + text::chinese_number(*basis.paragraph) + "款";
                }
                if (basis.item) {
                    arabic += "第(" + std::to_string(*basis.item) + ")项";
                    bare += "第" + text::chinese_number(*basis.item) + "项";
                }
                for (const auto& cell : {basis.citation(), arabic, bare}) {
                    const auto got = parse_citations(cell);
                    ASSERT_EQ(got.bases.size(), 1u) << cell;
                    EXPECT_EQ(show(got.bases[0]), show(basis)) << cell;
                    EXPECT_TRUE(got.unparsed.empty()) << cell;
                    ++checked;
                }
            }
        }
    }
    EXPECT_GT(checked, 300u);
}

TEST(Citation, parses_numbers_in_both_scripts) {
    EXPECT_EQ(parse_number(U"七十七"), 77);
    EXPECT_EQ(parse_number(U"十"), 10);
    EXPECT_EQ(parse_number(U"十二"), 12);
    EXPECT_EQ(parse_number(U"一百零五"), 105);
    EXPECT_EQ(parse_number(U"一千一百六十五"), 1165);
    EXPECT_EQ(parse_number(U"两"), 2);
    EXPECT_EQ(parse_number(U"77"), 77);
    EXPECT_FALSE(parse_number(U"七七").has_value());
    EXPECT_FALSE(parse_number(U"十十").has_value());
    EXPECT_FALSE(parse_number(U"").has_value());
    EXPECT_FALSE(parse_number(U"7七").has_value());
    EXPECT_FALSE(parse_number(U"12345").has_value());
}

}  // namespace
}  // namespace lawlist::import_
