#pragma once
// A deterministic generator of synthetic list sets of any size, for benchmarks and scale tests:
// N county items across M departments, a share delegated to K townships (which then hold them
// too), with a vocabulary, problems, warnings and metrics. The same parameters always produce
// the same files, byte for byte.

#include <cstdint>
#include <filesystem>

namespace lawlist::synth {

struct Parameters {
    std::size_t items = 5100;       // items on the county list
    std::size_t departments = 17;   // county departments (sectors cycle through the 17 codes)
    std::size_t townships = 14;     // townships the county delegates to
    double delegated_share = 0.08;  // share of county items delegated to each township
    std::uint64_t seed = 20240301;
    // Counties, each with `items` items and `townships` townships (a province); one writes
    // vocabulary/, county/ and town-NN/, more write county-NNN/{county,town-NN}/ beside
    // vocabulary/.
    std::size_t counties = 1;
};

struct Summary {
    std::size_t files = 0;
    std::size_t county_items = 0;
    std::size_t township_items = 0;
    std::size_t violation_types = 0;
    std::size_t bytes = 0;
};

// Writes the list sets under `dir` (created if needed).
Summary generate(const Parameters& parameters, const std::filesystem::path& dir);

}  // namespace lawlist::synth
