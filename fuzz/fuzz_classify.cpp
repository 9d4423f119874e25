// libFuzzer target: classification of any text (valid UTF-8 or not) against the example list
// set, loaded once into a scratch database.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "lawlist/classify/session.hpp"
#include "lawlist/io/schema.hpp"
#include "lawlist/load/load.hpp"

namespace fs = std::filesystem;

namespace {

const lawlist::classify::Session& session() {
    static const fs::path db =
        fs::temp_directory_path() / ("lawlist-fuzz-" + std::to_string(::getpid()) + ".db");
    static const lawlist::store::Database database = [] {
        fs::remove(db);
        const auto schemas =
            lawlist::io::SchemaSet::load(fs::path(LAWLIST_FUZZ_SOURCE_DIR) / "schemas");
        lawlist::load::load({fs::path(LAWLIST_FUZZ_SOURCE_DIR) / "examples" / "basic"}, db, schemas,
                            std::nullopt);
        return lawlist::store::Database::open(db, lawlist::store::Database::Mode::read_only);
    }();
    static const lawlist::classify::Session instance(database);
    return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto& s = session();
    const auto c = s.classifier().classify(text, s.resolver().default_jurisdiction(), 3, {1.0});
    (void)lawlist::classify::to_json(c).dump(-1, ' ', false,
                                             nlohmann::json::error_handler_t::replace);
    return 0;
}
