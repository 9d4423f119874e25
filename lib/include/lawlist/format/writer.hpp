#pragma once
// Writers: a listing rendered in one output format. New formats (xlsx, html) are new Writer
// classes returned by make_writer; every command gets them without changes.

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>

#include "lawlist/format/listing.hpp"
#include "lawlist/format/output.hpp"

namespace lawlist::format {

class Writer {
  public:
    virtual ~Writer() = default;
    // Writes `listing` to `out`.
    virtual void write(const Listing& listing, std::ostream& out) const = 0;
};

// The writer for `output`. The table writer, given a terminal width, wraps long cells to fit
// and falls back to cards when the columns cannot all fit. Throws std::invalid_argument for outputs
// that are not listings (dot).
std::unique_ptr<Writer> make_writer(Output output, const WriterOptions& options = {});

// Writes `listing` as `output`: the listing's own report when it has one for that output, else
// the generic writer.
void write(const Listing& listing, Output output, std::ostream& out,
           const WriterOptions& options = {});

// JSON text as lawlist prints it: two-space indent, invalid UTF-8 replaced, a final newline.
std::string dump_json(const Json& value);
// One JSON object on one line, with a final newline.
std::string dump_json_line(const Json& value);

}  // namespace lawlist::format
