#include "options.hpp"

#include <algorithm>
#include <iostream>

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
                    ? "unknown jurisdiction '" + id + "' (loaded: " + join(known, ", ") + ")"
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

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : separator) + part;
    }
    return out;
}

void add_format_option(CLI::App& command, std::string& format,
                       const std::vector<std::string>& choices) {
    format = choices.front();
    std::string names;
    for (const auto& choice : choices) {
        names += (names.empty() ? "" : "|") + choice;
    }
    command.add_option("--format", format, "Output format: " + names)
        ->check(CLI::IsMember(choices))
        ->capture_default_str();
}

const io::SchemaSet& schemas() {
    static const io::SchemaSet set = io::SchemaSet::load(schema_dir());
    return set;
}

void print_json(const nlohmann::ordered_json& records, const std::string& format) {
    if (format == "jsonl") {
        for (const auto& record : records) {
            std::cout << record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                      << '\n';
        }
    } else {
        std::cout << records.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
}

void print_table(const format::Table& table, const std::string& format) {
    std::cout << (format == "csv" ? table.render_csv() : table.render_text());
}

}  // namespace lawlist::cli
