// libFuzzer target: batch incident input (lines, CSV, JSON Lines, with an id and a kept column)
// and labelled TSV. The first byte picks the reader; a bad input may only end in InputError or
// in failures of the batch.
#include <cstdint>
#include <string>

#include "lawlist/classify/input.hpp"
#include "lawlist/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string contents(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 4) {
            case 0:
                lawlist::classify::read_incidents("in.txt", contents,
                                                  lawlist::classify::InputFormat::lines);
                break;
            case 1:
            case 2: {
                const bool csv = data[0] % 4 == 1;
                const auto batch =
                    lawlist::classify::read_batch(csv ? "in.csv" : "in.jsonl", contents,
                                                  csv ? lawlist::classify::InputFormat::csv
                                                      : lawlist::classify::InputFormat::jsonl,
                                                  {"text", "id", {"time"}});
                for (const auto& d : batch.failures) {
                    (void)lawlist::format_diagnostic(d);
                }
                break;
            }
            default:
                lawlist::classify::read_labelled("in.tsv", contents);
                break;
        }
    } catch (const lawlist::InputError& e) {
        for (const auto& d : e.diagnostics()) {
            (void)lawlist::format_diagnostic(d);
        }
    }
    return 0;
}
