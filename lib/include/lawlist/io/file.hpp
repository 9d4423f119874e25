#pragma once
// Reading input files whole, safely: only regular files (a FIFO or a device would block or never
// end), at most max_file_size() bytes, and with messages that say why a file cannot be read.

#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>

namespace lawlist::io {

// The largest input file lawlist reads: 256 MiB, or $LAWLIST_MAX_FILE_MIB mebibytes when set
// (for lists larger than that).
std::uintmax_t max_file_size();

// Why `path` cannot be read ("no such file", "symbolic link loop", "not a regular file ...",
// "larger than ..."), or an empty string when it is a readable regular file within the limit.
// Does not open the file.
std::string unreadable_reason(const std::filesystem::path& path);

// The whole contents of the regular file `path`. Throws InputError ("path: cannot read file:
// reason") when it is missing, not a regular file, unreadable or larger than max_file_size().
std::string read_file(const std::filesystem::path& path);

// The whole of `in` (standard input), at most max_file_size() bytes; `name` is used in the
// message. Throws InputError when the stream is longer or fails.
std::string read_stream(std::istream& in, const std::string& name);

}  // namespace lawlist::io
