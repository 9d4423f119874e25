#pragma once
// Bodies named in a spreadsheet: matching a name to the bodies a jurisdiction already has, and
// what a new body gets: a readable, stable id (the pinyin of its name, by ICU's Han-Latin
// transliteration), its kind and its sector, read from the name.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/model/model.hpp"

namespace lawlist::import_ {

// The pinyin of `name` as an id: 泽川县生态环境局 → ze-chuan-xian-sheng-tai-huan-jing-ju. At most
// 64 characters (cut between syllables); "-2", "-3"... added while the id is in `taken`.
std::string pinyin_id(std::string_view name, const std::set<std::string>& taken);

// The sector a department's name speaks of (自然资源 → natural-resources, 卫生健康 → health),
// or nullopt when it names none or several.
std::optional<std::string> sector_of_name(std::string_view name);

// The kind of body a name reads as: 人民政府/办事处 → government, 综合行政执法队 of a township →
// township-team, 中队 → stationed-squad, another 执法队/执法大队 → sector-team, else department.
model::BodyKind kind_of_name(std::string_view name, model::Level level);

// The body of `bodies` that `name` stands for: by id, by name, or by name once the
// jurisdiction's own name (泽川县) and a leading 县/区/市 are taken off both; nullptr when none
// or several do.
const model::Body* match_body(std::string_view name, const std::vector<model::Body>& bodies,
                              std::string_view jurisdiction_name);

}  // namespace lawlist::import_
