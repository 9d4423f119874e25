#include "lawlist/graph/graph.hpp"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "lawlist/io/reader.hpp"
#include "synth/generator.hpp"
#include "test_support.hpp"

namespace lawlist::graph {
namespace {

using testing::TempDir;

model::Bundle synthetic(const TempDir& dir) {
    synth::Parameters p;
    p.items = 200;
    p.departments = 5;
    p.townships = 3;
    p.delegated_share = 0.3;
    p.seed = 5;
    synth::generate(p, dir.path() / "synth");
    std::vector<Diagnostic> diagnostics;
    auto bundle = io::read_bundle({dir.path() / "synth"}, testing::schemas(), diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    return bundle;
}

// -j keeps a township and its county in the DOT and in the JSON alike.
TEST(GraphView, one_jurisdiction_keeps_it_and_its_county_in_every_form) {
    TempDir dir;
    const JurisdictionGraph graph(synthetic(dir));
    const auto whole = graph.view();
    EXPECT_EQ(std::count(whole.nodes.begin(), whole.nodes.end(), true),
              static_cast<std::ptrdiff_t>(graph.nodes().size()));
    EXPECT_EQ(whole.edges.size(), graph.edges().size());
    EXPECT_EQ(to_json(graph).at("nodes").size(), graph.nodes().size());

    const auto town = graph.view("town-01");
    std::set<std::string> kept;
    for (std::size_t v = 0; v < graph.nodes().size(); ++v) {
        const auto& node = graph.nodes()[v];
        const bool inside = node.jurisdiction == "town-01" || node.jurisdiction == "synth-county";
        EXPECT_EQ(town.nodes[v], inside) << node.id;
        if (inside) {
            kept.insert(node.id);
        }
    }
    ASSERT_GT(kept.size(), 2u);
    ASSERT_FALSE(town.edges.empty());
    EXPECT_LT(town.edges.size(), whole.edges.size());
    for (const auto& e : town.edges) {
        EXPECT_TRUE(town.nodes[e.from] && town.nodes[e.to]);
    }
    const auto json = to_json(graph, "town-01");
    EXPECT_EQ(json.at("nodes").size(), kept.size());
    EXPECT_EQ(json.at("edges").size(), town.edges.size());
    for (const auto& node : json.at("nodes")) {
        EXPECT_TRUE(kept.contains(node.at("id").get<std::string>()));
    }
    EXPECT_EQ(graph.to_dot("town-01").find("town-02"), std::string::npos);
}

}  // namespace
}  // namespace lawlist::graph
