// bench_audit: audit and resolution on synthetic list sets of two sizes, 10x apart (with --large,
// a third 10x larger again), measured in rounds over the sizes. Prints the fastest time of each
// and the ratios, which should stay near 10 (near-linear) and at most about 12.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "lawlist/audit/audit.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/store/load.hpp"
#include "lawlist/synth/generator.hpp"

namespace fs = std::filesystem;

namespace {

struct Timing {
    std::size_t items = 0;
    double reference_ms = 1e18;  // inserting every item code into a hash set: the memory baseline
    std::size_t reference_size = 0;
    double read_ms = 1e18;  // reading every item's code, name and types once, in list order
    std::uint64_t read_sum = 0;
    double audit_ms = 1e18;
    double resolve_ms = 1e18;
    double index_ms = 1e18;    // of which building the resolver's index
    double lookups_ms = 1e18;  // and resolving every type with an index built
    std::size_t resolutions = 0;
    std::size_t resolution_items = 0;
    std::size_t findings = 0;
};

using clock = std::chrono::steady_clock;

double ms_since(clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(clock::now() - t0).count();
}

lawlist::model::Bundle synthetic(std::size_t county_items, const lawlist::io::SchemaSet& schemas) {
    lawlist::synth::Parameters p;
    p.items = county_items;
    const fs::path dir =
        fs::temp_directory_path() / fmt::format("lawlist-bench-audit-{}", county_items);
    fs::remove_all(dir);
    lawlist::synth::generate(p, dir);
    auto bundle = lawlist::store::read_checked({dir}, schemas, nullptr);
    fs::remove_all(dir);
    return bundle;
}

// One round of measurements of `bundle`, each kept in `t` if the fastest so far: the machines
// are shared and noisy, and the fastest run is the one least disturbed by other work. Each is
// repeated a few times in a row, so that its fastest run finds in the caches what the one before
// left there, as it would for a set measured alone.
void measure(const lawlist::model::Bundle& bundle, Timing& t) {
    constexpr int k_repeats = 3;
    t.items = 0;
    for (const auto& set : bundle.list_sets) {
        t.items += set.items.size();
    }
    {
        const auto r0 = clock::now();
        std::unordered_set<std::string> codes;
        for (const auto& set : bundle.list_sets) {
            for (const auto& item : set.items) {
                codes.insert(item.code);
            }
        }
        t.reference_ms = std::min(t.reference_ms, ms_since(r0));
        t.reference_size = codes.size();  // keeps the set from being optimized away
    }
    // The least any audit does: read each item once, in list order. Even this grows faster than
    // the input once the lists outgrow the processor's caches.
    for (int run = 0; run < k_repeats; ++run) {
        const auto r0 = clock::now();
        std::uint64_t sum = 0;
        for (const auto& set : bundle.list_sets) {
            for (const auto& item : set.items) {
                for (const char c : item.code) {
                    sum += static_cast<unsigned char>(c);
                }
                for (const char c : item.name) {
                    sum += static_cast<unsigned char>(c);
                }
                for (const auto& type : item.violation_types) {
                    sum += type.id.size();
                }
                sum += item.loc.line;
            }
        }
        t.read_ms = std::min(t.read_ms, ms_since(r0));
        t.read_sum = sum;  // keeps the loop from being optimized away
    }
    for (int run = 0; run < k_repeats; ++run) {
        const auto t0 = clock::now();
        const auto findings = lawlist::audit::run(bundle);
        t.audit_ms = std::min(t.audit_ms, ms_since(t0));
        t.findings = findings.size();
    }
    // Resolution: index the bundle, then resolve every violation type in the first township.
    for (int run = 0; run < k_repeats; ++run) {
        const auto t0 = clock::now();
        const lawlist::resolve::Resolver resolver(bundle);
        const double index_ms = ms_since(t0);
        const auto t1 = clock::now();
        t.resolutions = 0;
        t.resolution_items = 0;
        for (const auto& type : bundle.violation_types) {
            t.resolution_items += resolver.resolve("town-00", type.id).items.size();
            ++t.resolutions;
        }
        t.resolve_ms = std::min(t.resolve_ms, ms_since(t0));
        t.index_ms = std::min(t.index_ms, index_ms);
        t.lookups_ms = std::min(t.lookups_ms, ms_since(t1));
    }
}

// The ratios of `b` to `a`, the larger to the smaller set.
void print_ratios(const Timing& a, const Timing& b) {
    const double ratio = static_cast<double>(b.items) / static_cast<double>(a.items);
    std::cout << fmt::format("{} to {} items ({:.1f}x): audit time {:.1f}x, resolve time {:.1f}x\n",
                             a.items, b.items, ratio, b.audit_ms / a.audit_ms,
                             b.resolve_ms / a.resolve_ms);
    std::cout << fmt::format(
        "references on this machine: reading every item once grows {:.1f}x ({:.2f}ms to "
        "{:.2f}ms); a hash set of the item codes grows {:.1f}x ({:.1f}ms to {:.1f}ms)\n",
        b.read_ms / a.read_ms, a.read_ms, b.read_ms, b.reference_ms / a.reference_ms,
        a.reference_ms, b.reference_ms);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t small = 4800;
    bool large = false;
    int rounds = 5;
    CLI::App app{"Measure audit and resolution at two sizes 10x apart", "bench_audit"};
    app.add_option("--county-items", small, "County items of the smaller set")
        ->capture_default_str();
    app.add_flag("--large", large,
                 "Also measure a set 10x larger than the larger one (about 1,000,000 items by "
                 "default: a minute and 2 GiB)");
    app.add_option("--rounds", rounds,
                   "Rounds over all the sizes; each measures each size 3 times, the fastest kept")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);
    const auto schemas = lawlist::io::SchemaSet::load(lawlist::schema_dir());
    std::vector<lawlist::model::Bundle> bundles;
    bundles.reserve(3);
    for (std::size_t county_items = small; bundles.size() < (large ? 3u : 2u); county_items *= 10) {
        bundles.push_back(synthetic(county_items, schemas));
    }
    // Rounds over all the sizes, rather than one size after the other: the machine's speed
    // drifts as other work comes and goes, and a ratio of two figures taken minutes apart would
    // measure that drift too.
    std::vector<Timing> timings(bundles.size());
    for (int round = 0; round < rounds; ++round) {
        for (std::size_t i = 0; i < bundles.size(); ++i) {
            measure(bundles[i], timings[i]);
        }
    }
    for (const Timing& t : timings) {
        std::cout << fmt::format(
            "items={} audit={:.1f}ms ({} findings) resolve: {} violation types ({} items "
            "listed) in {:.1f}ms (index build included; fastest index build {:.1f}ms, fastest "
            "resolutions {:.1f}ms)\n",
            t.items, t.audit_ms, t.findings, t.resolutions, t.resolution_items, t.resolve_ms,
            t.index_ms, t.lookups_ms);
    }
    for (std::size_t i = 1; i < timings.size(); ++i) {
        print_ratios(timings[i - 1], timings[i]);
    }
    return 0;
}
