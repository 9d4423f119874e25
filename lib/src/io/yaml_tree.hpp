#pragma once
// A small YAML document tree built from libyaml's events: just what the reader needs (values,
// whether a scalar was plain, and where each node starts), at a fraction of the cost of a
// general-purpose node graph. Private to lib/src/io.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lawlist::io {

struct YamlNode {
    enum class Type { null, scalar, sequence, mapping };

    Type type = Type::null;
    std::string value;         // scalars only
    bool plain = false;        // an untagged plain scalar, whose type is resolved by its text
    std::uint32_t line = 0;    // 0-based
    std::uint32_t column = 0;  // 0-based, in characters
    // Sequence elements; for a mapping, keys and values alternate: key0, value0, key1, ...
    std::vector<YamlNode> children;

    bool is_map() const { return type == Type::mapping; }
    bool is_sequence() const { return type == Type::sequence; }
    bool is_null() const { return type == Type::null; }
    std::size_t size() const { return is_map() ? children.size() / 2 : children.size(); }

    // The value under `key` of a mapping, or nullptr.
    const YamlNode* find(std::string_view key) const;
};

// A syntax error, at a 0-based line and character column.
struct YamlError : std::runtime_error {
    YamlError(std::string message, std::uint32_t at_line, std::uint32_t at_column)
        : std::runtime_error(std::move(message)), line(at_line), column(at_column) {}
    std::uint32_t line;
    std::uint32_t column;
};

// Parses `text` (UTF-8), which must hold one document. Throws YamlError on a syntax error, a
// second document, nesting deeper than 256 levels or aliases that expand too far.
YamlNode parse_yaml(std::string_view text);

// The plain or quoted scalar values of `keys` in the top-level mapping of `text`, in the order of
// `keys` (empty where a key is missing or its value is not a scalar), read only as far as the
// last of them; nullopt when the text is not a mapping or has a syntax error before that point.
std::optional<std::vector<std::string>> peek_top_level(std::string_view text,
                                                       const std::vector<std::string>& keys);

}  // namespace lawlist::io
