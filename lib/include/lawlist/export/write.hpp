#pragma once
// What each form of an export writes: one jurisdiction's publication as an xlsx workbook, an html
// page, a markdown document, JSON, or one csv file per list.

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "lawlist/export/publication.hpp"
#include "lawlist/format/output.hpp"

namespace lawlist::exporting {

// The forms of an export, in --help order: xlsx, csv, html, markdown, json.
const std::vector<format::DocumentOutput>& outputs();

// Whether `output` writes one file per list (csv), so that several lists need a folder.
bool file_per_list(format::DocumentOutput output);

// One file an export wrote: its path and what it holds (权责清单238项、问题清单58项).
struct WrittenFile {
    std::filesystem::path path;
    std::string contents;
};

// Writes the lists `lists` of `publication` as `output`: into the folder `target` when
// `into_folder` (files named by the jurisdiction's id: qingshi-town.xlsx,
// qingshi-town-power.csv), else to the file `target`, or to `out` when `target` is "-". Calls
// `written` after each file is written (not for "-"). Throws lawlist::Error when xlsx is asked
// for "-" or a file cannot be written; a file is written beside its path and renamed over it.
void write(const Publication& publication, const std::vector<ListKind>& lists,
           format::DocumentOutput output, const std::filesystem::path& target, bool into_folder,
           std::ostream& out, const std::function<void(const WrittenFile&)>& written);

}  // namespace lawlist::exporting
