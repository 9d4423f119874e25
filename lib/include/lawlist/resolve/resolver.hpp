#pragma once
// Who acts on a violation type in a jurisdiction: the routing rule of the reform lists,
//   清单内事项网格巡、平台转、乡街办；清单外事项网格报、平台派、行业办,
// as the decision table in README ("How resolve routes a case"): who holds penalty or coercive
// power for the type (处罚/强制, what decides a case) at the township and at its county, and
// whether the problem list names two or more bodies holding powers for it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/error.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::resolve {

// township: the township holds the deciding power (清单内，乡街办); department: only the county
// holds it (清单外，行业办); joint: more than one body must act (一门主责、其他配合); transfer: the
// township can only inspect or stop and the county decides (发现制止、移交查处); unassigned:
// nobody.
enum class Route { township, department, joint, transfer, unassigned };

// "township", "department", "joint", "transfer", "unassigned".
std::string_view to_string(Route route);
// The platform's words: 乡街办, 行业办, 联合执法, 发现移交, 无主.
std::string_view to_label(Route route);
// What the route means, as the platform explains it:
// 乡街办（清单内事项：网格巡、平台转、乡街办）...
std::string_view to_description(Route route);

// Whether items of `category` decide a case (行政处罚, 行政强制) rather than inspect it.
bool decides(model::Category category);

struct BodyInfo {
    std::string id;
    std::string name;
    std::string jurisdiction;
    std::optional<std::string> sector;
};

struct ItemInfo {
    std::string jurisdiction;
    std::string code;
    std::string name;
    model::Category category = model::Category::penalty;
    std::string sector;
    BodyInfo subject;                // 实施主体: in whose name the item is exercised
    std::optional<BodyInfo> unit;    // 承办机构: who does the work, when not the subject
    std::optional<BodyInfo> origin;  // the county body a township item is delegated from
    std::optional<model::DelegationMode> mode;
    std::vector<std::string> basis;  // citations
    std::string source;              // path:line
};

struct Resolution {
    std::string jurisdiction;
    std::string violation_type;
    std::string violation_type_name;
    std::string sector;
    Route route = Route::unassigned;
    std::optional<BodyInfo> handler;       // in whose name the case is decided (实施主体)
    std::optional<BodyInfo> handler_unit;  // who does the work for it, when not the handler
    std::optional<BodyInfo> finder;        // transfer: the township unit that discovers and stops
    std::optional<BodyInfo> lead;          // joint matters
    std::vector<BodyInfo> cooperating;
    std::vector<ItemInfo> items;  // the items that apply: the township's, then the county's
    std::optional<std::string> problem_code;
    std::optional<std::string> problem_name;
};

// A violation type id or name that names no loaded type, with the closest ids (none when nothing
// is close): a caller that could read the text otherwise decides whether the hint says more.
class UnknownTypeError : public Error {
  public:
    UnknownTypeError(const std::string& message, std::vector<std::string> suggestions)
        : Error(message), m_suggestions(std::move(suggestions)) {}
    const std::vector<std::string>& suggestions() const { return m_suggestions; }

  private:
    std::vector<std::string> m_suggestions;
};

class Resolver {
  public:
    // Indexes `bundle`, which must outlive the resolver.
    explicit Resolver(const model::Bundle& bundle);
    ~Resolver();
    Resolver(Resolver&&) noexcept;
    Resolver& operator=(Resolver&&) = delete;

    // Resolves `violation_type` (an id, a formal name or an alias that names one type) in
    // `jurisdiction`. Throws lawlist::Error for unknown ids, suggesting the closest ones
    // (UnknownTypeError for a violation type).
    Resolution resolve(const std::string& jurisdiction, const std::string& violation_type) const;

    // The jurisdiction used when none is given: the first township, else sub-district, else county.
    std::string default_jurisdiction() const;

    // The violation type id that `text` names (id, formal name or unique alias). Throws
    // UnknownTypeError when it names none, lawlist::Error when it names several.
    const model::ViolationType& violation_type(const std::string& text) const;

    const model::Bundle& bundle() const { return m_bundle; }

  private:
    struct Index;

    BodyInfo body(const std::string& id) const;

    const model::Bundle& m_bundle;
    std::unique_ptr<const Index> m_index;
};

// The machine form of a resolution (stable field names; see README).
nlohmann::ordered_json to_json(const Resolution& resolution);
nlohmann::ordered_json to_json(const BodyInfo& body);

}  // namespace lawlist::resolve
