#include "commands/command_audit.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>

#include "app.hpp"
#include "lawlist/audit/audit.hpp"
#include "lawlist/format/records.hpp"
#include "lawlist/format/writer.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/store/lean.hpp"
#include "options.hpp"

namespace lawlist::cli {
namespace {

struct AuditOptions {
    std::vector<std::string> paths;
    std::optional<std::string> jurisdiction;
    std::optional<std::string> revision;
    std::string fail_on = "error";
    std::string as_of;  // empty: today
    DatabaseOption database;
    format::Output output;
};

int run_audit(const AuditOptions& options) {
    if (!options.paths.empty() && (options.revision || options.database.path)) {
        throw UsageError(
            "audit PATH... reads the files given: --revision and --db apply only to "
            "the database");
    }
    const auto fail_on = audit::parse_severity(options.fail_on);
    // Files are read whole; a database's items lean, so that a province's audit fits in memory.
    model::LeanBundle read;
    if (!options.paths.empty()) {
        // Files are audited as they are: schema errors stop the audit, broken references are
        // findings.
        std::vector<Diagnostic> diagnostics;
        read.lists =
            io::read_bundle({options.paths.begin(), options.paths.end()}, schemas(), diagnostics);
        if (!diagnostics.empty()) {
            throw InputError(std::move(diagnostics));
        }
        read.items = model::LeanItems(read.lists);
    } else {
        read = store::read_lean(open_database(options.database), options.revision);
    }
    const model::Bundle& bundle = read.lists;
    auto findings = audit::run(bundle, read.items, {options.as_of});
    if (options.jurisdiction) {
        const auto id = store::jurisdiction_named(bundle, *options.jurisdiction);
        std::erase_if(findings, [&](const auto& f) { return f.jurisdiction != id; });
    }
    const bool failing = std::any_of(findings.begin(), findings.end(),
                                     [&](const auto& f) { return f.severity >= *fail_on; });
    if (format::streams(options.output)) {
        // Each finding written as it is formatted: a province's findings are never all formatted
        // at once.
        format::StreamWriter stream(options.output, format::findings_listing({}, bundle).columns,
                                    std::cout, terminal());
        for (const auto& finding : findings) {
            stream.write(format::finding_record(), finding);
        }
        stream.finish();
    } else {
        print(format::findings_listing(findings, bundle), options.output);
    }
    return failing ? k_exit_findings : k_exit_ok;
}

}  // namespace

void register_audit(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<AuditOptions>();
    auto* command = app.add_subcommand(
        "audit", "Find overlaps, gaps, dropped handovers and broken references in the lists");
    command->add_option("paths", options->paths,
                        "Audit these YAML files or folders instead of the database");
    add_jurisdiction_option(*command, options->jurisdiction, "Only findings of this jurisdiction");
    command->add_option("--revision", options->revision,
                        "Audit this revision label where it exists (default: the latest)");
    command
        ->add_option("--fail-on", options->fail_on,
                     "Exit 1 when a finding of this severity or worse exists")
        ->check(CLI::IsMember({"info", "warning", "error"}))
        ->capture_default_str();
    command
        ->add_option("--as-of", options->as_of,
                     "Check citations against the texts in force on this date, YYYY-MM-DD "
                     "(default: today)")
        ->check(date_validator());
    add_database_option(*command, options->database);
    add_output_option(*command, options->output, format::listing_outputs());
    command->callback([options, &exit_code] { exit_code = run_audit(*options); });
}

}  // namespace lawlist::cli
