#include "lawlist/paths.hpp"

#include <cstdlib>

#include "lawlist/error.hpp"

#include <unistd.h>

namespace lawlist {
namespace {

namespace fs = std::filesystem;

fs::path from_env(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? fs::path(value) : fs::path();
}

// <prefix>/share/lawlist/<leaf> when the running executable is <prefix>/bin/lawlist (the build
// tree links build/share/lawlist to the source's folders, so its programs find them the same way).
fs::path installed(const char* leaf) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) {
        return {};
    }
    const fs::path candidate = exe.parent_path().parent_path() / "share" / "lawlist" / leaf;
    if (!fs::is_directory(candidate, ec)) {
        return {};
    }
    // The folder itself, not the build tree's link to it: paths of its files are printed.
    const fs::path real = fs::canonical(candidate, ec);
    return ec ? candidate : real;
}

fs::path locate(const char* env, const char* leaf) {
    if (auto path = from_env(env); !path.empty()) {
        return path;
    }
    return installed(leaf);
}

}  // namespace

fs::path schema_dir() {
    return locate("LAWLIST_SCHEMA_DIR", "schemas");
}

fs::path data_dir() {
    auto path = locate("LAWLIST_DATA_DIR", "data");
    if (path.empty()) {
        throw Error(
            "no bundled data beside this program (share/lawlist/data); set LAWLIST_DATA_DIR");
    }
    return path;
}

std::optional<fs::path> database_from_env() {
    if (auto path = from_env("LAWLIST_DB"); !path.empty()) {
        return path;
    }
    return std::nullopt;
}

fs::path default_database_path() {
    if (auto xdg = from_env("XDG_DATA_HOME"); !xdg.empty()) {
        return xdg / "lawlist" / "lawlist.db";
    }
    if (auto home = from_env("HOME"); !home.empty()) {
        return home / ".local" / "share" / "lawlist" / "lawlist.db";
    }
    return fs::path("lawlist.db");
}

}  // namespace lawlist
