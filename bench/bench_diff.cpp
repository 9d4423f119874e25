// Diff of two revisions of about 100,000 items: lawlist's semantic comparison (lists, then the
// impact: resolutions and audit findings of both sides) against daff on the same two lists
// exported as CSV keyed by code, timed in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "lawlist/diff/diff.hpp"
#include "lawlist/format/table.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/io/schema.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/synth/generator.hpp"

namespace fs = std::filesystem;
using namespace lawlist;

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// The next revision: one county item in `every` edited, cycling through the kinds of change.
std::size_t edit(model::Bundle& b, std::size_t every) {
    auto& county = b.list_sets.front();
    std::size_t edits = 0;
    std::vector<std::string> cancelled;
    for (std::size_t i = 0; i < county.items.size(); i += every) {
        auto& item = county.items[i];
        switch (edits++ % 8) {
            case 0:
                item.name += "（修订）";
                break;
            case 1:
                item.basis.front().article += 1;
                break;
            case 2:
                cancelled.push_back(item.code);
                break;
            case 3:
                item.code += "-N";
                break;
            case 4:
                item.category = item.category == "行政检查" ? "行政处罚" : "行政检查";
                break;
            case 5:
                item.violation_types.push_back({"vt-0", {}});
                break;
            case 6:
                item.delegated_to.clear();  // recalled from every township (copies stay: a finding)
                break;
            default:
                item.body.id = item.body.id == "dept-0" ? "dept-1" : "dept-0";
                break;
        }
    }
    std::erase_if(county.items, [&](const model::Item& item) {
        return std::find(cancelled.begin(), cancelled.end(), item.code) != cancelled.end();
    });
    return edits;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : ";") + p;
    }
    return out;
}

// Every item of the bundle as one CSV row, keyed by code: what a spreadsheet comparison sees.
void write_csv(const model::Bundle& b, const fs::path& path) {
    std::ofstream out(path, std::ios::binary);
    out << "code,jurisdiction,name,category,sector,body,delegation,delegated_to,basis,"
           "violation_types\n";
    for (const auto& set : b.list_sets) {
        for (const auto& item : set.items) {
            std::vector<std::string> basis;
            for (const auto& x : item.basis) {
                basis.push_back(x.citation());
            }
            std::vector<std::string> grants;
            for (const auto& d : item.delegated_to) {
                grants.push_back(d.jurisdiction.id + ":" + d.mode);
            }
            std::vector<std::string> types;
            for (const auto& t : item.violation_types) {
                types.push_back(t.id);
            }
            out << format::csv_field(item.code) << ',' << set.jurisdiction.id << ','
                << format::csv_field(item.name) << ',' << item.category << ',' << item.sector << ','
                << item.body.id << ','
                << (item.delegation ? item.delegation->mode + ":" + item.delegation->item.id : "")
                << ',' << format::csv_field(join(grants)) << ',' << format::csv_field(join(basis))
                << ',' << format::csv_field(join(types)) << '\n';
        }
    }
}

std::size_t item_count(const model::Bundle& b) {
    std::size_t n = 0;
    for (const auto& s : b.list_sets) {
        n += s.items.size();
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bench_diff: lawlist diff against daff at about 100,000 items"};
    std::size_t items = 47600;
    std::size_t every = 100;
    app.add_option("--items", items, "County items (townships hold about 1.1 copies of each)");
    app.add_option("--every", every, "Edit one county item in this many");
    CLI11_PARSE(app, argc, argv);

    const auto dir = fs::temp_directory_path() / fmt::format("lawlist-bench-diff-{}", getpid());
    fs::create_directories(dir);
    synth::Parameters p;
    p.items = items;
    synth::generate(p, dir / "src");
    std::vector<Diagnostic> diagnostics;
    const auto schemas = io::SchemaSet::load(schema_dir());
    const auto a = io::read_bundle({dir / "src"}, schemas, diagnostics);
    auto b = a;
    const auto edits = edit(b, every);
    fmt::print("revisions: {} and {} items ({} county items edited, one in {})\n", item_count(a),
               item_count(b), edits, every);

    // Best of three: the machine is shared.
    double lists_ms = 1e18;
    double all_ms = 1e18;
    diff::Result result;
    for (int round = 0; round < 3; ++round) {
        auto start = std::chrono::steady_clock::now();
        const auto lists = diff::compare(a, b, {std::nullopt, false});
        lists_ms = std::min(lists_ms, ms_since(start));
        start = std::chrono::steady_clock::now();
        result = diff::compare(a, b);
        all_ms = std::min(all_ms, ms_since(start));
    }
    fmt::print(
        "lawlist diff: lists {:.0f} ms; with impact {:.0f} ms ({} changes, {} resolutions "
        "changed, {} audit findings changed)\n",
        lists_ms, all_ms, result.changes.size(), result.resolutions.size(), result.findings.size());

    write_csv(a, dir / "old.csv");
    write_csv(b, dir / "new.csv");
    if (std::system("npx --no-install daff version >/dev/null 2>&1") != 0) {
        fmt::print("daff: not installed (npm install -g daff); no comparison\n");
    } else {
        const auto command = fmt::format("npx --no-install daff diff --id code --output {} {} {}",
                                         (dir / "daff.csv").string(), (dir / "old.csv").string(),
                                         (dir / "new.csv").string());
        const auto start = std::chrono::steady_clock::now();
        const int status = std::system(command.c_str());
        const double daff_ms = ms_since(start);
        std::size_t rows = 0;
        std::ifstream in(dir / "daff.csv");
        for (std::string line; std::getline(in, line);) {
            ++rows;
        }
        fmt::print(
            "daff (npx, CSV keyed by code): {:.0f} ms, {} rows of cell changes{}; lawlist "
            "{:.0f}x faster with impact, {:.0f}x on the lists\n",
            daff_ms, rows, status == 0 ? "" : " (daff failed)", daff_ms / all_ms,
            daff_ms / lists_ms);
    }
    fs::remove_all(dir);
    return 0;
}
