#pragma once
// The classification index as a database keeps it: the blob "classify-index", compiled from the
// stored vocabulary whenever a load carries vocabulary (and by an upgrade), read as is by every
// classification.

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

}  // namespace lawlist::classify
