#include "yaml_tree.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include <yaml.h>

namespace lawlist::io {

const YamlNode* YamlNode::find(std::string_view key) const {
    if (!is_map()) {
        return nullptr;
    }
    for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
        if (children[i].value == key) {
            return &children[i + 1];
        }
    }
    return nullptr;
}

namespace {

// Aliases may copy at most this much of the document in all; real list files use none.
constexpr std::size_t k_max_alias_nodes = 1'000'000;
constexpr std::size_t k_max_alias_bytes = std::size_t{64} << 20;
// List files nest six levels at most.
constexpr std::size_t k_max_depth = 256;

// Nodes, scalar bytes and height of a tree.
struct Size {
    std::size_t nodes = 0;
    std::size_t bytes = 0;
    std::size_t height = 1;
};

// An open collection: its anchor (empty without one) and its size so far.
struct Open {
    std::string anchor;
    Size size;
};

class Parser {
  public:
    explicit Parser(std::string_view text) : m_text(text) {
        index_lines(text);
        yaml_parser_initialize(&m_parser);
        yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size());
    }
    ~Parser() { yaml_parser_delete(&m_parser); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    YamlNode parse() {
        YamlNode root;
        std::vector<YamlNode> stack;
        std::vector<Open> open;  // anchor and size of each open collection
        bool document_done = false;
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&m_parser, &event)) {
                throw error();
            }
            std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> guard(&event, yaml_event_delete);
            const auto& mark = event.start_mark;
            switch (event.type) {
                case YAML_STREAM_END_EVENT:
                    return root;
                case YAML_DOCUMENT_END_EVENT:
                    document_done = true;
                    break;
                case YAML_DOCUMENT_START_EVENT:
                    if (document_done) {
                        // Silently dropping what follows '---' would load half a file.
                        throw located(
                            "a second YAML document ('---'); a list file holds one "
                            "document",
                            mark);
                    }
                    break;
                case YAML_SCALAR_EVENT: {
                    YamlNode node = at(mark);
                    const auto& s = event.data.scalar;
                    node.value.assign(reinterpret_cast<const char*>(s.value), s.length);
                    node.plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.plain_implicit;
                    node.type = node.plain && is_null_text(node.value) ? YamlNode::Type::null
                                                                       : YamlNode::Type::scalar;
                    const Size size{1, node.value.size(), 1};
                    remember(s.anchor, node, size);
                    add(std::move(node), size, stack, open, root);
                    break;
                }
                case YAML_ALIAS_EVENT: {
                    const std::string name(reinterpret_cast<const char*>(event.data.alias.anchor));
                    const auto it = m_anchors.find(name);
                    if (it == m_anchors.end()) {
                        throw located("unknown alias '" + name + "'", mark);
                    }
                    // Each alias copies its anchor's tree: nested aliases grow the document
                    // exponentially ("billion laughs"), so the copies have a budget.
                    const Size size = it->second.second;
                    m_copied.nodes += size.nodes;
                    m_copied.bytes += size.bytes;
                    if (stack.size() + size.height > k_max_depth) {
                        throw located(fmt::format("alias '{}' nests collections deeper than {} "
                                                  "levels",
                                                  name, k_max_depth),
                                      mark);
                    }
                    if (m_copied.nodes > k_max_alias_nodes || m_copied.bytes > k_max_alias_bytes) {
                        throw located(fmt::format("alias '{}' expands the document past {} nodes "
                                                  "or {} MiB; aliases nest too deeply",
                                                  name, k_max_alias_nodes, k_max_alias_bytes >> 20),
                                      mark);
                    }
                    YamlNode node = it->second.first;
                    std::tie(node.line, node.column) = position(mark.line, mark.column);
                    add(std::move(node), size, stack, open, root);
                    break;
                }
                case YAML_SEQUENCE_START_EVENT:
                case YAML_MAPPING_START_EVENT: {
                    YamlNode node = at(mark);
                    node.type = event.type == YAML_SEQUENCE_START_EVENT ? YamlNode::Type::sequence
                                                                        : YamlNode::Type::mapping;
                    const auto* anchor = event.type == YAML_SEQUENCE_START_EVENT
                                             ? event.data.sequence_start.anchor
                                             : event.data.mapping_start.anchor;
                    if (stack.size() >= k_max_depth) {
                        // Everything after the reader (conversion, validation, destruction)
                        // recurses over the tree.
                        throw located(
                            fmt::format("collections nested deeper than {} levels", k_max_depth),
                            mark);
                    }
                    open.push_back(
                        {anchor ? reinterpret_cast<const char*>(anchor) : "", {1, 0, 1}});
                    stack.push_back(std::move(node));
                    break;
                }
                case YAML_SEQUENCE_END_EVENT:
                case YAML_MAPPING_END_EVENT: {
                    YamlNode node = std::move(stack.back());
                    stack.pop_back();
                    Open done = std::move(open.back());
                    open.pop_back();
                    if (!done.anchor.empty()) {
                        m_anchors[done.anchor] = {node, done.size};
                    }
                    add(std::move(node), done.size, stack, open, root);
                    break;
                }
                default:
                    break;
            }
        }
    }

  private:
    static bool is_null_text(const std::string& v) {
        return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
    }

    // libyaml (YAML 1.1) also breaks lines at CR, NEL, U+2028 and U+2029; diagnostics and
    // stored sources count lines by LF only. When the text has such breaks, remembers where
    // each of libyaml's lines starts in LF lines and characters.
    void index_lines(std::string_view text) {
        const bool other_breaks = text.find('\r') != std::string_view::npos ||
                                  text.find("\xC2\x85") != std::string_view::npos ||
                                  text.find("\xE2\x80\xA8") != std::string_view::npos ||
                                  text.find("\xE2\x80\xA9") != std::string_view::npos;
        if (!other_breaks) {
            return;
        }
        std::uint32_t line = 0, column = 0;
        m_starts.push_back({0, 0});
        for (std::size_t i = 0; i < text.size();) {
            const auto byte = static_cast<unsigned char>(text[i]);
            std::size_t width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
            width = std::min(width, text.size() - i);
            const std::string_view ch = text.substr(i, width);
            i += width;
            if (ch == "\n" || (ch == "\r" && (i == text.size() || text[i] != '\n'))) {
                if (ch == "\n") {
                    ++line;
                    column = 0;
                } else {
                    ++column;  // a lone CR stays inside its LF line
                }
                m_starts.push_back({line, column});
            } else if (ch == "\xC2\x85" || ch == "\xE2\x80\xA8" || ch == "\xE2\x80\xA9") {
                ++column;
                m_starts.push_back({line, column});
            } else {
                ++column;
            }
        }
    }

    // The LF line and character column of libyaml's (line, column).
    std::pair<std::uint32_t, std::uint32_t> position(std::size_t line, std::size_t column) const {
        if (m_starts.empty() || line >= m_starts.size()) {
            return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
        }
        const auto [start_line, start_column] = m_starts[line];
        return {start_line, static_cast<std::uint32_t>(start_column + column)};
    }

    YamlNode at(const yaml_mark_t& mark) const {
        YamlNode node;
        std::tie(node.line, node.column) = position(mark.line, mark.column);
        return node;
    }

    void remember(const yaml_char_t* anchor, const YamlNode& node, Size size) {
        if (anchor) {
            m_anchors[reinterpret_cast<const char*>(anchor)] = {node, size};
        }
    }

    // Appends `node` (of `size`) to the open collection, or makes it the document's root.
    static void add(YamlNode node, Size size, std::vector<YamlNode>& stack, std::vector<Open>& open,
                    YamlNode& root) {
        if (stack.empty()) {
            root = std::move(node);
            return;
        }
        stack.back().children.push_back(std::move(node));
        open.back().size.nodes += size.nodes;
        open.back().size.bytes += size.bytes;
        open.back().size.height = std::max(open.back().size.height, size.height + 1);
    }

    YamlError located(std::string message, const yaml_mark_t& mark) const {
        const auto [line, column] = position(mark.line, mark.column);
        return YamlError(std::move(message), line, column);
    }

    YamlError error() const {
        std::string message = m_parser.problem ? m_parser.problem : "invalid YAML";
        if (m_parser.error == YAML_READER_ERROR) {
            // The reader reports a byte offset, not a mark.
            const std::size_t offset = std::min(m_parser.problem_offset, m_text.size());
            const auto line = static_cast<std::uint32_t>(
                std::count(m_text.begin(), m_text.begin() + static_cast<long>(offset), '\n'));
            const std::size_t start = m_text.rfind('\n', offset == 0 ? 0 : offset - 1);
            const std::size_t begin =
                start == std::string_view::npos || offset == 0 ? 0 : start + 1;
            std::uint32_t column = 0;
            for (std::size_t i = begin; i < offset; ++i) {
                column += (static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80 ? 1 : 0;
            }
            return YamlError(message, line, column);
        }
        if (m_parser.context) {
            message += std::string(" ") + m_parser.context;
            message += " started at line " +
                       std::to_string(position(m_parser.context_mark.line, 0).first + 1);
        }
        return located(message, m_parser.problem_mark);
    }

    std::string_view m_text;
    yaml_parser_t m_parser;
    std::map<std::string, std::pair<YamlNode, Size>> m_anchors;
    Size m_copied;  // nodes and bytes copied by aliases so far
    // Per libyaml line, its LF line and column; empty when the text breaks lines at LF only.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_starts;
};

}  // namespace

YamlNode parse_yaml(std::string_view text) {
    return Parser(text).parse();
}

std::optional<std::vector<std::string>> peek_top_level(std::string_view text,
                                                       const std::vector<std::string>& keys) {
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    std::vector<std::string> values(keys.size());
    std::vector<bool> seen(keys.size(), false);
    std::size_t found = 0;
    int depth = 0;                   // collections open; inside the top-level mapping: 1
    bool at_key = true;              // the next node at depth 1 is a key
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::size_t key = none;  // the sought key whose value comes next
    bool ok = false;
    // A node at depth 1 is complete: keys and values alternate.
    auto next_node = [&] {
        at_key = !at_key;
        if (at_key) {
            key = none;
        }
    };
    for (bool done = false; !done;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            break;
        }
        const auto type = event.type;
        if (type == YAML_STREAM_END_EVENT) {
            done = true;
        } else if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
            done = depth == 0 && type != YAML_MAPPING_START_EVENT;
            if (depth == 1 && at_key) {
                key = none;  // a complex key is none of the sought ones
            }
            ++depth;
        } else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
            if (--depth == 0) {
                ok = done = true;
            } else if (depth == 1) {
                next_node();
            }
        } else if (type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT) {
            const bool scalar = type == YAML_SCALAR_EVENT;
            const std::string_view value =
                scalar ? std::string_view(reinterpret_cast<const char*>(event.data.scalar.value),
                                          event.data.scalar.length)
                       : std::string_view();
            if (depth == 0) {
                done = true;  // the document is a single scalar
            } else if (depth == 1 && at_key) {
                const auto it = std::find(keys.begin(), keys.end(), value);
                if (scalar && it != keys.end()) {
                    key = static_cast<std::size_t>(it - keys.begin());
                }
                next_node();
            } else if (depth == 1) {
                if (key != none && scalar && !seen[key]) {
                    seen[key] = true;
                    values[key] = value;
                    ok = done = ++found == keys.size();
                }
                next_node();
            }
        }
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    if (!ok) {
        return std::nullopt;
    }
    return values;
}

}  // namespace lawlist::io
