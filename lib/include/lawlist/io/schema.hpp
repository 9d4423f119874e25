#pragma once
// JSON Schema validation of list files (draft 7, through valijson). The schemas live in schemas/
// and are the single definition of the file format; this class only applies them. The library
// carries a copy compiled in, so that a program needs no schema folder.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace lawlist::io {

// One schema violation: where in the instance (a path of property names and array indexes) and
// what is wrong, worded for a user.
struct SchemaViolation {
    std::vector<std::string> path;  // e.g. {"items", "0", "code"}
    bool at_key = false;            // true when the problem is the key itself (an unknown field)
    std::string message;
};

class SchemaSet {
  public:
    // Reads every *.schema.json in `dir`. Throws lawlist::Error when a schema is missing or
    // invalid.
    static SchemaSet load(const std::filesystem::path& dir);
    // The schemas compiled into the library (schemas/ as it was when the library was built).
    static SchemaSet built_in();
    // Those of $LAWLIST_SCHEMA_DIR when it is set, else built_in().
    static SchemaSet standard();

    SchemaSet(SchemaSet&&) noexcept;
    SchemaSet& operator=(SchemaSet&&) noexcept;
    ~SchemaSet();

    // The file kinds that have a schema (jurisdiction, power-list, ...), sorted.
    std::vector<std::string> kinds() const;
    bool has_kind(const std::string& kind) const;

    // Validates `instance` against the schema of `kind` (which must exist); returns the violations,
    // innermost first within each branch, in instance order.
    std::vector<SchemaViolation> validate(const std::string& kind,
                                          const nlohmann::json& instance) const;

    struct Impl;  // the compiled schemas (schema.cpp)

  private:
    explicit SchemaSet(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace lawlist::io
