// Resolutions and classifications as listings: the columns of a resolution are shared by
// `resolve` and `classify`, whose CSV adds the input and the scores.

#include <algorithm>
#include <cmath>

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

std::vector<std::string> names_of(const std::vector<resolve::BodyInfo>& bodies) {
    std::vector<std::string> out;
    for (const auto& b : bodies) {
        out.push_back(b.name);
    }
    return out;
}

// Who acts: the unit doing the work, else the subject; a joint matter's lead marked as such.
std::string handler_text(const Resolution& r) {
    const auto& acting = r.handler_unit ? r.handler_unit : r.handler;
    if (!acting) {
        return "无";
    }
    return r.route == resolve::Route::joint ? acting->name + "（牵头）" : acting->name;
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
        {"violation_type", "", cell([](const Resolution& r) { return r.violation_type; }), nullptr,
         "违法行为类型编码"},
        {"violation_type_name", "违法行为类型",
         cell([](const Resolution& r) { return r.violation_type_name; })},
        {"sector", "", cell([](const Resolution& r) { return r.sector; }), nullptr, "领域"},
        {"route", "处置路径",
         cell([](const Resolution& r) { return std::string(resolve::to_string(r.route)); }),
         cell([](const Resolution& r) { return std::string(resolve::to_label(r.route)); })},
        {"handler_id", "",
         cell([](const Resolution& r) { return r.handler ? r.handler->id : std::string(); }),
         nullptr, "实施主体编码"},
        {"handler_name", "实施主体",
         cell([](const Resolution& r) { return r.handler ? r.handler->name : std::string(); })},
        {"unit_id", "", cell([](const Resolution& r) {
             return r.handler_unit ? r.handler_unit->id : std::string();
         }),
         nullptr, "承办机构编码"},
        {"unit_name", "承办机构", cell([](const Resolution& r) {
             return r.handler_unit ? r.handler_unit->name : std::string();
         }),
         cell([](const Resolution& r) {
             return r.handler_unit ? r.handler_unit->name
                                   : (r.handler ? r.handler->name : std::string());
         })},
        {"lead_id", "",
         cell([](const Resolution& r) { return r.lead ? r.lead->id : std::string(); }), nullptr,
         "牵头单位编码"},
        {"lead_name", "",
         cell([](const Resolution& r) { return r.lead ? r.lead->name : std::string(); }), nullptr,
         "牵头单位"},
        {"cooperating", "", cell([](const Resolution& r) { return join(cooperating_ids(r), ";"); }),
         nullptr, "配合单位编码"},
        {"cooperating_names", "",
         cell([](const Resolution& r) { return join(names_of(r.cooperating), ";"); }), nullptr,
         "配合单位"},
        {"problem_code", "", cell([](const Resolution& r) { return r.problem_code.value_or(""); }),
         nullptr, "问题清单编码"},
        {"problem_name", "", cell([](const Resolution& r) { return r.problem_name.value_or(""); }),
         nullptr, "问题名称"},
        {"item_code", "事项编码", item_cell([](const Item& i) { return i.code; })},
        {"item_name", "事项名称", item_cell([](const Item& i) { return i.name; })},
        {"category", "事项类别",
         item_cell([](const Item& i) { return std::string(model::to_string(i.category)); })},
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
        const std::string mode = i.mode ? std::string(model::to_label(*i.mode)) : "";
        table.add_row({std::to_string(++n), i.code, i.name,
                       std::string(model::to_label(i.category)), i.subject.name,
                       i.unit ? i.unit->name : i.subject.name,
                       i.origin ? mode + "（" + i.origin->name + "）" : "", join(i.basis, "；")});
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

// `headings`: per result, what its record carries (工单编号：A001；…), or none at all.
std::string classifications_text(const std::vector<classify::Classification>& results,
                                 const std::vector<std::string>& headings,
                                 const WriterOptions& options) {
    std::string out;
    std::size_t n = 0;
    for (const auto& c : results) {
        if (n < headings.size()) {
            out += fmt::format("【{}】{}\n{}\n", n + 1, headings[n], shorten(c.input, 78));
            ++n;
        } else {
            out += fmt::format("【{}】{}\n", ++n, shorten(c.input, 78));
        }
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
        // One row per item of each match, so that an inspection item cannot hide the county's
        // penalty; the match's own cells on its first row.
        // On a terminal too narrow for the table, render_text shows each row as a card: a
        // match's first item under its rank, its other items after it.
        Table table({"名次", "违法行为类型", "置信度", "处置路径", "处置单位", "配合单位",
                     "事项编码", "事项名称", "事项类别", "实施主体", "承办机构", "设定依据",
                     "匹配词"});
        std::size_t rank = 0;
        for (const auto& m : c.matches) {
            const auto& r = m.resolution;
            std::vector<std::string> head = {
                std::to_string(++rank),
                r.violation_type_name,
                fmt::format("{:.2f}{}", m.confidence, m.review ? "（请复核）" : ""),
                std::string(resolve::to_label(r.route)),
                handler_text(r),
                join(names_of(r.cooperating), "、")};
            const std::string terms = join(first_terms(m.scored.matched_terms, 5), "、");
            if (r.items.empty()) {
                head.insert(head.end(), {"", "", "", "", "", "", terms});
                table.add_row(head);
                continue;
            }
            for (std::size_t k = 0; k < r.items.size(); ++k) {
                const auto& item = r.items[k];
                std::vector<std::string> row =
                    k == 0 ? head : std::vector<std::string>(head.size());
                row.insert(row.end(),
                           {item.code, item.name, std::string(model::to_label(item.category)),
                            item.subject.name, item.unit ? item.unit->name : item.subject.name,
                            join(item.basis, "；"), k == 0 ? terms : ""});
                table.add_row(std::move(row));
            }
        }
        out += render_text(table, options);
        if (close_candidates(c)) {
            out += fmt::format("提示：第2名“{}”的得分接近第1名（{:.0f}%），请对照两者核实\n",
                               c.matches[1].resolution.violation_type_name,
                               100 * c.matches[1].scored.score / c.matches[0].scored.score);
        }
        out += '\n';
    }
    return out;
}

}  // namespace

bool close_candidates(const classify::Classification& c) {
    return c.matched && c.matches.size() >= 2 && c.matches[0].scored.score > 0 &&
           c.matches[1].scored.score >= k_close_candidates * c.matches[0].scored.score;
}

const RecordType<Resolution>& resolution_record() {
    static const RecordType<Resolution> type{
        resolution_columns<Resolution>([](const Resolution& r) { return &r; }),
        [](const Resolution& r) { return resolve::to_json(r); },
        false,
    };
    return type;
}

Listing resolution_listing(const Resolution& resolution, const model::Bundle& bundle,
                           const std::optional<classify::Classification>& classified) {
    Listing listing = make_listing(resolution_record(), std::vector<Resolution>{resolution});
    std::string note;
    if (classified) {
        // The text named no type: say so, and what else it could be.
        const auto& best = classified->matches.front();
        Json alternatives = Json::array();
        std::vector<std::string> others;
        for (std::size_t i = 1; i < classified->matches.size(); ++i) {
            const auto& r = classified->matches[i].resolution;
            alternatives.push_back({{"id", r.violation_type}, {"name", r.violation_type_name}});
            others.push_back(fmt::format("{}（{}）", r.violation_type_name, r.violation_type));
        }
        listing.records.front()["classified_from"] = {
            {"text", classified->input},
            {"confidence", std::round(best.confidence * 1000) / 1000},
            {"alternatives", alternatives}};
        note = fmt::format("“{}”不是违法行为类型的名称或说法，按描述归类（置信度{:.2f}{}）{}\n",
                           classified->input, best.confidence, best.review ? "，请复核" : "",
                           others.empty() ? "" : "；其他可能：" + join(others, "、"));
    }
    listing.document = listing.records.front();
    listing.report = [resolution, &bundle, note](
                         Output output,
                         const WriterOptions& options) -> std::optional<std::string> {
        if (output == Output::table) {
            return note + resolution_text(resolution, bundle, options);
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
        t.columns.push_back(
            {"status", "",
             [](const R& c) { return std::string(c.matched ? "matched" : "unmatched"); }, nullptr,
             "状态"});
        t.columns.push_back(
            {"unmatched_reason", "",
             [](const R& c) { return std::string(classify::to_string(c.unmatched)); }, nullptr,
             "未匹配原因"});
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
            {"score", "", match([](const M& m) { return fmt::format("{:.3f}", m.scored.score); }),
             nullptr, "得分"});
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
        t.columns.push_back(
            {"close_candidates", "",
             [](const R& c) { return std::string(close_candidates(c) ? "true" : "false"); },
             nullptr, "前两名接近"});
        t.to_json = [](const R& c) { return classify::to_json(c); };
        t.numbered = true;
        return t;
    }();
    return type;
}

namespace {

Listing classifications_listing(const std::vector<classify::Classification>& results,
                                const store::JurisdictionChoice& jurisdiction,
                                std::vector<std::string> headings) {
    Listing listing = make_listing(classification_record(), results);
    // Each record names the jurisdiction right after its status, and says after its matches
    // whether the first two are close.
    for (std::size_t r = 0; r < results.size(); ++r) {
        auto& record = listing.records[r];
        Json named;
        for (auto it = record.begin(); it != record.end(); ++it) {
            named[it.key()] = std::move(*it);
            if (it.key() == "status") {
                named["jurisdiction"] = to_json(jurisdiction);
            }
            if (it.key() == "matches") {
                named["close_candidates"] = close_candidates(results[r]);
            }
        }
        record = std::move(named);
    }
    const std::string heading = jurisdiction_choice_text(jurisdiction) + "\n\n";
    listing.report = [&results, heading, headings = std::move(headings)](
                         Output output,
                         const WriterOptions& options) -> std::optional<std::string> {
        if (output == Output::table) {
            return heading + classifications_text(results, headings, options);
        }
        return std::nullopt;
    };
    return listing;
}

// A carried value as a cell: strings as they are, null as nothing, other JSON as JSON.
std::string carried_text(const Json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.is_null() ? std::string()
                           : value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

Listing classifications_listing(const std::vector<classify::Classification>& results,
                                const store::JurisdictionChoice& jurisdiction) {
    return classifications_listing(results, jurisdiction, std::vector<std::string>{});
}

Listing classifications_listing(const std::vector<classify::Classification>& results,
                                const store::JurisdictionChoice& jurisdiction,
                                const classify::BatchKeys& keys,
                                std::span<const classify::Incident> incidents) {
    // The id first, then the kept columns; a column named twice (a kept column that is the id
    // column) is carried once, so that no header repeats.
    std::vector<std::string> names;
    std::vector<std::size_t> shown;  // of each name, its place among the id and the kept values
    auto carry = [&](const std::string& name, std::size_t place) {
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
            shown.push_back(place);
        }
    };
    if (keys.id) {
        carry(*keys.id, 0);
    }
    for (std::size_t k = 0; k < keys.keep.size(); ++k) {
        carry(keys.keep[k], k + (keys.id ? 1 : 0));
    }
    if (names.empty()) {
        return classifications_listing(results, jurisdiction);
    }
    std::vector<std::string> headings;
    std::vector<std::vector<Cell>> carried;
    for (std::size_t r = 0; r < results.size(); ++r) {
        const auto& incident = incidents[r];
        std::vector<Json> values;
        if (keys.id) {
            values.push_back(incident.id);
        }
        values.insert(values.end(), incident.kept.begin(), incident.kept.end());
        std::vector<std::string> parts;
        std::vector<Cell> cells;
        for (std::size_t k = 0; k < names.size(); ++k) {
            const std::string text = carried_text(values.at(shown[k]));
            parts.push_back(names[k] + "：" + text::visible(text));
            cells.push_back({text, text});
        }
        headings.push_back(join(parts, "；"));
        carried.push_back(std::move(cells));
    }
    Listing listing = classifications_listing(results, jurisdiction, std::move(headings));
    // The carried columns lead, under their names in the input.
    std::vector<Heading> columns;
    for (const auto& name : names) {
        columns.emplace_back(name, name, name);
    }
    listing.columns.insert(listing.columns.begin(), columns.begin(), columns.end());
    for (std::size_t r = 0; r < results.size(); ++r) {
        auto& row = listing.rows[r];
        row.insert(row.begin(), carried[r].begin(), carried[r].end());
        Json record;
        if (keys.id) {
            record["id"] = incidents[r].id;
        }
        if (!keys.keep.empty()) {
            Json kept = Json::object();
            for (std::size_t k = 0; k < keys.keep.size(); ++k) {
                kept[keys.keep[k]] = incidents[r].kept.at(k);
            }
            record["kept"] = std::move(kept);
        }
        for (auto it = listing.records[r].begin(); it != listing.records[r].end(); ++it) {
            record[it.key()] = std::move(*it);
        }
        listing.records[r] = std::move(record);
    }
    return listing;
}

}  // namespace lawlist::format
