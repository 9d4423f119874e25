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

// Writes a listing part by part as its records are made, so that a batch holds one record at a
// time however long it is: jsonl and csv print each record at once, json its array element by
// element (the same text as one Writer over every record). Outputs that lay out all rows
// together (table, cards, markdown) do not stream: see streams().
class StreamWriter {
  public:
    // `columns`: those of every part (csv writes their header at once, as `options` say). Throws
    // std::invalid_argument when `output` does not stream.
    StreamWriter(Output output, const std::vector<Heading>& columns, std::ostream& out,
                 const WriterOptions& options = {});
    StreamWriter(const StreamWriter&) = delete;
    StreamWriter& operator=(const StreamWriter&) = delete;

    // Writes the rows (csv) or records (json, jsonl) of `part`, the next records of the listing;
    // every part has the same columns.
    void write(const Listing& part);
    // Writes one record of `type`, building only what the output shows: its JSON form (json,
    // jsonl) or its machine cells (csv). The same text as a part holding it.
    template <class Record>
    void write(const RecordType<Record>& type, const Record& record) {
        if (m_output != Output::csv) {
            write_record(type.to_json(record));
            return;
        }
        std::vector<Cell> cells;
        cells.reserve(type.columns.size());
        for (const auto& column : type.columns) {
            cells.push_back({column.value ? column.value(record) : std::string(), {}});
        }
        write_row(cells);
    }
    // Ends the output (json's closing bracket).
    void finish();

  private:
    void write_record(const Json& record);
    void write_row(const std::vector<Cell>& row);

    Output m_output;
    std::vector<std::size_t> m_csv_columns;  // csv: the columns with a machine name
    std::ostream& m_out;
    std::size_t m_written = 0;
};

// Whether `output` can be written by a StreamWriter.
bool streams(Output output);

// JSON text as lawlist prints it: two-space indent, invalid UTF-8 replaced, a final newline.
std::string dump_json(const Json& value);
// One JSON object on one line, with a final newline.
std::string dump_json_line(const Json& value);

}  // namespace lawlist::format
