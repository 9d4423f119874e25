#include "options.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <sys/ioctl.h>
#include <unistd.h>

#include "lawlist/format/records.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::cli {

void add_database_option(CLI::App& command, DatabaseOption& option, const std::string& help) {
    command.add_option("--db", option.path,
                       help.empty() ? "Database file (default: $LAWLIST_DB, else a per-user "
                                      "database built from the bundled data)"
                                    : help);
}

std::optional<std::filesystem::path> explicit_database(const DatabaseOption& option) {
    if (option.path) {
        return std::filesystem::path(*option.path);
    }
    return database_from_env();
}

store::Database open_database(const DatabaseOption& option, store::Database::Mode mode) {
    if (auto path = explicit_database(option)) {
        return store::Database::open(*path, mode);
    }
    const auto path = default_database_path();
    load::ensure_bundled(path, data_dir(), schemas());
    return store::Database::open(path, mode);
}

void add_jurisdiction_option(CLI::App& command, std::optional<std::string>& jurisdiction,
                             const std::string& what) {
    command.add_option("-j,--jurisdiction", jurisdiction, what + " (id or name: 石河镇)");
}

store::JurisdictionChoice choose_jurisdiction(const store::Database& database,
                                              const std::optional<std::string>& option) {
    std::optional<std::string> environment;
    if (const char* value = std::getenv("LAWLIST_JURISDICTION")) {
        environment = value;
    }
    return store::choose_jurisdiction(database, option, environment);
}

void add_list_filter(CLI::App& command, store::ListFilter& filter) {
    add_jurisdiction_option(command, filter.jurisdiction, "Only this jurisdiction");
    command.add_option("--body", filter.body, "Body id or name");
    command.add_option("--type", filter.violation_type,
                       "Violation type: id, name or alias (see lawlist types)");
    command.add_option("--revision", filter.revision,
                       "Revision label (default: the latest of each jurisdiction)");
}

void check_list_filter(const store::Database& database, store::ListFilter& filter) {
    if (filter.jurisdiction) {
        filter.jurisdiction = store::jurisdiction_named(database, *filter.jurisdiction);
    }
    if (filter.body) {
        filter.body = store::body_id(database, *filter.body);
    }
    if (filter.violation_type) {
        filter.violation_type = store::violation_type_id(database, *filter.violation_type);
    }
    if (filter.revision) {
        store::check_revision_label(database, *filter.revision);
    }
}

CLI::Validator date_validator() {
    return CLI::Validator(
        [](const std::string& date) {
            const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                                std::all_of(date.begin(), date.end(), [](char c) {
                                    return c == '-' || (c >= '0' && c <= '9');
                                });
            if (shaped) {
                const std::chrono::year_month_day ymd{
                    std::chrono::year(std::stoi(date.substr(0, 4))),
                    std::chrono::month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                    std::chrono::day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))};
                if (ymd.ok()) {
                    return std::string();
                }
            }
            return "expected a date YYYY-MM-DD, got '" + date + "'";
        },
        "DATE");
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
    static const io::SchemaSet set = io::SchemaSet::standard();
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

CLI::Option* add_document_option(CLI::App& command, format::DocumentOutput& output,
                                 const std::vector<format::DocumentOutput>& outputs,
                                 bool required) {
    output = outputs.front();
    const auto names = format::names_of(outputs);
    auto* option = command
                       .add_option_function<std::string>(
                           "--format",
                           [&output](const std::string& name) {
                               output = *format::parse_document_output(name);
                           },
                           "Output format: " + format::join(names, "|"))
                       ->check(CLI::IsMember(names));
    if (required) {
        option->required();
    } else {
        option->default_str(names.front());
    }
    return option;
}

}  // namespace lawlist::cli
