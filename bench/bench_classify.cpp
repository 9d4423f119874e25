// bench_classify: classification throughput on one core against the bundled data, over the short
// incidents (at most 40 characters) of the dev set, repeated; and over the long ones.
// `bench_classify short` (or `long`) times one of the two only, e.g. under perf;
// `bench_classify short N` classifies N incidents instead of 20,000.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/text/utf8.hpp"

#include "bundled_database.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    const std::string only = argc > 1 ? argv[1] : "";
    const auto bundled = lawlist::bench::fresh_bundled_database("lawlist-bench-classify.db");
    const auto& database = bundled.database;
    const lawlist::classify::Session session(database);
    std::ifstream in(fs::path(LAWLIST_SOURCE_DIR) / "tests" / "data" / "incidents-dev.tsv");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::vector<std::string> short_texts, long_texts;
    for (const auto& incident :
         lawlist::classify::read_labelled("incidents-dev.tsv", buffer.str())) {
        (lawlist::text::decode(incident.text).size() <= 40 ? short_texts : long_texts)
            .push_back(incident.text);
    }
    const std::string jurisdiction = session.resolver().default_jurisdiction();
    for (const auto* texts : {&short_texts, &long_texts}) {
        if (!only.empty() && only != (texts == &short_texts ? "short" : "long")) {
            continue;
        }
        const std::size_t total = argc > 2 ? std::stoul(argv[2]) : 20000;
        const auto t0 = std::chrono::steady_clock::now();
        // Processor time too: on a shared machine elapsed time includes waiting for a core.
        const std::clock_t c0 = std::clock();
        std::size_t matched = 0;
        for (std::size_t i = 0; i < total; ++i) {
            matched += session.classifier()
                           .classify((*texts)[i % texts->size()], jurisdiction, 3,
                                     lawlist::classify::Thresholds{})
                           .matched;
        }
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        std::cout << fmt::format(
            "{} incidents ({} distinct): {:.0f} incidents/s of processor time on one core, "
            "{:.0f}/s elapsed ({} matched)\n",
            texts == &short_texts ? "short" : "long", texts->size(),
            static_cast<double>(total) / cpu, static_cast<double>(total) / s, matched);
    }
    return 0;
}
