// libFuzzer target: a list file through the whole reader (libyaml tree, JSON conversion, schema
// validation, model). Any input must end in a bundle or diagnostics: no crash, no escape of
// another exception, no sanitizer report.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "lawlist/io/reader.hpp"
#include "lawlist/io/schema.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const lawlist::io::SchemaSet schemas =
        lawlist::io::SchemaSet::load(fs::path(LAWLIST_FUZZ_SOURCE_DIR) / "schemas");
    static const fs::path file =
        fs::temp_directory_path() / ("lawlist-fuzz-" + std::to_string(::getpid()) + ".yaml");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    std::vector<lawlist::Diagnostic> diagnostics;
    const auto bundle = lawlist::io::read_bundle({file}, schemas, diagnostics);
    for (const auto& d : diagnostics) {
        (void)lawlist::format_diagnostic(d);
    }
    return 0;
}
