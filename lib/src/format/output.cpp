#include "lawlist/format/output.hpp"

#include <array>
#include <utility>

namespace lawlist::format {
namespace {

constexpr std::array<std::pair<Output, std::string_view>, 7> k_names = {{
    {Output::table, "table"},
    {Output::cards, "cards"},
    {Output::json, "json"},
    {Output::jsonl, "jsonl"},
    {Output::csv, "csv"},
    {Output::markdown, "markdown"},
    {Output::dot, "dot"},
}};

}  // namespace

std::string_view to_string(Output output) {
    for (const auto& [value, name] : k_names) {
        if (value == output) {
            return name;
        }
    }
    return "table";
}

std::optional<Output> parse_output(std::string_view text) {
    for (const auto& [value, name] : k_names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

const std::vector<Output>& listing_outputs() {
    static const std::vector<Output> outputs = {Output::table, Output::cards, Output::json,
                                                Output::jsonl, Output::csv,   Output::markdown};
    return outputs;
}

}  // namespace lawlist::format
