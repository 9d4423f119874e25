#include "lawlist/model/units.hpp"

#include <array>
#include <utility>

namespace lawlist::model {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_units = {{
    {"percent", "%"},
    {"minutes", "分钟"},
    {"hours", "小时"},
    {"days", "日"},
    {"count", "次"},
    {"points", "分"},
}};

}  // namespace

const std::vector<std::string>& metric_units() {
    static const std::vector<std::string> units = [] {
        std::vector<std::string> out;
        for (const auto& [unit, label] : k_units) {
            out.emplace_back(unit);
        }
        return out;
    }();
    return units;
}

std::string_view unit_label(std::string_view unit) {
    for (const auto& [spelling, label] : k_units) {
        if (spelling == unit) {
            return label;
        }
    }
    return unit;
}

}  // namespace lawlist::model
