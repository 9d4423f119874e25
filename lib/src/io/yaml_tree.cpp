#include "yaml_tree.hpp"

#include <map>
#include <memory>

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

class Parser {
  public:
    explicit Parser(std::string_view text) {
        yaml_parser_initialize(&m_parser);
        yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size());
    }
    ~Parser() { yaml_parser_delete(&m_parser); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    YamlNode parse() {
        YamlNode root;
        bool have_root = false;
        std::vector<YamlNode> stack;
        std::vector<std::string> anchors;  // anchor of each open collection
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&m_parser, &event)) {
                throw error();
            }
            std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> guard(&event, yaml_event_delete);
            const auto& mark = event.start_mark;
            switch (event.type) {
                case YAML_STREAM_END_EVENT:
                case YAML_DOCUMENT_END_EVENT:
                    return root;  // only the first document counts
                case YAML_SCALAR_EVENT: {
                    YamlNode node = at(mark);
                    const auto& s = event.data.scalar;
                    node.value.assign(reinterpret_cast<const char*>(s.value), s.length);
                    node.plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.plain_implicit;
                    node.type = node.plain && is_null_text(node.value) ? YamlNode::Type::null
                                                                       : YamlNode::Type::scalar;
                    remember(s.anchor, node);
                    if (add(std::move(node), stack, root)) {
                        have_root = true;
                    }
                    break;
                }
                case YAML_ALIAS_EVENT: {
                    const std::string name(reinterpret_cast<const char*>(event.data.alias.anchor));
                    const auto it = m_anchors.find(name);
                    if (it == m_anchors.end()) {
                        throw YamlError("unknown alias '" + name + "'",
                                        static_cast<std::uint32_t>(mark.line),
                                        static_cast<std::uint32_t>(mark.column));
                    }
                    YamlNode node = it->second;
                    node.line = static_cast<std::uint32_t>(mark.line);
                    node.column = static_cast<std::uint32_t>(mark.column);
                    if (add(std::move(node), stack, root)) {
                        have_root = true;
                    }
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
                    anchors.emplace_back(anchor ? reinterpret_cast<const char*>(anchor) : "");
                    stack.push_back(std::move(node));
                    break;
                }
                case YAML_SEQUENCE_END_EVENT:
                case YAML_MAPPING_END_EVENT: {
                    YamlNode node = std::move(stack.back());
                    stack.pop_back();
                    if (!anchors.back().empty()) {
                        m_anchors[anchors.back()] = node;
                    }
                    anchors.pop_back();
                    if (add(std::move(node), stack, root)) {
                        have_root = true;
                    }
                    break;
                }
                default:
                    break;
            }
            (void)have_root;
        }
    }

  private:
    static bool is_null_text(const std::string& v) {
        return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
    }

    static YamlNode at(const yaml_mark_t& mark) {
        YamlNode node;
        node.line = static_cast<std::uint32_t>(mark.line);
        node.column = static_cast<std::uint32_t>(mark.column);
        return node;
    }

    void remember(const yaml_char_t* anchor, const YamlNode& node) {
        if (anchor) {
            m_anchors[reinterpret_cast<const char*>(anchor)] = node;
        }
    }

    // Appends `node` to the open collection; returns true when it is the document's root.
    static bool add(YamlNode node, std::vector<YamlNode>& stack, YamlNode& root) {
        if (stack.empty()) {
            root = std::move(node);
            return true;
        }
        stack.back().children.push_back(std::move(node));
        return false;
    }

    YamlError error() const {
        std::string message = m_parser.problem ? m_parser.problem : "invalid YAML";
        if (m_parser.context) {
            message += std::string(" ") + m_parser.context;
            message += " started at line " + std::to_string(m_parser.context_mark.line + 1);
        }
        return YamlError(message, static_cast<std::uint32_t>(m_parser.problem_mark.line),
                         static_cast<std::uint32_t>(m_parser.problem_mark.column));
    }

    yaml_parser_t m_parser;
    std::map<std::string, YamlNode> m_anchors;
};

}  // namespace

YamlNode parse_yaml(std::string_view text) {
    return Parser(text).parse();
}

}  // namespace lawlist::io
