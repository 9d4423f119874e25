// bench_export: exports a synthetic county list of about 100,000 items to xlsx and html, and
// runs the script a county's IT staff would write with python3-xlsxwriter on the same rows (same
// sheets, merged titles, header, widths, wrapped cells, page setup). Prints the fastest of a few
// runs of each.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "lawlist/export/html.hpp"
#include "lawlist/export/publication.hpp"
#include "lawlist/export/text.hpp"
#include "lawlist/export/xlsx.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/store/load.hpp"
#include "synth/generator.hpp"

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

// Processor time of this process: on a shared machine the elapsed time also counts waiting for
// a core, which says more about the machine than about the writer.
double cpu_seconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

struct Timing {
    double elapsed = 1e18;
    double cpu = 1e18;
    void keep(double e, double c) {
        elapsed = std::min(elapsed, e);
        cpu = std::min(cpu, c);
    }
};

// The document as the python script reads it.
nlohmann::json to_plain_json(const lawlist::exporting::Document& doc) {
    nlohmann::json sheets = nlohmann::json::array();
    for (const auto& sheet : doc.sheets) {
        nlohmann::json columns = nlohmann::json::array();
        for (const auto& c : sheet.columns) {
            columns.push_back({{"header", c.header}, {"max_width", c.max_width}});
        }
        nlohmann::json groups = nlohmann::json::array();
        for (const auto& g : sheet.groups) {
            groups.push_back({{"heading", g.heading}, {"rows", g.rows}});
        }
        sheets.push_back({{"name", sheet.name},
                          {"title", sheet.title},
                          {"notes", sheet.notes},
                          {"columns", columns},
                          {"groups", groups}});
    }
    return {{"title", doc.title}, {"author", doc.author}, {"sheets", sheets}};
}

}  // namespace

int main(int argc, char** argv) {
    lawlist::synth::Parameters p;
    p.items = 100000;
    p.townships = 1;
    p.delegated_share = 0.01;
    int runs = 3;
    std::string python_path = "/usr/bin/python3";
    CLI::App app{"Export speed: lawlist's xlsx and html writers against python3-xlsxwriter",
                 "bench_export"};
    app.add_option("--items", p.items, "County items")->capture_default_str();
    app.add_option("--runs", runs, "Runs of each writer (the fastest is printed)")
        ->capture_default_str();
    app.add_option("--python", python_path, "Python with xlsxwriter")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    const fs::path dir =
        fs::temp_directory_path() / fmt::format("lawlist-bench-export-{}", p.items);
    fs::remove_all(dir);
    lawlist::synth::generate(p, dir / "lists");
    const auto schemas = lawlist::io::SchemaSet::standard();
    const auto bundle = lawlist::store::read_checked({dir / "lists"}, schemas, nullptr);
    const auto& county =
        bundle.list_sets.front().jurisdiction.level == lawlist::model::Level::county
            ? bundle.list_sets.front()
            : bundle.list_sets.back();

    auto t0 = clock_type::now();
    const auto publication = lawlist::exporting::publish(bundle, county.jurisdiction.id);
    const auto document = lawlist::exporting::to_document(
        publication, lawlist::exporting::present_lists(publication));
    const double layout = seconds_since(t0);
    std::size_t rows = 0;
    for (const auto& sheet : document.sheets) {
        rows += sheet.row_count();
    }

    Timing xlsx;
    Timing html;
    for (int run = 0; run < runs; ++run) {
        t0 = clock_type::now();
        double c0 = cpu_seconds();
        lawlist::exporting::write_xlsx(document, dir / "lawlist.xlsx");
        xlsx.keep(seconds_since(t0), cpu_seconds() - c0);
        t0 = clock_type::now();
        c0 = cpu_seconds();
        lawlist::exporting::write_file(dir / "lawlist.html",
                                       lawlist::exporting::render_html(document));
        html.keep(seconds_since(t0), cpu_seconds() - c0);
    }

    {
        std::ofstream out(dir / "rows.json");
        out << to_plain_json(document).dump();
    }
    // The python script's own figures: building and writing the workbook, reading excluded.
    const std::string script = std::string(LAWLIST_SOURCE_DIR) + "/bench/xlsxwriter_baseline.py";
    auto python = [&](const std::string& mode) {
        Timing best;
        for (int run = 0; run < runs; ++run) {
            const std::string command =
                fmt::format("'{}' '{}' '{}' '{}' {}", python_path, script,
                            (dir / "rows.json").string(), (dir / "python.xlsx").string(), mode);
            FILE* pipe = popen(command.c_str(), "r");
            double elapsed = 0;
            double cpu = 0;
            const bool read = pipe && std::fscanf(pipe, "%lf %lf", &elapsed, &cpu) == 2;
            if (!pipe || pclose(pipe) != 0 || !read) {
                throw std::runtime_error(command + " failed");
            }
            best.keep(elapsed, cpu);
        }
        return best;
    };
    const Timing baseline = python("");
    const Timing streaming = python("constant_memory");

    auto mib = [&](const char* name) {
        return static_cast<double>(fs::file_size(dir / name)) / 1048576.0;
    };
    auto line = [&](const char* format, const char* writer, const Timing& t, double size) {
        std::cout << fmt::format("{:<6}{:<40}{:7.2f} s {:7.2f} s {:6.1f} MiB", format, writer,
                                 t.elapsed, t.cpu, size);
        if (std::string_view(format) == "xlsx" && &t != &xlsx) {
            std::cout << fmt::format("  {:.1f}x lawlist's processor time", t.cpu / xlsx.cpu);
        }
        std::cout << '\n';
    };
    std::cout << fmt::format(
        "{} items on the county list, {} rows in {} sheets; layout {:.2f} s; fastest of {} runs\n",
        publication.total, rows, document.sheets.size(), layout, runs);
    std::cout << fmt::format("{:<6}{:<40}{:>9} {:>9}\n", "", "", "elapsed", "processor");
    line("xlsx", "lawlist", xlsx, mib("lawlist.xlsx"));
    line("xlsx", "python3-xlsxwriter", baseline, mib("python.xlsx"));
    line("xlsx", "python3-xlsxwriter, constant_memory", streaming, mib("python.xlsx"));
    line("html", "lawlist", html, mib("lawlist.html"));
    fs::remove_all(dir);
    return 0;
}
