#pragma once
// The data model of the four lists. A Bundle is what one load reads: the list sets of one or more
// jurisdictions plus shared vocabulary. Every element remembers where it came from (Location),
// so that later checks can point at the offending line.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/error.hpp"

namespace lawlist::model {

// Where an element stands in its source: index into Bundle::files, 0-based line and 0-based
// column counted in characters.
struct Location {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    bool operator==(const Location&) const = default;
};

// An identifier referring to another element, with the place where the reference is written.
struct Ref {
    std::string id;
    Location loc;

    bool operator==(const Ref&) const = default;
};

enum class Level { county, township, subdistrict };

// "county", "township", "subdistrict".
std::string_view to_string(Level level);
// Chinese label: 县, 乡镇, 街道.
std::string_view to_label(Level level);
std::optional<Level> parse_level(std::string_view s);

// The four lists of a list set in published order, then the bodies of its jurisdiction file
// (what a diff's change to a body belongs to). Export and diff name lists with it.
enum class ListKind { power, problem, warning, performance, body };

// "power", "problem", "warning", "performance", "body".
std::string_view to_string(ListKind kind);
// 权责清单, 问题清单, 警示清单, 绩效清单, 执法主体.
std::string_view to_label(ListKind kind);
std::optional<ListKind> parse_list_kind(std::string_view s);

// The 17 sectors of DOMAIN.md (the county departments of a Shahe-style township list), in table
// order: what applies when neither a load nor the database carries a sectors vocabulary.
const std::vector<std::string>& sector_codes();
// The department one of those 17 codes stands for (e.g. "natural-resources" → 规划和自然资源局);
// empty for any other code.
std::string_view sector_label(std::string_view code);

// What a body is: a county department, a county sector enforcement team, a township's
// comprehensive enforcement team, a squad a department stations in a township, a (township or
// county) people's government, a subdistrict office.
enum class BodyKind {
    department,
    sector_team,
    township_team,
    stationed_squad,
    government,
    subdistrict_office
};

// As lists and the database spell it: "department", "sector-team", "township-team",
// "stationed-squad", "government", "subdistrict-office".
std::string_view to_string(BodyKind kind);
// As published lists name it: 县级部门, 县级行业执法队伍, 综合行政执法队, 派驻中队, 人民政府,
// 街道办事处.
std::string_view to_label(BodyKind kind);
std::optional<BodyKind> parse_body_kind(std::string_view s);

// One entry of the sectors vocabulary (行业领域): a code lists use and the department it names.
struct Sector {
    std::string code;
    std::string name;
    Location loc;

    bool operator==(const Sector&) const = default;
};

// Item category (事项类别): the national ten, in their customary order.
enum class Category {
    licensing,     // 行政许可
    penalty,       // 行政处罚
    coercion,      // 行政强制
    levy,          // 行政征收
    benefit,       // 行政给付
    inspection,    // 行政检查
    confirmation,  // 行政确认
    reward,        // 行政奖励
    adjudication,  // 行政裁决
    other          // 其他行政权力
};

// Lists, the database and published output all spell a category by its Chinese name
// (行政处罚), so to_string and to_label agree.
std::string_view to_string(Category category);
std::string_view to_label(Category category);
std::optional<Category> parse_category(std::string_view s);
// The ten names (to_string of each category), in order: the choices a user may type.
const std::vector<std::string>& categories();

// How a county power reaches a township: by grant (赋权, exercised in the township's name) or by
// entrustment (委托, exercised in the name of the county department that entrusts it).
enum class DelegationMode { grant, entrustment };

// Lists, the database and published output spell it 赋权 or 委托 (to_string = to_label).
std::string_view to_string(DelegationMode mode);
std::string_view to_label(DelegationMode mode);
std::optional<DelegationMode> parse_delegation_mode(std::string_view s);

// How a performance metric's value compares with its target.
enum class Comparison { at_least, at_most };

// "at-least", "at-most".
std::string_view to_string(Comparison comparison);
// As published in words: 不低于, 不超过.
std::string_view to_label(Comparison comparison);
// As published before a number: ≥, ≤.
std::string_view to_sign(Comparison comparison);
std::optional<Comparison> parse_comparison(std::string_view s);

// A body (主体): a government, a subdistrict office or a department, in whose name items are
// exercised (实施主体), or a team or squad that does the work (承办机构).
struct Body {
    std::string id;
    std::string name;
    BodyKind kind = BodyKind::department;
    std::optional<std::string> sector;  // none for a team spanning sectors
    Location sector_loc;
    std::optional<Ref> parent;
    std::optional<std::string> remarks;
    Location loc;

    bool operator==(const Body&) const = default;
};

struct Jurisdiction {
    std::string id;
    std::string name;
    Level level = Level::county;
    std::optional<Ref> parent;  // the county of a township or sub-district
    std::optional<std::string> revision;
    std::optional<std::string> effective;
    std::vector<Body> bodies;
    Location loc;

    bool operator==(const Jurisdiction&) const = default;
};

// One legal basis: 《law》第N条[第N款][第N项].
struct LegalBasis {
    std::string law;
    int article = 0;
    std::optional<int> paragraph;
    std::optional<int> item;
    // The version cited, by its id in the law registry; none: the one in force on the list set's
    // effective date.
    std::optional<std::string> version;

    // The citation as printed in published lists: 《中华人民共和国土地管理法》第七十七条第一款.
    std::string citation() const;

    bool operator==(const LegalBasis&) const = default;
};

// An item a township exercises on behalf of a county body.
struct Delegation {
    Ref from;  // originating county body
    DelegationMode mode = DelegationMode::grant;
    Ref item;  // code of the item on the county list

    bool operator==(const Delegation&) const = default;
};

// A county item's grant to one township.
struct DelegatedTo {
    Ref jurisdiction;
    DelegationMode mode = DelegationMode::grant;

    bool operator==(const DelegatedTo&) const = default;
};

// One power of one body (an item on the power/responsibility list).
struct Item {
    std::string code;
    std::string name;
    Category category = Category::penalty;
    std::string sector;
    Location sector_loc;
    Ref body;  // the legal subject (实施主体), written `subject:` (formerly `body:`)
    std::optional<Ref> unit;  // who does the work (承办机构); none: the subject itself
    std::optional<Delegation> delegation;
    std::vector<DelegatedTo> delegated_to;
    std::vector<LegalBasis> basis;
    std::vector<Ref> violation_types;
    std::optional<std::string> remarks;
    Location loc;

    bool operator==(const Item&) const = default;
};

// A recurring problem with one lead body and cooperating bodies.
struct Problem {
    std::string code;
    std::string name;
    std::optional<std::string> description;
    std::vector<Ref> violation_types;
    std::vector<Ref> items;
    Ref lead;
    std::vector<Ref> cooperating;
    Location loc;

    bool operator==(const Problem&) const = default;
};

// A consequence announced for failing to act.
struct Warning {
    std::string code;
    std::string situation;
    std::vector<Ref> applies_to;
    std::string consequence;
    std::vector<LegalBasis> basis;
    Location loc;

    bool operator==(const Warning&) const = default;
};

// A performance metric: who assesses whom on what, against which target.
struct Metric {
    std::string code;
    std::string name;
    std::optional<std::string> description;
    Comparison comparison = Comparison::at_least;
    double value = 0;
    std::string unit;
    double weight = 0;
    Ref assessor;
    std::vector<Ref> assessed;
    Location loc;

    bool operator==(const Metric&) const = default;
};

// A type of violation that items and problems refer to, with how people describe it.
struct ViolationType {
    std::string id;
    std::string name;
    std::string sector;
    Location sector_loc;
    std::vector<std::string> aliases;
    // Whole incident reports written for this type: what the classifier learns from.
    std::vector<std::string> examples;
    std::optional<std::string> description;
    Location loc;

    bool operator==(const ViolationType&) const = default;
};

// An article of a law's previous version and the article that carries it in a new version.
struct ArticleMove {
    int from = 0;
    std::optional<int> to;  // none: no counterpart in the new version

    bool operator==(const ArticleMove&) const = default;
};

// One version of a law: when it was adopted and came into force.
struct LawVersion {
    std::string id;                       // what citations name, e.g. "2024"
    std::optional<std::string> label;     // e.g. 2024年修订
    std::string adopted;                  // YYYY-MM-DD
    std::string effective;                // YYYY-MM-DD
    std::vector<ArticleMove> renumbered;  // from the previous version
    Location loc;

    // The label, or the id when there is none.
    std::string_view title() const { return label ? std::string_view(*label) : id; }

    bool operator==(const LawVersion&) const = default;
};

// A law or regulation in the registry, its versions in the order they came into force.
struct Law {
    std::string name;
    std::vector<LawVersion> versions;
    Location loc;

    // The version in force on `date` (YYYY-MM-DD): the last whose effective date is not after it;
    // null when none was in force yet.
    const LawVersion* in_force(std::string_view date) const;
    // The version called `id`, or null.
    const LawVersion* find_version(std::string_view id) const;
    // Where `article` of version `from` (an index into versions) stands in version `to`: the chain
    // of renumberings between them; none when an article has no counterpart.
    std::optional<int> article_in(int article, std::size_t from, std::size_t to) const;

    bool operator==(const Law&) const = default;
};

// All lists of one jurisdiction as read in one load.
struct ListSet {
    Jurisdiction jurisdiction;
    std::vector<Item> items;
    std::vector<Problem> problems;
    std::vector<Warning> warnings;
    std::vector<Metric> metrics;
    std::vector<std::uint32_t> files;  // indexes into Bundle::files, jurisdiction file first
    std::string source_hash;           // SHA-256 over the files' bytes, hex

    bool operator==(const ListSet&) const = default;
};

// A source file as read, kept so that diagnostics can quote its lines.
struct SourceText {
    std::string path;
    std::string contents;

    // Line `line0` (0-based) of the contents without its line break; empty past the end. The
    // first call indexes the line starts, so that quoting many lines stays linear.
    std::string_view line(std::size_t line0) const;

    // A diagnostic at `loc` of this text (its file index aside), with the offending line quoted
    // and the column in characters.
    Diagnostic diagnostic(const Location& loc, std::string message) const;

    mutable std::vector<std::size_t> line_starts = {};  // filled by line()

    // Same path and contents (line_starts is a cache).
    bool operator==(const SourceText& other) const {
        return path == other.path && contents == other.contents;
    }
};

// What one load reads.
struct Bundle {
    std::vector<SourceText> files;
    std::vector<ListSet> list_sets;
    std::vector<ViolationType> violation_types;
    std::vector<Law> laws;  // the law registry
    // The sectors vocabulary, when the load carries one.
    std::vector<Sector> sectors;
    // Reports no list covers (consultations, private disputes...), when the load carries them.
    std::optional<std::vector<std::string>> out_of_scope;
    std::string vocabulary_hash;  // SHA-256 over the vocabulary files, empty when there are none

    const ListSet* find(std::string_view jurisdiction_id) const;
    // The registry's law of that name, or null.
    const Law* find_law(std::string_view name) const;

    // A diagnostic at `loc`, with the offending line quoted and the column in characters.
    Diagnostic diagnostic(const Location& loc, std::string message) const;

    bool operator==(const Bundle&) const = default;
};

// A diagnostic at 0-based character column `column` of 0-based line `line0` of `contents`.
Diagnostic make_diagnostic(const std::string& path, std::string_view contents, std::size_t line0,
                           std::size_t column, std::string message);

}  // namespace lawlist::model
