#pragma once
// Helpers shared by the unit tests: scratch folders and the repository's paths.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "lawlist/io/schema.hpp"

namespace lawlist::testing {

inline std::filesystem::path source_dir() {
    return LAWLIST_TEST_SOURCE_DIR;
}

inline const io::SchemaSet& schemas() {
    static const io::SchemaSet set = io::SchemaSet::load(source_dir() / "schemas");
    return set;
}

// A scratch folder removed at the end of the test.
class TempDir {
  public:
    TempDir() {
        std::random_device device;
        m_path = std::filesystem::temp_directory_path() /
                 ("lawlist-test-" + std::to_string(device()) + std::to_string(device()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    // Writes `text` to `relative` (creating folders) and returns the full path.
    std::filesystem::path write(const std::string& relative, const std::string& text) const {
        const auto full = m_path / relative;
        std::filesystem::create_directories(full.parent_path());
        std::ofstream(full, std::ios::binary) << text;
        return full;
    }

    // Copies the example list set into `relative`.
    std::filesystem::path copy_example(const std::string& relative = "basic") const {
        const auto to = m_path / relative;
        std::filesystem::create_directories(to.parent_path());
        std::filesystem::copy(source_dir() / "examples" / "basic", to,
                              std::filesystem::copy_options::recursive);
        return to;
    }

  private:
    std::filesystem::path m_path;
};

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Replaces the first occurrence of `from` in the file at `path` with `to`.
inline void edit(const std::filesystem::path& path, const std::string& from,
                 const std::string& to) {
    std::string text = read_file(path);
    const auto at = text.find(from);
    if (at == std::string::npos) {
        throw std::runtime_error("edit: text not found in " + path.string() + ": " + from);
    }
    text.replace(at, from.size(), to);
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace lawlist::testing
