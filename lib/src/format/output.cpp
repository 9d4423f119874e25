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

constexpr std::array<std::pair<DocumentOutput, std::string_view>, 7> k_document_names = {{
    {DocumentOutput::table, "table"},
    {DocumentOutput::json, "json"},
    {DocumentOutput::jsonl, "jsonl"},
    {DocumentOutput::csv, "csv"},
    {DocumentOutput::markdown, "markdown"},
    {DocumentOutput::html, "html"},
    {DocumentOutput::xlsx, "xlsx"},
}};

// The name of `value` in `names`, and the value of `text`: one lookup for both enums.
template <typename Enum, std::size_t N>
std::string_view name_in(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
    for (const auto& [v, name] : names) {
        if (v == value) {
            return name;
        }
    }
    return "table";
}
template <typename Enum, std::size_t N>
std::optional<Enum> value_in(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view text) {
    for (const auto& [v, name] : names) {
        if (name == text) {
            return v;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Output output) {
    return name_in(k_names, output);
}

std::optional<Output> parse_output(std::string_view text) {
    return value_in(k_names, text);
}

const std::vector<Output>& listing_outputs() {
    static const std::vector<Output> outputs = {Output::table, Output::cards, Output::json,
                                                Output::jsonl, Output::csv,   Output::markdown};
    return outputs;
}

std::string_view to_string(DocumentOutput output) {
    return name_in(k_document_names, output);
}

std::optional<DocumentOutput> parse_document_output(std::string_view text) {
    return value_in(k_document_names, text);
}

std::vector<std::string> names_of(const std::vector<DocumentOutput>& outputs) {
    std::vector<std::string> names;
    for (const auto output : outputs) {
        names.emplace_back(to_string(output));
    }
    return names;
}

bool is_binary(DocumentOutput output) {
    return output == DocumentOutput::xlsx;
}

}  // namespace lawlist::format
