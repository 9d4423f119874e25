// bench_audit: what `lawlist audit` and `lawlist resolve` do end to end, on synthetic list sets of
// about 10,000 and 100,000 items stored in a database: reading the bundle back, auditing it,
// indexing it for resolution and resolving. Prints the fastest of several runs of each step,
// elapsed and processor time (the machines are shared: processor time is the steadier figure).
// With --db, the databases given (e.g. scale.sh's 1M set) are measured instead.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <vector>

#include <sys/resource.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "lawlist/audit/audit.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/store/database.hpp"
#include "lawlist/store/lean.hpp"
#include "synth/generator.hpp"

namespace fs = std::filesystem;

namespace {

// Elapsed and processor milliseconds, the fastest of the runs seen.
struct Figure {
    double elapsed = 1e18;
    double cpu = 1e18;
};

template <class Fn>
void time(Figure& figure, Fn fn) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    fn();
    const double cpu = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const double elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    figure.elapsed = std::min(figure.elapsed, elapsed);
    figure.cpu = std::min(figure.cpu, cpu);
}

// The peak resident memory of the process so far, in MiB.
double peak_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

std::string show(const Figure& f) {
    return fmt::format("{:.1f} ms ({:.1f} ms processor)", f.elapsed, f.cpu);
}

// Reads, audits, indexes and resolves the database at `path` `runs` times; prints the fastest
// of each step.
void measure(const fs::path& path, int runs) {
    Figure read, audit, read_whole, index, resolve_one, resolve_all;
    std::size_t items = 0, findings = 0, resolutions = 0;
    double peak_read = 0, peak_audit = 0;  // of the first run
    for (int run = 0; run < runs; ++run) {
        lawlist::model::LeanBundle lean;
        time(read, [&] {
            // As `lawlist audit` reads it: the items lean.
            lean = lawlist::store::read_lean(
                lawlist::store::Database::open(path, lawlist::store::Database::Mode::read_only));
        });
        peak_read = run == 0 ? peak_mib() : peak_read;
        items = 0;
        for (const auto& set : lean.items.sets) {
            items += set.items.size();
        }
        time(audit, [&] { findings = lawlist::audit::run(lean.lists, lean.items).size(); });
        peak_audit = run == 0 ? peak_mib() : peak_audit;
        lean = {};
        lawlist::model::Bundle bundle;
        time(read_whole, [&] {
            // Whole, for the resolver's index of every jurisdiction.
            const auto db =
                lawlist::store::Database::open(path, lawlist::store::Database::Mode::read_only);
            lawlist::store::ReadScope scope;
            scope.type_terms = false;
            bundle = db.read_bundle(std::nullopt, scope);
        });
        std::optional<lawlist::resolve::Resolver> resolver;
        time(index, [&] { resolver.emplace(bundle); });
        time(resolve_one, [&] { resolver->resolve("town-00", "vt-0"); });
        time(resolve_all, [&] {
            resolutions = 0;
            for (const auto& type : bundle.violation_types) {
                resolver->resolve("town-00", type.id);
                ++resolutions;
            }
        });
    }
    std::cout << fmt::format("{} items ({} findings):\n", items, findings)
              << fmt::format("  read the lists (items lean)         {}\n", show(read))
              << fmt::format("  audit::run                          {}\n", show(audit))
              << fmt::format("  lawlist audit, both                 {:.1f} ms\n",
                             read.elapsed + audit.elapsed)
              << fmt::format(
                     "  peak memory after the read, audit   {:.0f} MiB, {:.0f} MiB (first run)\n",
                     peak_read, peak_audit)
              << fmt::format("  read the whole bundle               {}\n", show(read_whole))
              << fmt::format("  resolver index                      {}\n", show(index))
              << fmt::format("  one resolution                      {}\n", show(resolve_one))
              << fmt::format("  lawlist resolve (read, index, one)  {:.1f} ms\n",
                             read_whole.elapsed + index.elapsed + resolve_one.elapsed)
              << fmt::format("  {} resolutions in town-00        {}\n", resolutions,
                             show(resolve_all));
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t small = 4800;
    int runs = 5;
    std::vector<fs::path> databases;
    CLI::App app{"Measure lawlist audit and resolve end to end at about 10k and 100k items",
                 "bench_audit"};
    app.add_option("--county-items", small, "County items of the smaller set (x10 the larger)")
        ->capture_default_str();
    app.add_option("--runs", runs, "Runs of each step; the fastest is kept")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--db", databases,
                   "Measure these loaded databases instead of generating the two sets")
        ->check(CLI::ExistingFile);
    CLI11_PARSE(app, argc, argv);
    for (const auto& path : databases) {
        measure(path, runs);
    }
    if (!databases.empty()) {
        return 0;
    }
    const auto schemas = lawlist::io::SchemaSet::standard();
    for (const std::size_t county_items : {small, small * 10}) {
        const fs::path dir =
            fs::temp_directory_path() / fmt::format("lawlist-bench-audit-{}", county_items);
        fs::remove_all(dir);
        lawlist::synth::Parameters p;
        p.items = county_items;
        lawlist::synth::generate(p, dir / "lists");
        lawlist::load::load({dir / "lists"}, dir / "lists.db", schemas, std::nullopt);
        measure(dir / "lists.db", runs);
        fs::remove_all(dir);
    }
    return 0;
}
