// The lawlist command: everything happens in the library; app.cpp only parses and dispatches.
#include "app.hpp"

int main(int argc, char** argv) {
    return lawlist::cli::run(argc, argv);
}
