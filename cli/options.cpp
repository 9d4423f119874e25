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

namespace {

[[noreturn]] void unknown_jurisdiction(const std::string& name,
                                       const std::vector<std::string>& known) {
    const auto near = text::closest(name, known, 1);
    throw Error(near.empty()
                    ? "unknown jurisdiction '" + name + "' (loaded: " + format::join(known, ", ") +
                          ")"
                    : "unknown jurisdiction '" + name + "'; did you mean '" + near.front() + "'?");
}

}  // namespace

void add_jurisdiction_option(CLI::App& command, std::optional<std::string>& jurisdiction,
                             const std::string& what) {
    command.add_option("-j,--jurisdiction", jurisdiction, what + " (id or name: 石河镇)");
}

std::string jurisdiction_id(const store::Database& database, const std::string& name) {
    if (auto id = database.find_jurisdiction(name)) {
        return *id;
    }
    unknown_jurisdiction(name, database.jurisdictions());
}

std::string jurisdiction_id(const model::Bundle& bundle, const std::string& name) {
    std::vector<std::string> known;
    for (const auto& set : bundle.list_sets) {
        if (set.jurisdiction.id == name || set.jurisdiction.name == name) {
            return set.jurisdiction.id;
        }
        known.push_back(set.jurisdiction.id);
    }
    unknown_jurisdiction(name, known);
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
