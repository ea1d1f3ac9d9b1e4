#pragma once
// Private to store/: what Store (schema.cpp, ingest.cpp, queries.cpp), FindingStore and
// ReviewStore (each with its own connection to the same file) share about connections and
// the time stamps they write.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>
#include <time.h>

#include <memory>
#include <string>

#include "claimtrack/store/store.h"

namespace claimtrack::store {

// How long a connection waits for another writer's lock before SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 5000;

enum class StampPrecision { kSeconds, kMilliseconds };

// The current UTC time as ISO 8601: "2026-12-07T11:30:41Z" or "2026-12-07T11:30:41.123Z".
// Claims and articles carry milliseconds (several batches a second must stay ordered); check
// and report runs and first/last sightings of findings carry seconds.
std::string NowUtc(StampPrecision precision);

// The own connection of FindingStore and ReviewStore to a database Store has opened (and so
// migrated and checked): the path for messages, foreign keys on, and Guard, which turns a
// SQLite error into a StoreError naming the file and the operation.
struct SideConnection {
  std::string path;
  SQLite::Database db;
  SideConnection(const std::string& p, bool read_only)
      : path(p), db(p, read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE, kBusyTimeoutMs) {
    db.exec("PRAGMA foreign_keys = ON");
    // Wait for another writer's lock in steps of 1 ms, up to the same busy timeout. SQLite's
    // own handler sleeps 1, 2, 5, 10 … 100 ms, so a verdict that met an ingest batch's lock
    // often slept 25-50 ms after the lock was free; a reviewer should get it at once.
    sqlite3_busy_handler(db.getHandle(), &PollBusy, nullptr);
  }
  static int PollBusy(void*, int count) {
    if (count >= kBusyTimeoutMs) return 0;  // about kBusyTimeoutMs of 1 ms sleeps: give up
    timespec ts{0, 1000000};
    nanosleep(&ts, nullptr);
    return 1;
  }
  template <typename Fn>
  auto Guard(const char* op, Fn&& fn) const -> decltype(fn()) {
    try {
      return fn();
    } catch (const SQLite::Exception& e) {
      throw StoreError(path + ": " + op + ": " + e.what());
    }
  }
};

// Opens an Impl derived from SideConnection; an open failure is a StoreError ("path: open: ...").
template <typename Impl>
std::unique_ptr<Impl> OpenSide(const std::string& path, bool read_only) {
  try {
    return std::make_unique<Impl>(path, read_only);
  } catch (const SQLite::Exception& e) {
    throw StoreError(path + ": open: " + e.what());
  }
}

}  // namespace claimtrack::store
