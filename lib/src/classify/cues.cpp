#include "lawlist/classify/cues.hpp"

#include <algorithm>
#include <optional>

#include "lawlist/text/normalize.hpp"
#include "lawlist/text/utf8.hpp"
#include "phrases.hpp"

namespace lawlist::classify {
namespace {

Cue cue(std::string_view name, std::initializer_list<const char*> phrases,
        CueRole role = CueRole::plain) {
    Cue c{name, {}, role};
    for (const char* p : phrases) {
        c.phrases.push_back(text::decode(p));
    }
    return c;
}

// A clause that asks about someone's act: whether it is legal, who stops it, where to report it.
const std::vector<std::u32string>& about_an_act() {
    static const auto all =
        decoded({"合法吗", "违法吗", "是否合法", "是否违法", "算不算违法", "有没有人管", "没人管",
                 "谁来管", "归谁管", "能不能管", "管一管",   "管管",       "来查",       "去查",
                 "查一查", "查处",   "举报",     "取缔",     "制止",       "处罚"});
    return all;
}

// ...unless it asks about the government's own doing (收费合法吗 of a village committee is a
// complaint about a decision).
const std::vector<std::u32string>& about_the_government() {
    static const auto all =
        decoded({"政府", "村委会", "村干部", "村支书", "村主任", "工作人员", "乡里", "镇里", "干部",
                 "窗口", "纪委", "人社局", "医保局", "社保局", "民政"});
    return all;
}

// A clause that offers something rather than asks for it: 需要什么材料我都可以提供 answers a
// question nobody asked yet (如需核实, 可以打我的电话).
const std::vector<std::u32string>& offering() {
    static const auto all = decoded(
        {"可以提供", "都可以提供", "愿意提供", "都能提供", "随时提供", "愿意配合", "积极配合"});
    return all;
}

// The words a courtesy of thanks is made of: a clause of these alone praises nobody, nor does
// thanks for the government's care in general (感谢政府对我们老百姓的关心): praise names a deed.
const std::vector<std::u32string>& courtesy() {
    static const auto all = decoded(
        {"感谢",   "谢谢", "万分", "再次", "非常", "十分",   "特别",     "先",       "提前", "在此",
         "在这里", "也",   "您",   "领导", "政府", "这些年", "一直以来", "百忙之中", "对",   "我们",
         "老百姓", "群众", "的",   "关心", "关注", "重视",   "支持",     "了",       "多"});
    return all;
}

bool holds_any(std::u32string_view text, const std::vector<std::u32string>& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](const auto& w) { return text.find(w) != std::u32string_view::npos; });
}

// Whether `clause` is made of the courtesy words alone.
bool only_courtesy(std::u32string_view clause) {
    while (!clause.empty()) {
        const auto word = std::find_if(courtesy().begin(), courtesy().end(), [&](const auto& w) {
            return clause.substr(0, w.size()) == w;
        });
        if (word == courtesy().end()) {
            return false;
        }
        clause.remove_prefix(word->size());
    }
    return true;
}

// Whether the phrase found at [at, at + size) of `text` (which ends in a separator) counts for
// what its cue stands for.
bool counts(const Cue& c, std::u32string_view text, std::size_t at, std::size_t size) {
    if (c.role == CueRole::plain) {
        return true;
    }
    const std::size_t begin = [&] {
        const std::size_t s = text.rfind(text::k_separator, at);
        return s == std::u32string_view::npos ? 0 : s + 1;
    }();
    // A phrase may end in the separator (吗 at a clause's end): it stays in its clause.
    const std::size_t own_end = text.find(text::k_separator, at + size - 1);
    const std::u32string_view own_clause = text.substr(begin, own_end - begin);
    if (c.role == CueRole::thanks) {
        return !only_courtesy(own_clause);
    }
    if (holds_any(own_clause, offering())) {
        return false;
    }
    // A clause of the asking word alone (请问，他这样合法吗) is read with the next one.
    std::size_t end = own_end;
    if (end - begin <= size + 2 && end + 1 < text.size()) {
        end = text.find(text::k_separator, end + 1);
    }
    const std::u32string_view clause = text.substr(begin, end - begin);
    return !holds_any(clause, about_an_act()) || holds_any(clause, about_the_government());
}

}  // namespace

const std::vector<Cue>& cues() {
    // Simplified script, as normalized text is. The order is part of the index format.
    static const std::vector<Cue> all = {
        // Not 请教 alone: it is found in 请教育部门 (a request that the department act).
        cue("问询",
            {"请问", "想问", "咨询", "问一下", "问问", "想请教", "请教一下", "请教您", "询问"},
            CueRole::asking),
        cue("办理",
            {"怎么办理", "如何办理", "怎么申请", "如何申请", "在哪里办", "去哪里办", "哪里申请",
             "在哪里申请", "去哪个部门", "找哪个部门", "到哪里办", "怎么补办", "如何补办", "怎么领",
             "在哪里领"},
            CueRole::asking),
        cue("材料",
            {"什么材料", "哪些材料", "需要什么", "要带什么", "哪些手续", "什么手续", "什么条件",
             "哪些条件", "申请条件", "办理流程", "什么程序"},
            CueRole::asking),
        cue("时间数额", {"什么时候", "何时", "多长时间", "多久能", "多少钱", "每月多少", "能领多少",
                         "补贴多少", "标准是多少", "是多少", "多少年"}),
        cue("可否",
            {"能否", "能不能", "可不可以", "可否", "是否可以", "可以吗", "能吗", "还能",
             "有没有资格"},
            CueRole::asking),
        cue("问合法", {"合法吗", "合理吗", "合规吗", "有没有依据", "是否合理", "是否合法",
                       "依据是什么", "有依据吗", "是否符合"}),
        cue("疑问句", {"吗 ", "呢 ", "么 "}, CueRole::asking),
        cue("待遇", {"补贴", "补助", "救助", "低保", "待遇", "养老金", "抚恤", "津贴", "扶助",
                     "优待", "助学", "慰问", "安置"}),
        cue("个人社保", {"报销", "补缴", "社保卡", "医保卡", "参保", "个人账户", "缴费年限",
                         "视同缴费", "退休手续", "工龄", "缴费基数", "转移接续", "公积金"}),
        cue("入学户籍",
            {"入学", "学位", "学区", "户口", "落户", "转学", "学籍", "招生", "身份证号"}),
        cue("建议", {"建议", "倡议", "呼吁", "希望政府", "希望县里", "希望有关部门考虑", "恳请政府",
                     "请求政府"}),
        cue("政策", {"政策", "收费标准", "听证", "出台", "指导价", "价格调整", "一刀切", "文件规定",
                     "上面有规定"}),
        cue("规划建设", {"规划", "选址", "列入", "纳入", "修建", "增设", "新建", "维修", "改造",
                         "修缮", "开通", "延长", "扩建", "配套"}),
        cue("公家", {"政府", "村委会", "村干部", "村支书", "村主任", "工作人员", "乡里", "镇里",
                     "干部", "窗口", "纪委", "人社局", "医保局", "社保局", "民政"}),
        cue("不服", {"不服", "复议", "申诉", "复核", "行政诉讼", "执法不公", "执法粗暴", "撤销",
                     "重新评估", "重新审核", "重新认定"}),
        cue("私人纠纷", {"合同", "协议", "定金", "押金", "违约", "借条", "欠条", "纠纷", "起诉",
                         "法院", "仲裁", "律师", "调解", "房东", "租客", "判决"}),
        cue("表扬", {"表扬", "感谢", "点赞", "致谢", "锦旗", "辛勤付出", "特此"}, CueRole::thanks),
        cue("违法行为", {"偷偷", "偷排", "偷倒", "私自",   "擅自", "无证", "违规",
                         "违法", "非法", "无照", "黑作坊", "超标", "私拉", "乱倒",
                         "乱排", "乱扔", "乱搭", "乱建",   "乱停", "假冒", "冒充"}),
        cue("扰民污染", {"扰民", "噪音", "油烟", "臭", "粉尘", "污水", "黑烟", "刺鼻", "呛", "吵得",
                         "睡不着", "没法睡"}),
        cue("要求查处",
            {"查处", "取缔", "整治", "制止", "查一查", "来查", "去查", "严厉打击", "依法处理",
             "依法拆除", "关停", "举报", "管一管", "管管", "检查一下", "处理一下"}),
    };
    return all;
}

std::vector<FoundCue> find_cues(const std::u32string& normalized) {
    // A separator at the end, so that a phrase ending in one also matches at the end.
    std::u32string text = normalized;
    text.push_back(text::k_separator);
    const auto& all = cues();
    // Phrases are numbered cue by cue, in their order.
    static const PhraseFinder finder = PhraseFinder::of_groups(all, &Cue::phrases);
    const PhraseFinder::Occurrences occurrences = finder.find_all(text);
    std::vector<FoundCue> out;
    std::uint32_t n = 0;  // the first phrase of cue c
    for (std::uint32_t c = 0; c < all.size();
         n += static_cast<std::uint32_t>(all[c].phrases.size()), ++c) {
        std::optional<FoundCue> found;
        for (std::uint32_t p = 0; p < all[c].phrases.size(); ++p) {
            const std::u32string& phrase = all[c].phrases[p];
            for (const auto& [_, at] : PhraseFinder::of(occurrences, n + p)) {
                if (!found) {
                    found = FoundCue{c, phrase, true};
                }
                if (counts(all[c], text, at, phrase.size())) {
                    found->phrase = phrase;
                    found->discounted = false;
                    break;
                }
            }
            if (found && !found->discounted) {
                break;
            }
        }
        if (found) {
            out.push_back(std::move(*found));
        }
    }
    return out;
}

}  // namespace lawlist::classify
