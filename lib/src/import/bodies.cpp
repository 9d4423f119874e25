#include "lawlist/import/bodies.hpp"

#include <array>
#include <utility>

#include "lawlist/error.hpp"
#include "lawlist/text/latin.hpp"

namespace lawlist::import_ {
namespace {

constexpr std::size_t k_max_id = 64;

// Keywords of department names, by sector (DOMAIN.md's table and the usual short forms).
constexpr std::array<std::pair<std::string_view, std::string_view>, 30> k_sector_words = {{
    {"城市管理", "urban"},
    {"城管", "urban"},
    {"综合行政执法局", "urban"},
    {"应急", "emergency"},
    {"公安", "police"},
    {"消防", "fire"},
    {"自然资源", "natural-resources"},
    {"国土", "natural-resources"},
    {"生态环境", "ecology"},
    {"环境保护", "ecology"},
    {"住房和城乡建设", "housing"},
    {"住建", "housing"},
    {"市场监督", "market"},
    {"市场监管", "market"},
    {"宗教", "religion"},
    {"人力资源", "hrss"},
    {"人社", "hrss"},
    {"农业农村", "agriculture"},
    {"农业", "agriculture"},
    {"林业", "forestry"},
    {"水利", "water"},
    {"水务", "water"},
    {"教育", "education"},
    {"文化", "culture-tourism"},
    {"旅游", "culture-tourism"},
    {"文旅", "culture-tourism"},
    {"卫生健康", "health"},
    {"卫健", "health"},
    {"交通运输", "transport"},
    {"交通", "transport"},
}};

bool contains(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view without_prefix(std::string_view name, std::string_view prefix) {
    if (!prefix.empty() && name.substr(0, prefix.size()) == prefix) {
        name.remove_prefix(prefix.size());
    }
    for (const std::string_view level : {"县", "区", "市", "镇", "乡", "街道"}) {
        if (name.substr(0, level.size()) == level && name.size() > level.size() + 3) {
            name.remove_prefix(level.size());
            break;
        }
    }
    return name;
}

}  // namespace

std::string pinyin_id(std::string_view name, const std::set<std::string>& taken) {
    // Syllables come out separated by spaces; anything not a letter or digit separates too.
    std::string base;
    bool pending_hyphen = false;
    for (const char c : text::han_latin(name)) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!keep) {
            pending_hyphen = !base.empty();
            continue;
        }
        if (pending_hyphen) {
            base += '-';
            pending_hyphen = false;
        }
        base += c;
    }
    if (base.empty() || !(base[0] >= 'a' && base[0] <= 'z')) {
        base = "body" + (base.empty() ? "" : "-" + base);
    }
    const auto cut = [](std::string id, std::size_t room) {
        while (id.size() > room) {
            const auto hyphen = id.rfind('-', room);
            id.resize(hyphen == std::string::npos || hyphen == 0 ? room : hyphen);
        }
        return id;
    };
    std::string id = cut(base, k_max_id);
    for (int n = 2; taken.count(id) > 0; ++n) {
        const std::string suffix = "-" + std::to_string(n);
        id = cut(base, k_max_id - suffix.size()) + suffix;
    }
    return id;
}

std::optional<std::string> sector_of_name(std::string_view name) {
    std::optional<std::string> found;
    for (const auto& [word, sector] : k_sector_words) {
        if (!contains(name, word)) {
            continue;
        }
        if (found && *found != sector) {
            // 农业农村 and 农业 agree; 文化和旅游 agrees with itself; two sectors do not.
            return std::nullopt;
        }
        found = std::string(sector);
    }
    return found;
}

model::BodyKind kind_of_name(std::string_view name, model::Level level) {
    if (ends_with(name, "办事处")) {
        return model::BodyKind::subdistrict_office;
    }
    if (ends_with(name, "人民政府")) {
        return model::BodyKind::government;
    }
    if (ends_with(name, "中队")) {
        return model::BodyKind::stationed_squad;
    }
    if (level != model::Level::county && ends_with(name, "综合行政执法队")) {
        return model::BodyKind::township_team;
    }
    if (ends_with(name, "执法队") || ends_with(name, "执法大队") || ends_with(name, "执法支队")) {
        return model::BodyKind::sector_team;
    }
    return model::BodyKind::department;
}

const model::Body* match_body(std::string_view name, const std::vector<model::Body>& bodies,
                              std::string_view jurisdiction_name) {
    for (const auto& body : bodies) {
        if (body.id == name || body.name == name) {
            return &body;
        }
    }
    const auto key = without_prefix(name, jurisdiction_name);
    const model::Body* found = nullptr;
    for (const auto& body : bodies) {
        if (without_prefix(body.name, jurisdiction_name) == key) {
            if (found) {
                return nullptr;
            }
            found = &body;
        }
    }
    return found;
}

}  // namespace lawlist::import_
