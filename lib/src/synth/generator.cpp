#include "synth/generator.hpp"

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::synth {
namespace {

namespace fs = std::filesystem;

// Raw engine output only: standard distributions differ between library implementations.
class Random {
  public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_engine() % n); }
    bool chance(double p) { return static_cast<double>(m_engine() % 1'000'000) < p * 1'000'000; }

  private:
    std::mt19937_64 m_engine;
};

constexpr const char* k_objects[] = {
    "建筑垃圾", "危险废物", "噪声", "扬尘", "油烟",     "计量器具", "食品", "药品",     "林木",
    "河道",     "耕地",     "矿产", "燃气", "消防设施", "特种设备", "农药", "渔业资源", "道路"};
constexpr const char* k_acts[] = {"擅自倾倒", "违规堆放", "未经许可经营", "超标排放",
                                  "擅自占用", "非法采挖", "未按规定登记", "拒不改正"};
constexpr const char* k_laws[] = {"中华人民共和国行政处罚法",     "中华人民共和国土地管理法",
                                  "中华人民共和国大气污染防治法", "中华人民共和国食品安全法",
                                  "中华人民共和国安全生产法",     "中华人民共和国消防法"};

struct Writer {
    Summary summary;

    void write(const fs::path& path, const std::string& text) {
        fs::create_directories(path.parent_path());
        std::ofstream out(path, std::ios::binary);
        out << text;
        if (!out) {
            throw Error(fmt::format("{}: cannot write", path.string()));
        }
        ++summary.files;
        summary.bytes += text.size();
    }
};

// An item in the name of `subject` (实施主体), its work done by `unit` (承办机构) when there is
// one.
std::string item_yaml(const std::string& code, const std::string& name, const char* category,
                      const std::string& sector, const std::string& subject,
                      const std::string& unit, Random& random, const std::string& violation_type,
                      const std::string& extra) {
    return fmt::format(
        "  - code: {}\n    name: {}\n    category: {}\n    sector: {}\n    subject: {}\n{}{}"
        "    basis:\n      - {{law: {}, article: {}}}\n    violation_types: [{}]\n",
        code, name, category, sector, subject,
        unit.empty() ? "" : fmt::format("    unit: {}\n", unit), extra,
        k_laws[random.below(std::size(k_laws))], 1 + random.below(120), violation_type);
}

}  // namespace

// How one county and its townships are named: the first county keeps the plain ids of a
// one-county set (synth-county, dept-N, town-NN), the others prefix theirs (c001-…).
struct CountyIds {
    std::string county;
    std::string county_name;
    std::string prefix;  // of body and township ids
};

// Writes one county with its townships under `dir`.
void generate_county(const Parameters& p, const CountyIds& ids, std::size_t type_count,
                     Random& random, Writer& writer, const fs::path& dir) {
    const auto& sectors = model::sector_codes();

    std::string county = fmt::format(
        "kind: jurisdiction\nid: {}\nname: {}\nlevel: county\n"
        "revision: 合成版\nbodies:\n",
        ids.county, ids.county_name);
    for (std::size_t d = 0; d < p.departments; ++d) {
        county += fmt::format(
            "  - id: {}dept-{}\n    name: {}第{}局\n    kind: department\n"
            "    sector: {}\n",
            ids.prefix, d, ids.county_name, d, sectors[d % sectors.size()]);
    }
    writer.write(dir / "county" / "jurisdiction.yaml", county);

    // Which county items each township holds, decided while the county list is written.
    std::vector<std::string> towns(p.townships);
    std::vector<std::size_t> town_counts(p.townships, 0);
    std::vector<std::string> county_files(p.departments);
    for (std::size_t d = 0; d < p.departments; ++d) {
        county_files[d] = fmt::format("kind: power-list\njurisdiction: {}\nitems:\n", ids.county);
    }
    constexpr const char* k_categories[] = {"行政处罚", "行政处罚", "行政处罚", "行政检查",
                                            "行政强制"};
    for (std::size_t i = 0; i < p.items; ++i) {
        const std::size_t d = i % p.departments;
        const std::string sector = sectors[d % sectors.size()];
        const std::string code = fmt::format("SC-{}-{:06}", d, i);
        const char* category = k_categories[random.below(std::size(k_categories))];
        const std::size_t type = random.below(type_count);
        const std::string name = fmt::format("对{}{}的{}（{}）", k_acts[type % std::size(k_acts)],
                                             k_objects[type % std::size(k_objects)], category, i);
        std::string delegated;
        for (std::size_t k = 0; k < p.townships; ++k) {
            if (!random.chance(p.delegated_share)) {
                continue;
            }
            const char* mode = category == std::string("行政强制") ? "赋权"
                               : random.chance(0.2)                ? "委托"
                                                                   : "赋权";
            delegated += fmt::format("      - {{jurisdiction: {}town-{:02}, mode: {}}}\n",
                                     ids.prefix, k, mode);
            towns[k] +=
                // Granted: in the town government's name; entrusted: in the department's.
                item_yaml(fmt::format("T{:02}-{:06}", k, i), name, category, sector,
                          mode == std::string("委托")
                              ? fmt::format("{}dept-{}", ids.prefix, d)
                              : fmt::format("{}town-{:02}-gov", ids.prefix, k),
                          fmt::format("{}town-{:02}-team", ids.prefix, k), random,
                          fmt::format("vt-{}", type),
                          fmt::format("    delegation: {{from: {}dept-{}, mode: {}, item: {}}}\n",
                                      ids.prefix, d, mode, code));
            ++town_counts[k];
        }
        county_files[d] += item_yaml(
            code, name, category, sector, fmt::format("{}dept-{}", ids.prefix, d), "", random,
            fmt::format("vt-{}", type), delegated.empty() ? "" : "    delegated_to:\n" + delegated);
    }
    for (std::size_t d = 0; d < p.departments; ++d) {
        writer.write(dir / "county" / fmt::format("power-{:02}.yaml", d), county_files[d]);
    }
    writer.summary.county_items += p.items;

    for (std::size_t k = 0; k < p.townships; ++k) {
        const std::string id = fmt::format("{}town-{:02}", ids.prefix, k);
        writer.write(
            dir / fmt::format("town-{:02}", k) / "jurisdiction.yaml",
            fmt::format("kind: jurisdiction\nid: {0}\nname: {3}合成镇{1}\nlevel: township\n"
                        "parent: {2}\nrevision: 合成版\nbodies:\n"
                        "  - id: {0}-gov\n    name: 合成镇{1}人民政府\n"
                        "    kind: government\n"
                        "  - id: {0}-team\n    name: 合成镇{1}综合行政执法队\n"
                        "    kind: township-team\n    parent: {0}-gov\n",
                        id, k, ids.county, ids.county_name == "合成县" ? "" : ids.county_name));
        writer.write(dir / fmt::format("town-{:02}", k) / "power.yaml",
                     fmt::format("kind: power-list\njurisdiction: {}\nitems:{}\n{}", id,
                                 towns[k].empty() ? " []" : "", towns[k]));
        std::string problems = fmt::format("kind: problem-list\njurisdiction: {}\nproblems:\n", id);
        const std::size_t problem_count = std::max<std::size_t>(1, p.items / 100);
        for (std::size_t q = 0; q < problem_count; ++q) {
            problems += fmt::format(
                "  - code: P{:02}-{:04}\n    name: 合成问题{}\n    violation_types: [vt-{}]\n"
                "    lead: {}dept-{}\n    cooperating: [{}-team]\n",
                k, q, q, random.below(type_count), ids.prefix, random.below(p.departments), id);
        }
        writer.write(dir / fmt::format("town-{:02}", k) / "problems.yaml", problems);
        writer.write(dir / fmt::format("town-{:02}", k) / "warnings.yaml",
                     fmt::format("kind: warning-list\njurisdiction: {0}\nwarnings:\n"
                                 "  - code: W{1:02}-1\n    situation: 接到吹哨后未在30分钟内报到\n"
                                 "    applies_to: [{2}dept-0]\n    consequence: 通报批评\n",
                                 id, k, ids.prefix));
        writer.write(
            dir / fmt::format("town-{:02}", k) / "performance.yaml",
            fmt::format("kind: performance-list\njurisdiction: {0}\nmetrics:\n"
                        "  - code: M{1:02}-1\n    name: 吹哨报到及时率\n"
                        "    target: {{comparison: at-least, value: 95, unit: percent}}\n"
                        "    weight: 100\n    assessor: {0}-team\n    assessed: [{2}dept-0]\n",
                        id, k, ids.prefix));
        writer.summary.township_items += town_counts[k];
    }
}

Summary generate(const Parameters& p, const fs::path& dir) {
    if (p.items == 0 || p.departments == 0) {
        throw Error("synthetic list sets need at least one item and one department");
    }
    Random random(p.seed);
    Writer writer;
    const auto& sectors = model::sector_codes();
    const std::size_t type_count = std::max<std::size_t>(1, p.items / 3);

    std::string vocabulary = "kind: violation-types\ntypes:\n";
    for (std::size_t t = 0; t < type_count; ++t) {
        vocabulary += fmt::format(
            "  - id: vt-{}\n    name: {}{}（第{}类）\n    sector: {}\n    aliases: [{}{}, "
            "乱{}{}]\n",
            t, k_acts[t % std::size(k_acts)], k_objects[t % std::size(k_objects)], t,
            sectors[t % sectors.size()], k_objects[t % std::size(k_objects)], t,
            k_objects[(t + 3) % std::size(k_objects)], t);
    }
    writer.write(dir / "vocabulary" / "types.yaml", vocabulary);
    writer.summary.violation_types = type_count;

    for (std::size_t c = 0; c < std::max<std::size_t>(1, p.counties); ++c) {
        const CountyIds ids =
            c == 0 ? CountyIds{"synth-county", "合成县", ""}
                   : CountyIds{fmt::format("c{:03}-county", c), fmt::format("合成{}县", c),
                               fmt::format("c{:03}-", c)};
        generate_county(p, ids, type_count, random, writer,
                        p.counties > 1 ? dir / fmt::format("county-{:03}", c) : dir);
    }
    return writer.summary;
}

}  // namespace lawlist::synth
