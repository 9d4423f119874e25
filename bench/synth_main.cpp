// lawlist-synth: writes a deterministic synthetic list set (see synth/generator.hpp).
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "lawlist/error.hpp"
#include "synth/generator.hpp"

int main(int argc, char** argv) {
    lawlist::synth::Parameters p;
    std::string out;
    CLI::App app{"Write a synthetic lawlist list set", "lawlist-synth"};
    app.add_option("--out", out, "Output folder")->required();
    app.add_option("--items", p.items, "County items")->capture_default_str();
    app.add_option("--departments", p.departments, "County departments")->capture_default_str();
    app.add_option("--townships", p.townships, "Townships")->capture_default_str();
    app.add_option("--counties", p.counties,
                   "Counties, each with --items items and --townships townships")
        ->capture_default_str();
    app.add_option("--delegated-share", p.delegated_share,
                   "Share of county items delegated to each township")
        ->capture_default_str();
    app.add_option("--seed", p.seed, "Random seed")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    try {
        const auto s = lawlist::synth::generate(p, out);
        std::cout << fmt::format(
            "{} files, {} county items, {} township items, {} violation types, {:.1f} MiB\n",
            s.files, s.county_items, s.township_items, s.violation_types,
            static_cast<double>(s.bytes) / (1024.0 * 1024.0));
    } catch (const lawlist::Error& e) {
        std::cerr << "lawlist-synth: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
