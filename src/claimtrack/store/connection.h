#pragma once
// Private to store/: what store.cpp and findings.cpp (each with its own connection to the same
// file) share about connections and the time stamps they write.

#include <string>

namespace claimtrack::store {

// How long a connection waits for another writer's lock before SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 5000;

enum class StampPrecision { kSeconds, kMilliseconds };

// The current UTC time as ISO 8601: "2026-12-07T11:30:41Z" or "2026-12-07T11:30:41.123Z".
// Claims and articles carry milliseconds (several batches a second must stay ordered); check
// and report runs and first/last sightings of findings carry seconds.
std::string NowUtc(StampPrecision precision);

}  // namespace claimtrack::store
