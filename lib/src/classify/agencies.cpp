#include "lawlist/classify/agencies.hpp"

#include <algorithm>

#include "lawlist/text/normalize.hpp"
#include "lawlist/text/utf8.hpp"
#include "phrases.hpp"

namespace lawlist::classify {
namespace {

Agency agency(std::string_view sector, std::initializer_list<const char*> names) {
    Agency a{sector, {}};
    for (const char* n : names) {
        a.names.push_back(text::decode(n));
    }
    return a;
}

// Words before a department in its clause that ask it to act, and the acts that may follow it.
const std::vector<std::u32string>& asking() {
    static const auto all =
        decoded({"请", "希望", "要求", "恳请", "麻烦", "建议", "督促", "盼", "由", "让"});
    return all;
}
const std::vector<std::u32string>& acting() {
    static const auto all =
        decoded({"来",   "去",   "查",   "处理", "管",   "检查", "调查", "核查", "打击", "取缔",
                 "整治", "介入", "督促", "处罚", "加强", "监管", "执法", "出面", "重视", "核实"});
    return all;
}

// Words between a department and its act that ask whether it would (环保部门能不能来测一下):
// the act is sought past them.
const std::vector<std::u32string>& whether() {
    static const auto all = decoded({"能不能", "可不可以", "能否", "可否", "是否能", "是不是能"});
    return all;
}

// Acts of enforcement, anywhere in the clause after the department.
const std::vector<std::u32string>& enforcing() {
    static const auto all = decoded({"查", "处理", "处罚", "打击", "取缔", "整治", "执法", "制止",
                                     "督促", "管一管", "管管", "拆除", "关停", "检测"});
    return all;
}

// At most this many characters between a department and the act that follows it.
constexpr std::size_t k_act_within = 4;

}  // namespace

const std::vector<Agency>& agencies() {
    static const std::vector<Agency> all = {
        agency("urban", {"城管", "城市管理", "综合执法", "综合行政执法"}),
        agency("emergency", {"应急管理", "应急部门", "应急局", "安监"}),
        agency("police", {"公安", "派出所", "警察", "交警", "民警"}),
        agency("fire", {"消防"}),
        agency("natural-resources", {"自然资源", "国土", "规划部门", "规划局", "规划和自然资源"}),
        agency("ecology", {"环保", "生态环境", "环境保护", "环境部门", "环境局"}),
        agency("housing", {"住建", "住房和城乡建设", "建设局", "建设部门", "房管", "住房部门"}),
        agency("market", {"市场监管", "市场监督", "工商", "质监", "食药监", "物价部门"}),
        agency("religion", {"宗教", "民宗"}),
        agency("hrss", {"人社", "劳动监察", "劳动部门", "人力资源和社会保障", "劳动保障"}),
        agency("agriculture", {"农业农村", "农业部门", "农业局", "畜牧", "农机"}),
        agency("forestry", {"林业", "林草"}),
        agency("water", {"水利", "水务"}),
        agency("education", {"教育局", "教育部门", "教体局", "教育主管"}),
        agency("culture-tourism",
               {"文化和旅游", "文旅", "文广", "文化部门", "文化市场", "旅游部门"}),
        agency("health", {"卫健", "卫生健康", "卫生部门", "卫生局", "卫计"}),
        agency("transport", {"交通运输", "运管", "交通部门", "交通局", "公路部门", "路政"}),
        agency("civil-affairs", {"民政"}),
        agency("medical-insurance", {"医保部门", "医保局", "医疗保障"}),
        agency("tobacco", {"烟草"}),
        agency("finance", {"金融办", "金融监管", "地方金融"}),
        agency("development-reform", {"发改", "发展改革", "发展和改革"}),
    };
    return all;
}

std::vector<AddressedAgency> addressed_agencies(const std::u32string& normalized) {
    // The names are numbered agency by agency, in their order.
    static const PhraseFinder finder = PhraseFinder::of_groups(agencies(), &Agency::names);
    const PhraseFinder::Occurrences occurrences = finder.find_all(normalized);
    std::vector<std::pair<std::size_t, AddressedAgency>> found;
    std::uint32_t n = 0;
    for (const Agency& a : agencies()) {
        for (const auto& name : a.names) {
            for (const auto& [_, at] : PhraseFinder::of(occurrences, n++)) {
                // The clause around the name.
                const std::size_t begin = [&] {
                    const std::size_t s = normalized.rfind(text::k_separator, at);
                    return s == std::u32string::npos ? 0 : s + 1;
                }();
                const std::size_t end =
                    std::min(normalized.find(text::k_separator, at), normalized.size());
                const std::u32string_view before(normalized.data() + begin, at - begin);
                const std::size_t after_at = at + name.size();
                std::u32string_view after(normalized.data() + after_at, end - after_at);
                for (const auto& w : whether()) {
                    const std::size_t p = after.find(w);
                    if (p != std::u32string_view::npos && p <= 2) {
                        after.remove_prefix(p + w.size());
                        break;
                    }
                }
                after = after.substr(0, std::min(after.size(), k_act_within + 2));
                const bool asked = std::any_of(
                    asking().begin(), asking().end(),
                    [&](const auto& w) { return before.find(w) != std::u32string_view::npos; });
                const bool acts = std::any_of(acting().begin(), acting().end(), [&](const auto& w) {
                    const std::size_t p = after.find(w);
                    return p != std::u32string_view::npos && p <= k_act_within;
                });
                if (asked || acts) {
                    const std::u32string_view rest(normalized.data() + after_at, end - after_at);
                    const bool enforce = std::any_of(
                        enforcing().begin(), enforcing().end(),
                        [&](const auto& w) { return rest.find(w) != std::u32string_view::npos; });
                    found.emplace_back(at, AddressedAgency{a.sector, name, enforce});
                    break;
                }
            }
        }
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<AddressedAgency> out;
    for (auto& [at, f] : found) {
        const auto again = std::find_if(out.begin(), out.end(),
                                        [&](const auto& o) { return o.sector == f.sector; });
        if (again != out.end()) {
            again->enforce = again->enforce || f.enforce;
        } else {
            out.push_back(std::move(f));
        }
    }
    return out;
}

}  // namespace lawlist::classify
