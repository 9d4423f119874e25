#include "lawlist/io/reader.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include "lawlist/io/file.hpp"
#include "lawlist/model/fields.hpp"
#include "lawlist/text/utf8.hpp"
#include "yaml_tree.hpp"

namespace lawlist::io {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using model::make_diagnostic;

model::Location location(std::uint32_t file, const YamlNode& node) {
    return {file, node.line, node.column};
}

// [-+]?[0-9]+ and [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, the YAML 1.2 core schema's
// integers and floats, matched by hand: std::regex recurses per character and overflows the
// stack on long scalars.
bool is_core_int(std::string_view v) {
    std::size_t i = !v.empty() && (v[0] == '+' || v[0] == '-') ? 1 : 0;
    return i < v.size() && v.find_first_not_of("0123456789", i) == std::string_view::npos;
}

bool is_core_float(std::string_view v) {
    std::size_t i = !v.empty() && (v[0] == '+' || v[0] == '-') ? 1 : 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
            ++i;
        }
        return i - start;
    };
    if (i < v.size() && v[i] == '.') {
        ++i;
        if (digits() == 0) {
            return false;
        }
    } else {
        if (digits() == 0) {
            return false;
        }
        if (i < v.size() && v[i] == '.') {
            ++i;
            digits();
        }
    }
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        if (i < v.size() && (v[i] == '+' || v[i] == '-')) {
            ++i;
        }
        if (digits() == 0) {
            return false;
        }
    }
    return i == v.size();
}

// The value of a number that passed the schema; an underflow reads as zero.
double to_double(const std::string& text) {
    return std::strtod(text.c_str(), nullptr);
}

// The first control character of `s` other than tab and line feed, or 0. Such characters would
// break tables and terminals, and the store uses U+001E and U+001F as separators.
char32_t control_character(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto byte = static_cast<unsigned char>(s[i]);
        if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F) {
            return byte;
        }
        if (byte == 0xC2 && i + 1 < s.size()) {
            const auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                return next;
            }
        }
    }
    return 0;
}

// Diagnostics kept per file; the rest are counted ("and N more").
constexpr std::size_t k_max_file_diagnostics = 100;

class FileReader {
  public:
    FileReader(const model::SourceText& source, std::uint32_t file, std::vector<Diagnostic>& out)
        : m_source(source), m_file(file), m_out(out) {}

    void error(const YamlNode& node, std::string message) {
        if (m_errors++ < k_max_file_diagnostics) {
            m_out.push_back(m_source.diagnostic(location(m_file, node), std::move(message)));
        }
    }

    // Appends "and N more" when errors were left out.
    void finish() {
        if (m_errors > k_max_file_diagnostics) {
            m_out.push_back(
                {m_source.path, 0, 0,
                 fmt::format("and {} more errors in this file", m_errors - k_max_file_diagnostics),
                 ""});
        }
    }

    std::size_t errors() const { return m_errors; }

    // YAML 1.2 core schema resolution of plain scalars; quoted and tagged scalars stay strings.
    json scalar_to_json(const YamlNode& node) {
        if (node.is_null()) {
            return nullptr;
        }
        const std::string& value = node.value;
        if (const char32_t c = control_character(value)) {
            error(node, fmt::format("control character U+{:04X} in text (only tab and line break "
                                    "are allowed)",
                                    static_cast<std::uint32_t>(c)));
            return value;
        }
        if (!node.plain) {
            return value;
        }
        if (value == "true" || value == "True" || value == "TRUE") {
            return true;
        }
        if (value == "false" || value == "False" || value == "FALSE") {
            return false;
        }
        if (value.empty() || value.find_first_not_of("+-0123456789.eE") != std::string::npos) {
            return value;
        }
        if (value.size() < 19 && is_core_int(value)) {
            return std::stoll(value);
        }
        if (is_core_int(value) || is_core_float(value)) {
            const double number = to_double(value);
            if (!std::isfinite(number)) {
                error(node, fmt::format("number '{}' is out of range",
                                        value.size() > 40 ? value.substr(0, 40) + "..." : value));
                return value;
            }
            return number;
        }
        return value;
    }

    // Converts a YAML tree to JSON for schema validation; reports duplicate keys.
    json to_json(const YamlNode& node) {
        switch (node.type) {
            case YamlNode::Type::mapping: {
                json object = json::object();
                for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
                    const YamlNode& key = node.children[i];
                    if (const char32_t c = control_character(key.value)) {
                        error(key, fmt::format("control character U+{:04X} in a key",
                                               static_cast<std::uint32_t>(c)));
                        continue;
                    }
                    if (object.contains(key.value)) {
                        error(key, fmt::format("duplicate key '{}'", key.value));
                        continue;
                    }
                    object[key.value] = to_json(node.children[i + 1]);
                }
                return object;
            }
            case YamlNode::Type::sequence: {
                json array = json::array();
                for (const auto& element : node.children) {
                    array.push_back(to_json(element));
                }
                return array;
            }
            default:
                return scalar_to_json(node);
        }
    }

    // The node (or its key) at `path` in the tree; where the path leaves the tree, the deepest
    // node on it.
    const YamlNode& locate(const YamlNode& node, const std::vector<std::string>& path, bool at_key,
                           std::size_t depth = 0) const {
        if (depth == path.size()) {
            return node;
        }
        const bool last = depth + 1 == path.size();
        if (node.is_sequence()) {
            const std::size_t index = std::stoul(path[depth]);
            return index < node.size() ? locate(node.children[index], path, at_key, depth + 1)
                                       : node;
        }
        if (node.is_map()) {
            for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
                if (node.children[i].value != path[depth]) {
                    continue;
                }
                const YamlNode& value = node.children[i + 1];
                // An empty value has no position of its own; point at its key.
                if ((last && at_key) || value.is_null()) {
                    return node.children[i];
                }
                return locate(value, path, at_key, depth + 1);
            }
        }
        return node;
    }

    model::Location loc(const YamlNode& node) const { return location(m_file, node); }

    // Accessors for checked documents: the schema guarantees presence and type of required
    // fields, so a missing one here is a programming error.
    static const YamlNode& at(const YamlNode& node, const char* key) {
        const YamlNode* value = node.find(key);
        if (!value) {
            throw std::logic_error(std::string("checked document lacks ") + key);
        }
        return *value;
    }
    static std::string str(const YamlNode& node, const char* key) { return at(node, key).value; }
    static std::optional<std::string> opt_str(const YamlNode& node, const char* key) {
        const YamlNode* value = node.find(key);
        return value && !value->is_null() ? std::optional<std::string>(value->value) : std::nullopt;
    }
    // The schema bounds integers (article, paragraph, item) to at most 9999; 1e3 and 12.0 are
    // integers to it too, so the text is read as a number.
    static int integer(const YamlNode& node) { return static_cast<int>(to_double(node.value)); }
    static std::optional<int> opt_int(const YamlNode& node, const char* key) {
        const YamlNode* value = node.find(key);
        return value ? std::optional<int>(integer(*value)) : std::nullopt;
    }
    model::Ref ref(const YamlNode& node) const { return {node.value, loc(node)}; }
    std::optional<model::Ref> opt_ref(const YamlNode& node, const char* key) const {
        const YamlNode* value = node.find(key);
        return value ? std::optional<model::Ref>(ref(*value)) : std::nullopt;
    }
    std::vector<model::Ref> refs(const YamlNode& node, const char* key) const {
        std::vector<model::Ref> out;
        if (const YamlNode* list = node.find(key)) {
            for (const auto& element : list->children) {
                out.push_back(ref(element));
            }
        }
        return out;
    }
    static std::vector<model::LegalBasis> bases(const YamlNode* node) {
        std::vector<model::LegalBasis> out;
        if (!node) {
            return out;
        }
        for (const auto& b : node->children) {
            out.push_back({str(b, "law"), integer(at(b, "article")), opt_int(b, "paragraph"),
                           opt_int(b, "item"), opt_str(b, "version")});
        }
        return out;
    }
    // The fields `description` describes, from `node`; a field whose key is absent keeps its
    // default (an optional one: none). A value the field does not take (an unknown spelling of
    // an enum, which the built-in schemas refuse first) is reported.
    template <typename Entry>
    void read_fields(const YamlNode& node, const model::Description<Entry>& description,
                     Entry& entry) const {
        for (const auto& field : description.fields) {
            const YamlNode* value = &node;
            std::string_view key = field.key;
            for (std::size_t slash; value && (slash = key.find('/')) != std::string_view::npos;
                 key.remove_prefix(slash + 1)) {
                value = value->find(key.substr(0, slash));
            }
            value = value ? value->find(key) : nullptr;
            if (!value || value->is_null()) {
                continue;
            }
            const model::FieldValue v = field.number ? model::FieldValue(to_double(value->value))
                                                     : model::FieldValue(value->value);
            if (!field.set(entry, v, loc(*value))) {
                m_out.push_back(m_source.diagnostic(
                    loc(*value), fmt::format("unknown {} '{}'", key, value->value)));
            }
        }
    }
    // A delegation mode, 赋权 or 委托 (the schema refuses any other first).
    model::DelegationMode mode(const YamlNode& node) const {
        const YamlNode& value = at(node, "mode");
        if (const auto parsed = model::parse_delegation_mode(value.value)) {
            return *parsed;
        }
        m_out.push_back(
            m_source.diagnostic(loc(value), fmt::format("unknown mode '{}'", value.value)));
        return model::DelegationMode::grant;
    }
    static const std::vector<YamlNode>& list(const YamlNode& node, const char* key) {
        static const std::vector<YamlNode> k_empty;
        const YamlNode* value = node.find(key);
        return value ? value->children : k_empty;
    }

    model::Jurisdiction jurisdiction(const YamlNode& root) const {
        model::Jurisdiction j;
        j.id = str(root, "id");
        j.name = str(root, "name");
        j.level = *model::parse_level(str(root, "level"));
        j.parent = opt_ref(root, "parent");
        j.revision = opt_str(root, "revision");
        j.effective = opt_str(root, "effective");
        j.loc = loc(at(root, "id"));
        for (const auto& b : list(root, "bodies")) {
            model::Body body;
            read_fields(b, model::body_description(), body);
            body.loc = loc(at(b, "id"));
            j.bodies.push_back(std::move(body));
        }
        return j;
    }

    void items(const YamlNode& root, std::vector<model::Item>& out) const {
        for (const auto& node : list(root, "items")) {
            model::Item item;
            read_fields(node, model::item_description(), item);
            // `body:` is the former spelling of `subject:`; the schema takes either.
            const YamlNode* subject = node.find("subject");
            const YamlNode* body = node.find("body");
            if (subject && body) {
                m_out.push_back(m_source.diagnostic(
                    loc(*body), "an item has 'subject' or the former 'body', not both"));
            } else if (!subject && !body) {
                m_out.push_back(
                    m_source.diagnostic(loc(node), "missing field 'subject' (实施主体)"));
            }
            if (!subject) {
                item.body = ref(body ? *body : at(node, "code"));
            }
            if (const YamlNode* d = node.find("delegation")) {
                item.delegation =
                    model::Delegation{ref(at(*d, "from")), mode(*d), ref(at(*d, "item"))};
            }
            for (const auto& to : list(node, "delegated_to")) {
                item.delegated_to.push_back({ref(at(to, "jurisdiction")), mode(to)});
            }
            item.basis = bases(node.find("basis"));
            item.violation_types = refs(node, "violation_types");
            item.loc = loc(at(node, "code"));
            out.push_back(std::move(item));
        }
    }

    void problems(const YamlNode& root, std::vector<model::Problem>& out) const {
        for (const auto& node : list(root, "problems")) {
            model::Problem p;
            read_fields(node, model::problem_description(), p);
            p.violation_types = refs(node, "violation_types");
            p.items = refs(node, "items");
            p.cooperating = refs(node, "cooperating");
            p.loc = loc(at(node, "code"));
            out.push_back(std::move(p));
        }
    }

    void warnings(const YamlNode& root, std::vector<model::Warning>& out) const {
        for (const auto& node : list(root, "warnings")) {
            model::Warning w;
            read_fields(node, model::warning_description(), w);
            w.applies_to = refs(node, "applies_to");
            w.basis = bases(node.find("basis"));
            w.loc = loc(at(node, "code"));
            out.push_back(std::move(w));
        }
    }

    void metrics(const YamlNode& root, std::vector<model::Metric>& out) const {
        for (const auto& node : list(root, "metrics")) {
            model::Metric m;
            read_fields(node, model::metric_description(), m);
            m.assessed = refs(node, "assessed");
            m.loc = loc(at(node, "code"));
            out.push_back(std::move(m));
        }
    }

    void out_of_scope(const YamlNode& root, std::vector<std::string>& out) const {
        for (const auto& example : list(root, "examples")) {
            out.push_back(example.value);
        }
    }

    void laws(const YamlNode& root, std::vector<model::Law>& out) const {
        for (const auto& node : list(root, "laws")) {
            model::Law law;
            law.name = str(node, "name");
            law.loc = loc(at(node, "name"));
            for (const auto& v : list(node, "versions")) {
                model::LawVersion version;
                version.id = str(v, "id");
                version.label = opt_str(v, "label");
                version.adopted = str(v, "adopted");
                version.effective = str(v, "effective");
                for (const auto& move : list(v, "renumbered")) {
                    version.renumbered.push_back({integer(at(move, "from")), opt_int(move, "to")});
                }
                version.loc = loc(at(v, "id"));
                law.versions.push_back(std::move(version));
            }
            out.push_back(std::move(law));
        }
    }

    void sectors(const YamlNode& root, std::vector<model::Sector>& out) const {
        for (const auto& node : list(root, "sectors")) {
            out.push_back({str(node, "code"), str(node, "name"), loc(at(node, "code"))});
        }
    }

    void violation_types(const YamlNode& root, std::vector<model::ViolationType>& out) const {
        for (const auto& node : list(root, "types")) {
            model::ViolationType v;
            v.id = str(node, "id");
            v.name = str(node, "name");
            v.sector = str(node, "sector");
            v.sector_loc = loc(at(node, "sector"));
            for (const auto& alias : list(node, "aliases")) {
                v.aliases.push_back(alias.value);
            }
            for (const auto& example : list(node, "examples")) {
                v.examples.push_back(example.value);
            }
            v.description = opt_str(node, "description");
            v.loc = loc(at(node, "id"));
            out.push_back(std::move(v));
        }
    }

  private:
    const model::SourceText& m_source;
    std::uint32_t m_file;
    std::vector<Diagnostic>& m_out;
    std::size_t m_errors = 0;
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
    std::vector<model::Law> laws;
    std::vector<model::Sector> sectors;
    std::vector<std::string> out_of_scope;
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

// What reading one file gave: its contents, or the errors that kept them out.
struct FileOutcome {
    std::optional<ParsedFile> parsed;
    std::vector<Diagnostic> diagnostics;
    std::optional<std::string> broken;  // a jurisdiction whose own file has errors
    std::exception_ptr failure;         // what a worker thread could not report as a diagnostic
};

// Parses, validates and converts `source`, to be file `index` of a bundle.
FileOutcome read_one(const model::SourceText& source, std::uint32_t index, const SchemaSet& schemas,
                     const std::vector<std::string>& kinds) {
    FileOutcome outcome;
    std::vector<Diagnostic>& diagnostics = outcome.diagnostics;
    const std::string& shown = source.path;
    const std::string& contents = source.contents;
    if (const auto bad = text::find_invalid_utf8(contents)) {
        const auto line0 = static_cast<std::size_t>(
            std::count(contents.begin(), contents.begin() + static_cast<long>(*bad), '\n'));
        const std::size_t line_start = contents.rfind('\n', *bad == 0 ? 0 : *bad - 1);
        const std::size_t begin = line_start == std::string::npos || *bad == 0 ? 0 : line_start + 1;
        const std::size_t column =
            text::count_code_points(std::string_view(contents).substr(begin), *bad - begin);
        diagnostics.push_back(
            make_diagnostic(shown, contents, line0, column,
                            fmt::format("invalid UTF-8 (byte 0x{:02x}); list files must be UTF-8",
                                        static_cast<unsigned char>(contents[*bad]))));
        return outcome;
    }
    FileReader reader(source, index, diagnostics);
    auto process = [&]() -> std::optional<ParsedFile> {
        YamlNode root;
        try {
            root = parse_yaml(contents);
        } catch (const YamlError& e) {
            diagnostics.push_back(make_diagnostic(shown, contents, e.line, e.column,
                                                  fmt::format("YAML syntax error: {}", e.what())));
            return std::nullopt;
        }
        if (!root.is_map()) {
            diagnostics.push_back(make_diagnostic(
                shown, contents, root.line, root.column,
                root.is_null() ? "empty file: expected a mapping with a 'kind' field"
                               : "expected a mapping with a 'kind' field"));
            return std::nullopt;
        }
        const std::size_t before = diagnostics.size();
        const json instance = reader.to_json(root);
        const auto kind_it = instance.find("kind");
        if (kind_it == instance.end() || !kind_it->is_string()) {
            reader.error(root,
                         fmt::format("missing field 'kind' (one of: {})", fmt::join(kinds, ", ")));
            return std::nullopt;
        }
        const std::string kind = kind_it->get<std::string>();
        if (!schemas.has_kind(kind)) {
            const auto near = text::closest(kind, kinds, 1);
            reader.error(
                *root.find("kind"),
                near.empty()
                    ? fmt::format("unknown kind '{}' (one of: {})", kind, fmt::join(kinds, ", "))
                    : fmt::format("unknown kind '{}'; did you mean '{}'?", kind, near.front()));
            return std::nullopt;
        }
        // What the conversion refused (numbers out of range, control characters) would only
        // be reported again by the schema as of the wrong type.
        if (diagnostics.size() == before) {
            for (const auto& violation : schemas.validate(kind, instance)) {
                reader.error(reader.locate(root, violation.path, violation.at_key),
                             violation.message);
            }
        }
        if (diagnostics.size() != before) {
            // Its lists would only add "no jurisdiction file" noise to the real problem.
            if (kind == "jurisdiction" && instance.contains("id") && instance["id"].is_string()) {
                outcome.broken = instance["id"].get<std::string>();
            }
            return std::nullopt;
        }
        ParsedFile file;
        file.file = index;
        file.kind = kind;
        if (kind == "jurisdiction") {
            file.definition = reader.jurisdiction(root);
        } else if (kind == "violation-types") {
            reader.violation_types(root, file.violation_types);
        } else if (kind == "out-of-scope") {
            reader.out_of_scope(root, file.out_of_scope);
        } else if (kind == "law-registry") {
            reader.laws(root, file.laws);
        } else if (kind == "sectors") {
            reader.sectors(root, file.sectors);
        } else {
            file.jurisdiction = reader.ref(*root.find("jurisdiction"));
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
        return file;
    };
    outcome.parsed = process();
    reader.finish();
    return outcome;
}

}  // namespace

std::optional<Heading> peek_heading(const fs::path& path) {
    std::string contents;
    try {
        contents = read_file(path);
    } catch (const InputError&) {
        return std::nullopt;
    }
    // The kind alone first: only a list file is read on to its jurisdiction.
    const auto kind = peek_top_level(contents, {"kind"});
    if (!kind || kind->front().empty()) {
        return std::nullopt;
    }
    Heading heading{kind->front(), {}};
    if (heading.kind.ends_with("-list")) {
        if (const auto both = peek_top_level(contents, {"kind", "jurisdiction"})) {
            heading.jurisdiction = (*both)[1];
        }
    }
    return heading;
}

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
            // Anything named *.yaml but a folder is read, so that a dangling symbolic link, a
            // link loop or a FIFO is reported instead of silently skipped.
            std::error_code entry_ec;
            if (is_yaml(it->path()) && !it->is_directory(entry_ec)) {
                found.push_back(it->path());
            }
        }
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

std::vector<fs::path> collect_list_files(const std::vector<fs::path>& paths,
                                         std::vector<Diagnostic>& diagnostics) {
    std::vector<fs::path> files;
    for (const auto& path : paths) {
        const auto found = collect_files({path});
        std::error_code ec;
        if (found.empty() && fs::is_directory(path, ec)) {
            diagnostics.push_back(
                {path.string(), 0, 0, "no list files (*.yaml, *.yml) in this folder", ""});
        }
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

BundleReader::BundleReader(const SchemaSet& schemas)
    : m_schemas(schemas), m_kinds(schemas.kinds()) {}

struct BundleReader::Parsed::Impl {
    std::size_t first_file = 0;
    std::vector<model::SourceText> files;           // the files that could be read
    std::vector<std::size_t> slot_of_file;          // files index → place in the files asked for
    std::vector<std::vector<Diagnostic>> reported;  // by place in the files asked for
    std::vector<FileOutcome> outcomes;              // by files index
};

BundleReader::Parsed::Parsed(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BundleReader::Parsed::Parsed(Parsed&&) noexcept = default;
BundleReader::Parsed& BundleReader::Parsed::operator=(Parsed&&) noexcept = default;
BundleReader::Parsed::~Parsed() = default;

BundleReader::Parsed BundleReader::parse(const std::vector<fs::path>& files,
                                         std::size_t first_file) const {
    auto parsed = std::make_unique<Parsed::Impl>();
    parsed->first_file = first_file;
    // Read in order (a file that cannot be read is reported in its place), then parsed and
    // checked on every core: files are independent, and each keeps its own diagnostics.
    parsed->reported.resize(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        try {
            std::string read = read_file(files[i]);
            parsed->files.push_back({files[i].string(), std::move(read)});
            parsed->slot_of_file.push_back(i);
        } catch (const InputError& e) {
            parsed->reported[i] = e.diagnostics();
        }
    }
    std::vector<FileOutcome>& outcomes = parsed->outcomes;
    outcomes.resize(parsed->files.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next++) < outcomes.size();) {
            try {
                outcomes[i] = read_one(parsed->files[i], static_cast<std::uint32_t>(first_file + i),
                                       m_schemas, m_kinds);
            } catch (...) {
                outcomes[i].failure = std::current_exception();
            }
        }
    };
    {
        const std::size_t cores =
            std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
        std::vector<std::jthread> helpers;
        for (std::size_t k = 1; k < std::min(cores, outcomes.size()); ++k) {
            helpers.emplace_back(work);
        }
        work();
    }
    return Parsed(std::move(parsed));
}

void BundleReader::read(model::Bundle& bundle, const std::vector<fs::path>& files,
                        std::vector<Diagnostic>& diagnostics) {
    attach(bundle, parse(files, bundle.files.size()), diagnostics);
}

void BundleReader::attach(model::Bundle& bundle, Parsed parsed_files,
                          std::vector<Diagnostic>& diagnostics) {
    Parsed::Impl& in = *parsed_files.m_impl;
    if (in.first_file != bundle.files.size()) {
        throw std::logic_error("BundleReader::attach: files parsed for another place");
    }
    std::move(in.files.begin(), in.files.end(), std::back_inserter(bundle.files));
    std::set<std::string>& broken = m_broken;
    std::vector<ParsedFile> parsed;
    std::vector<std::vector<Diagnostic>>& reported = in.reported;
    std::vector<FileOutcome>& outcomes = in.outcomes;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        FileOutcome& outcome = outcomes[i];
        if (outcome.failure) {
            std::rethrow_exception(outcome.failure);
        }
        reported[in.slot_of_file[i]] = std::move(outcome.diagnostics);
        if (outcome.broken) {
            broken.insert(*outcome.broken);
        }
        if (outcome.parsed) {
            parsed.push_back(std::move(*outcome.parsed));
        }
    }
    for (auto& file : reported) {
        std::move(file.begin(), file.end(), std::back_inserter(diagnostics));
    }

    // Jurisdiction files first, so that the lists can be attached to their list sets.
    std::map<std::string, std::size_t> set_of;
    for (std::size_t i = 0; i < bundle.list_sets.size(); ++i) {
        set_of.emplace(bundle.list_sets[i].jurisdiction.id, i);
    }
    std::set<std::size_t> touched;  // list sets this call added files to
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
        touched.insert(bundle.list_sets.size());
        model::ListSet set;
        set.jurisdiction = std::move(j);
        set.files.push_back(file.file);
        bundle.list_sets.push_back(std::move(set));
    }
    std::vector<std::uint32_t>& vocabulary_files = m_vocabulary_files;
    const std::size_t vocabulary_before = vocabulary_files.size();
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
        if (file.kind == "law-registry") {
            std::move(file.laws.begin(), file.laws.end(), std::back_inserter(bundle.laws));
            vocabulary_files.push_back(file.file);
            continue;
        }
        if (file.kind == "sectors") {
            std::move(file.sectors.begin(), file.sectors.end(), std::back_inserter(bundle.sectors));
            vocabulary_files.push_back(file.file);
            continue;
        }
        if (file.kind == "out-of-scope") {
            if (!bundle.out_of_scope) {
                bundle.out_of_scope.emplace();
            }
            std::move(file.out_of_scope.begin(), file.out_of_scope.end(),
                      std::back_inserter(*bundle.out_of_scope));
            vocabulary_files.push_back(file.file);
            continue;
        }
        const auto it = set_of.find(file.jurisdiction.id);
        if (it == set_of.end() && broken.contains(file.jurisdiction.id)) {
            continue;
        }
        if (it == set_of.end()) {
            diagnostics.push_back(bundle.diagnostic(
                file.jurisdiction.loc,
                fmt::format("no jurisdiction file for '{}' in this load; a load holds whole list "
                            "sets (add its jurisdiction.yaml)",
                            file.jurisdiction.id)));
            continue;
        }
        model::ListSet& set = bundle.list_sets[it->second];
        touched.insert(it->second);
        set.files.push_back(file.file);
        auto append = [](auto& to, auto& from) {
            std::move(from.begin(), from.end(), std::back_inserter(to));
        };
        append(set.items, file.items);
        append(set.problems, file.problems);
        append(set.warnings, file.warnings);
        append(set.metrics, file.metrics);
    }
    for (const std::size_t index : touched) {
        model::ListSet& set = bundle.list_sets[index];
        set.source_hash = hash_of(bundle, set.files);
    }
    if (vocabulary_files.size() != vocabulary_before) {
        bundle.vocabulary_hash = hash_of(bundle, vocabulary_files);
    }
}

model::Bundle read_bundle(const std::vector<fs::path>& paths, const SchemaSet& schemas,
                          std::vector<Diagnostic>& diagnostics) {
    model::Bundle bundle;
    BundleReader reader(schemas);
    reader.read(bundle, collect_list_files(paths, diagnostics), diagnostics);
    return bundle;
}

}  // namespace lawlist::io
