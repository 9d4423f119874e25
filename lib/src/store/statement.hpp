#pragma once
// A thin RAII wrapper over sqlite3_stmt, private to the store.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "lawlist/error.hpp"
#include "lawlist/model/fields.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::store {

namespace detail {
// The SQLite handle of a Database, for the store's own files only.
struct Access {
    static sqlite3* handle(const Database& database) { return database.m_db; }
};
inline sqlite3* handle(const Database& database) {
    return Access::handle(database);
}
}  // namespace detail

[[noreturn]] void throw_sqlite(sqlite3* db, std::string_view what);

// Runs `sql` (one or more statements without results).
void exec(sqlite3* db, const char* sql);

class Statement;

// The vocabulary as stored: the violation types with their aliases and examples, in load order,
// the out-of-scope reports in load order (nullopt when none were ever loaded) and the sectors.
// `locate` turns a type's source path and 1-based line into its location. `only_types`, when
// set, leaves out every other violation type; without `terms` the types have no aliases, examples
// or description and no out-of-scope report is read.
struct StoredVocabulary {
    std::vector<model::ViolationType> types;
    std::optional<std::vector<std::string>> out_of_scope;
    std::vector<model::Law> laws;
    std::vector<model::Sector> sectors;
};
StoredVocabulary read_vocabulary(
    sqlite3* db, const std::function<model::Location(const std::string&, std::int64_t)>& locate,
    const std::optional<std::vector<std::string>>& only_types = std::nullopt, bool terms = true);

// The sectors vocabulary in load order.
std::vector<model::Sector> stored_sectors(sqlite3* db);

// A legal basis from five columns starting at `first`: law, article, paragraph, item, version.
model::LegalBasis basis_at(const Statement& st, int first);

// Binds a described field's value (model/fields.hpp) at `index`: null, text or a number.
void bind_value(Statement& st, int index, const model::FieldValue& value);
// Column `column` as a described field's value: null, a number when `number`, else text.
model::FieldValue value_at(const Statement& st, int column, bool number);

// The columns of a description's fields, "code, name, ..." (each after `prefix`, e.g. "m.").
template <typename Entry>
std::string columns_of(const model::Description<Entry>& description, std::string_view prefix = {}) {
    std::string out;
    for (const auto& field : description.fields) {
        out += (out.empty() ? "" : ", ") + std::string(prefix) + std::string(field.column);
    }
    return out;
}

// A stored enum value read back with its parse function (model::parse_category...). The store
// writes only to_string of a value, so anything else is a damaged database: DatabaseError.
template <typename Enum>
Enum parse_stored(const std::string& text, std::optional<Enum> (*parse)(std::string_view),
                  std::string_view what) {
    if (const auto value = parse(text)) {
        return *value;
    }
    throw DatabaseError("unknown " + std::string(what) + " '" + text + "' in the database");
}

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::optional<int>& value);
    Statement& bind_null(int index);

    // Advances; true while a row is available.
    bool step();
    // Runs a statement without results and resets it for reuse.
    void run();
    void reset();

    std::string text(int column) const;
    // The bytes of a BLOB (or TEXT) column, valid until the next step.
    std::string_view blob(int column) const;
    std::optional<std::string> optional_text(int column) const;
    // The strings of a JSON array of text (a json_group_array), whole whatever they hold.
    std::vector<std::string> strings(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    bool is_null(int column) const;

  private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Binds the described fields of `entry`, in columns_of order, from parameter `first` on; returns
// the next free parameter index.
template <typename Entry>
int bind_fields(Statement& st, int first, const model::Description<Entry>& description,
                const Entry& entry) {
    for (const auto& field : description.fields) {
        bind_value(st, first++, field.get(entry));
    }
    return first;
}

// Sets the described fields of `entry` from the columns starting at `first` (columns_of order),
// references written at `loc`. A value a field does not take is a damaged database.
template <typename Entry>
void read_fields(const Statement& st, int first, const model::Description<Entry>& description,
                 Entry& entry, const model::Location& loc) {
    for (const auto& field : description.fields) {
        if (!field.set(entry, value_at(st, first, field.number), loc)) {
            throw DatabaseError("unknown " + std::string(field.column) + " '" + st.text(first) +
                                "' in the database");
        }
        ++first;
    }
}

}  // namespace lawlist::store
