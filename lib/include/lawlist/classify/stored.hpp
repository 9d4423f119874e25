#pragma once
// The classification index as a database keeps it: the blob "classify-index" (its head) and the
// blob parts "classify-index/bigrams" and "classify-index/terms", compiled from the stored
// vocabulary whenever a load carries vocabulary (and by an upgrade), read as they are by every
// classification: whole by a batch, the parts it needs by a classification of one text.

#include "lawlist/classify/index.hpp"
#include "lawlist/store/database.hpp"

namespace lawlist::classify {

// Compiles the index from the whole vocabulary stored in `database` (a load may carry only part
// of it) and stores it, in the caller's write transaction when one is open.
void store_index(store::Database& database);

// Stores the index anew when the stored one is missing, of another format, or built from another
// vocabulary than the stored one; returns whether it did. For upgrades.
bool refresh_index(store::Database& database);

// The stored index; an empty one when no vocabulary was ever loaded. Throws DatabaseError
// when it is of another format (saying to run `lawlist upgrade`) or damaged.
IndexRows stored_index(const store::Database& database);

// The stored index with what classifying one text reads first: the parts of the bigram `keys` of
// the text, and no terms (read_stored_terms reads those of the candidate types). Throws as
// stored_index does.
IndexRows stored_index_for(const store::Database& database, const std::vector<std::uint64_t>& keys);

// The stored terms of `types`, laid out as in an index of `type_count` types (classifier.hpp's
// TermReader for an index from stored_index_for).
CompiledIndex read_stored_terms(const store::Database& database, std::uint32_t type_count,
                                std::span<const std::uint32_t> types);

}  // namespace lawlist::classify
