// bench_retrieval: how well and how fast each way of retrieving violation types maps an incident
// report to its type, on the bundled data, scored on the in-scope incidents of the tuning set
// (the dev set stays held out). The ways compared:
//
// - SQLite FTS5, one row per violation type (its name, aliases and example reports), ranked by
//   FTS5's bm25() inside the database, with a tokenizer registered from C++ that emits the
//   character bigrams of the text as lawlist normalizes it; the query is the incident's distinct
//   bigrams, each quoted, OR'ed;
// - the same table with FTS5's own tokenizers: unicode61 (a run of Chinese characters is one
//   token) and trigram (substrings of three characters), over the same normalized text;
// - the same table with ICU word segmentation as the tokenizer (when ICU is found at configure
//   time), over the same normalized text;
// - lawlist's classifier (classify::Session over the database), its best-scored type, with no
//   threshold: the reference.
//
// The FTS5 ways are retrieval only: bag-of-tokens BM25, no stretches of aliases found whole, no
// scope model. What differs between them is the tokenization; what differs from lawlist is that
// too and where ranking lives.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>

#ifdef LAWLIST_BENCH_ICU
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#endif

#include "lawlist/classify/index.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/classify/session.hpp"
#include "lawlist/classify/stored.hpp"
#include "lawlist/load/load.hpp"
#include "lawlist/paths.hpp"
#include "lawlist/text/normalize.hpp"
#include "lawlist/text/utf8.hpp"

#include "bundled_database.hpp"

namespace fs = std::filesystem;
using lawlist::classify::LabelledIncident;

namespace {

// Each way is timed over whole passes of the tuning set until this much time has passed.
constexpr double k_min_seconds = 1.5;

// What a tokenizer makes of normalized text: its tokens, in order.
using Split = std::function<std::vector<std::string>(const std::u32string&)>;

std::vector<std::string> split_bigrams(const std::u32string& normalized) {
    std::vector<std::string> out;
    for (const auto& b : lawlist::classify::bigrams(normalized)) {
        out.push_back(lawlist::text::encode(b));
    }
    return out;
}

// The runs between separators: what unicode61 sees as tokens in normalized Chinese text.
std::vector<std::string> split_runs(const std::u32string& normalized) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= normalized.size(); ++i) {
        if (i == normalized.size() || normalized[i] == lawlist::text::k_separator) {
            if (i > start) {
                out.push_back(lawlist::text::encode(
                    std::u32string_view(normalized).substr(start, i - start)));
            }
            start = i + 1;
        }
    }
    return out;
}

// Substrings of three characters within runs: what FTS5's trigram tokenizer can match.
std::vector<std::string> split_trigrams(const std::u32string& normalized) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 2 < normalized.size(); ++i) {
        const std::u32string_view t = std::u32string_view(normalized).substr(i, 3);
        if (t.find(lawlist::text::k_separator) == std::u32string_view::npos) {
            out.push_back(lawlist::text::encode(t));
        }
    }
    return out;
}

#ifdef LAWLIST_BENCH_ICU
// ICU's dictionary-based word segmentation for Chinese; words only (no spaces or punctuation).
class IcuWords {
  public:
    IcuWords() {
        UErrorCode status = U_ZERO_ERROR;
        m_iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
        if (U_FAILURE(status)) {
            throw std::runtime_error(std::string("ICU word iterator: ") + u_errorName(status));
        }
    }

    std::vector<std::string> operator()(const std::u32string& normalized) {
        const icu::UnicodeString s =
            icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(normalized.data()),
                                          static_cast<int32_t>(normalized.size()));
        m_iterator->setText(s);
        std::vector<std::string> out;
        std::int32_t start = m_iterator->first();
        for (std::int32_t end = m_iterator->next(); end != icu::BreakIterator::DONE;
             start = end, end = m_iterator->next()) {
            if (m_iterator->getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
                continue;
            }
            std::string word;
            s.tempSubStringBetween(start, end).toUTF8String(word);
            out.push_back(std::move(word));
        }
        return out;
    }

  private:
    std::unique_ptr<icu::BreakIterator> m_iterator;
};
#endif

// The FTS5 query of `tokens`: each distinct token quoted (a phrase), OR'ed, so that a document
// matches on any of them and bm25() sums the distinct ones, as lawlist's BM25 does.
std::string or_query(const std::vector<std::string>& tokens) {
    std::unordered_set<std::string> seen;
    std::string query;
    for (const auto& token : tokens) {
        if (!seen.insert(token).second) {
            continue;
        }
        if (!query.empty()) {
            query += " OR ";
        }
        query += '"';
        for (const char c : token) {
            query += c;
            if (c == '"') {
                query += '"';
            }
        }
        query += '"';
    }
    return query;
}

void check(int rc, sqlite3* db, const std::string& what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw std::runtime_error(what + ": " + sqlite3_errmsg(db));
    }
}

// A tokenizer registered with FTS5 from C++. Documents are normalized with lawlist's Normalizer
// and split; a query's quoted strings are tokens that the bench made with the same split from
// the normalized incident, so they pass through whole (normalizing each again would only cost
// time). Offsets are the whole text: they serve highlight() and snippet(), which are not used.
struct CustomTokenizer {
    const lawlist::text::Normalizer* normalizer;
    Split split;

    static int create(void* self, const char** /*args*/, int /*count*/, Fts5Tokenizer** out) {
        *out = static_cast<Fts5Tokenizer*>(self);
        return SQLITE_OK;
    }
    static void remove(Fts5Tokenizer* /*tokenizer*/) {}
    static int tokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text,
                        int size, int (*token)(void*, int, const char*, int, int, int)) {
        try {
            auto* self = reinterpret_cast<CustomTokenizer*>(tokenizer);
            if ((flags & FTS5_TOKENIZE_QUERY) != 0) {
                return token(context, 0, text, size, 0, size);
            }
            const auto normalized = self->normalizer->normalize(
                lawlist::text::sanitize(std::string_view(text, static_cast<std::size_t>(size))));
            for (const auto& t : self->split(normalized)) {
                const int rc = token(context, 0, t.data(), static_cast<int>(t.size()), 0, size);
                if (rc != SQLITE_OK) {
                    return rc;
                }
            }
            return SQLITE_OK;
        } catch (...) {
            return SQLITE_ERROR;
        }
    }
};

// An in-memory database with one FTS5 row per violation type (rowid = index + 1).
class Fts5Index {
  public:
    // `tokenize` is the FTS5 tokenize option; `custom`, when given, is registered under that name.
    Fts5Index(const std::string& tokenize, CustomTokenizer* custom,
              const std::vector<std::string>& documents) {
        check(sqlite3_open(":memory:", &m_db), m_db, "open");
        if (custom != nullptr) {
            fts5_api* api = nullptr;
            sqlite3_stmt* statement = nullptr;
            check(sqlite3_prepare_v2(m_db, "SELECT fts5(?1)", -1, &statement, nullptr), m_db,
                  "fts5_api");
            sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
            sqlite3_step(statement);
            sqlite3_finalize(statement);
            if (api == nullptr) {
                throw std::runtime_error("this SQLite has no FTS5");
            }
            fts5_tokenizer methods{&CustomTokenizer::create, &CustomTokenizer::remove,
                                   &CustomTokenizer::tokenize};
            check(api->xCreateTokenizer(api, tokenize.c_str(), custom, &methods, nullptr), m_db,
                  "xCreateTokenizer");
        }
        check(
            sqlite3_exec(
                m_db,
                fmt::format("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = '{}')", tokenize)
                    .c_str(),
                nullptr, nullptr, nullptr),
            m_db, "create table");
        check(sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr), m_db, "begin");
        sqlite3_stmt* insert = nullptr;
        check(sqlite3_prepare_v2(m_db, "INSERT INTO docs(rowid, body) VALUES (?1, ?2)", -1, &insert,
                                 nullptr),
              m_db, "insert");
        for (std::size_t i = 0; i < documents.size(); ++i) {
            sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(i + 1));
            sqlite3_bind_text(insert, 2, documents[i].data(), static_cast<int>(documents[i].size()),
                              SQLITE_STATIC);
            check(sqlite3_step(insert), m_db, "insert");
            sqlite3_reset(insert);
        }
        sqlite3_finalize(insert);
        check(sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr), m_db, "commit");
        check(sqlite3_prepare_v2(
                  m_db, "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT 3",
                  -1, &m_query, nullptr),
              m_db, "query");
    }
    ~Fts5Index() {
        sqlite3_finalize(m_query);
        sqlite3_close(m_db);
    }
    Fts5Index(const Fts5Index&) = delete;
    Fts5Index& operator=(const Fts5Index&) = delete;

    // The best three documents for an FTS5 query, best first.
    std::vector<std::size_t> top(const std::string& query) const {
        std::vector<std::size_t> out;
        if (query.empty()) {
            return out;
        }
        sqlite3_bind_text(m_query, 1, query.data(), static_cast<int>(query.size()), SQLITE_STATIC);
        int rc = 0;
        while ((rc = sqlite3_step(m_query)) == SQLITE_ROW) {
            out.push_back(static_cast<std::size_t>(sqlite3_column_int64(m_query, 0) - 1));
        }
        sqlite3_reset(m_query);
        check(rc, m_db, "match");
        return out;
    }

  private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_query = nullptr;
};

struct Method {
    std::string name;
    double build_ms = 0;  // building the index from the vocabulary
    std::function<std::vector<std::size_t>(const std::string&)> top;  // type indices, best first
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
    const auto bundled = lawlist::bench::fresh_bundled_database("lawlist-bench-retrieval.db");
    const auto& database = bundled.database;
    const lawlist::classify::Session session(database);
    const lawlist::text::Normalizer normalizer;

    // The documents: one per violation type, its name, aliases and example reports, one a line
    // (the normalizer turns line breaks into separators, so no token spans two of them).
    const auto& types = session.bundle().violation_types;
    std::vector<std::string> documents;
    std::unordered_map<std::string, std::size_t> type_index;
    for (std::size_t i = 0; i < types.size(); ++i) {
        std::string d = types[i].name;
        for (const auto& alias : types[i].aliases) {
            d += '\n' + alias;
        }
        for (const auto& example : types[i].examples) {
            d += '\n' + example;
        }
        documents.push_back(std::move(d));
        type_index.emplace(types[i].id, i);
    }
    // unicode61 and trigram cannot call the normalizer: they index the normalized text.
    std::vector<std::string> normalized_documents;
    for (const auto& d : documents) {
        normalized_documents.push_back(lawlist::text::encode(normalizer.normalize(d)));
    }

    std::ifstream in(fs::path(LAWLIST_SOURCE_DIR) / "tests" / "data" / "incidents-tune.tsv");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::vector<LabelledIncident> incidents;
    for (auto& incident : lawlist::classify::read_labelled("incidents-tune.tsv", buffer.str())) {
        if (!incident.sectors.empty()) {
            incidents.push_back(std::move(incident));
        }
    }

    auto query_of = [&normalizer](const Split& split) {
        return [&normalizer, split](const std::string& text) {
            return or_query(split(normalizer.normalize(lawlist::text::sanitize(text))));
        };
    };
    std::vector<Method> methods;
    std::vector<std::unique_ptr<Fts5Index>> indexes;
    std::vector<std::unique_ptr<CustomTokenizer>> tokenizers;
    auto add_fts5 = [&](const std::string& name, const std::string& tokenize, const Split& split,
                        bool custom) {
        const auto t0 = std::chrono::steady_clock::now();
        CustomTokenizer* tokenizer = nullptr;
        if (custom) {
            tokenizers.push_back(std::make_unique<CustomTokenizer>(&normalizer, split));
            tokenizer = tokenizers.back().get();
        }
        indexes.push_back(std::make_unique<Fts5Index>(tokenize, tokenizer,
                                                      custom ? documents : normalized_documents));
        const double build_ms = seconds_since(t0) * 1000;
        const Fts5Index& index = *indexes.back();
        methods.push_back({name, build_ms, [&index, query = query_of(split)](const std::string& t) {
                               return index.top(query(t));
                           }});
    };
    add_fts5("FTS5, custom tokenizer: bigrams", "lawlist_bigram", split_bigrams, true);
    add_fts5("FTS5, unicode61 (built in)", "unicode61", split_runs, false);
    add_fts5("FTS5, trigram (built in)", "trigram", split_trigrams, false);
#ifdef LAWLIST_BENCH_ICU
    auto icu_words = std::make_shared<IcuWords>();
    const Split split_icu = [icu_words](const std::u32string& s) { return (*icu_words)(s); };
    std::cout << "ICU word segmentation (Locale zh):";
    for (const char* word : {"渣土", "采砂", "无证", "偷倒渣土", "非法采砂"}) {
        std::string shown;
        for (const auto& piece : split_icu(normalizer.normalize(word))) {
            shown += (shown.empty() ? "" : " | ") + piece;
        }
        std::cout << fmt::format("  {} → {}", word, shown);
    }
    std::cout << '\n';
    add_fts5("FTS5, custom tokenizer: ICU words", "lawlist_icu", split_icu, true);
#else
    std::cout << "ICU not found at configure time: no ICU word segmentation\n";
#endif
    // lawlist builds its index at load time and stores it; building it again from the vocabulary,
    // as a load does, shows the cost beside FTS5's: normalizing and counting, the BM25 postings
    // of both collections, and training the scope model.
    auto out_of_scope = session.bundle().out_of_scope.value_or(std::vector<std::string>{});
    std::sort(out_of_scope.begin(), out_of_scope.end());
    const auto compile_start = std::chrono::steady_clock::now();
    const auto compiled =
        lawlist::classify::compile(lawlist::classify::build_index(types, out_of_scope, normalizer));
    const double compile_ms = seconds_since(compile_start) * 1000;
    if (compiled.to_bytes() != lawlist::classify::stored_index(database).compiled->to_bytes()) {
        std::cout << "note: the index built here differs from the stored one\n";
    }
    const auto& classifier = session.classifier();
    methods.push_back({"lawlist classifier (best score)", compile_ms,
                       [&classifier, &type_index](const std::string& text) {
                           std::vector<std::size_t> out;
                           for (const auto& t : classifier.score(text).types) {
                               if (out.size() == 3) {
                                   break;
                               }
                               out.push_back(type_index.at(t.violation_type));
                           }
                           return out;
                       }});

    std::size_t labelled = 0;
    for (const auto& incident : incidents) {
        labelled += incident.violation_type ? 1 : 0;
    }
    std::cout << fmt::format(
        "{} violation types; {} in-scope incidents of the tuning set ({} with a violation type)\n",
        types.size(), incidents.size(), labelled);
    std::cout << fmt::format("{:<36}  {:>12}  {:>12}  {:>12}  {:>9}  {:>9}  {:>8}\n", "method",
                             "top-1 sector", "top-3 sector", "top-1 type", "no answer", "queries/s",
                             "build ms");
    for (const auto& method : methods) {
        std::size_t sector1 = 0, sector3 = 0, type1 = 0, none = 0;
        for (const auto& incident : incidents) {
            const auto top = method.top(incident.text);
            if (top.empty()) {
                ++none;
                continue;
            }
            sector1 += incident.sectors.contains(types[top.front()].sector) ? 1 : 0;
            for (const std::size_t t : top) {
                if (incident.sectors.contains(types[t].sector)) {
                    ++sector3;
                    break;
                }
            }
            type1 += incident.violation_type && types[top.front()].id == *incident.violation_type;
        }
        std::size_t queries = 0;
        const auto t0 = std::chrono::steady_clock::now();
        double s = 0;
        do {
            for (const auto& incident : incidents) {
                static_cast<void>(method.top(incident.text));
                ++queries;
            }
            s = seconds_since(t0);
        } while (s < k_min_seconds);
        auto percent = [](std::size_t n, std::size_t of) {
            return fmt::format("{:.1f}% ({})",
                               100.0 * static_cast<double>(n) / static_cast<double>(of), n);
        };
        std::cout << fmt::format("{:<36}  {:>12}  {:>12}  {:>12}  {:>9}  {:>9.0f}  {:>8.0f}\n",
                                 method.name, percent(sector1, incidents.size()),
                                 percent(sector3, incidents.size()), percent(type1, labelled), none,
                                 static_cast<double>(queries) / s, method.build_ms);
    }
    return 0;
}
