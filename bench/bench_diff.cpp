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

#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "lawlist/diff/diff.hpp"
#include "lawlist/format/table.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/io/schema.hpp"
#include "lawlist/paths.hpp"
#include "synth/generator.hpp"

namespace fs = std::filesystem;
using namespace lawlist;

namespace {

// Processor time of this process (all threads) or of its finished children, in milliseconds.
double cpu_ms(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0) +
           (static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
}

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
                item.category = item.category == model::Category::inspection
                                    ? model::Category::penalty
                                    : model::Category::inspection;
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
                grants.push_back(d.jurisdiction.id + ":" + std::string(model::to_string(d.mode)));
            }
            std::vector<std::string> types;
            for (const auto& t : item.violation_types) {
                types.push_back(t.id);
            }
            out << format::csv_field(item.code) << ',' << set.jurisdiction.id << ','
                << format::csv_field(item.name) << ',' << model::to_string(item.category) << ','
                << item.sector << ',' << item.body.id << ','
                << (item.delegation ? std::string(model::to_string(item.delegation->mode)) + ":" +
                                          item.delegation->item.id
                                    : "")
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
    const auto schemas = io::SchemaSet::standard();
    const auto a = io::read_bundle({dir / "src"}, schemas, diagnostics);
    auto b = a;
    const auto edits = edit(b, every);
    fmt::print("revisions: {} and {} items ({} county items edited, one in {})\n", item_count(a),
               item_count(b), edits, every);

    // Best of three (elapsed and processor time each): the machine is shared.
    double lists_ms = 1e18;
    double lists_cpu = 1e18;
    double all_ms = 1e18;
    double all_cpu = 1e18;
    diff::Result result;
    for (int round = 0; round < 3; ++round) {
        auto start = std::chrono::steady_clock::now();
        auto cpu = cpu_ms(RUSAGE_SELF);
        const auto lists = diff::compare(a, b, {std::nullopt, false});
        lists_ms = std::min(lists_ms, ms_since(start));
        lists_cpu = std::min(lists_cpu, cpu_ms(RUSAGE_SELF) - cpu);
        start = std::chrono::steady_clock::now();
        cpu = cpu_ms(RUSAGE_SELF);
        result = diff::compare(a, b);
        all_ms = std::min(all_ms, ms_since(start));
        all_cpu = std::min(all_cpu, cpu_ms(RUSAGE_SELF) - cpu);
    }
    fmt::print("lawlist diff, lists only: {:.0f} ms elapsed, {:.0f} ms processor ({} changes)\n",
               lists_ms, lists_cpu, result.changes.size());
    fmt::print(
        "lawlist diff with impact: {:.0f} ms elapsed, {:.0f} ms processor (both threads; {} "
        "resolutions and {} audit findings changed)\n",
        all_ms, all_cpu, result.resolutions.size(), result.findings.size());

    write_csv(a, dir / "old.csv");
    write_csv(b, dir / "new.csv");
    if (std::system("npx --no-install daff version >/dev/null 2>&1") != 0) {
        fmt::print("daff: not installed (npm install -g daff); no comparison\n");
    } else {
        const auto command = fmt::format("npx --no-install daff diff --id code --output {} {} {}",
                                         (dir / "daff.csv").string(), (dir / "old.csv").string(),
                                         (dir / "new.csv").string());
        const auto start = std::chrono::steady_clock::now();
        const auto cpu = cpu_ms(RUSAGE_CHILDREN);
        const int status = std::system(command.c_str());
        const double daff_ms = ms_since(start);
        const double daff_cpu = cpu_ms(RUSAGE_CHILDREN) - cpu;
        std::size_t rows = 0;
        std::ifstream in(dir / "daff.csv");
        for (std::string line; std::getline(in, line);) {
            ++rows;
        }
        fmt::print(
            "daff (npx, CSV keyed by code): {:.0f} ms elapsed, {:.0f} ms processor, {} rows "
            "of cell changes{}\n",
            daff_ms, daff_cpu, rows, status == 0 ? "" : " (daff failed)");
        fmt::print(
            "lawlist against daff, processor time: {:.0f}x with impact, {:.0f}x lists only\n",
            daff_cpu / all_cpu, daff_cpu / lists_cpu);
    }
    fs::remove_all(dir);
    return 0;
}
