#include "lawlist/io/file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "lawlist/error.hpp"

namespace lawlist::io {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t k_default_max_mib = 256;

std::string size_reason(std::uintmax_t size) {
    return fmt::format(
        "larger than {} MiB ({} bytes); set LAWLIST_MAX_FILE_MIB to read larger "
        "files",
        max_file_size() >> 20, size);
}

// The reason for an errno of open or stat on `path`.
std::string errno_reason(int error, const fs::path& path) {
    switch (error) {
        case ENOENT: {
            std::error_code ec;
            if (fs::is_symlink(fs::symlink_status(path, ec))) {
                return fmt::format("dangling symbolic link (to '{}')",
                                   fs::read_symlink(path, ec).string());
            }
            return "no such file";
        }
        case ELOOP:
            return "symbolic link loop (too many levels of symbolic links)";
        case EACCES:
        case EPERM:
            return "permission denied";
        case ENOTDIR:
            return "no such file (a part of the path is not a folder)";
        case ENAMETOOLONG:
            return "file name too long";
        default:
            return std::strerror(error);
    }
}

std::string kind_reason(mode_t mode) {
    if (S_ISDIR(mode)) {
        return "is a folder";
    }
    if (S_ISFIFO(mode)) {
        return "not a regular file (a FIFO); lawlist reads regular files only";
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return "not a regular file (a device); lawlist reads regular files only";
    }
    if (S_ISSOCK(mode)) {
        return "not a regular file (a socket); lawlist reads regular files only";
    }
    return {};
}

[[noreturn]] void fail(const std::string& shown, const std::string& reason) {
    throw InputError({{shown, 0, 0, "cannot read file: " + reason, ""}});
}

}  // namespace

std::uintmax_t max_file_size() {
    const char* env = std::getenv("LAWLIST_MAX_FILE_MIB");
    if (env && *env) {
        char* end = nullptr;
        const unsigned long long mib = std::strtoull(env, &end, 10);
        if (end && *end == '\0' && mib > 0 && mib < (1ULL << 40)) {
            return static_cast<std::uintmax_t>(mib) << 20;
        }
    }
    return k_default_max_mib << 20;
}

std::string unreadable_reason(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return errno_reason(errno, path);
    }
    if (!S_ISREG(st.st_mode)) {
        return kind_reason(st.st_mode);
    }
    if (static_cast<std::uintmax_t>(st.st_size) > max_file_size()) {
        return size_reason(static_cast<std::uintmax_t>(st.st_size));
    }
    if (::access(path.c_str(), R_OK) != 0) {
        return errno_reason(errno, path);
    }
    return {};
}

std::string read_file(const fs::path& path) {
    const std::string shown = path.string();
    // Non-blocking, so that opening a FIFO without a writer returns at once; fstat then refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        fail(shown, errno_reason(errno, path));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        fail(shown, errno_reason(errno, path));
    }
    if (!S_ISREG(st.st_mode)) {
        fail(shown, kind_reason(st.st_mode));
    }
    const std::uintmax_t limit = max_file_size();
    if (static_cast<std::uintmax_t>(st.st_size) > limit) {
        fail(shown, size_reason(static_cast<std::uintmax_t>(st.st_size)));
    }
    std::string contents;
    contents.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail(shown, errno_reason(errno, path));
        }
        if (n == 0) {
            break;
        }
        contents.append(buffer, static_cast<std::size_t>(n));
        if (contents.size() > limit) {  // the file grew while being read
            fail(shown, size_reason(contents.size()));
        }
    }
    return contents;
}

std::string read_stream(std::istream& in, const std::string& name) {
    const std::uintmax_t limit = max_file_size();
    std::string contents;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        contents.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (contents.size() > limit) {
            fail(name, size_reason(contents.size()));
        }
    }
    if (in.bad()) {
        fail(name, "read error");
    }
    return contents;
}

}  // namespace lawlist::io
