#pragma once
// Who acts on a violation type in a jurisdiction: the routing rule of the reform lists.
//   清单内事项网格巡、平台转、乡街办；清单外事项网格报、平台派、行业办.
// An item on the township's list → its team (route township); off the list but held by a county
// body → that department (route department); named by a problem-list entry → its lead with the
// cooperating bodies (route joint, 一门主责、其他配合); held by nobody → unassigned (a gap).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/model/model.hpp"

namespace lawlist::resolve {

enum class Route { township, department, joint, unassigned };

// "township", "department", "joint", "unassigned".
std::string_view to_string(Route route);
// The platform's words: 乡街办, 行业办, 联合执法, 无主.
std::string_view to_label(Route route);

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
    std::string category;
    std::string sector;
    BodyInfo body;
    std::optional<BodyInfo> origin;   // the county body a township item is delegated from
    std::optional<std::string> mode;  // 赋权 or 委托
    std::vector<std::string> basis;   // citations
    std::string source;               // path:line
};

struct Resolution {
    std::string jurisdiction;
    std::string violation_type;
    std::string violation_type_name;
    std::string sector;
    Route route = Route::unassigned;
    std::optional<BodyInfo> handler;  // who receives the case
    std::optional<BodyInfo> lead;     // joint matters
    std::vector<BodyInfo> cooperating;
    std::vector<ItemInfo> items;  // the items that apply, the handler's first
    std::optional<std::string> problem_code;
    std::optional<std::string> problem_name;
};

class Resolver {
  public:
    // Indexes `bundle`, which must outlive the resolver.
    explicit Resolver(const model::Bundle& bundle);
    ~Resolver();
    Resolver(Resolver&&) noexcept;
    Resolver& operator=(Resolver&&) = delete;

    // Resolves `violation_type` (an id, a formal name or an alias that names one type) in
    // `jurisdiction`. Throws lawlist::Error for unknown ids, suggesting the closest ones.
    Resolution resolve(const std::string& jurisdiction, const std::string& violation_type) const;

    // The jurisdiction used when none is given: the first township, else sub-district, else county.
    std::string default_jurisdiction() const;

    // The violation type id that `text` names (id, formal name or unique alias), or throws.
    const model::ViolationType& violation_type(const std::string& text) const;

    const model::Bundle& bundle() const { return m_bundle; }

  private:
    struct Index;

    BodyInfo body(const std::string& id) const;
    std::uint32_t holding(const std::string& jurisdiction) const;

    const model::Bundle& m_bundle;
    std::unique_ptr<const Index> m_index;
};

// The machine form of a resolution (stable field names; see README).
nlohmann::ordered_json to_json(const Resolution& resolution);
nlohmann::ordered_json to_json(const BodyInfo& body);

}  // namespace lawlist::resolve
