#pragma once
// A county's spreadsheet list in, a list set out: jurisdiction.yaml plus one power-list file per
// department, items linked to violation types. The import reads every sheet of every file, maps
// columns by their headers (columns.hpp), fills merged and "same as above" cells down, reads the
// legal bases (citation.hpp), matches bodies (bodies.hpp) and links items:
//
// 1. a township item delegated from a county item takes that item's violation types;
// 2. an item whose name stands on another jurisdiction's list takes the types it has there (the
//    jurisdiction's own earlier revision is not consulted, so that an import depends only on the
//    spreadsheet and the rest of the database);
// 3. otherwise the classifier scores the name; the types scoring at least 90% of the best are
//    linked when the weakest of them scores at least 1.3 times the best type left out (values
//    measured on the bundled lists: bench/README.md). Any other item is written unlinked and
//    listed for review with its best candidates.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lawlist/classify/classifier.hpp"
#include "lawlist/error.hpp"
#include "lawlist/import/columns.hpp"
#include "lawlist/io/schema.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::import_ {

struct Options {
    std::vector<std::filesystem::path> files;
    std::string jurisdiction;             // id of the list set written
    std::optional<std::string> county;    // the county of a township list
    std::optional<std::string> name;      // the jurisdiction's name, when it is new
    std::vector<ColumnOverride> columns;  // --columns
    bool keep_going = false;              // write what could be read despite problems
    // Where the schemas are, as written in each file's schema line (relative to the output).
    std::string schema_location = "schemas";
};

// How an item got its violation types.
enum class LinkSource { county_item, known_name, classifier, review };

// An item the import could not link with confidence.
struct Review {
    std::string where;  // the name cell
    std::string code;
    std::string name;
    std::vector<classify::ScoredType> candidates;  // best first, at most three
};

// One file to write into the output folder.
struct OutputFile {
    std::string name;  // jurisdiction.yaml, power-urban.yaml...
    std::string contents;
};

struct Result {
    model::Jurisdiction jurisdiction;
    std::vector<OutputFile> files;
    std::vector<Diagnostic> problems;  // every cell that could not be read, in sheet order
    std::size_t items = 0;
    std::size_t linked[4] = {0, 0, 0, 0};  // by LinkSource
    std::vector<Review> reviews;
    std::vector<std::string> new_bodies;  // ids of the bodies the import added
    std::size_t unparsed_bases = 0;
};

// What an import matches against: the latest revisions of the database's jurisdictions (and a
// jurisdiction.yaml already in the output folder, which takes precedence), and the classifier.
struct Knowledge {
    const model::Bundle& bundle;
    const classify::Classifier& classifier;
    const model::Jurisdiction* output_jurisdiction = nullptr;  // from the output folder
};

// The jurisdiction file `id` in `dir` (jurisdiction.yaml or any YAML file of that kind), when
// there is one; read and checked like any list file (lawlist::InputError on problems).
std::optional<model::Jurisdiction> read_output_jurisdiction(const std::filesystem::path& dir,
                                                            const std::string& id,
                                                            const io::SchemaSet& schemas);

// Reads `options.files` and builds the list set. Problems of single cells are collected in
// `Result::problems` (the caller decides whether to write); a file that cannot be read at all,
// or a jurisdiction that cannot be named, throws lawlist::InputError or lawlist::Error.
Result run_import(const Options& options, const Knowledge& knowledge);

// Writes `result.files` into `dir` (created when missing); each file is written whole to a
// temporary name and renamed into place.
void write_files(const Result& result, const std::filesystem::path& dir);

// `value` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
// `in_flow` for values inside [ ] or { }.
std::string yaml_scalar(const std::string& value, bool in_flow = false);

}  // namespace lawlist::import_
