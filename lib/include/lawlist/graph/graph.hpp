#pragma once
// The jurisdiction graph: jurisdictions, bodies and how they are tied together — parent
// jurisdiction, body belonging to a jurisdiction, parent body, delegation (county body → township
// body, per item), cooperation (problem lead → cooperating body) and whistle reach (township →
// the bodies its warning list obliges to report when it blows the whistle). Built on Boost.Graph;
// audit uses its algorithms, `lawlist graph` draws it.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lawlist/model/lean.hpp"
#include "lawlist/model/model.hpp"

namespace lawlist::graph {

enum class NodeKind { jurisdiction, body };
enum class EdgeKind { parent_jurisdiction, member, parent_body, delegation, cooperation, whistle };

// "jurisdiction", "body".
std::string_view to_string(NodeKind kind);
// "parent-jurisdiction", "member", "parent-body", "delegation", "cooperation", "whistle".
std::string_view to_string(EdgeKind kind);

struct Node {
    NodeKind kind = NodeKind::body;
    std::string id;
    std::string name;
    std::string jurisdiction;  // for bodies: the jurisdiction whose file declares them
};

struct Edge {
    std::size_t from = 0;
    std::size_t to = 0;
    EdgeKind kind = EdgeKind::member;
    std::size_t weight = 1;  // delegation: number of items; cooperation: number of problems
};

class JurisdictionGraph {
  public:
    // Builds the graph of every list set in `bundle`; references to unknown bodies are skipped
    // (audit reports them).
    explicit JurisdictionGraph(const model::Bundle& bundle);
    // The same with the items of `bundle`'s list sets given lean (`items.sets[i]` of
    // `bundle.list_sets[i]`).
    JurisdictionGraph(const model::Bundle& bundle, const model::LeanItems& items);
    ~JurisdictionGraph();
    JurisdictionGraph(JurisdictionGraph&&) noexcept;
    JurisdictionGraph& operator=(JurisdictionGraph&&) noexcept;

    const std::vector<Node>& nodes() const;
    std::vector<Edge> edges() const;

    // Groups of bodies that reach each other through parent-body and delegation edges: every
    // group is a cycle (strong components of more than one node, or a node tied to itself).
    std::vector<std::vector<std::string>> cycles() const;

    // Bodies that no jurisdiction reaches: they hold no item, take part in no problem, are not
    // summoned by any whistle and have no member body that does.
    std::vector<std::string> idle_bodies() const;

    // What `lawlist graph -j` shows: the nodes of `jurisdiction` and its county (by index into
    // nodes()) and the edges between them, cooperation edges only for the joint matters of its
    // own problem list; the whole graph when `jurisdiction` is empty.
    struct View {
        std::vector<bool> nodes;
        std::vector<Edge> edges;
    };
    View view(const std::string& jurisdiction = {}) const;

    // Graphviz DOT of view(jurisdiction): one cluster per jurisdiction; delegation edges (blue)
    // labelled with item counts, cooperation edges (green, lead → cooperating body) with problem
    // counts.
    std::string to_dot(const std::string& jurisdiction = {}) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The machine form of graph.view(jurisdiction): {"nodes": [{kind, id, name, jurisdiction}],
// "edges": [{kind, from, to, weight}]}, edges naming their nodes by id.
nlohmann::ordered_json to_json(const JurisdictionGraph& graph,
                               const std::string& jurisdiction = {});

// Groups of ids connected by `pairs` (undirected connected components), each sorted, groups in
// order of their first member; ids that occur in no pair are left out.
std::vector<std::vector<std::string>> connected_groups(
    const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace lawlist::graph
