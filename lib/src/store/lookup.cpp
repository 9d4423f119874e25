#include "lawlist/store/lookup.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lawlist/store/queries.hpp"
#include "lawlist/text/utf8.hpp"
#include "statement.hpp"

namespace lawlist::store {

using detail::handle;

namespace {

constexpr const char* k_default_key = "default_jurisdiction";

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
    throw Error(fmt::format("unknown {} '{}'{}", what, text,
                            near.empty() ? fallback : "; did you mean '" + near.front() + "'?"));
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : ", ") + part;
    }
    return out;
}

}  // namespace

std::vector<Named> jurisdiction_names(const Database& database) {
    Statement st(handle(database), "SELECT id, name FROM jurisdiction ORDER BY id");
    std::vector<Named> out;
    while (st.step()) {
        out.push_back({st.text(0), st.text(1)});
    }
    return out;
}

std::string jurisdiction_named(const std::vector<Named>& loaded, const std::string& text) {
    // An id wins over another jurisdiction's name.
    for (const auto& jurisdiction : loaded) {
        if (jurisdiction.id == text) {
            return jurisdiction.id;
        }
    }
    std::vector<Known> entries;
    std::vector<std::string> ids;
    for (const auto& jurisdiction : loaded) {
        entries.push_back({jurisdiction.id, {jurisdiction.name}});
        ids.push_back(jurisdiction.id);
    }
    return id_named("jurisdiction", text, entries, " (loaded: " + joined(ids) + ")");
}

std::string jurisdiction_named(const Database& database, const std::string& text) {
    return jurisdiction_named(jurisdiction_names(database), text);
}

std::string jurisdiction_named(const model::Bundle& bundle, const std::string& text) {
    std::vector<Named> loaded;
    for (const auto& set : bundle.list_sets) {
        loaded.push_back({set.jurisdiction.id, set.jurisdiction.name});
    }
    return jurisdiction_named(loaded, text);
}

std::string body_id(const Database& database, const std::string& text) {
    std::vector<Known> entries;
    for (const auto& row : bodies(database, {})) {
        entries.push_back({row.body.id, {row.body.name}});
    }
    return id_named("body", text, entries, "; 'lawlist bodies' lists them");
}

std::string violation_type_id(const Database& database, const std::string& text) {
    std::vector<Known> entries;
    std::vector<std::string> named;  // types whose name or alias `text` is
    for (auto& type : violation_types(database, {})) {
        type.aliases.push_back(type.name);
        if (std::find(type.aliases.begin(), type.aliases.end(), text) != type.aliases.end()) {
            named.push_back(type.id);
        }
        entries.push_back({type.id, std::move(type.aliases)});
    }
    if (named.size() > 1) {
        throw Error(fmt::format("'{}' names several violation types: {}", text, joined(named)));
    }
    return id_named("violation type", text, entries, "; 'lawlist types TEXT' searches them");
}

std::string sector_code(const store::Database& database, const std::string& text) {
    std::vector<std::string> known;
    for (const auto& sector : sectors(database)) {
        if (sector.code == text || sector.name == text) {
            return sector.code;
        }
        // 城市管理/综合行政执法局: either name alone.
        std::size_t start = 0;
        while (start <= sector.name.size()) {
            const auto end = std::min(sector.name.find('/', start), sector.name.size());
            if (sector.name.compare(start, end - start, text) == 0 && end > start) {
                return sector.code;
            }
            start = end + 1;
        }
        known.push_back(sector.code);
    }
    const auto near = text::closest(text, known, 1);
    throw Error(near.empty()
                    ? "unknown sector '" + text + "' (known: " + joined(known) + ")"
                    : "unknown sector '" + text + "'; did you mean '" + near.front() + "'?");
}

void check_revision_label(const Database& database, const std::string& label) {
    Statement known(handle(database), "SELECT 1 FROM revision WHERE label = ?1");
    known.bind(1, label);
    if (known.step()) {
        return;
    }
    std::vector<std::string> labels;
    Statement all(handle(database), "SELECT DISTINCT label FROM revision ORDER BY id");
    while (all.step()) {
        labels.push_back(all.text(0));
    }
    const auto near = text::closest(label, labels, 1);
    throw Error(
        near.empty()
            ? fmt::format("no revision labelled '{}' (labels: {})", label, joined(labels))
            : fmt::format("no revision labelled '{}'; did you mean '{}'?", label, near.front()));
}

std::vector<std::int64_t> revisions_in_force(const Database& database, const std::string& date) {
    Statement st(handle(database),
                 "SELECT (SELECT r.id FROM revision r WHERE r.jurisdiction_id = j.id AND "
                 "(r.effective IS NULL OR r.effective <= ?1) ORDER BY coalesce(r.effective, '') "
                 "DESC, r.id DESC LIMIT 1) FROM jurisdiction j ORDER BY j.id");
    st.bind(1, date);
    std::vector<std::int64_t> out;
    while (st.step()) {
        if (!st.is_null(0)) {
            out.push_back(st.integer(0));
        }
    }
    return out;
}

std::string_view to_string(JurisdictionSource source) {
    switch (source) {
        case JurisdictionSource::option:
            return "option";
        case JurisdictionSource::environment:
            return "environment";
        case JurisdictionSource::database:
            return "database";
        case JurisdictionSource::first_township:
            break;
    }
    return "first-township";
}

JurisdictionChoice choose_jurisdiction(const Database& database,
                                       const std::optional<std::string>& option,
                                       const std::optional<std::string>& environment) {
    const auto choice = [&](const std::string& id, JurisdictionSource source) {
        Statement st(handle(database),
                     "SELECT j.name, r.label FROM jurisdiction j LEFT JOIN latest_revision r ON "
                     "r.jurisdiction_id = j.id WHERE j.id = ?1");
        st.bind(1, id);
        if (!st.step()) {
            throw Error(fmt::format("the default jurisdiction '{}' is not loaded", id));
        }
        return JurisdictionChoice{id, st.text(0), st.optional_text(1), source};
    };
    if (option) {
        return choice(jurisdiction_named(database, *option), JurisdictionSource::option);
    }
    if (environment && !environment->empty()) {
        try {
            return choice(jurisdiction_named(database, *environment),
                          JurisdictionSource::environment);
        } catch (const Error& e) {
            throw Error(fmt::format("$LAWLIST_JURISDICTION: {}", e.what()));
        }
    }
    if (const auto stored = default_jurisdiction(database)) {
        return choice(*stored, JurisdictionSource::database);
    }
    Statement first(handle(database),
                    "SELECT j.id FROM jurisdiction j WHERE EXISTS (SELECT 1 FROM revision r WHERE "
                    "r.jurisdiction_id = j.id) ORDER BY CASE j.level WHEN 'township' THEN 0 WHEN "
                    "'subdistrict' THEN 1 ELSE 2 END, j.id LIMIT 1");
    if (!first.step()) {
        throw Error("no jurisdiction is loaded");
    }
    return choice(first.text(0), JurisdictionSource::first_township);
}

std::optional<std::string> default_jurisdiction(const Database& database) {
    return database.meta(k_default_key);
}

void set_default_jurisdiction(Database& database, const std::optional<std::string>& id) {
    database.set_meta(k_default_key, id);
}

}  // namespace lawlist::store
