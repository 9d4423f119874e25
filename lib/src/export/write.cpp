#include "lawlist/export/write.hpp"

#include "lawlist/error.hpp"
#include "lawlist/export/html.hpp"
#include "lawlist/export/text.hpp"
#include "lawlist/export/xlsx.hpp"
#include "lawlist/format/writer.hpp"

namespace lawlist::exporting {
namespace {

// What a written file holds: 权责清单238项、问题清单58项.
std::string contents_of(const std::vector<const Sheet*>& sheets) {
    std::string text;
    for (const auto* sheet : sheets) {
        if (!text.empty()) {
            text += "、";
        }
        text += sheet->name + std::to_string(sheet->row_count()) + "项";
    }
    return text;
}

}  // namespace

const std::vector<format::DocumentOutput>& outputs() {
    using format::DocumentOutput;
    static const std::vector<DocumentOutput> all = {DocumentOutput::xlsx, DocumentOutput::csv,
                                                    DocumentOutput::html, DocumentOutput::markdown,
                                                    DocumentOutput::json};
    return all;
}

bool file_per_list(format::DocumentOutput output) {
    return output == format::DocumentOutput::csv;
}

void write(const Publication& publication, const std::vector<ListKind>& lists,
           format::DocumentOutput output, const std::filesystem::path& target, bool into_folder,
           std::ostream& out, const std::function<void(const WrittenFile&)>& written) {
    using format::DocumentOutput;
    const bool to_out = target == "-";
    const auto document = to_document(publication, lists);
    std::vector<const Sheet*> all;
    for (const auto& sheet : document.sheets) {
        all.push_back(&sheet);
    }
    const std::string& stem = publication.jurisdiction_id;
    auto path_for = [&](const std::string& name) { return into_folder ? target / name : target; };
    auto emit = [&](const std::filesystem::path& path, const std::string& contents,
                    const std::vector<const Sheet*>& sheets) {
        if (to_out) {
            out << contents;
            return;
        }
        write_file(path, contents);
        written({path, contents_of(sheets)});
    };
    switch (output) {
        case DocumentOutput::xlsx: {
            if (to_out) {
                throw Error("xlsx is a binary format: it needs a file path, not '-'");
            }
            const auto path = path_for(stem + ".xlsx");
            write_xlsx(document, path);
            written({path, contents_of(all)});
            break;
        }
        case DocumentOutput::json:
            emit(path_for(stem + ".json"), format::dump_json(to_json(publication, lists)), all);
            break;
        case DocumentOutput::html:
            emit(path_for(stem + ".html"), render_html(document), all);
            break;
        case DocumentOutput::markdown:
            emit(path_for(stem + ".md"), render_markdown(document), all);
            break;
        case DocumentOutput::csv:
            for (const auto& sheet : document.sheets) {
                emit(path_for(stem + "-" + sheet.key + ".csv"), render_csv(sheet), {&sheet});
            }
            break;
        default:
            throw Error("export does not write " + std::string(format::to_string(output)));
    }
}

}  // namespace lawlist::exporting
