// bench_load: generates a synthetic list set of --items county items and measures, in this
// process, reading + checking it and writing it to a fresh database. Prints one line of figures,
// including the peak resident memory of the process.
#include <chrono>
#include <filesystem>
#include <iostream>

#include <sys/resource.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "lawlist/io/schema.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/store/load.hpp"
#include "synth/generator.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    lawlist::synth::Parameters p;
    CLI::App app{"Measure lawlist load on a synthetic list set", "bench_load"};
    app.add_option("--items", p.items, "County items")->capture_default_str();
    app.add_option("--townships", p.townships, "Townships")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    const fs::path dir = fs::temp_directory_path() / fmt::format("lawlist-bench-{}", p.items);
    fs::remove_all(dir);
    const auto summary = lawlist::synth::generate(p, dir / "src");
    const auto schemas = lawlist::io::SchemaSet::standard();

    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const auto bundle = lawlist::store::read_checked({dir / "src"}, schemas, nullptr);
    const auto t1 = clock::now();
    auto database = lawlist::store::Database::create_or_open(dir / "bench.db");
    database.write(bundle, std::nullopt, "2024-03-01T00:00:00Z");
    const auto t2 = clock::now();

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    const std::size_t total = summary.county_items + summary.township_items;
    std::cout << fmt::format(
        "items={} (county {}, townships {}) input={:.1f}MiB read+check={:.0f}ms "
        "write={:.0f}ms total={:.0f}ms ({:.0f} items/s) peak_rss={:.0f}MiB\n",
        total, summary.county_items, summary.township_items,
        static_cast<double>(summary.bytes) / 1048576.0, ms(t1 - t0), ms(t2 - t1), ms(t2 - t0),
        static_cast<double>(total) / (ms(t2 - t0) / 1000.0),
        static_cast<double>(usage.ru_maxrss) / 1024.0);
    fs::remove_all(dir);
    return 0;
}
