#include "lawlist/io/reader.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "lawlist/text/utf8.hpp"

namespace lawlist::io {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using model::make_diagnostic;

model::Location location(std::uint32_t file, const YAML::Mark& mark) {
    return {file, static_cast<std::uint32_t>(std::max(mark.line, 0)),
            static_cast<std::uint32_t>(std::max(mark.column, 0))};
}

// YAML 1.2 core schema resolution of plain scalars; quoted scalars are always strings.
json scalar_to_json(const YAML::Node& node) {
    const std::string& value = node.Scalar();
    if (node.Tag() != "?") {
        return value;  // quoted ("!") or explicitly tagged: keep the text
    }
    if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
        return nullptr;
    }
    if (value == "true" || value == "True" || value == "TRUE") {
        return true;
    }
    if (value == "false" || value == "False" || value == "FALSE") {
        return false;
    }
    static const std::regex k_int("[-+]?[0-9]+");
    static const std::regex k_float("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    const bool digits_only = value.find_first_not_of("+-0123456789.eE") == std::string::npos;
    if (digits_only && std::regex_match(value, k_int) && value.size() < 19) {
        return std::stoll(value);
    }
    if (digits_only && std::regex_match(value, k_float)) {
        return std::stod(value);
    }
    return value;
}

class FileReader {
  public:
    FileReader(const model::Bundle& bundle, std::uint32_t file, std::vector<Diagnostic>& out)
        : m_bundle(bundle), m_file(file), m_out(out) {}

    void error(const YAML::Mark& mark, std::string message) {
        m_out.push_back(m_bundle.diagnostic(location(m_file, mark), std::move(message)));
    }

    // Converts a YAML tree to JSON for schema validation; reports duplicate keys.
    json to_json(const YAML::Node& node) {
        switch (node.Type()) {
            case YAML::NodeType::Map: {
                json object = json::object();
                for (const auto& pair : node) {
                    const std::string key = pair.first.Scalar();
                    if (object.contains(key)) {
                        error(pair.first.Mark(), fmt::format("duplicate key '{}'", key));
                        continue;
                    }
                    object[key] = to_json(pair.second);
                }
                return object;
            }
            case YAML::NodeType::Sequence: {
                json array = json::array();
                for (const auto& element : node) {
                    array.push_back(to_json(element));
                }
                return array;
            }
            case YAML::NodeType::Scalar:
                return scalar_to_json(node);
            default:
                return nullptr;
        }
    }

    // The mark of the node (or of its key) at `path` in the YAML tree; where the path leaves
    // the tree, the mark of the deepest node on it.
    YAML::Mark locate(const YAML::Node& node, const std::vector<std::string>& path, bool at_key,
                      std::size_t depth = 0) const {
        if (depth == path.size()) {
            return node.Mark();
        }
        const bool last = depth + 1 == path.size();
        if (node.IsSequence()) {
            const std::size_t index = std::stoul(path[depth]);
            return index < node.size() ? locate(node[index], path, at_key, depth + 1) : node.Mark();
        }
        if (node.IsMap()) {
            for (const auto& pair : node) {
                if (pair.first.Scalar() != path[depth]) {
                    continue;
                }
                // An empty value has no position of its own; point at its key.
                if ((last && at_key) || pair.second.IsNull()) {
                    return pair.first.Mark();
                }
                return locate(pair.second, path, at_key, depth + 1);
            }
        }
        return node.Mark();
    }

    model::Location loc(const YAML::Node& node) const { return location(m_file, node.Mark()); }

    std::string str(const YAML::Node& node, const char* key) const {
        return node[key].as<std::string>();
    }
    std::optional<std::string> opt_str(const YAML::Node& node, const char* key) const {
        const YAML::Node value = node[key];
        return value ? std::optional<std::string>(value.as<std::string>()) : std::nullopt;
    }
    model::Ref ref(const YAML::Node& node) const { return {node.as<std::string>(), loc(node)}; }
    std::optional<model::Ref> opt_ref(const YAML::Node& node, const char* key) const {
        const YAML::Node value = node[key];
        return value ? std::optional<model::Ref>(ref(value)) : std::nullopt;
    }
    std::vector<model::Ref> refs(const YAML::Node& node, const char* key) const {
        std::vector<model::Ref> out;
        for (const auto& element : node[key]) {
            out.push_back(ref(element));
        }
        return out;
    }
    std::vector<model::LegalBasis> bases(const YAML::Node& node) const {
        std::vector<model::LegalBasis> out;
        for (const auto& b : node) {
            model::LegalBasis basis;
            basis.law = b["law"].as<std::string>();
            basis.article = b["article"].as<int>();
            if (b["paragraph"]) {
                basis.paragraph = b["paragraph"].as<int>();
            }
            if (b["item"]) {
                basis.item = b["item"].as<int>();
            }
            out.push_back(std::move(basis));
        }
        return out;
    }

    model::Jurisdiction jurisdiction(const YAML::Node& root) const {
        model::Jurisdiction j;
        j.id = str(root, "id");
        j.name = str(root, "name");
        j.level = *model::parse_level(str(root, "level"));
        j.parent = opt_ref(root, "parent");
        j.revision = opt_str(root, "revision");
        j.effective = opt_str(root, "effective");
        j.loc = loc(root["id"]);
        for (const auto& b : root["bodies"]) {
            model::Body body;
            body.id = str(b, "id");
            body.name = str(b, "name");
            body.kind = str(b, "kind");
            body.sector = opt_str(b, "sector");
            body.parent = opt_ref(b, "parent");
            body.remarks = opt_str(b, "remarks");
            body.loc = loc(b["id"]);
            j.bodies.push_back(std::move(body));
        }
        return j;
    }

    void items(const YAML::Node& root, std::vector<model::Item>& out) const {
        for (const auto& node : root["items"]) {
            model::Item item;
            item.code = str(node, "code");
            item.name = str(node, "name");
            item.category = str(node, "category");
            item.sector = str(node, "sector");
            item.body = ref(node["body"]);
            if (const YAML::Node d = node["delegation"]) {
                item.delegation = model::Delegation{ref(d["from"]), str(d, "mode"), ref(d["item"])};
            }
            for (const auto& to : node["delegated_to"]) {
                item.delegated_to.push_back({ref(to["jurisdiction"]), str(to, "mode")});
            }
            item.basis = bases(node["basis"]);
            item.violation_types = refs(node, "violation_types");
            item.remarks = opt_str(node, "remarks");
            item.loc = loc(node["code"]);
            out.push_back(std::move(item));
        }
    }

    void problems(const YAML::Node& root, std::vector<model::Problem>& out) const {
        for (const auto& node : root["problems"]) {
            model::Problem p;
            p.code = str(node, "code");
            p.name = str(node, "name");
            p.description = opt_str(node, "description");
            p.violation_types = refs(node, "violation_types");
            p.items = refs(node, "items");
            p.lead = ref(node["lead"]);
            p.cooperating = refs(node, "cooperating");
            p.loc = loc(node["code"]);
            out.push_back(std::move(p));
        }
    }

    void warnings(const YAML::Node& root, std::vector<model::Warning>& out) const {
        for (const auto& node : root["warnings"]) {
            model::Warning w;
            w.code = str(node, "code");
            w.situation = str(node, "situation");
            w.applies_to = refs(node, "applies_to");
            w.consequence = str(node, "consequence");
            w.basis = bases(node["basis"]);
            w.loc = loc(node["code"]);
            out.push_back(std::move(w));
        }
    }

    void metrics(const YAML::Node& root, std::vector<model::Metric>& out) const {
        for (const auto& node : root["metrics"]) {
            model::Metric m;
            m.code = str(node, "code");
            m.name = str(node, "name");
            m.description = opt_str(node, "description");
            const YAML::Node target = node["target"];
            m.comparison = str(target, "comparison");
            m.value = target["value"].as<double>();
            m.unit = str(target, "unit");
            m.weight = node["weight"].as<double>();
            m.assessor = ref(node["assessor"]);
            m.assessed = refs(node, "assessed");
            m.loc = loc(node["code"]);
            out.push_back(std::move(m));
        }
    }

    void violation_types(const YAML::Node& root, std::vector<model::ViolationType>& out) const {
        for (const auto& node : root["types"]) {
            model::ViolationType v;
            v.id = str(node, "id");
            v.name = str(node, "name");
            v.sector = str(node, "sector");
            for (const auto& alias : node["aliases"]) {
                v.aliases.push_back(alias.as<std::string>());
            }
            v.description = opt_str(node, "description");
            v.loc = loc(node["id"]);
            out.push_back(std::move(v));
        }
    }

  private:
    const model::Bundle& m_bundle;
    std::uint32_t m_file;
    std::vector<Diagnostic>& m_out;
};

// A checked list file, parsed, waiting to be grouped by jurisdiction. Parsing happens file by
// file so that only one YAML tree is alive at a time.
struct ParsedFile {
    std::uint32_t file = 0;
    std::string kind;
    model::Ref jurisdiction;  // the jurisdiction a list file belongs to
    std::optional<model::Jurisdiction> definition;
    std::vector<model::Item> items;
    std::vector<model::Problem> problems;
    std::vector<model::Warning> warnings;
    std::vector<model::Metric> metrics;
    std::vector<model::ViolationType> violation_types;
};

bool is_yaml(const fs::path& path) {
    const auto ext = path.extension().string();
    return ext == ".yaml" || ext == ".yml";
}

bool is_hidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return name.size() > 1 && name.front() == '.' && name != "..";
}

std::string hash_of(const model::Bundle& bundle, std::vector<std::uint32_t> files) {
    // Order-independent and path-independent: moving or renaming files does not change it.
    std::vector<std::string> digests;
    for (const auto index : files) {
        digests.push_back(sha256_hex(bundle.files[index].contents));
    }
    std::sort(digests.begin(), digests.end());
    std::string joined;
    for (const auto& d : digests) {
        joined += d;
    }
    return sha256_hex(joined);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += fmt::format("{:02x}", digest[i]);
    }
    return out;
}

std::vector<fs::path> collect_files(const std::vector<fs::path>& paths) {
    std::vector<fs::path> out;
    for (const auto& path : paths) {
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            out.push_back(path);
            continue;
        }
        std::vector<fs::path> found;
        auto it = fs::recursive_directory_iterator(path, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (is_hidden(it->path())) {
                if (it->is_directory()) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            if (it->is_regular_file() && is_yaml(it->path())) {
                found.push_back(it->path());
            }
        }
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

model::Bundle read_bundle(const std::vector<fs::path>& paths, const SchemaSet& schemas,
                          std::vector<Diagnostic>& diagnostics) {
    model::Bundle bundle;
    std::vector<ParsedFile> parsed;
    const std::vector<std::string> kinds = schemas.kinds();
    for (const auto& path : collect_files(paths)) {
        const std::string shown = path.string();
        std::ifstream in(path, std::ios::binary);
        std::error_code ec;
        if (!in || fs::is_directory(path, ec)) {
            diagnostics.push_back({shown, 0, 0,
                                   fs::exists(path, ec) ? "cannot read file: permission denied"
                                                        : "cannot read file: no such file",
                                   ""});
            continue;
        }
        std::ostringstream buffer;
        buffer << in.rdbuf();
        const auto index = static_cast<std::uint32_t>(bundle.files.size());
        bundle.files.push_back({shown, buffer.str()});
        const std::string& contents = bundle.files.back().contents;

        if (const auto bad = text::find_invalid_utf8(contents)) {
            const std::size_t line0 = static_cast<std::size_t>(
                std::count(contents.begin(), contents.begin() + static_cast<long>(*bad), '\n'));
            const std::size_t line_start = contents.rfind('\n', *bad == 0 ? 0 : *bad - 1);
            const std::size_t column =
                line_start == std::string::npos || *bad == 0 ? *bad : *bad - line_start - 1;
            diagnostics.push_back(make_diagnostic(
                shown, contents, line0, column,
                fmt::format("invalid UTF-8 (byte 0x{:02x}); list files must be UTF-8",
                            static_cast<unsigned char>(contents[*bad]))));
            continue;
        }
        FileReader reader(bundle, index, diagnostics);
        YAML::Node root;
        try {
            root = YAML::Load(contents);
        } catch (const YAML::Exception& e) {
            diagnostics.push_back(make_diagnostic(shown, contents, std::max(e.mark.line, 0),
                                                  std::max(e.mark.column, 0),
                                                  fmt::format("YAML syntax error: {}", e.msg)));
            continue;
        }
        if (!root.IsMap()) {
            diagnostics.push_back(make_diagnostic(
                shown, contents, std::max(root.Mark().line, 0), std::max(root.Mark().column, 0),
                root.IsNull() ? "empty file: expected a mapping with a 'kind' field"
                              : "expected a mapping with a 'kind' field"));
            continue;
        }
        const std::size_t before = diagnostics.size();
        const json instance = reader.to_json(root);
        const auto kind_it = instance.find("kind");
        if (kind_it == instance.end() || !kind_it->is_string()) {
            reader.error(root.Mark(),
                         fmt::format("missing field 'kind' (one of: {})", fmt::join(kinds, ", ")));
            continue;
        }
        const std::string kind = kind_it->get<std::string>();
        if (!schemas.has_kind(kind)) {
            const auto near = text::closest(kind, kinds, 1);
            reader.error(
                root["kind"].Mark(),
                near.empty()
                    ? fmt::format("unknown kind '{}' (one of: {})", kind, fmt::join(kinds, ", "))
                    : fmt::format("unknown kind '{}'; did you mean '{}'?", kind, near.front()));
            continue;
        }
        for (const auto& violation : schemas.validate(kind, instance)) {
            reader.error(reader.locate(root, violation.path, violation.at_key), violation.message);
        }
        if (diagnostics.size() != before) {
            continue;
        }
        ParsedFile file;
        file.file = index;
        file.kind = kind;
        if (kind == "jurisdiction") {
            file.definition = reader.jurisdiction(root);
        } else if (kind == "violation-types") {
            reader.violation_types(root, file.violation_types);
        } else {
            file.jurisdiction = reader.ref(root["jurisdiction"]);
            if (kind == "power-list") {
                reader.items(root, file.items);
            } else if (kind == "problem-list") {
                reader.problems(root, file.problems);
            } else if (kind == "warning-list") {
                reader.warnings(root, file.warnings);
            } else if (kind == "performance-list") {
                reader.metrics(root, file.metrics);
            }
        }
        parsed.push_back(std::move(file));
    }

    // Jurisdiction files first, so that the lists can be attached to their list sets.
    std::map<std::string, std::size_t> set_of;
    for (auto& file : parsed) {
        if (!file.definition) {
            continue;
        }
        model::Jurisdiction& j = *file.definition;
        if (const auto it = set_of.find(j.id); it != set_of.end()) {
            const auto& first = bundle.list_sets[it->second].jurisdiction.loc;
            diagnostics.push_back(bundle.diagnostic(
                j.loc,
                fmt::format("jurisdiction '{}' is defined twice in one load (first at {}:{})", j.id,
                            bundle.files[first.file].path, first.line + 1)));
            continue;
        }
        set_of.emplace(j.id, bundle.list_sets.size());
        model::ListSet set;
        set.jurisdiction = std::move(j);
        set.files.push_back(file.file);
        bundle.list_sets.push_back(std::move(set));
    }
    std::vector<std::uint32_t> vocabulary_files;
    for (auto& file : parsed) {
        if (file.definition) {
            continue;
        }
        if (file.kind == "violation-types") {
            std::move(file.violation_types.begin(), file.violation_types.end(),
                      std::back_inserter(bundle.violation_types));
            vocabulary_files.push_back(file.file);
            continue;
        }
        const auto it = set_of.find(file.jurisdiction.id);
        if (it == set_of.end()) {
            diagnostics.push_back(bundle.diagnostic(
                file.jurisdiction.loc,
                fmt::format("no jurisdiction file for '{}' in this load; a load holds whole list "
                            "sets (add its jurisdiction.yaml)",
                            file.jurisdiction.id)));
            continue;
        }
        model::ListSet& set = bundle.list_sets[it->second];
        set.files.push_back(file.file);
        auto append = [](auto& to, auto& from) {
            std::move(from.begin(), from.end(), std::back_inserter(to));
        };
        append(set.items, file.items);
        append(set.problems, file.problems);
        append(set.warnings, file.warnings);
        append(set.metrics, file.metrics);
    }
    for (auto& set : bundle.list_sets) {
        set.source_hash = hash_of(bundle, set.files);
    }
    if (!vocabulary_files.empty()) {
        bundle.vocabulary_hash = hash_of(bundle, vocabulary_files);
    }
    return bundle;
}

}  // namespace lawlist::io
