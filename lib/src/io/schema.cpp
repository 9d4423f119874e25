#include "lawlist/io/schema.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::io {

using nlohmann::json;

// Generated from schemas/*.schema.json (built_in_schemas.cpp.in): file name and text.
extern const std::pair<std::string_view, std::string_view> k_built_in_schemas[];
extern const std::size_t k_built_in_schema_count;

struct SchemaSet::Impl {
    std::map<std::string, json> documents;  // by file name ($id), e.g. power-list.schema.json
    std::map<std::string, std::unique_ptr<valijson::Schema>> by_kind;

    // The subschema that applies at `path` of an instance, following properties, items and $ref;
    // null when the path leaves the schema.
    const json* subschema(const std::string& file, const std::vector<std::string>& path,
                          const json& instance) const;
    const json* resolve(const std::string& file, const json* schema, std::string& current) const;
    // Words `error` for a user; may extend `path` to point at the offending key or element.
    std::string reword(const valijson::ValidationResults::Error& error, const std::string& file,
                       std::vector<std::string>& path, const json& instance, bool& at_key) const;

    // What the checks beside valijson look at in one subschema, its $refs followed: compiled once
    // per schema, so that walking an instance does not re-resolve references at every node.
    struct Check {
        bool pattern = false;  // a string matched against a pattern
        std::size_t max_length = 0;
        bool unique = false;  // an array whose elements must differ
        const Check* items = nullptr;
        std::map<std::string, const Check*, std::less<>> properties;
    };
    std::deque<Check> checks;
    std::map<std::string, const Check*> check_of_file;
    // The Check of `schema` in `file`, compiling it (and what it contains) when first seen.
    const Check* compile_check(const std::string& file, const json* schema,
                               std::map<const json*, const Check*>& compiled);

    // The checks done before and beside valijson, walking `node` with its `check`: lists whose
    // elements must be unique (one violation per repeated value) and pattern-checked strings too
    // long to match safely (appended to `too_long`).
    void walk(const Check* check, const json& node, std::vector<std::string>& path,
              std::vector<SchemaViolation>& repeated, std::vector<SchemaViolation>& too_long) const;
};

namespace {

json read_json(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        throw Error(fmt::format("{}: cannot read schema", path.string()));
    }
    try {
        return json::parse(in);
    } catch (const json::parse_error& e) {
        throw Error(fmt::format("{}: invalid schema: {}", path.string(), e.what()));
    }
}

// valijson writes contexts as "<root>", "[name]", "[0]"; we keep the bare names.
std::vector<std::string> to_path(const std::vector<std::string>& context) {
    std::vector<std::string> path;
    for (const auto& part : context) {
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
            path.push_back(part.substr(1, part.size() - 2));
        }
    }
    return path;
}

const json* instance_at(const json& root, const std::vector<std::string>& path) {
    const json* node = &root;
    for (const auto& part : path) {
        if (node->is_object() && node->contains(part)) {
            node = &(*node)[part];
        } else if (node->is_array()) {
            const std::size_t index = std::stoul(part);
            if (index >= node->size()) {
                return nullptr;
            }
            node = &(*node)[index];
        } else {
            return nullptr;
        }
    }
    return node;
}

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            return "nothing (null)";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return "an integer";
        case json::value_t::number_float:
            return "a number";
        case json::value_t::string:
            return "a string";
        case json::value_t::array:
            return "a list";
        case json::value_t::object:
            return "a mapping";
        default:
            return "a value";
    }
}

std::string schema_type_name(const std::string& type) {
    static const std::map<std::string, std::string> names = {
        {"string", "a string"},   {"integer", "an integer"}, {"number", "a number"},
        {"boolean", "a boolean"}, {"array", "a list"},       {"object", "a mapping"}};
    const auto it = names.find(type);
    return it == names.end() ? type : it->second;
}

// Characters of UTF-8 text `s`.
std::size_t characters(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A value as quoted in a message; long text is cut after 40 characters.
std::string show(const json& value) {
    if (!value.is_string()) {
        const std::string dumped = value.dump();
        return dumped.size() > 60 ? dumped.substr(0, 60) + "..." : dumped;
    }
    const std::string& text = value.get_ref<const std::string&>();
    if (characters(text) <= 40) {
        return "'" + text + "'";
    }
    std::size_t end = 0;
    for (std::size_t kept = 0; end < text.size() && kept <= 40; ++end) {
        kept += (text[end] & 0xC0) != 0x80 ? 1 : 0;
    }
    while (end > 0 && (text[end - 1] & 0xC0) == 0x80) {
        --end;
    }
    return "'" + text.substr(0, end - 1) + "...'";
}

// `document` without uniqueItems: valijson compares every pair of elements and reports every
// duplicate pair, quadratic in the list; SchemaSet::validate checks uniqueness itself.
json without_unique_items(json document) {
    if (document.is_object()) {
        document.erase("uniqueItems");
        for (auto& [_, value] : document.items()) {
            value = without_unique_items(std::move(value));
        }
    } else if (document.is_array()) {
        for (auto& value : document) {
            value = without_unique_items(std::move(value));
        }
    }
    return document;
}

// Strings longer than this are not handed to a pattern check (std::regex recurses per
// character) unless the schema sets its own maxLength.
constexpr std::size_t k_max_pattern_length = 1024;

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : ", ") + part;
    }
    return out;
}

std::string number(double value) {
    if (value == static_cast<double>(static_cast<long long>(value))) {
        return std::to_string(static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

}  // namespace

const json* SchemaSet::Impl::resolve(const std::string& file, const json* schema,
                                     std::string& current) const {
    current = file;
    for (int depth = 0; schema && schema->is_object() && schema->contains("$ref") && depth < 8;
         ++depth) {
        const std::string ref = (*schema)["$ref"].get<std::string>();
        const auto hash = ref.find('#');
        const std::string target = hash == 0 ? current : ref.substr(0, hash);
        const auto doc = documents.find(target);
        if (doc == documents.end()) {
            return nullptr;
        }
        current = target;
        const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
        const json::json_pointer ptr(pointer);
        if (!doc->second.contains(ptr)) {
            return nullptr;
        }
        schema = &doc->second.at(ptr);
    }
    return schema;
}

const json* SchemaSet::Impl::subschema(const std::string& file,
                                       const std::vector<std::string>& path,
                                       const json& instance) const {
    std::string current = file;
    const json* schema = resolve(file, &documents.at(file), current);
    const json* node = &instance;
    for (const auto& part : path) {
        if (!schema) {
            return nullptr;
        }
        if (node && node->is_array()) {
            schema = schema->contains("items") ? &(*schema)["items"] : nullptr;
            const std::size_t index = std::stoul(part);
            node = index < node->size() ? &(*node)[index] : nullptr;
        } else {
            schema = schema->contains("properties") && (*schema)["properties"].contains(part)
                         ? &(*schema)["properties"][part]
                         : nullptr;
            node = node && node->is_object() && node->contains(part) ? &(*node)[part] : nullptr;
        }
        schema = resolve(current, schema, current);
    }
    return schema;
}

std::string SchemaSet::Impl::reword(const valijson::ValidationResults::Error& error,
                                    const std::string& file, std::vector<std::string>& path,
                                    const json& instance, bool& at_key) const {
    const std::string& text = error.description;
    const json* schema = subschema(file, path, instance);
    const json* value = instance_at(instance, path);
    std::smatch m;

    // The unknown key is the user's text, of any length: found without std::regex, which
    // recurses per character.
    static constexpr std::string_view k_unknown = "additionalProperties' constraints: '";
    if (const auto at = text.find(k_unknown);
        text.find("could not be validated") != std::string::npos && at != std::string::npos) {
        at_key = true;
        std::string key = text.substr(at + k_unknown.size());
        key = key.substr(0, key.rfind('\''));
        std::string message = fmt::format("unknown field {}", show(key));
        const json* parent = schema;
        path.push_back(key);
        if (parent && parent->contains("properties")) {
            std::vector<std::string> names;
            for (const auto& [name, _] : (*parent)["properties"].items()) {
                names.push_back(name);
            }
            const auto near = text::closest(key, names, 1);
            message += near.empty() ? fmt::format(" (expected one of: {})", join(names))
                                    : fmt::format("; did you mean '{}'?", near.front());
        }
        return message;
    }
    static const std::regex k_required("Missing required property '(.*)'");
    if (std::regex_search(text, m, k_required)) {
        return fmt::format("missing required field '{}'", m[1].str());
    }
    if (text.starts_with("Value type not permitted") && schema && schema->contains("type") &&
        value) {
        return fmt::format("expected {}, found {}",
                           schema_type_name((*schema)["type"].get<std::string>()),
                           type_name(*value));
    }
    if (text.starts_with("Failed to match against any enum") && schema &&
        schema->contains("enum") && value) {
        std::vector<std::string> allowed;
        for (const auto& option : (*schema)["enum"]) {
            allowed.push_back(option.get<std::string>());
        }
        if (value->is_string()) {
            const auto near = text::closest(value->get<std::string>(), allowed, 1);
            if (!near.empty()) {
                return fmt::format("{} is not allowed here; did you mean '{}'?", show(*value),
                                   near.front());
            }
        }
        return fmt::format("{} is not one of: {}", show(*value), join(allowed));
    }
    if (text.starts_with("Failed to match regex") && value) {
        std::string what = schema && schema->contains("description")
                               ? (*schema)["description"].get<std::string>()
                               : "";
        const auto colon = what.find(':');
        what = colon == std::string::npos ? what : what.substr(colon + 2);
        return fmt::format("{} is not well formed{}{}", show(*value), what.empty() ? "" : ": ",
                           what);
    }
    if (text.starts_with("Failed to match expected value set by 'const'") && schema &&
        schema->contains("const")) {
        return fmt::format("expected {}", show((*schema)["const"]));
    }
    if (text.starts_with("String should be no fewer than")) {
        return "must not be empty";
    }
    if (text.starts_with("String should be no more than") && schema &&
        schema->contains("maxLength") && value && value->is_string()) {
        return fmt::format("{} is too long: {} characters, at most {}", show(*value),
                           characters(value->get<std::string>()),
                           (*schema)["maxLength"].get<std::size_t>());
    }
    if (text.starts_with("Array should contain no fewer than") && schema) {
        return fmt::format("must list at least {} entr{}", (*schema).value("minItems", 1),
                           (*schema).value("minItems", 1) == 1 ? "y" : "ies");
    }
    if ((text.starts_with("Expected number greater") || text.starts_with("Expected number less")) &&
        schema && value) {
        for (const auto& [key, word] :
             std::vector<std::pair<std::string, std::string>>{{"minimum", "at least"},
                                                              {"exclusiveMinimum", "greater than"},
                                                              {"maximum", "at most"},
                                                              {"exclusiveMaximum", "less than"}}) {
            const bool below = text.starts_with("Expected number greater");
            const bool lower_bound = key.find("inimum") != std::string::npos;
            if (below == lower_bound && schema->contains(key)) {
                return fmt::format("{} must be {} {}", show(*value), word,
                                   number((*schema)[key].get<double>()));
            }
        }
    }
    return text;
}

const SchemaSet::Impl::Check* SchemaSet::Impl::compile_check(
    const std::string& file, const json* schema, std::map<const json*, const Check*>& compiled) {
    std::string current;
    schema = resolve(file, schema, current);
    if (!schema || !schema->is_object()) {
        return nullptr;
    }
    if (const auto it = compiled.find(schema); it != compiled.end()) {
        return it->second;  // also ends a schema that refers to itself
    }
    Check& check = checks.emplace_back();
    compiled.emplace(schema, &check);
    check.pattern = schema->contains("pattern");
    check.max_length = schema->value("maxLength", k_max_pattern_length);
    check.unique = schema->value("uniqueItems", false);
    if (schema->contains("items")) {
        check.items = compile_check(current, &(*schema)["items"], compiled);
    }
    if (schema->contains("properties")) {
        for (const auto& [key, value] : (*schema)["properties"].items()) {
            check.properties.emplace(key, compile_check(current, &value, compiled));
        }
    }
    return &check;
}

void SchemaSet::Impl::walk(const Check* check, const json& node, std::vector<std::string>& path,
                           std::vector<SchemaViolation>& repeated,
                           std::vector<SchemaViolation>& too_long) const {
    if (!check) {
        return;
    }
    if (node.is_string()) {
        if (!check->pattern) {
            return;
        }
        const std::size_t length = characters(node.get_ref<const std::string&>());
        if (length > check->max_length) {
            too_long.push_back({path, false,
                                fmt::format("{} is too long: {} characters, at most {}", show(node),
                                            length, check->max_length)});
        }
        return;
    }
    if (node.is_array()) {
        if (check->unique) {
            std::map<std::string, std::pair<std::size_t, std::size_t>> seen;  // count, 2nd index
            for (std::size_t i = 0; i < node.size(); ++i) {
                auto& [count, second] = seen[node[i].dump()];
                if (++count == 2) {
                    second = i;
                }
            }
            std::vector<std::pair<std::size_t, std::size_t>> twice;  // 2nd index, count
            for (const auto& [_, entry] : seen) {
                if (entry.first > 1) {
                    twice.emplace_back(entry.second, entry.first);
                }
            }
            std::sort(twice.begin(), twice.end());
            for (const auto& [index, count] : twice) {
                SchemaViolation v{path, false, {}};
                v.path.push_back(std::to_string(index));
                v.message = count == 2
                                ? fmt::format("{} is listed twice", show(node[index]))
                                : fmt::format("{} is listed {} times", show(node[index]), count);
                repeated.push_back(std::move(v));
            }
        }
        if (!check->items) {
            return;
        }
        for (std::size_t i = 0; i < node.size(); ++i) {
            path.push_back(std::to_string(i));
            walk(check->items, node[i], path, repeated, too_long);
            path.pop_back();
        }
        return;
    }
    if (node.is_object() && !check->properties.empty()) {
        for (const auto& [key, value] : node.items()) {
            const auto it = check->properties.find(key);
            if (it == check->properties.end()) {
                continue;
            }
            path.push_back(key);
            walk(it->second, value, path, repeated, too_long);
            path.pop_back();
        }
    }
}

SchemaSet::SchemaSet(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SchemaSet::SchemaSet(SchemaSet&&) noexcept = default;
SchemaSet& SchemaSet::operator=(SchemaSet&&) noexcept = default;
SchemaSet::~SchemaSet() = default;

namespace {

// Compiles the documents (JSON texts by file name); `origin` names where they came from in errors.
std::unique_ptr<SchemaSet::Impl> compile(std::map<std::string, json> documents,
                                         const std::filesystem::path& origin) {
    auto impl = std::make_unique<SchemaSet::Impl>();
    impl->documents = std::move(documents);
    if (impl->documents.empty()) {
        throw Error(
            fmt::format("{}: no JSON Schemas found (set LAWLIST_SCHEMA_DIR)", origin.string()));
    }
    const SchemaSet::Impl& self = *impl;
    auto fetch = [&self](const std::string& uri) -> const json* {
        const auto it = self.documents.find(uri);
        return it == self.documents.end() ? nullptr : new json(without_unique_items(it->second));
    };
    auto release = [](const json* doc) { delete doc; };
    for (const auto& [name, document] : impl->documents) {
        const auto kind_it = document.find("properties");
        if (kind_it == document.end() || !kind_it->contains("kind") ||
            !(*kind_it)["kind"].contains("const")) {
            continue;  // a definitions-only document such as common.schema.json
        }
        auto schema = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser;
        const json checked = without_unique_items(document);
        valijson::adapters::NlohmannJsonAdapter adapter(checked);
        try {
            parser.populateSchema(adapter, *schema, fetch, release);
        } catch (const std::exception& e) {
            throw Error(fmt::format("{}: invalid schema: {}", (origin / name).string(), e.what()));
        }
        impl->by_kind.emplace((*kind_it)["kind"]["const"].get<std::string>(), std::move(schema));
    }
    std::map<const json*, const SchemaSet::Impl::Check*> compiled;
    for (const auto& [name, document] : impl->documents) {
        impl->check_of_file.emplace(name, impl->compile_check(name, &document, compiled));
    }
    return impl;
}

}  // namespace

SchemaSet SchemaSet::load(const std::filesystem::path& dir) {
    std::map<std::string, json> documents;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".schema.json")) {
            documents.emplace(name, read_json(entry.path()));
        }
    }
    if (ec) {
        documents.clear();
    }
    return SchemaSet(compile(std::move(documents), dir));
}

SchemaSet SchemaSet::built_in() {
    std::map<std::string, json> documents;
    for (std::size_t i = 0; i < k_built_in_schema_count; ++i) {
        const auto& [name, text] = k_built_in_schemas[i];
        documents.emplace(std::string(name), json::parse(text));
    }
    return SchemaSet(compile(std::move(documents), "(built-in schemas)"));
}

SchemaSet SchemaSet::standard() {
    const char* dir = std::getenv("LAWLIST_SCHEMA_DIR");
    return dir && *dir ? load(dir) : built_in();
}

std::vector<std::string> SchemaSet::kinds() const {
    std::vector<std::string> out;
    for (const auto& [kind, _] : m_impl->by_kind) {
        out.push_back(kind);
    }
    return out;
}

bool SchemaSet::has_kind(const std::string& kind) const {
    return m_impl->by_kind.contains(kind);
}

std::vector<SchemaViolation> SchemaSet::validate(const std::string& kind,
                                                 const json& instance) const {
    const valijson::Schema& schema = *m_impl->by_kind.at(kind);
    const std::string file = kind + ".schema.json";
    std::vector<SchemaViolation> out;
    std::vector<SchemaViolation> repeated;
    std::vector<std::string> path;
    m_impl->walk(m_impl->check_of_file.at(file), instance, path, repeated, out);
    if (!out.empty()) {
        // valijson would match the patterns of these strings; report them alone.
        out.insert(out.end(), repeated.begin(), repeated.end());
        return out;
    }
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(instance);
    if (validator.validate(schema, adapter, &results)) {
        return repeated;
    }
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        // valijson reports each failure once where it happens and again at every enclosing
        // array and object ("Failed to validate item #0 ..."); only the first kind says what.
        if (error.description.starts_with("Failed to validate") ||
            error.description.starts_with("Cannot validate item")) {
            continue;
        }
        SchemaViolation violation;
        violation.path = to_path(error.context);
        violation.message = m_impl->reword(error, file, violation.path, instance, violation.at_key);
        out.push_back(std::move(violation));
    }
    out.insert(out.end(), repeated.begin(), repeated.end());
    return out;
}

}  // namespace lawlist::io
