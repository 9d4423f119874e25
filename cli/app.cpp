#include "app.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/command_audit.hpp"
#include "commands/command_bodies.hpp"
#include "commands/command_classify.hpp"
#include "commands/command_diff.hpp"
#include "commands/command_eval.hpp"
#include "commands/command_export.hpp"
#include "commands/command_graph.hpp"
#include "commands/command_import.hpp"
#include "commands/command_items.hpp"
#include "commands/command_load.hpp"
#include "commands/command_metrics.hpp"
#include "commands/command_problems.hpp"
#include "commands/command_resolve.hpp"
#include "commands/command_revisions.hpp"
#include "commands/command_summary.hpp"
#include "commands/command_types.hpp"
#include "commands/command_upgrade.hpp"
#include "commands/command_use.hpp"
#include "commands/command_validate.hpp"
#include "commands/command_warnings.hpp"
#include "lawlist/error.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::cli {

int run(int argc, char** argv) {
    CLI::App app{"lawlist: administrative enforcement jurisdiction lists (执法事项清单)",
                 "lawlist"};
    app.require_subcommand(1);
    app.set_version_flag("--version", LAWLIST_VERSION);
    app.footer(
        "Exit codes: 0 ok; 1 the command ran and found something (audit findings, diff "
        "differences, batch records that could not be read); 2 usage or input error, nothing "
        "written.\n"
        "Environment: LAWLIST_DB names the database (default: a per-user database built from "
        "the bundled data); LAWLIST_JURISDICTION the jurisdiction classify, resolve and eval "
        "answer for (see lawlist use).");
    int exit_code = k_exit_ok;
    // One registration per command, in alphabetical order.
    register_audit(app, exit_code);
    register_bodies(app, exit_code);
    register_classify(app, exit_code);
    register_diff(app, exit_code);
    register_eval(app, exit_code);
    register_export(app, exit_code);
    register_graph(app, exit_code);
    register_import(app, exit_code);
    register_items(app, exit_code);
    register_load(app, exit_code);
    register_metrics(app, exit_code);
    register_problems(app, exit_code);
    register_resolve(app, exit_code);
    register_revisions(app, exit_code);
    register_summary(app, exit_code);
    register_types(app, exit_code);
    register_upgrade(app, exit_code);
    register_use(app, exit_code);
    register_validate(app, exit_code);
    register_warnings(app, exit_code);
    // A mistyped command gets a suggestion instead of CLI11's "A subcommand is required".
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> names;
        for (const auto* command : app.get_subcommands({})) {
            names.push_back(command->get_name());
        }
        if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
            const auto near = text::closest(argv[1], names, 1);
            std::cerr << "lawlist: unknown command '" << argv[1] << "'"
                      << (near.empty() ? std::string() : "; did you mean '" + near.front() + "'?")
                      << "\n(run 'lawlist --help' for usage)\n";
            return k_exit_error;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        std::cerr << "lawlist: " << e.what() << "\n(run 'lawlist --help' for usage)\n";
        return k_exit_error;
    } catch (const InputError& e) {
        for (const auto& diagnostic : e.diagnostics()) {
            std::cerr << format_diagnostic(diagnostic);
        }
        const auto n = e.diagnostics().size();
        std::cerr << "lawlist: " << n << (n == 1 ? " error" : " errors")
                  << "; nothing was written\n";
        return k_exit_error;
    } catch (const UsageError& e) {
        std::cerr << "lawlist: " << e.what() << "\n(run 'lawlist --help' for usage)\n";
        return k_exit_error;
    } catch (const Error& e) {
        std::cerr << "lawlist: " << e.what() << '\n';
        return k_exit_error;
    } catch (const std::exception& e) {
        std::cerr << "lawlist: internal error: " << e.what() << '\n';
        return k_exit_error;
    }
    return exit_code;
}

}  // namespace lawlist::cli
