#include "commands/command_classify.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ClassifyOptions {
    std::optional<std::string> text;
    std::optional<std::string> input;
    std::optional<std::string> text_column;
    std::optional<std::string> text_field;
    std::optional<std::string> jurisdiction;
    std::size_t top = 3;
    classify::Thresholds thresholds;
    DatabaseOption database;
    std::string format;
};

// Checked before anything is opened.
void check(const ClassifyOptions& o) {
    if (o.text.has_value() == o.input.has_value()) {
        throw UsageError(
            "give the incident text, or --input FILE (- for standard input), not both");
    }
    if (o.text_column && o.text_field) {
        throw UsageError("--text-column (CSV) and --text-field (JSON Lines) exclude each other");
    }
    if ((o.text_column || o.text_field) && !o.input) {
        throw UsageError("--text-column and --text-field go with --input");
    }
    if (o.top == 0) {
        throw UsageError("--top must be at least 1");
    }
}

std::string read_input(const std::string& path) {
    if (path == "-") {
        return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError({{path, 0, 0, "cannot read file", ""}});
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string route_label(const resolve::Resolution& r) {
    return std::string(resolve::to_label(r.route));
}

std::string shorten(const std::string& s, std::size_t width) {
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

void print_table(const std::vector<classify::Classification>& results) {
    std::size_t n = 0;
    for (const auto& c : results) {
        std::cout << fmt::format("【{}】{}\n", ++n, shorten(c.input, 78));
        if (c.unmatched == classify::Unmatched::out_of_scope) {
            std::cout << fmt::format(
                "未匹配：读来是咨询、求助、表扬或巡查无异常一类的来电（依据：{}"
                "），不属清单事项，请按其他渠道处理\n\n",
                join(c.out_of_scope_terms, "、"));
            continue;
        }
        if (!c.matched) {
            std::cout << "未匹配：清单中没有适用的事项（咨询、民事纠纷等请按其他渠道处理）\n\n";
            continue;
        }
        format::Table table({"违法行为类型", "事项编码", "事项名称", "事项类别", "承办主体",
                             "处置路径", "设定依据", "置信度", "匹配词"});
        for (const auto& m : c.matches) {
            const auto& r = m.resolution;
            const resolve::ItemInfo* item = r.items.empty() ? nullptr : &r.items.front();
            std::string handler = r.handler ? r.handler->name : "无";
            if (r.route == resolve::Route::joint && !r.cooperating.empty()) {
                handler += fmt::format("（牵头，{}家配合）", r.cooperating.size());
            }
            table.add_row(
                {r.violation_type_name, item ? item->code : "", item ? item->name : "",
                 item ? item->category : "", handler, route_label(r),
                 item ? join(item->basis, "；") : "",
                 fmt::format("{:.2f}{}", m.confidence, m.review ? "（请复核）" : ""),
                 join(std::vector<std::string>(
                          m.scored.matched_terms.begin(),
                          m.scored.matched_terms.begin() + static_cast<long>(std::min<std::size_t>(
                                                               5, m.scored.matched_terms.size()))),
                      "、")});
        }
        std::cout << table.render_text() << '\n';
    }
}

void print_csv(const std::vector<classify::Classification>& results) {
    format::Table table({"input", "status", "violation_type", "violation_type_name", "sector",
                         "route", "handler_id", "handler_name", "lead_id", "cooperating",
                         "item_code", "item_name", "category", "basis", "score", "confidence",
                         "review", "matched_terms"});
    for (const auto& c : results) {
        if (!c.matched) {
            table.add_row({c.input, "unmatched", "", "", "", "", "", "", "", "", "", "", "", "", "",
                           "", "", ""});
            continue;
        }
        const auto& m = c.matches.front();
        const auto& r = m.resolution;
        std::vector<std::string> cooperating;
        for (const auto& b : r.cooperating) {
            cooperating.push_back(b.id);
        }
        const resolve::ItemInfo* item = r.items.empty() ? nullptr : &r.items.front();
        table.add_row({c.input, "matched", r.violation_type, r.violation_type_name, r.sector,
                       std::string(resolve::to_string(r.route)), r.handler ? r.handler->id : "",
                       r.handler ? r.handler->name : "", r.lead ? r.lead->id : "",
                       join(cooperating, ";"), item ? item->code : "", item ? item->name : "",
                       item ? item->category : "", item ? join(item->basis, ";") : "",
                       fmt::format("{:.3f}", m.scored.score), fmt::format("{:.3f}", m.confidence),
                       m.review ? "true" : "false", join(m.scored.matched_terms, ";")});
    }
    std::cout << table.render_csv();
}

int run_classify(const ClassifyOptions& options) {
    std::vector<std::string> texts;
    if (options.text) {
        texts.push_back(*options.text);
    } else {
        const std::string path = *options.input;
        const auto format = options.text_column  ? classify::InputFormat::csv
                            : options.text_field ? classify::InputFormat::jsonl
                                                 : classify::InputFormat::lines;
        texts =
            classify::read_incidents(path == "-" ? "<stdin>" : path, read_input(path), format,
                                     options.text_column.value_or(options.text_field.value_or("")));
    }
    const store::Database database = open_database(options.database);
    const classify::Session session(database);
    const std::string jurisdiction =
        options.jurisdiction.value_or(session.resolver().default_jurisdiction());
    std::vector<classify::Classification> results;
    for (const auto& text : texts) {
        // Sanitized once, so that every output format can print the input as given.
        results.push_back(session.classifier().classify(text::sanitize(text), jurisdiction,
                                                        options.top, options.thresholds));
    }
    if (options.format == "jsonl" || options.format == "json") {
        nlohmann::ordered_json records = nlohmann::ordered_json::array();
        for (const auto& c : results) {
            records.push_back(classify::to_json(c));
        }
        print_json(records, options.format);
    } else if (options.format == "csv") {
        print_csv(results);
    } else {
        print_table(results);
    }
    return k_exit_ok;
}

}  // namespace

void register_classify(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ClassifyOptions>();
    auto* command = app.add_subcommand(
        "classify",
        "Classify incident reports: violation type, items, handler, route, legal basis");
    command->add_option("text", options->text, "The incident, as reported");
    command->add_option("--input", options->input,
                        "Incidents, one per line (- for standard input), or CSV/JSON Lines");
    command->add_option("--text-column", options->text_column, "CSV input: the column of the text");
    command->add_option("--text-field", options->text_field, "JSON Lines input: the text field");
    command->add_option("-j,--jurisdiction", options->jurisdiction,
                        "Jurisdiction (default: the first township)");
    command->add_option("--top", options->top, "Matches per incident")->capture_default_str();
    command
        ->add_option("--threshold", options->thresholds.margin,
                     "Margin below which an incident is unmatched (calibrated default)")
        ->capture_default_str();
    command
        ->add_option("--scope-threshold", options->thresholds.scope,
                     "Out-of-scope log-odds above which an incident is unmatched (calibrated "
                     "default)")
        ->capture_default_str();
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "json", "jsonl", "csv"});
    command->callback([options, &exit_code] {
        check(*options);
        exit_code = run_classify(*options);
    });
}

}  // namespace lawlist::cli
