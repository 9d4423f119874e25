#include "lawlist/diff/sides.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "lawlist/error.hpp"
#include "lawlist/io/reader.hpp"
#include "lawlist/store/queries.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::diff {
namespace {

// Locations of elements copied from another bundle point into that bundle's files; `shift`
// re-points them at the copies of those files appended to the receiving bundle.
struct Shift {
    std::uint32_t by = 0;

    void operator()(model::Location& loc) const { loc.file += by; }
    void operator()(model::Ref& ref) const { (*this)(ref.loc); }
    void operator()(std::optional<model::Ref>& ref) const {
        if (ref) {
            (*this)(*ref);
        }
    }
    void operator()(std::vector<model::Ref>& refs) const {
        for (auto& r : refs) {
            (*this)(r);
        }
    }

    void operator()(model::ListSet& set) const {
        auto& j = set.jurisdiction;
        (*this)(j.loc);
        (*this)(j.parent);
        for (auto& b : j.bodies) {
            (*this)(b.loc);
            (*this)(b.parent);
        }
        for (auto& i : set.items) {
            (*this)(i.loc);
            (*this)(i.body);
            if (i.delegation) {
                (*this)(i.delegation->from);
                (*this)(i.delegation->item);
            }
            for (auto& d : i.delegated_to) {
                (*this)(d.jurisdiction);
            }
            (*this)(i.violation_types);
        }
        for (auto& p : set.problems) {
            (*this)(p.loc);
            (*this)(p.violation_types);
            (*this)(p.items);
            (*this)(p.lead);
            (*this)(p.cooperating);
        }
        for (auto& w : set.warnings) {
            (*this)(w.loc);
            (*this)(w.applies_to);
        }
        for (auto& m : set.metrics) {
            (*this)(m.loc);
            (*this)(m.assessor);
            (*this)(m.assessed);
        }
        for (auto& f : set.files) {
            f += by;
        }
    }
};

std::vector<std::string> labels(const std::vector<store::RevisionInfo>& revisions) {
    std::vector<std::string> out;
    for (const auto& r : revisions) {
        if (std::find(out.begin(), out.end(), r.label) == out.end()) {
            out.push_back(r.label);
        }
    }
    return out;
}

}  // namespace

model::Bundle read_revision(const store::Database& database, const std::string& label) {
    const auto revisions = store::revisions(database);
    std::int64_t cutoff = -1;
    for (const auto& r : revisions) {
        if (r.label == label) {
            cutoff = std::max(cutoff, r.id);
        }
    }
    if (cutoff < 0) {
        const auto known = labels(revisions);
        const auto near = text::closest(label, known, 1);
        std::string list;
        for (const auto& l : known) {
            list += (list.empty() ? "" : ", ") + l;
        }
        throw Error(near.empty()
                        ? "unknown revision '" + label + "' (loaded: " + list + ")"
                        : "unknown revision '" + label + "'; did you mean '" + near.front() + "'?");
    }
    // Per jurisdiction: its revision of that label, else its newest one loaded before.
    std::map<std::string, std::pair<std::int64_t, bool>> chosen;  // → id, labelled
    for (const auto& r : revisions) {
        auto& c = chosen.try_emplace(r.jurisdiction, -1, false).first->second;
        if (r.label == label) {
            c = {std::max(c.second ? c.first : -1, r.id), true};
        } else if (!c.second && r.id < cutoff) {
            c.first = std::max(c.first, r.id);
        }
    }
    std::vector<std::int64_t> ids;
    for (const auto& [jurisdiction, c] : chosen) {
        if (c.first >= 0) {
            ids.push_back(c.first);
        }
    }
    return database.read_revisions(ids);
}

std::pair<model::Bundle, model::Bundle> read_previous_and_latest(const store::Database& database) {
    std::map<std::string, std::vector<std::int64_t>> by_jurisdiction;
    for (const auto& r : store::revisions(database)) {
        by_jurisdiction[r.jurisdiction].push_back(r.id);
    }
    std::vector<std::int64_t> previous;
    std::vector<std::int64_t> latest;
    for (auto& [jurisdiction, ids] : by_jurisdiction) {
        std::sort(ids.begin(), ids.end());
        latest.push_back(ids.back());
        previous.push_back(ids.size() >= 2 ? ids[ids.size() - 2] : ids.back());
    }
    return {database.read_revisions(previous), database.read_revisions(latest)};
}

void complete(model::Bundle& files_side, const model::Bundle& other) {
    std::set<std::string> present;
    for (const auto& s : files_side.list_sets) {
        present.insert(s.jurisdiction.id);
    }
    const Shift shift{static_cast<std::uint32_t>(files_side.files.size())};
    bool copied = false;
    for (const auto& s : other.list_sets) {
        if (!present.contains(s.jurisdiction.id)) {
            auto copy = s;
            shift(copy);
            files_side.list_sets.push_back(std::move(copy));
            copied = true;
        }
    }
    if (files_side.violation_types.empty() && !other.violation_types.empty()) {
        for (auto t : other.violation_types) {
            shift(t.loc);
            files_side.violation_types.push_back(std::move(t));
        }
        files_side.vocabulary_hash = other.vocabulary_hash;
        if (!files_side.out_of_scope) {
            files_side.out_of_scope = other.out_of_scope;
        }
        copied = true;
    }
    // The law registry and the sectors are vocabulary too: without them a folder side would
    // judge citations and sectors differently from the database side.
    if (files_side.laws.empty() && !other.laws.empty()) {
        for (auto law : other.laws) {
            shift(law.loc);
            files_side.laws.push_back(std::move(law));
        }
        copied = true;
    }
    if (files_side.sectors.empty() && !other.sectors.empty()) {
        for (auto sector : other.sectors) {
            shift(sector.loc);
            files_side.sectors.push_back(std::move(sector));
        }
        copied = true;
    }
    if (copied) {
        files_side.files.insert(files_side.files.end(), other.files.begin(), other.files.end());
    }
    // Counties first, as bundles read from files and from the database order them.
    std::stable_sort(
        files_side.list_sets.begin(), files_side.list_sets.end(),
        [](const model::ListSet& a, const model::ListSet& b) {
            return std::pair(a.jurisdiction.level != model::Level::county, a.jurisdiction.id) <
                   std::pair(b.jurisdiction.level != model::Level::county, b.jurisdiction.id);
        });
}

bool names_files(const std::string& side) {
    if (std::filesystem::exists(side)) {
        return true;
    }
    const std::filesystem::path p(side);
    const auto ext = p.extension().string();
    return side.find('/') != std::string::npos || ext == ".yaml" || ext == ".yml";
}

std::pair<model::Bundle, model::Bundle> read_sides(
    const std::string& old_side, const std::string& new_side, const io::SchemaSet& schemas,
    const std::function<const store::Database&()>& database) {
    auto read = [&](const std::string& side) {
        if (!names_files(side)) {
            return read_revision(database(), side);
        }
        std::vector<Diagnostic> diagnostics;
        auto bundle = io::read_bundle({std::filesystem::path(side)}, schemas, diagnostics);
        if (!diagnostics.empty()) {
            throw InputError(std::move(diagnostics));
        }
        return bundle;
    };
    auto a = read(old_side);
    auto b = read(new_side);
    const bool a_files = names_files(old_side);
    const bool b_files = names_files(new_side);
    if (a_files) {
        complete(a, b);
    }
    if (b_files) {
        complete(b, a);
    }
    if (a.violation_types.empty() && b.violation_types.empty()) {
        model::Bundle vocabulary;
        const auto stored = database().read_revisions({});
        vocabulary.files = stored.files;
        vocabulary.violation_types = stored.violation_types;
        vocabulary.laws = stored.laws;
        vocabulary.sectors = stored.sectors;
        vocabulary.out_of_scope = stored.out_of_scope;
        vocabulary.vocabulary_hash = stored.vocabulary_hash;
        complete(a, vocabulary);
        complete(b, vocabulary);
    }
    return {std::move(a), std::move(b)};
}

}  // namespace lawlist::diff
