// Resolutions and classifications as listings: the columns of a resolution are shared by
// `resolve` and `classify`, whose CSV adds the input and the scores.

#include <fmt/format.h>

#include "lawlist/format/records.hpp"
#include "lawlist/format/table.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::format {
namespace {

using Resolution = resolve::Resolution;

const resolve::ItemInfo* first_item(const Resolution& r) {
    return r.items.empty() ? nullptr : &r.items.front();
}

std::vector<std::string> cooperating_ids(const Resolution& r) {
    std::vector<std::string> out;
    for (const auto& b : r.cooperating) {
        out.push_back(b.id);
    }
    return out;
}

// A resolution's machine columns (for CSV), as `Record` reaches its resolution through `get`;
// `get` returns nullptr for a record without one (an unmatched incident), whose cells are empty.
template <class Record, class Get>
std::vector<Column<Record>> resolution_columns(Get get) {
    auto cell = [get](auto f) {
        return [get, f](const Record& record) -> std::string {
            const Resolution* r = get(record);
            return r ? f(*r) : std::string();
        };
    };
    auto item_cell = [cell](auto f) {
        return cell([f](const Resolution& r) -> std::string {
            const auto* item = first_item(r);
            return item ? f(*item) : std::string();
        });
    };
    using Item = resolve::ItemInfo;
    return {
        {"violation_type", "", cell([](const Resolution& r) { return r.violation_type; })},
        {"violation_type_name", "违法行为类型",
         cell([](const Resolution& r) { return r.violation_type_name; })},
        {"sector", "", cell([](const Resolution& r) { return r.sector; })},
        {"route", "处置路径",
         cell([](const Resolution& r) { return std::string(resolve::to_string(r.route)); }),
         cell([](const Resolution& r) { return std::string(resolve::to_label(r.route)); })},
        {"handler_id", "",
         cell([](const Resolution& r) { return r.handler ? r.handler->id : std::string(); })},
        {"handler_name", "实施主体",
         cell([](const Resolution& r) { return r.handler ? r.handler->name : std::string(); })},
        {"unit_id", "", cell([](const Resolution& r) {
             return r.handler_unit ? r.handler_unit->id : std::string();
         })},
        {"unit_name", "承办机构", cell([](const Resolution& r) {
             return r.handler_unit ? r.handler_unit->name : std::string();
         }),
         cell([](const Resolution& r) {
             return r.handler_unit ? r.handler_unit->name
                                   : (r.handler ? r.handler->name : std::string());
         })},
        {"lead_id", "",
         cell([](const Resolution& r) { return r.lead ? r.lead->id : std::string(); })},
        {"cooperating", "",
         cell([](const Resolution& r) { return join(cooperating_ids(r), ";"); })},
        {"item_code", "事项编码", item_cell([](const Item& i) { return i.code; })},
        {"item_name", "事项名称", item_cell([](const Item& i) { return i.name; })},
        {"category", "事项类别", item_cell([](const Item& i) { return i.category; })},
        {"basis", "设定依据", item_cell([](const Item& i) { return join(i.basis, ";"); }),
         item_cell([](const Item& i) { return join(i.basis, "；"); })},
    };
}

std::string resolution_text(const Resolution& r, const model::Bundle& bundle,
                            const WriterOptions& options) {
    const model::ListSet* set = bundle.find(r.jurisdiction);
    std::vector<std::string> cooperating;
    for (const auto& b : r.cooperating) {
        cooperating.push_back(b.name);
    }
    std::string out =
        fmt::format("违法行为类型：{}（{}）\n", r.violation_type_name, r.violation_type) +
        fmt::format("辖区：{}（{}）\n", set ? set->jurisdiction.name : r.jurisdiction,
                    r.jurisdiction) +
        fmt::format("处置路径：{}\n", resolve::to_description(r.route)) +
        fmt::format("实施主体：{}\n", r.handler ? r.handler->name : "无");
    if (r.handler_unit) {
        out += fmt::format("承办机构：{}\n", r.handler_unit->name);
    }
    if (r.finder) {
        out += fmt::format("发现制止：{}\n", r.finder->name);
    }
    if (r.problem_code) {
        out += fmt::format("问题清单：{} {}\n", *r.problem_code, r.problem_name.value_or(""));
    }
    if (r.route == resolve::Route::joint) {
        out += fmt::format("牵头单位：{}\n", r.lead ? r.lead->name : "无") +
               fmt::format("配合单位：{}\n", cooperating.empty() ? "无" : join(cooperating, "、"));
    }
    if (r.items.empty()) {
        return out;
    }
    Table table({"序号", "事项编码", "事项名称", "事项类别", "实施主体", "承办机构", "下放部门",
                 "设定依据"});
    std::size_t n = 0;
    for (const auto& i : r.items) {
        table.add_row({std::to_string(++n), i.code, i.name, i.category, i.subject.name,
                       i.unit ? i.unit->name : i.subject.name,
                       i.origin ? i.mode.value_or("") + "（" + i.origin->name + "）" : "",
                       join(i.basis, "；")});
    }
    return out + '\n' + render_text(table, options);
}

// `s` cut to `width` display columns, with an ellipsis when cut.
std::string shorten(const std::string& raw, std::size_t width) {
    const std::string s = text::visible(raw);
    if (text::display_width(s) <= width) {
        return s;
    }
    std::string out;
    std::size_t used = 0;
    for (char32_t cp : text::decode(s)) {
        const auto w = static_cast<std::size_t>(text::display_width(cp));
        if (used + w > width - 1) {
            break;
        }
        text::append_utf8(out, cp);
        used += w;
    }
    return out + "…";
}

std::vector<std::string> first_terms(const std::vector<std::string>& terms, std::size_t n) {
    return {terms.begin(), terms.begin() + static_cast<long>(std::min(n, terms.size()))};
}

std::string classifications_text(const std::vector<classify::Classification>& results,
                                 const WriterOptions& options) {
    std::string out;
    std::size_t n = 0;
    for (const auto& c : results) {
        out += fmt::format("【{}】{}\n", ++n, shorten(c.input, 78));
        if (c.unmatched == classify::Unmatched::out_of_scope) {
            out += fmt::format(
                "未匹配：读来是咨询、求助、表扬或巡查无异常一类的来电（依据：{}"
                "），不属清单事项，请按其他渠道处理\n\n",
                join(c.out_of_scope_terms, "、"));
            continue;
        }
        if (!c.matched) {
            out += "未匹配：清单中没有适用的事项（咨询、民事纠纷等请按其他渠道处理）\n\n";
            continue;
        }
        Table table({"违法行为类型", "事项编码", "事项名称", "事项类别", "实施主体", "承办机构",
                     "处置路径", "设定依据", "置信度", "匹配词"});
        for (const auto& m : c.matches) {
            const auto& r = m.resolution;
            const resolve::ItemInfo* item = first_item(r);
            std::string handler = r.handler ? r.handler->name : "无";
            if (r.route == resolve::Route::joint && !r.cooperating.empty()) {
                handler += fmt::format("（牵头，{}家配合）", r.cooperating.size());
            }
            table.add_row(
                {r.violation_type_name, item ? item->code : "", item ? item->name : "",
                 item ? item->category : "", handler,
                 r.handler_unit ? r.handler_unit->name : (r.handler ? r.handler->name : "无"),
                 std::string(resolve::to_label(r.route)), item ? join(item->basis, "；") : "",
                 fmt::format("{:.2f}{}", m.confidence, m.review ? "（请复核）" : ""),
                 join(first_terms(m.scored.matched_terms, 5), "、")});
        }
        out += render_text(table, options) + '\n';
    }
    return out;
}

}  // namespace

const RecordType<Resolution>& resolution_record() {
    static const RecordType<Resolution> type{
        resolution_columns<Resolution>([](const Resolution& r) { return &r; }),
        [](const Resolution& r) { return resolve::to_json(r); },
        false,
    };
    return type;
}

Listing resolution_listing(const Resolution& resolution, const model::Bundle& bundle) {
    Listing listing = make_listing(resolution_record(), std::vector<Resolution>{resolution});
    listing.document = listing.records.front();
    listing.report = [resolution, &bundle](
                         Output output,
                         const WriterOptions& options) -> std::optional<std::string> {
        if (output == Output::table) {
            return resolution_text(resolution, bundle, options);
        }
        return std::nullopt;
    };
    return listing;
}

const RecordType<classify::Classification>& classification_record() {
    using R = classify::Classification;
    static const RecordType<R> type = [] {
        RecordType<R> t;
        t.columns.push_back({"input", "事件", [](const R& c) { return c.input; }});
        t.columns.push_back({"status", "", [](const R& c) {
                                 return std::string(c.matched ? "matched" : "unmatched");
                             }});
        auto columns = resolution_columns<R>([](const R& c) -> const Resolution* {
            return c.matched ? &c.matches.front().resolution : nullptr;
        });
        t.columns.insert(t.columns.end(), columns.begin(), columns.end());
        auto match = [](auto f) {
            return [f](const R& c) -> std::string {
                return c.matched ? f(c.matches.front()) : std::string();
            };
        };
        using M = classify::Match;
        t.columns.push_back(
            {"score", "", match([](const M& m) { return fmt::format("{:.3f}", m.scored.score); })});
        t.columns.push_back(
            {"confidence", "置信度",
             match([](const M& m) { return fmt::format("{:.3f}", m.confidence); }),
             match([](const M& m) { return fmt::format("{:.2f}", m.confidence); })});
        t.columns.push_back({"review", "请复核", match([](const M& m) {
                                 return std::string(m.review ? "true" : "false");
                             }),
                             match([](const M& m) { return std::string(m.review ? "是" : ""); })});
        t.columns.push_back(
            {"matched_terms", "匹配词",
             match([](const M& m) { return join(m.scored.matched_terms, ";"); }),
             match([](const M& m) { return join(first_terms(m.scored.matched_terms, 5), "、"); })});
        t.to_json = [](const R& c) { return classify::to_json(c); };
        t.numbered = true;
        return t;
    }();
    return type;
}

Listing classifications_listing(const std::vector<classify::Classification>& results) {
    Listing listing = make_listing(classification_record(), results);
    listing.report = [&results](Output output,
                                const WriterOptions& options) -> std::optional<std::string> {
        if (output == Output::table) {
            return classifications_text(results, options);
        }
        return std::nullopt;
    };
    return listing;
}

}  // namespace lawlist::format
