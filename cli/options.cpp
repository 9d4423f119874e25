#include "options.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include <sys/ioctl.h>
#include <unistd.h>

#include "lawlist/format/records.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/store/load.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::cli {

void add_database_option(CLI::App& command, DatabaseOption& option) {
    command.add_option("--db", option.path,
                       "Database file (default: $LAWLIST_DB, else a per-user database built from "
                       "the bundled data)");
}

std::optional<std::filesystem::path> explicit_database(const DatabaseOption& option) {
    if (option.path) {
        return std::filesystem::path(*option.path);
    }
    return database_from_env();
}

store::Database open_database(const DatabaseOption& option) {
    if (auto path = explicit_database(option)) {
        return store::Database::open(*path, store::Database::Mode::read_only);
    }
    const auto path = default_database_path();
    store::ensure_bundled(path, data_dir(), schemas());
    return store::Database::open(path, store::Database::Mode::read_only);
}

void check_jurisdiction(const store::Database& database, const std::string& id) {
    const auto known = database.jurisdictions();
    if (std::find(known.begin(), known.end(), id) != known.end()) {
        return;
    }
    const auto near = text::closest(id, known, 1);
    throw Error(near.empty()
                    ? "unknown jurisdiction '" + id + "' (loaded: " + format::join(known, ", ") +
                          ")"
                    : "unknown jurisdiction '" + id + "'; did you mean '" + near.front() + "'?");
}

void check_sector(const store::Database& database, const std::string& code) {
    std::vector<std::string> known;
    for (const auto& sector : database.sectors()) {
        known.push_back(sector.code);
    }
    if (std::find(known.begin(), known.end(), code) != known.end()) {
        return;
    }
    const auto near = text::closest(code, known, 1);
    throw Error(near.empty()
                    ? "unknown sector '" + code + "' (known: " + join(known, ", ") + ")"
                    : "unknown sector '" + code + "'; did you mean '" + near.front() + "'?");
}

namespace {

// Something named by its id or by one of its names.
struct Known {
    std::string id;
    std::vector<std::string> names;
};

// The id of the entry `text` names, else throws "unknown WHAT" with the nearest id or name as a
// hint (`fallback` when none is near).
std::string id_named(const std::string& what, const std::string& text,
                     const std::vector<Known>& entries, const std::string& fallback) {
    std::vector<std::string> candidates;
    for (const auto& entry : entries) {
        if (entry.id == text ||
            std::find(entry.names.begin(), entry.names.end(), text) != entry.names.end()) {
            return entry.id;
        }
        candidates.push_back(entry.id);
        candidates.insert(candidates.end(), entry.names.begin(), entry.names.end());
    }
    const auto near = text::closest(text, candidates, 1);
    throw Error("unknown " + what + " '" + text + "'" +
                (near.empty() ? fallback : "; did you mean '" + near.front() + "'?"));
}

}  // namespace

std::string jurisdiction_id(const store::Database& database, const std::string& text) {
    std::vector<Known> entries;
    std::vector<std::string> ids;
    for (const auto& jurisdiction : store::jurisdiction_names(database)) {
        entries.push_back({jurisdiction.id, {jurisdiction.name}});
        ids.push_back(jurisdiction.id);
    }
    return id_named("jurisdiction", text, entries, " (loaded: " + join(ids, ", ") + ")");
}

std::string body_id(const store::Database& database, const std::string& text) {
    std::vector<Known> entries;
    for (const auto& body : database.bodies({})) {
        entries.push_back({body.id, {body.name}});
    }
    return id_named("body", text, entries, "; 'lawlist bodies' lists them");
}

std::string violation_type_id(const store::Database& database, const std::string& text) {
    std::vector<Known> entries;
    for (auto& type : store::violation_types(database, {})) {
        type.aliases.push_back(type.name);
        entries.push_back({type.id, std::move(type.aliases)});
    }
    return id_named("violation type", text, entries, "; 'lawlist types TEXT' searches them");
}

void add_list_filter(CLI::App& command, store::ListFilter& filter) {
    command.add_option("-j,--jurisdiction", filter.jurisdiction,
                       "Jurisdiction id or name (石河镇)");
    command.add_option("--body", filter.body, "Body id or name");
    command.add_option("--type", filter.violation_type,
                       "Violation type: id, name or alias (see lawlist types)");
    command.add_option("--revision", filter.revision,
                       "Revision label (default: the latest of each jurisdiction)");
}

void check_list_filter(const store::Database& database, store::ListFilter& filter) {
    if (filter.jurisdiction) {
        filter.jurisdiction = jurisdiction_id(database, *filter.jurisdiction);
    }
    if (filter.body) {
        filter.body = body_id(database, *filter.body);
    }
    if (filter.violation_type) {
        filter.violation_type = violation_type_id(database, *filter.violation_type);
    }
    if (filter.revision) {
        store::check_revision_label(database, *filter.revision);
    }
}

void add_output_option(CLI::App& command, format::Output& output,
                       const std::vector<format::Output>& outputs) {
    output = outputs.front();
    std::vector<std::string> names;
    for (const auto choice : outputs) {
        names.emplace_back(format::to_string(choice));
    }
    command
        .add_option_function<std::string>(
            "--format",
            [&output](const std::string& name) { output = *format::parse_output(name); },
            "Output format: " + format::join(names, "|"))
        ->check(CLI::IsMember(names))
        ->default_str(names.front());
}

const io::SchemaSet& schemas() {
    static const io::SchemaSet set = io::SchemaSet::load(schema_dir());
    return set;
}

format::WriterOptions terminal() {
    format::WriterOptions options;
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
        char* end = nullptr;
        const unsigned long width = std::strtoul(columns, &end, 10);
        if (*end == '\0' && width > 0) {
            options.terminal_width = width;
            return options;
        }
    }
    winsize size{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
        size.ws_col > 0) {
        options.terminal_width = size.ws_col;
    }
    return options;
}

void print(const format::Listing& listing, format::Output output) {
    format::write(listing, output, std::cout, terminal());
}

void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& choices) {
    format = choices.front();
    command.add_option("--format", format, "Output format: " + join(choices, "|"))
        ->check(CLI::IsMember(choices))
        ->capture_default_str();
}

void print_json(const nlohmann::ordered_json& records, const std::string& format) {
    if (format == "jsonl") {
        for (const auto& record : records) {
            std::cout << format::dump_json_line(record);
        }
    } else {
        std::cout << format::dump_json(records);
    }
}

void print_table(const format::Table& table, const std::string& format) {
    std::cout << (format == "csv" ? table.render_csv() : table.render_text());
}

}  // namespace lawlist::cli
