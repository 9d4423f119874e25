#include "lawlist/graph/graph.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>

namespace lawlist::graph {

using BoostGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                          boost::property<boost::edge_index_t, std::size_t>>;

struct JurisdictionGraph::Impl {
    std::vector<Node> nodes;
    std::unordered_map<std::string, std::size_t> jurisdiction_node;
    std::unordered_map<std::string, std::size_t> body_node;
    std::map<std::tuple<std::size_t, std::size_t, EdgeKind>, std::size_t>
        weights;  // ordered: stable output
    BoostGraph graph;
    // The jurisdictions whose problem lists give each cooperation edge.
    std::map<std::pair<std::size_t, std::size_t>, std::set<std::string>> cooperation_scope;

    std::size_t add(Node node) {
        nodes.push_back(std::move(node));
        boost::add_vertex(graph);
        return nodes.size() - 1;
    }

    // Items come in runs of one body (lists are written body by body), so most calls repeat the
    // previous edge of their kind: that one is remembered, and found without a search.
    using Weights = decltype(weights);
    std::array<std::optional<Weights::iterator>, 6> last_edge;  // per EdgeKind

    void connect(std::size_t from, std::size_t to, EdgeKind kind) {
        const auto key = std::make_tuple(from, to, kind);
        auto& last = last_edge[static_cast<std::size_t>(kind)];
        if (last && (*last)->first == key) {
            ++(*last)->second;
            return;
        }
        auto [it, fresh] = weights.emplace(key, 0);
        ++it->second;
        last = it;
        if (fresh) {
            boost::add_edge(from, to, weights.size() - 1, graph);
        }
    }

    std::optional<std::size_t> body(const std::string& id) const {
        const auto it = body_node.find(id);
        return it == body_node.end() ? std::nullopt : std::optional(it->second);
    }
};

JurisdictionGraph::JurisdictionGraph(const model::Bundle& bundle)
    : JurisdictionGraph(bundle, model::LeanItems(bundle)) {}

JurisdictionGraph::JurisdictionGraph(const model::Bundle& bundle, const model::LeanItems& items)
    : m_impl(std::make_unique<Impl>()) {
    Impl& g = *m_impl;
    for (const auto& set : bundle.list_sets) {
        const auto& j = set.jurisdiction;
        g.jurisdiction_node[j.id] = g.add({NodeKind::jurisdiction, j.id, j.name, j.id});
        for (const auto& body : j.bodies) {
            g.body_node.emplace(body.id, g.add({NodeKind::body, body.id, body.name, j.id}));
        }
    }
    // The body node of each symbol the items use, if it names a body.
    std::vector<std::optional<std::size_t>> body_of(items.symbols());
    for (std::size_t s = 1; s < body_of.size(); ++s) {
        body_of[s] = g.body(std::string(items.text(static_cast<model::Symbol>(s))));
    }
    auto node_of = [&](model::Symbol s) { return body_of[s]; };
    for (const auto& set : bundle.list_sets) {
        const auto& j = set.jurisdiction;
        const std::size_t jn = g.jurisdiction_node.at(j.id);
        if (j.parent) {
            if (const auto it = g.jurisdiction_node.find(j.parent->id);
                it != g.jurisdiction_node.end()) {
                g.connect(it->second, jn, EdgeKind::parent_jurisdiction);
            }
        }
        for (const auto& body : j.bodies) {
            if (body.parent) {
                if (const auto parent = g.body(body.parent->id)) {
                    g.connect(*parent, g.body_node.at(body.id), EdgeKind::parent_body);
                }
            }
        }
        for (const auto& item :
             items.sets[static_cast<std::size_t>(&set - bundle.list_sets.data())].items) {
            // The body that does the work (承办机构) is a member; the subject in whose name it is
            // done (实施主体) is too, unless it is the delegating department.
            const auto holder = node_of(item.unit.id ? item.unit.id : item.subject.id);
            if (!holder) {
                continue;
            }
            g.connect(jn, *holder, EdgeKind::member);
            if (item.unit.id && (!item.delegated() || item.from.id != item.subject.id)) {
                if (const auto subject = node_of(item.subject.id)) {
                    g.connect(jn, *subject, EdgeKind::member);
                }
            }
            if (item.delegated()) {
                // 赋权 hands the power to the township in its own name (the subject); 委托 keeps
                // the department's name and reaches the unit entrusted with the work.
                const bool entrusted = item.from.id == item.subject.id;
                const auto target = entrusted ? holder : node_of(item.subject.id);
                const auto origin = node_of(item.from.id);
                if (origin && target) {
                    g.connect(*origin, *target, EdgeKind::delegation);
                }
            }
        }
        for (const auto& problem : set.problems) {
            const auto lead = g.body(problem.lead.id);
            if (lead) {
                g.connect(jn, *lead, EdgeKind::member);
            }
            for (const auto& c : problem.cooperating) {
                if (const auto other = g.body(c.id); other && lead) {
                    g.connect(*lead, *other, EdgeKind::cooperation);
                    g.cooperation_scope[{*lead, *other}].insert(j.id);
                }
            }
        }
        for (const auto& warning : set.warnings) {
            for (const auto& b : warning.applies_to) {
                if (const auto summoned = g.body(b.id)) {
                    g.connect(jn, *summoned, EdgeKind::whistle);
                }
            }
        }
    }
}

JurisdictionGraph::~JurisdictionGraph() = default;
JurisdictionGraph::JurisdictionGraph(JurisdictionGraph&&) noexcept = default;
JurisdictionGraph& JurisdictionGraph::operator=(JurisdictionGraph&&) noexcept = default;

const std::vector<Node>& JurisdictionGraph::nodes() const {
    return m_impl->nodes;
}

std::vector<Edge> JurisdictionGraph::edges() const {
    std::vector<Edge> out;
    for (const auto& [key, weight] : m_impl->weights) {
        out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), weight});
    }
    return out;
}

std::vector<std::vector<std::string>> JurisdictionGraph::cycles() const {
    const Impl& g = *m_impl;
    // Only the edges along which powers and membership flow can form a cycle that matters.
    BoostGraph flow(g.nodes.size());
    std::vector<bool> self_loop(g.nodes.size(), false);
    for (const auto& [key, weight] : g.weights) {
        const auto [from, to, kind] = key;
        if (kind == EdgeKind::parent_body || kind == EdgeKind::delegation) {
            boost::add_edge(from, to, flow);
            if (from == to) {
                self_loop[from] = true;
            }
        }
    }
    std::vector<std::size_t> component(g.nodes.size());
    const std::size_t count = boost::strong_components(
        flow, boost::make_iterator_property_map(component.begin(),
                                                boost::get(boost::vertex_index, flow)));
    std::vector<std::vector<std::string>> members(count);
    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        members[component[v]].push_back(g.nodes[v].id);
    }
    std::vector<std::vector<std::string>> out;
    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        auto& group = members[component[v]];
        if (group.empty()) {
            continue;  // already reported
        }
        if (group.size() > 1 || self_loop[v]) {
            std::sort(group.begin(), group.end());
            out.push_back(group);
        }
        group.clear();
    }
    return out;
}

std::vector<std::string> JurisdictionGraph::idle_bodies() const {
    const Impl& g = *m_impl;
    // Breadth-first from every jurisdiction at once, through a virtual root.
    BoostGraph reach(g.nodes.size() + 1);
    const std::size_t root = g.nodes.size();
    for (const auto& [id, node] : g.jurisdiction_node) {
        boost::add_edge(root, node, reach);
    }
    for (const auto& [key, weight] : g.weights) {
        const auto [from, to, kind] = key;
        if (kind != EdgeKind::parent_jurisdiction) {
            boost::add_edge(from, to, reach);
        }
    }
    std::vector<boost::default_color_type> color(g.nodes.size() + 1);
    boost::breadth_first_search(reach, root,
                                boost::color_map(boost::make_iterator_property_map(
                                    color.begin(), boost::get(boost::vertex_index, reach))));
    std::vector<std::string> out;
    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        if (g.nodes[v].kind == NodeKind::body && color[v] == boost::white_color) {
            out.push_back(g.nodes[v].id);
        }
    }
    return out;
}

namespace {

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        out += ch == '"' || ch == '\\' ? std::string("\\") + ch : std::string(1, ch);
    }
    return out + '"';
}

}  // namespace

JurisdictionGraph::View JurisdictionGraph::view(const std::string& jurisdiction) const {
    const Impl& g = *m_impl;
    // Which jurisdictions to show: one and its county, or all.
    std::unordered_map<std::string, bool> shown;
    for (const auto& node : g.nodes) {
        if (node.kind == NodeKind::jurisdiction) {
            shown[node.id] = jurisdiction.empty() || node.id == jurisdiction;
        }
    }
    if (!jurisdiction.empty()) {
        for (const auto& [key, weight] : g.weights) {
            const auto [from, to, kind] = key;
            if (kind == EdgeKind::parent_jurisdiction && g.nodes[to].id == jurisdiction) {
                shown[g.nodes[from].id] = true;
            }
        }
    }
    View out;
    for (const auto& node : g.nodes) {
        out.nodes.push_back(shown[node.jurisdiction]);
    }
    for (const auto& [key, weight] : g.weights) {
        const auto [from, to, kind] = key;
        if (!out.nodes[from] || !out.nodes[to] ||
            (kind == EdgeKind::cooperation && !jurisdiction.empty() &&
             !g.cooperation_scope.at({from, to}).contains(jurisdiction))) {
            continue;  // outside, or a joint matter of another jurisdiction
        }
        out.edges.push_back({from, to, kind, weight});
    }
    return out;
}

std::string JurisdictionGraph::to_dot(const std::string& jurisdiction) const {
    const Impl& g = *m_impl;
    const View shown = view(jurisdiction);
    std::string out =
        "digraph lawlist {\n  rankdir=LR;\n  node [fontname=\"Noto Sans CJK SC\"];\n"
        "  edge [fontname=\"Noto Sans CJK SC\"];\n";
    std::size_t cluster = 0;
    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        const Node& j = g.nodes[v];
        if (j.kind != NodeKind::jurisdiction || !shown.nodes[v]) {
            continue;
        }
        out += fmt::format("  subgraph cluster_{} {{\n    label={};\n    style=rounded;\n",
                           cluster++, quote(j.name));
        for (std::size_t b = 0; b < g.nodes.size(); ++b) {
            const Node& body = g.nodes[b];
            if (body.kind == NodeKind::body && body.jurisdiction == j.id) {
                out += fmt::format("    {} [label={}, shape=box];\n", quote(body.id),
                                   quote(body.name));
            }
        }
        out += "  }\n";
    }
    for (const auto& [from, to, kind, weight] : shown.edges) {
        switch (kind) {
            case EdgeKind::delegation:
                out += fmt::format("  {} -> {} [label={}, color=\"#1f77b4\"];\n",
                                   quote(g.nodes[from].id), quote(g.nodes[to].id),
                                   quote(fmt::format("下放{}项", weight)));
                break;
            case EdgeKind::parent_body:
                out += fmt::format("  {} -> {} [style=dotted, arrowhead=none];\n",
                                   quote(g.nodes[from].id), quote(g.nodes[to].id));
                break;
            case EdgeKind::cooperation:
                out += fmt::format("  {} -> {} [label={}, color=\"#2ca02c\", style=dashed];\n",
                                   quote(g.nodes[from].id), quote(g.nodes[to].id),
                                   quote(fmt::format("配合{}项", weight)));
                break;
            default:
                break;  // membership and whistle edges would drown the picture
        }
    }
    return out + "}\n";
}

std::vector<std::vector<std::string>> connected_groups(
    const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::string> names;
    auto vertex = [&](const std::string& id) {
        auto [it, fresh] = index.emplace(id, names.size());
        if (fresh) {
            names.push_back(id);
        }
        return it->second;
    };
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> g;
    for (const auto& [a, b] : pairs) {
        const std::size_t u = vertex(a);
        const std::size_t v = vertex(b);
        while (boost::num_vertices(g) < names.size()) {
            boost::add_vertex(g);
        }
        boost::add_edge(u, v, g);
    }
    std::vector<std::size_t> component(names.size());
    const std::size_t count = names.empty() ? 0 : boost::connected_components(g, component.data());
    std::vector<std::vector<std::string>> groups(count);
    for (std::size_t v = 0; v < names.size(); ++v) {
        groups[component[v]].push_back(names[v]);
    }
    for (auto& group : groups) {
        std::sort(group.begin(), group.end());
    }
    std::sort(groups.begin(), groups.end());
    return groups;
}

std::string_view to_string(NodeKind kind) {
    return kind == NodeKind::jurisdiction ? "jurisdiction" : "body";
}

std::string_view to_string(EdgeKind kind) {
    switch (kind) {
        case EdgeKind::parent_jurisdiction:
            return "parent-jurisdiction";
        case EdgeKind::member:
            return "member";
        case EdgeKind::parent_body:
            return "parent-body";
        case EdgeKind::delegation:
            return "delegation";
        case EdgeKind::cooperation:
            return "cooperation";
        case EdgeKind::whistle:
            return "whistle";
    }
    return "member";
}

nlohmann::ordered_json to_json(const JurisdictionGraph& graph, const std::string& jurisdiction) {
    const auto view = graph.view(jurisdiction);
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
    for (std::size_t v = 0; v < graph.nodes().size(); ++v) {
        if (!view.nodes[v]) {
            continue;
        }
        const Node& n = graph.nodes()[v];
        nodes.push_back({{"kind", to_string(n.kind)},
                         {"id", n.id},
                         {"name", n.name},
                         {"jurisdiction", n.jurisdiction}});
    }
    nlohmann::ordered_json edges = nlohmann::ordered_json::array();
    for (const auto& e : view.edges) {
        edges.push_back({{"kind", to_string(e.kind)},
                         {"from", graph.nodes()[e.from].id},
                         {"to", graph.nodes()[e.to].id},
                         {"weight", e.weight}});
    }
    return {{"nodes", nodes}, {"edges", edges}};
}

}  // namespace lawlist::graph
