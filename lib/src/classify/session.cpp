#include "lawlist/classify/session.hpp"

#include <algorithm>
#include <atomic>
#include <future>
#include <thread>

#include "lawlist/classify/stored.hpp"
#include "lawlist/error.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"
#include "lawlist/text/utf8.hpp"

namespace lawlist::classify {

Session::Session(const store::Database& database) : Session(database, store::ReadScope{}) {}

Session::Session(const store::Database& database, const store::ReadScope& scope)
    : Session(database, scope, {}, store::Database::ReadTransaction(database)) {}

Session::Session(const store::Database& database, const Revisions& revisions)
    : Session(database, {}, revisions, store::Database::ReadTransaction(database)) {}

Session::Session(const store::Database& database, const store::ReadScope& scope,
                 const Revisions& revisions, const store::Database::ReadTransaction&)
    : m_bundle(revisions.as_of
                   ? database.read_revisions(store::revisions_in_force(database, *revisions.as_of))
                   : database.read_bundle(revisions.label, scope)),
      m_resolver(std::make_unique<resolve::Resolver>(m_bundle)),
      m_classifier(
          std::make_unique<Classifier>(stored_index(database), *m_resolver, m_normalizer)) {}

void classify_each(const Session& session, std::span<const Incident> incidents,
                   const std::string& jurisdiction, std::size_t top, const Thresholds& thresholds,
                   unsigned threads, const EmitChunk& emit) {
    if (threads == 0) {
        threads = std::max(1U, std::thread::hardware_concurrency());
    }
    // Large enough that starting threads costs nothing beside it, small enough that the first
    // records are printed at once.
    const std::size_t chunk_size = 128 * threads;
    // The threads take the chunk's incidents one by one: long letters and short reports even out.
    auto classify_chunk = [&](std::span<const Incident> chunk) {
        std::vector<Classification> results(chunk.size());
        std::atomic<std::size_t> next = 0;
        auto work = [&] {
            for (std::size_t i; (i = next++) < chunk.size();) {
                results[i] =
                    session.classifier().classify(chunk[i].text, jurisdiction, top, thresholds);
            }
        };
        std::vector<std::future<void>> helpers;
        for (unsigned t = 1; t < threads; ++t) {
            helpers.push_back(std::async(std::launch::async, work));
        }
        work();
        for (auto& helper : helpers) {
            helper.get();  // rethrows a helper's exception
        }
        return results;
    };
    auto chunk_at = [&](std::size_t begin) {
        return incidents.subspan(begin, std::min(chunk_size, incidents.size() - begin));
    };
    if (threads == 1) {
        for (std::size_t begin = 0; begin < incidents.size(); begin += chunk_size) {
            emit(chunk_at(begin), classify_chunk(chunk_at(begin)));
        }
        return;
    }
    std::future<std::vector<Classification>> pending;
    if (!incidents.empty()) {
        pending = std::async(std::launch::async, classify_chunk, chunk_at(0));
    }
    for (std::size_t begin = 0; begin < incidents.size(); begin += chunk_size) {
        auto results = pending.get();
        if (begin + chunk_size < incidents.size()) {
            pending = std::async(std::launch::async, classify_chunk, chunk_at(begin + chunk_size));
        }
        emit(chunk_at(begin), std::move(results));
    }
}

Classification classify_stored(const store::Database& database, const std::string& jurisdiction,
                               const std::string& text, std::size_t top,
                               const Thresholds& thresholds) {
    const store::Database::ReadTransaction snapshot(database);
    const auto lists_of = store::with_county(database, jurisdiction);
    // Scoring needs the index alone (it holds the types' sectors), and of the index only the
    // parts of the text's bigrams and of its candidate types; the matches are resolved over the
    // lists of the matched types.
    const text::Normalizer normalizer;
    std::vector<std::uint64_t> keys;
    for (const auto& b : bigrams(normalizer.normalize(text::sanitize(text)))) {
        keys.push_back(bigram_key(b[0], b[1]));
    }
    IndexRows rows = stored_index_for(database, keys);
    const auto type_count = static_cast<std::uint32_t>(rows.types.size());
    const Classifier classifier(std::move(rows), normalizer,
                                [&database, type_count](std::span<const std::uint32_t> types) {
                                    return read_stored_terms(database, type_count, types);
                                });
    Classification c = classifier.classify(text, top, thresholds);
    std::vector<std::string> types;
    for (const auto& m : c.matches) {
        types.push_back(m.scored.violation_type);
    }
    const model::Bundle lists = database.read_bundle({}, {lists_of, types, false});
    const resolve::Resolver resolver(lists);
    for (auto& m : c.matches) {
        m.resolution = resolver.resolve(jurisdiction, m.scored.violation_type);
    }
    return c;
}

TextResolution resolve_text(const store::Database& database, const std::string& jurisdiction,
                            const std::string& given) {
    const std::string text = text::sanitize(given);
    if (!store::violation_types_named(database, text).empty()) {
        // Reads the jurisdiction's and its county's lists of the one type, not the province.
        return {resolve::resolve_stored(database, jurisdiction, text), std::nullopt};
    }
    // Free text (挖沙, 油烟): classified, the best match answering.
    auto classified = classify_stored(database, jurisdiction, text, 3, {});
    if (!classified.matched) {
        try {
            return {resolve::resolve_stored(database, jurisdiction, text), std::nullopt};
        } catch (const resolve::UnknownTypeError& e) {
            if (!e.suggestions().empty()) {
                throw;  // a mistyped id: the hint says more than the classification
            }
            throw Error(std::string(e.what()) +
                        "; read as a description it matches none ('lawlist types TEXT' searches "
                        "names and aliases)");
        }
    }
    auto stored = resolve::resolve_stored(database, jurisdiction,
                                          classified.matches.front().resolution.violation_type);
    return {std::move(stored), std::move(classified)};
}

}  // namespace lawlist::classify
