#include "lawlist/model/references.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "lawlist/text/utf8.hpp"

namespace lawlist::model {
// Resolves references against the bundle first, then against what is already loaded.
class ReferenceChecker::Impl {
  public:
    Impl(const Bundle& bundle, const KnownWorld& known) : m_bundle(bundle), m_known(known) {
        for (const auto& [id, info] : known.jurisdictions) {
            m_levels[id] = {info.level, info.parent};
        }
        for (const auto& [id, jurisdiction] : known.bodies) {
            m_body_home[id] = jurisdiction;
        }
        for (const auto& set : bundle.list_sets) {
            const auto& j = set.jurisdiction;
            m_levels[j.id] = {j.level, j.parent ? std::optional(j.parent->id) : std::nullopt};
            // A jurisdiction in the bundle replaces its loaded bodies.
            std::erase_if(m_body_home, [&](const auto& entry) { return entry.second == j.id; });
        }
        for (const auto& id : known.violation_types) {
            m_violation_types.insert(id);
        }
        // The sectors loaded before and those of this load; the 17 defaults when neither has any.
        m_sectors.insert(known.sectors.begin(), known.sectors.end());
        for (const auto& sector : bundle.sectors) {
            m_sectors.insert(sector.code);
        }
        if (m_sectors.empty()) {
            m_sectors.insert(sector_codes().begin(), sector_codes().end());
        }
    }

    // The vocabulary and every jurisdiction of the bundle.
    void check_head() {
        check_vocabulary();
        for (const auto& set : m_bundle.list_sets) {
            check_bodies(set);
        }
        for (const auto& set : m_bundle.list_sets) {
            check_jurisdiction(set);
        }
    }

    void check_lists(const ListSet& set) {
        codes_of(set.jurisdiction.id);  // kept for its townships once the lists are dropped
        check_items(set);
        check_problems(set);
        check_warnings(set);
        check_metrics(set);
    }

  private:
    struct LevelInfo {
        Level level;
        std::optional<std::string> parent;
    };

    void error(const Location& loc, std::string message) {
        m_found.emplace_back(loc, std::move(message));
    }

    std::string line_of(const Location& loc) const {
        return fmt::format("{}:{}", m_bundle.files[loc.file].path, loc.line + 1);
    }

    template <typename Map>
    std::string suggest(const std::string& id, const Map& known) const {
        std::vector<std::string> ids;
        ids.reserve(known.size());
        for (const auto& entry : known) {
            if constexpr (std::is_same_v<typename Map::value_type, std::string>) {
                ids.push_back(entry);
            } else {
                ids.push_back(entry.first);
            }
        }
        const auto near = text::closest(id, ids, 1);
        return near.empty() ? "" : fmt::format("; did you mean '{}'?", near.front());
    }

    void check_sector(const std::string& code, const Location& loc) {
        if (!m_sectors.contains(code)) {
            error(loc, fmt::format("unknown sector '{}'{}", code, suggest(code, m_sectors)));
        }
    }

    void check_vocabulary() {
        std::unordered_map<std::string, Location> sectors;
        for (const auto& sector : m_bundle.sectors) {
            const auto [it, fresh] = sectors.emplace(sector.code, sector.loc);
            if (!fresh) {
                error(sector.loc, fmt::format("duplicate sector '{}' (first at {})", sector.code,
                                              line_of(it->second)));
            }
        }
        std::unordered_map<std::string, Location> seen;
        for (const auto& type : m_bundle.violation_types) {
            check_sector(type.sector, type.sector_loc);
            const auto [it, fresh] = seen.emplace(type.id, type.loc);
            if (!fresh) {
                error(type.loc, fmt::format("duplicate violation type '{}' (first at {})", type.id,
                                            line_of(it->second)));
            }
            m_violation_types.insert(type.id);
        }
    }

    void check_bodies(const ListSet& set) {
        for (const auto& body : set.jurisdiction.bodies) {
            if (body.sector) {
                check_sector(*body.sector, body.sector_loc);
            }
            const auto [it, fresh] = m_body_home.emplace(body.id, set.jurisdiction.id);
            if (!fresh) {
                const auto first = m_body_loc.find(body.id);
                error(body.loc,
                      first == m_body_loc.end()
                          ? fmt::format("body id '{}' is already used by {}", body.id, it->second)
                          : fmt::format("duplicate body id '{}' (first at {})", body.id,
                                        line_of(first->second)));
                continue;
            }
            m_body_loc.emplace(body.id, body.loc);
        }
    }

    void check_body_ref(const Ref& ref) {
        if (!m_body_home.contains(ref.id)) {
            error(ref.loc,
                  fmt::format("unknown body '{}'{}", ref.id, suggest(ref.id, m_body_home)));
        }
    }

    void check_violation_type_ref(const Ref& ref) {
        if (!m_violation_types.contains(ref.id)) {
            error(ref.loc, fmt::format("unknown violation type '{}'{}", ref.id,
                                       suggest(ref.id, m_violation_types)));
        }
    }

    void check_jurisdiction(const ListSet& set) {
        const auto& j = set.jurisdiction;
        if (j.level == Level::county) {
            if (j.parent) {
                error(j.parent->loc, fmt::format("county '{}' cannot have a parent", j.id));
            }
        } else if (!j.parent) {
            error(j.loc, fmt::format("{} '{}' needs a parent county", to_string(j.level), j.id));
        } else if (const auto it = m_levels.find(j.parent->id); it == m_levels.end()) {
            error(j.parent->loc, fmt::format("unknown jurisdiction '{}'{}", j.parent->id,
                                             suggest(j.parent->id, m_levels)));
        } else if (it->second.level != Level::county) {
            error(j.parent->loc, fmt::format("parent '{}' is a {}, not a county", j.parent->id,
                                             to_string(it->second.level)));
        }
        for (const auto& body : j.bodies) {
            if (body.parent) {
                check_body_ref(*body.parent);
            }
        }
    }

    // Item codes of a jurisdiction: from the bundle when it is there, else from the database.
    const std::unordered_set<std::string>* codes_of(const std::string& jurisdiction) {
        if (const auto it = m_codes.find(jurisdiction); it != m_codes.end()) {
            return &it->second;
        }
        if (const ListSet* set = m_bundle.find(jurisdiction)) {
            auto& codes = m_codes[jurisdiction];
            for (const auto& item : set->items) {
                codes.insert(item.code);
            }
            return &codes;
        }
        if (const auto it = m_known.items.find(jurisdiction); it != m_known.items.end()) {
            return &it->second;
        }
        return nullptr;
    }

    void check_items(const ListSet& set) {
        const auto& j = set.jurisdiction;
        std::unordered_map<std::string, Location> seen;
        for (const auto& item : set.items) {
            if (const auto [it, fresh] = seen.emplace(item.code, item.loc); !fresh) {
                error(item.loc, fmt::format("duplicate item code '{}' (first at {})", item.code,
                                            line_of(it->second)));
            }
            // Under 委托 the subject is the county department; a squad the county stations in
            // the township may do the work.
            const bool entrusted =
                item.delegation && item.delegation->mode == DelegationMode::entrustment;
            const std::string* county = entrusted && j.parent ? &j.parent->id : nullptr;
            check_item_body(item.body, j.id, county, "subject");
            if (item.unit) {
                check_item_body(*item.unit, j.id, j.parent ? &j.parent->id : nullptr, "unit");
            }
            check_sector(item.sector, item.sector_loc);
            for (const auto& type : item.violation_types) {
                check_violation_type_ref(type);
            }
            if (item.delegation) {
                check_delegation(j, *item.delegation);
                check_entrustment(item, item.delegation->mode, item.delegation->from.loc);
            }
            std::unordered_set<std::string> targets;
            for (const auto& to : item.delegated_to) {
                check_delegated_to(j, to, targets);
                check_entrustment(item, to.mode, to.jurisdiction.loc);
            }
        }
    }

    void check_item_body(const Ref& ref, const std::string& own, const std::string* county,
                         const char* role) {
        const auto home = m_body_home.find(ref.id);
        if (home == m_body_home.end()) {
            check_body_ref(ref);
        } else if (home->second != own && (!county || home->second != *county)) {
            error(ref.loc,
                  fmt::format("{} '{}' belongs to {}, not to {}{}", role, ref.id, home->second, own,
                              county ? fmt::format(" or {}", *county) : ""));
        }
    }

    // 行政强制法 第十七条: the power of coercive measures cannot be entrusted; only a grant
    // (赋权) can hand it down.
    void check_entrustment(const Item& item, DelegationMode mode, const Location& loc) {
        if (item.category == Category::coercion && mode == DelegationMode::entrustment) {
            error(loc, fmt::format("coercive measure '{}' cannot be entrusted (委托): 行政强制法 "
                                   "第十七条 forbids it; hand it down by grant (赋权)",
                                   item.code));
        }
    }

    void check_delegation(const Jurisdiction& j, const Delegation& d) {
        if (j.level == Level::county || !j.parent) {
            error(d.from.loc,
                  "only a township or sub-district item can be delegated from a county");
            return;
        }
        const std::string& county = j.parent->id;
        if (const auto home = m_body_home.find(d.from.id); home == m_body_home.end()) {
            check_body_ref(d.from);
        } else if (home->second != county) {
            error(d.from.loc, fmt::format("delegation from '{}', which is not a body of {} (it "
                                          "belongs to {})",
                                          d.from.id, county, home->second));
        }
        if (const auto* codes = codes_of(county); codes && !codes->contains(d.item.id)) {
            error(d.item.loc,
                  fmt::format("delegated item '{}' is not on the list of {}", d.item.id, county));
        }
    }

    void check_delegated_to(const Jurisdiction& j, const DelegatedTo& to,
                            std::unordered_set<std::string>& targets) {
        if (j.level != Level::county) {
            error(to.jurisdiction.loc, "only a county item can be delegated to a township");
            return;
        }
        if (!targets.insert(to.jurisdiction.id).second) {
            error(to.jurisdiction.loc,
                  fmt::format("'{}' is listed twice in delegated_to", to.jurisdiction.id));
            return;
        }
        const auto it = m_levels.find(to.jurisdiction.id);
        if (it == m_levels.end()) {
            error(to.jurisdiction.loc,
                  fmt::format("unknown jurisdiction '{}'{}", to.jurisdiction.id,
                              suggest(to.jurisdiction.id, m_levels)));
        } else if (it->second.parent != j.id) {
            error(to.jurisdiction.loc, fmt::format("'{}' is not a township or sub-district of {}",
                                                   to.jurisdiction.id, j.id));
        }
    }

    template <typename Entry>
    void check_codes(const std::vector<Entry>& entries) {
        std::unordered_map<std::string, Location> seen;
        for (const auto& entry : entries) {
            if (const auto [it, fresh] = seen.emplace(entry.code, entry.loc); !fresh) {
                error(entry.loc, fmt::format("duplicate code '{}' (first at {})", entry.code,
                                             line_of(it->second)));
            }
        }
    }

    void check_problems(const ListSet& set) {
        check_codes(set.problems);
        const auto& j = set.jurisdiction;
        for (const auto& problem : set.problems) {
            for (const auto& type : problem.violation_types) {
                check_violation_type_ref(type);
            }
            check_body_ref(problem.lead);
            for (const auto& body : problem.cooperating) {
                check_body_ref(body);
                if (body.id == problem.lead.id) {
                    error(body.loc,
                          fmt::format("'{}' is the lead; it cannot also cooperate", body.id));
                }
            }
            const auto* own = codes_of(j.id);
            const auto* county = j.parent ? codes_of(j.parent->id) : nullptr;
            for (const auto& item : problem.items) {
                const bool found =
                    (own && own->contains(item.id)) || (county && county->contains(item.id));
                if (!found) {
                    error(item.loc,
                          fmt::format("unknown item '{}' (not on the list of {}{})", item.id, j.id,
                                      j.parent ? " or " + j.parent->id : ""));
                }
            }
        }
    }

    void check_warnings(const ListSet& set) {
        check_codes(set.warnings);
        for (const auto& warning : set.warnings) {
            for (const auto& body : warning.applies_to) {
                check_body_ref(body);
            }
        }
    }

    void check_metrics(const ListSet& set) {
        check_codes(set.metrics);
        for (const auto& metric : set.metrics) {
            check_body_ref(metric.assessor);
            for (const auto& body : metric.assessed) {
                check_body_ref(body);
            }
        }
    }

  public:
    bool found() const { return !m_found.empty() || !m_made.empty(); }

    // Makes the diagnostics of what was found so far, while their files are at hand.
    void settle() {
        for (auto& [loc, message] : m_found) {
            m_made.emplace_back(loc, m_bundle.diagnostic(loc, std::move(message)));
        }
        m_found.clear();
    }

    // Appends what was found to `out` in source order.
    void flush(std::vector<Diagnostic>& out) {
        settle();
        std::stable_sort(m_made.begin(), m_made.end(), [](const auto& a, const auto& b) {
            return std::tie(a.first.file, a.first.line, a.first.column) <
                   std::tie(b.first.file, b.first.line, b.first.column);
        });
        for (auto& [loc, diagnostic] : m_made) {
            out.push_back(std::move(diagnostic));
        }
        m_made.clear();
    }

  private:
    const Bundle& m_bundle;
    const KnownWorld& m_known;
    std::vector<std::pair<Location, std::string>> m_found;
    std::vector<std::pair<Location, Diagnostic>> m_made;
    std::unordered_map<std::string, LevelInfo> m_levels;
    std::unordered_map<std::string, std::string> m_body_home;
    std::unordered_map<std::string, Location> m_body_loc;
    std::unordered_set<std::string> m_violation_types;
    std::set<std::string> m_sectors;  // ordered, so that suggestions do not depend on hashing
    std::unordered_map<std::string, std::unordered_set<std::string>> m_codes;
};

ReferenceChecker::ReferenceChecker(const Bundle& bundle, const KnownWorld& known)
    : m_impl(std::make_unique<Impl>(bundle, known)) {
    m_impl->check_head();
}

ReferenceChecker::~ReferenceChecker() = default;

void ReferenceChecker::check_lists(const ListSet& set) {
    m_impl->check_lists(set);
}

bool ReferenceChecker::found() const {
    return m_impl->found();
}

void ReferenceChecker::settle() {
    m_impl->settle();
}

void ReferenceChecker::finish(std::vector<Diagnostic>& diagnostics) {
    m_impl->flush(diagnostics);
}

void check_references(const Bundle& bundle, const KnownWorld& known,
                      std::vector<Diagnostic>& diagnostics) {
    ReferenceChecker checker(bundle, known);
    for (const auto& set : bundle.list_sets) {
        checker.check_lists(set);
    }
    checker.finish(diagnostics);
}

}  // namespace lawlist::model
