// Reads and checks a list set with the installed library, without the CLI.
#include <iostream>

#include <lawlist/io/schema.hpp>
#include <lawlist/store/load.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer LIST_DIR\n";
        return 2;
    }
    const auto schemas = lawlist::io::SchemaSet::standard();
    const auto bundle = lawlist::store::read_checked({argv[1]}, schemas, nullptr);
    std::size_t items = 0;
    for (const auto& set : bundle.list_sets) {
        items += set.items.size();
    }
    std::cout << bundle.list_sets.size() << " jurisdictions, " << items << " items\n";
    return 0;
}
