#include "lawlist/format/described.hpp"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace lawlist::format {

std::string field_text(const model::FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* number = std::get_if<double>(&value)) {
        return fmt::format("{}", *number);
    }
    return {};
}

Json field_json(const model::FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* number = std::get_if<double>(&value)) {
        // Whole numbers as integers (95, not 95.0).
        return std::floor(*number) == *number && std::abs(*number) < 1e15
                   ? Json(static_cast<std::int64_t>(*number))
                   : Json(*number);
    }
    return nullptr;
}

}  // namespace lawlist::format
