// The lawlist command: everything happens in the library; app.cpp only parses and dispatches.
#include <cerrno>
#include <cstring>
#include <iostream>

#include "app.hpp"

int main(int argc, char** argv) {
    const int status = lawlist::cli::run(argc, argv);
    // Output that could not be written (a full disk, a closed pipe) is a failure, not success.
    errno = 0;
    std::cout.flush();
    if (!std::cout) {
        const int error = errno;
        std::cerr << "lawlist: cannot write standard output"
                  << (error ? std::string(": ") + std::strerror(error) : std::string()) << '\n';
        return 2;
    }
    return status;
}
