// yaml_scan: the floor under a load's reading. libyaml's events of every file given, and nothing
// more (no tree, no validation, no conversion, no database); prints the event count. bench/scale.sh
// runs it beside `lawlist load` and its sqlite3 peer on the same files.
#include <cstdio>
#include <memory>

#include <yaml.h>

int main(int argc, char** argv) {
    long events = 0;
    for (int i = 1; i < argc; ++i) {
        const std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(argv[i], "rb"), &std::fclose);
        if (!file) {
            std::fprintf(stderr, "yaml_scan: cannot read %s\n", argv[i]);
            return 2;
        }
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_file(&parser, file.get());
        for (bool end = false; !end; ++events) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event)) {
                std::fprintf(stderr, "yaml_scan: %s: %s\n", argv[i], parser.problem);
                yaml_parser_delete(&parser);
                return 2;
            }
            end = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
    }
    std::printf("%ld events\n", events);
    return 0;
}
