#include "commands/command_resolve.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct ResolveOptions {
    std::string violation_type;
    std::optional<std::string> jurisdiction;
    DatabaseOption database;
    std::string format;
};

std::string describe(const resolve::BodyInfo& body) {
    return body.name;
}

void print_table(const resolve::Resolution& r, const model::Bundle& bundle) {
    const model::ListSet* set = bundle.find(r.jurisdiction);
    std::string cooperating;
    for (const auto& b : r.cooperating) {
        cooperating += (cooperating.empty() ? "" : "、") + describe(b);
    }
    std::cout << fmt::format("违法行为类型：{}（{}）\n", r.violation_type_name, r.violation_type)
              << fmt::format("辖区：{}（{}）\n", set ? set->jurisdiction.name : r.jurisdiction,
                             r.jurisdiction)
              << fmt::format("处置路径：{}\n", resolve::to_description(r.route))
              << fmt::format("实施主体：{}\n", r.handler ? describe(*r.handler) : "无");
    if (r.handler_unit) {
        std::cout << fmt::format("承办机构：{}\n", describe(*r.handler_unit));
    }
    if (r.finder) {
        std::cout << fmt::format("发现制止：{}\n", describe(*r.finder));
    }
    if (r.problem_code) {
        std::cout << fmt::format("问题清单：{} {}\n", *r.problem_code, r.problem_name.value_or(""));
    }
    if (r.route == resolve::Route::joint) {
        std::cout << fmt::format("牵头单位：{}\n", r.lead ? describe(*r.lead) : "无")
                  << fmt::format("配合单位：{}\n", cooperating.empty() ? "无" : cooperating);
    }
    if (r.items.empty()) {
        return;
    }
    std::cout << '\n';
    format::Table table({"序号", "事项编码", "事项名称", "事项类别", "实施主体", "承办机构",
                         "下放部门", "设定依据"});
    std::size_t n = 0;
    for (const auto& i : r.items) {
        table.add_row({std::to_string(++n), i.code, i.name, i.category, i.subject.name,
                       i.unit ? i.unit->name : i.subject.name,
                       i.origin ? i.mode.value_or("") + "（" + i.origin->name + "）" : "",
                       join(i.basis, "；")});
    }
    lawlist::cli::print_table(table, "table");
}

int run_resolve(const ResolveOptions& options) {
    const store::Database database = open_database(options.database);
    const model::Bundle bundle = database.read_bundle();
    const resolve::Resolver resolver(bundle);
    const auto resolution = resolver.resolve(
        options.jurisdiction.value_or(resolver.default_jurisdiction()), options.violation_type);
    if (options.format == "json") {
        std::cout << resolve::to_json(resolution).dump(2) << '\n';
    } else {
        print_table(resolution, bundle);
    }
    return k_exit_ok;
}

}  // namespace

void register_resolve(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ResolveOptions>();
    auto* command = app.add_subcommand(
        "resolve", "Who acts on a violation type: township team, county department or joint");
    command
        ->add_option("violation_type", options->violation_type,
                     "Violation type id, formal name or colloquial alias")
        ->required();
    command->add_option("-j,--jurisdiction", options->jurisdiction,
                        "Jurisdiction id (default: the first township)");
    add_database_option(*command, options->database);
    add_format_option(*command, options->format, {"table", "json"});
    command->callback([options, &exit_code] { exit_code = run_resolve(*options); });
}

}  // namespace lawlist::cli
