// bench_import: `lawlist import` of a 5,000-item workbook (Changshan's size): a title row, the
// header, departments in merged cells, citations as published. Items are the bundled county's,
// cycled with a department-specific prefix, so that no name stands on a bundled list and every
// item goes through the classifier (the slow path); a second run imports the bundled names
// as they are (linked by name). Fastest of three runs each.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "lawlist/classify/session.hpp"
#include "lawlist/import/importer.hpp"
#include "lawlist/import/workbook.hpp"

#include "bundled_database.hpp"

namespace fs = std::filesystem;
using namespace lawlist;

namespace {

constexpr std::size_t k_items = 5000;

// Writes the workbook; `rename` gives each name a prefix no bundled item has.
void write_workbook(const fs::path& path, const model::ListSet& county, bool rename) {
    lxw_workbook* workbook = workbook_new(path.string().c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "权责清单");
    worksheet_merge_range(sheet, 0, 0, 0, 6, "合川县权责清单（2025年版）", nullptr);
    const char* headers[] = {"序号",     "事项编码", "事项名称", "事项类别",
                             "设定依据", "实施主体", "备注"};
    for (lxw_col_t c = 0; c < 7; ++c) {
        worksheet_write_string(sheet, 1, c, headers[c], nullptr);
    }
    std::vector<const model::Item*> items;
    for (const auto& item : county.items) {
        items.push_back(&item);
    }
    // Grouped by department, as published.
    std::stable_sort(items.begin(), items.end(),
                     [](const auto* a, const auto* b) { return a->body.id < b->body.id; });
    std::map<std::string, std::string> body_names;
    for (const auto& body : county.jurisdiction.bodies) {
        body_names[body.id] = "合川县" + body.name.substr(body.name.find("县") + 3);
    }
    lxw_row_t row = 2;
    lxw_row_t block_start = row;
    std::string block_body;
    auto close_block = [&] {
        if (row - 1 > block_start) {
            worksheet_merge_range(sheet, block_start, 5, row - 1, 5, block_body.c_str(), nullptr);
        }
    };
    for (std::size_t n = 0; n < k_items; ++n) {
        const auto& item = *items[n % items.size()];
        const std::string body = body_names[item.body.id];
        if (body != block_body) {
            close_block();
            block_start = row;
            block_body = body;
        }
        const std::string name =
            rename ? fmt::format("（第{}批）{}", n / items.size() + 1, item.name) : item.name;
        std::string basis;
        for (const auto& b : item.basis) {
            basis += (basis.empty() ? "" : "；\n") + b.citation();
        }
        worksheet_write_number(sheet, row, 0, static_cast<double>(n + 1), nullptr);
        worksheet_write_string(sheet, row, 1, fmt::format("HC-{:05}", n + 1).c_str(), nullptr);
        worksheet_write_string(sheet, row, 2, name.c_str(), nullptr);
        worksheet_write_string(sheet, row, 3, std::string(model::to_string(item.category)).c_str(),
                               nullptr);
        worksheet_write_string(sheet, row, 4, basis.c_str(), nullptr);
        worksheet_write_string(sheet, row, 5, body.c_str(), nullptr);
        ++row;
    }
    close_block();
    workbook_close(workbook);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
    const auto bundled = bench::fresh_bundled_database("lawlist-bench-import.db");
    const auto t_session = std::chrono::steady_clock::now();
    const classify::Session session(bundled.database);
    const double session_s = seconds_since(t_session);
    const auto* county = session.bundle().find("zechuan-county");
    const fs::path dir = fs::temp_directory_path() / "lawlist-bench-import";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::cout << fmt::format("database read and classifier built: {:.0f} ms (once per command)\n",
                             session_s * 1000);
    for (const bool rename : {true, false}) {
        const fs::path workbook = dir / (rename ? "new-names.xlsx" : "bundled-names.xlsx");
        write_workbook(workbook, *county, rename);
        double best_read = 1e9, best_total = 1e9, best_cpu = 1e9;
        import_::Result result;
        for (int run = 0; run < 3; ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            const std::clock_t c0 = std::clock();
            const auto sheets = import_::read_workbook(workbook);
            best_read = std::min(best_read, seconds_since(t0));
            import_::Options options;
            options.files = {workbook};
            options.jurisdiction = "hechuan-county";
            result = import_::run_import(options, {session.bundle(), session.classifier()});
            import_::write_files(result, dir / "out");
            best_total = std::min(best_total, seconds_since(t0));
            best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
        }
        using import_::LinkSource;
        std::cout << fmt::format(
            "{} items, {} ({} KiB): read {:.0f} ms; read, import, link and write {:.0f} ms "
            "({:.0f} ms of processor time); "
            "linked by name {}, by the classifier {}, to review {}; {} problems\n",
            result.items, rename ? "names on no list" : "bundled names",
            fs::file_size(workbook) / 1024, best_read * 1000, best_total * 1000, best_cpu * 1000,
            result.linked[static_cast<int>(LinkSource::known_name)],
            result.linked[static_cast<int>(LinkSource::classifier)],
            result.linked[static_cast<int>(LinkSource::review)], result.problems.size());
    }
    fs::remove_all(dir);
    return 0;
}
