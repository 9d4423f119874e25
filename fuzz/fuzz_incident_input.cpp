// libFuzzer target: batch incident input (lines, CSV, JSON Lines) and labelled TSV. The first
// byte picks the reader; a bad input may only end in InputError.
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
                lawlist::classify::read_incidents("in.csv", contents,
                                                  lawlist::classify::InputFormat::csv, "text");
                break;
            case 2:
                lawlist::classify::read_incidents("in.jsonl", contents,
                                                  lawlist::classify::InputFormat::jsonl, "text");
                break;
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
