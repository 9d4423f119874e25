#pragma once
// The two sides of a comparison: revisions in the database or list files on disk.

#include <functional>
#include <string>
#include <utility>

#include "lawlist/io/schema.hpp"

#include "lawlist/model/model.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::diff {

// The lists as they stood when revision `label` was loaded: each jurisdiction at its revision of
// that label, or, when it has none, at its newest revision loaded before it. Throws lawlist::Error
// for a label no revision has, suggesting the closest one.
model::Bundle read_revision(const store::Database& database, const std::string& label);

// Each jurisdiction's previous revision (its only one when it has one) and its latest: what
// `lawlist diff` without arguments compares.
std::pair<model::Bundle, model::Bundle> read_previous_and_latest(const store::Database& database);

// Completes a side read from files with what only `other` holds (jurisdictions, and the
// vocabulary when the files carry none), as loading the files over `other` would keep them.
void complete(model::Bundle& files_side, const model::Bundle& other);

// Whether a side named on the command line is list files (an existing file or folder, or a
// path-like name) rather than a revision label.
bool names_files(const std::string& side);

// The two sides of `lawlist diff OLD NEW`: each is list files (read and checked against `schemas`,
// nothing written; InputError on problems) or a revision label (read_revision). A side of files
// is completed from the other side; when neither side carries a vocabulary, the database's is
// used. `database` is called only when a side needs the database.
std::pair<model::Bundle, model::Bundle> read_sides(
    const std::string& old_side, const std::string& new_side, const io::SchemaSet& schemas,
    const std::function<const store::Database&()>& database);

}  // namespace lawlist::diff
