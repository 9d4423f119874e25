#include "statement.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lawlist::store {

void throw_sqlite(sqlite3* db, std::string_view what) {
    throw DatabaseError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}

std::vector<model::Sector> stored_sectors(sqlite3* db) {
    Statement st(db, "SELECT code, name FROM sector ORDER BY rowid");
    std::vector<model::Sector> out;
    while (st.step()) {
        out.push_back({st.text(0), st.text(1), {}});
    }
    return out;
}

model::LegalBasis basis_at(const Statement& st, int first) {
    model::LegalBasis b;
    b.law = st.text(first);
    b.article = static_cast<int>(st.integer(first + 1));
    if (!st.is_null(first + 2)) {
        b.paragraph = static_cast<int>(st.integer(first + 2));
    }
    if (!st.is_null(first + 3)) {
        b.item = static_cast<int>(st.integer(first + 3));
    }
    b.version = st.optional_text(first + 4);
    return b;
}

void bind_value(Statement& st, int index, const model::FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        st.bind(index, *text);
    } else if (const auto* number = std::get_if<double>(&value)) {
        st.bind(index, *number);
    } else {
        st.bind_null(index);
    }
}

model::FieldValue value_at(const Statement& st, int column, bool number) {
    if (st.is_null(column)) {
        return {};
    }
    return number ? model::FieldValue(st.real(column)) : model::FieldValue(st.text(column));
}

void exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw DatabaseError(fmt::format("database error: {}", text));
    }
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) !=
        SQLITE_OK) {
        throw_sqlite(db, "cannot prepare statement");
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::string_view value) {
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<int>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    throw_sqlite(m_db, "database error");
}

void Statement::run() {
    step();
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string_view Statement::blob(int column) const {
    const auto* p = sqlite3_column_blob(m_stmt, column);
    return p ? std::string_view(static_cast<const char*>(p),
                                static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string_view();
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string();
}

std::optional<std::string> Statement::optional_text(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::string>(text(column));
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::vector<std::string> Statement::strings(int column) const {
    if (is_null(column)) {
        return {};
    }
    return nlohmann::json::parse(text(column)).get<std::vector<std::string>>();
}

}  // namespace lawlist::store
