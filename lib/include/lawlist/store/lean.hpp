#pragma once
// Reading a province's lists for the audit: the items lean (model/lean.hpp), the rest whole.

#include <optional>
#include <string>

#include "lawlist/model/lean.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::store {

// What Database::read_bundle(revision_label) reads as `lawlist audit` does (violation types
// without what classification learns from), with every item lean: `lists` holds no item and
// `items` holds them, set by set. A label no revision has throws lawlist::Error.
model::LeanBundle read_lean(const Database& database,
                            const std::optional<std::string>& revision_label = {});

}  // namespace lawlist::store
