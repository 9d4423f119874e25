#include "lawlist/export/document.hpp"

#include <set>
#include <stdexcept>

#include "lawlist/text/utf8.hpp"

namespace lawlist::exporting {

std::size_t Sheet::row_count() const {
    std::size_t n = 0;
    for (const auto& group : groups) {
        n += group.rows.size();
    }
    return n;
}

void check(const Document& document) {
    std::set<std::string> keys;
    std::set<std::string> names;
    for (const auto& sheet : document.sheets) {
        if (!keys.insert(sheet.key).second || !names.insert(sheet.name).second) {
            throw std::invalid_argument("two sheets named '" + sheet.name + "'");
        }
        const auto length = text::count_code_points(sheet.name, sheet.name.size());
        if (length == 0 || length > 31 ||
            sheet.name.find_first_of(":\\/?*[]") != std::string::npos) {
            throw std::invalid_argument("'" + sheet.name + "' cannot name a worksheet");
        }
        for (const auto& group : sheet.groups) {
            for (const auto& row : group.rows) {
                if (row.size() != sheet.columns.size()) {
                    throw std::invalid_argument("a row of '" + sheet.name +
                                                "' has the wrong number of cells");
                }
            }
        }
    }
}

}  // namespace lawlist::exporting
