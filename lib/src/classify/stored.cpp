#include "lawlist/classify/stored.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lawlist/error.hpp"
#include "lawlist/io/reader.hpp"

namespace lawlist::classify {
namespace {

constexpr const char* k_name = "classify-index";
constexpr const char* k_bigrams = "classify-index/bigrams";
constexpr const char* k_terms = "classify-index/terms";

std::string format_name() {
    return fmt::format("lawlist classification index {}", index_format());
}

// What the index is built from: the whole stored vocabulary, types in load order and the
// out-of-scope reports in text order (they are grouped ten to a document in this order).
struct Vocabulary {
    std::vector<model::ViolationType> types;
    std::vector<std::string> out_of_scope;
};

Vocabulary stored_vocabulary(const store::Database& database) {
    // Every revision's jurisdiction and bodies come along; no list is read.
    model::Bundle bundle = database.read_bundle({}, {std::vector<std::string>{}, std::nullopt});
    Vocabulary out{std::move(bundle.violation_types),
                   bundle.out_of_scope.value_or(std::vector<std::string>{})};
    std::sort(out.out_of_scope.begin(), out.out_of_scope.end());
    return out;
}

// Changes with anything of the vocabulary the index is built from.
std::string fingerprint(const Vocabulary& vocabulary) {
    std::string joined;
    const auto add = [&joined](const std::string& text) {
        joined += fmt::format("{}:{}\n", text.size(), text);
    };
    for (const auto& type : vocabulary.types) {
        add(type.id);
        add(type.name);
        add(type.sector);
        for (const auto& alias : type.aliases) {
            add(alias);
        }
        add("examples");
        for (const auto& example : type.examples) {
            add(example);
        }
        add("end");
    }
    for (const auto& report : vocabulary.out_of_scope) {
        add(report);
    }
    return io::sha256_hex(joined);
}

// Compiles the index of `vocabulary`, the one stored in `database`, and stores it.
void store_index(store::Database& database, const Vocabulary& vocabulary) {
    const text::Normalizer normalizer;
    const IndexRows rows = build_index(vocabulary.types, vocabulary.out_of_scope, normalizer);
    StoredIndex stored = to_stored(rows);
    database.put_blob(k_name, {format_name(), fingerprint(vocabulary), std::move(stored.head)});
    database.put_blob_parts(k_bigrams, stored.bigrams);
    database.put_blob_parts(k_terms, stored.terms);
}

}  // namespace

void store_index(store::Database& database) {
    store_index(database, stored_vocabulary(database));
}

bool refresh_index(store::Database& database) {
    // Read once: it gives the fingerprint to compare and, when that differs, the index.
    const Vocabulary vocabulary = stored_vocabulary(database);
    const auto stored = database.blob(k_name);
    if (stored && stored->format == format_name() &&
        stored->fingerprint == fingerprint(vocabulary)) {
        return false;
    }
    store_index(database, vocabulary);
    return true;
}

namespace {

// The stored index with the parts `read` gives; an empty one when no vocabulary was ever loaded.
template <typename Read>
IndexRows read_index(const store::Database& database, Read read) {
    auto head = database.blob(k_name);
    if (!head) {
        return {};
    }
    if (head->format != format_name()) {
        throw DatabaseError(fmt::format(
            "{}: classification index: of another format; run lawlist upgrade or reload the "
            "vocabulary",
            database.path().string()));
    }
    try {
        StoredIndex stored{std::move(head->bytes), {}, {}};
        read(stored);
        return from_stored(stored);
    } catch (const std::runtime_error& e) {
        throw DatabaseError(fmt::format("{}: {}", database.path().string(), e.what()));
    }
}

}  // namespace

IndexRows stored_index(const store::Database& database) {
    return read_index(database, [&](StoredIndex& stored) {
        stored.bigrams = database.blob_parts(k_bigrams);
        stored.terms = database.blob_parts(k_terms);
    });
}

IndexRows stored_index_for(const store::Database& database,
                           const std::vector<std::uint64_t>& keys) {
    return read_index(database, [&](StoredIndex& stored) {
        stored.bigrams =
            database.blob_parts(k_bigrams, std::vector<std::int64_t>(keys.begin(), keys.end()));
    });
}

CompiledIndex read_stored_terms(const store::Database& database, std::uint32_t type_count,
                                std::span<const std::uint32_t> types) {
    try {
        return terms_from_stored(
            type_count,
            database.blob_parts(k_terms, std::vector<std::int64_t>(types.begin(), types.end())));
    } catch (const std::runtime_error& e) {
        throw DatabaseError(fmt::format("{}: {}", database.path().string(), e.what()));
    }
}

}  // namespace lawlist::classify
