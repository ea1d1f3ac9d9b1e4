// Opening the claims database: who it belongs to, whether it is intact, WAL and the other
// connection settings, and the migrations (docs/database.md). Every public call of Store is
// one transaction; writes start with BEGIN IMMEDIATE so a concurrent writer waits on the busy
// timeout instead of failing with SQLITE_BUSY_SNAPSHOT halfway.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "claimtrack/store/claim_hash.h"
#include "claimtrack/store/connection.h"
#include "claimtrack/store/migrations.h"
#include "claimtrack/store/store.h"
#include "claimtrack/store/store_internal.h"

namespace claimtrack::store {

std::string NowUtc(StampPrecision precision) {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  if (precision == StampPrecision::kSeconds) return std::string(buf) + "Z";
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms.count()));
  return out;
}

const std::string& ClaimSelectSql() {
  static const std::string sql = [] {
    std::string s = "SELECT ";
    const char* names[] = {
#define CLAIMTRACK_COLUMN_NAME(name, sql) sql,
        CLAIMTRACK_CLAIM_SELECT(CLAIMTRACK_COLUMN_NAME)
#undef CLAIMTRACK_COLUMN_NAME
    };
    for (int i = 0; i < kClaimColumnCount; ++i) s += (i > 0 ? ", " : "") + std::string(names[i]);
    s += " FROM claims c JOIN articles a ON a.id = c.article_id "
         "JOIN speakers s ON s.id = c.speaker_id ";
    return s;
  }();
  return sql;
}

const std::string& ClaimInsertSql() {
  static const std::string sql = [] {
    std::string cols, marks;
    for (const char* c : kClaimInsertColumns) {
      cols += (cols.empty() ? "" : ", ") + std::string(c);
      marks += marks.empty() ? "?" : ", ?";
    }
    return "INSERT INTO claims (" + cols + ") VALUES (" + marks + ")";
  }();
  return sql;
}

namespace {

// Leading digits of a migration file name ("0002_indexes.sql" -> 2), or -1.
int MigrationNumber(std::string_view name) {
  int n = -1;
  auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
  if (ec != std::errc() || p == name.data() || p == name.data() + name.size() || *p != '_') {
    return -1;
  }
  return n;
}

// claimtrack_figure_id(article_id, sentence, offset): FigureId in SQL, for migration 0006,
// which fills claims.figure_id of the rows written before it.
void FigureIdSql(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 3) {
    sqlite3_result_error(ctx, "claimtrack_figure_id takes 3 arguments", -1);
    return;
  }
  auto text = [&](int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_value_bytes(argv[i])))
             : std::string_view();
  };
  const int64_t offset = sqlite3_value_int64(argv[2]);
  std::string id = FigureId(text(0), text(1), offset > 0 ? static_cast<size_t>(offset) : 0);
  sqlite3_result_text(ctx, id.c_str(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
}

}  // namespace

void RegisterFigureIdFunction(sqlite3* handle) {
  sqlite3_create_function_v2(handle, "claimtrack_figure_id", 3,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                             &FigureIdSql, nullptr, nullptr, nullptr);
}

void Store::Impl::Configure() {
  // WAL: readers never block the writer and a crash never leaves a half-written page in
  // the main file. FULL: a commit is on disk when IngestBatch returns (see database.md).
  // Only called once the file is known to be ours (CheckIdentity), so a foreign SQLite
  // file is never switched to WAL.
  db.execAndGet("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = FULL");
  // 64 MiB page cache (default 2 MiB): a batch's index updates stay in memory until commit.
  db.exec("PRAGMA cache_size = -65536");
}

// Refuses, without writing anything, a file that is not a claimtrack database: another
// application's SQLite file, or one with tables but no schema version.
void Store::Impl::CheckIdentity() {
  int64_t app_id = db.execAndGet("PRAGMA application_id").getInt64();
  if (app_id != 0 && app_id != kApplicationId) {
    throw StoreError(Context("open", "not a claimtrack database (application_id " +
                                         std::to_string(app_id) +
                                         "); it was not changed. Choose another --db path"));
  }
  if (ReadUserVersion() == 0) {
    int64_t objects =
        db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
            .getInt64();
    if (objects > 0) {
      throw StoreError(Context("open",
                               "not a claimtrack database (it has tables but no schema "
                               "version); it was not changed. Choose another --db path"));
    }
  }
}

// A fast structural check (PRAGMA quick_check) before writing: a damaged file is refused,
// never written into. With `tables`, only those tables and their indexes are checked (the
// whole file when one of them does not exist).
void Store::Impl::CheckIntact(const std::vector<std::string>& tables) {
  std::vector<std::string> pragmas;
  for (const std::string& t : tables) {
    SQLite::Statement exists(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    exists.bind(1, t);
    if (!exists.executeStep()) {
      pragmas.clear();
      break;
    }
    pragmas.push_back("PRAGMA quick_check(\"" + t + "\")");
  }
  if (pragmas.empty()) pragmas.push_back("PRAGMA quick_check(3)");
  std::string problems;
  for (const std::string& sql : pragmas) {
    try {
      SQLite::Statement q(db, sql);
      while (q.executeStep()) {
        std::string line = q.getColumn(0).getString();
        if (line == "ok") break;
        problems += (problems.empty() ? "" : "; ") + line;
      }
    } catch (const SQLite::Exception& e) {
      // A root page too damaged to walk: SQLITE_CORRUPT instead of a report line.
      if (e.getErrorCode() != SQLITE_CORRUPT && e.getErrorCode() != SQLITE_NOTADB) throw;
      problems += (problems.empty() ? "" : "; ") + std::string(e.what());
    }
  }
  if (problems.empty()) return;
  throw StoreError(
      Context("open", "the database file is damaged (" + problems +
                          "); nothing was written. Restore it from a backup, or recover what is "
                          "readable: sqlite3 " +
                          path + " .recover | sqlite3 recovered.sqlite"));
}

void Store::Impl::Migrate() {
  const auto& migrations = EmbeddedMigrations();
  const int latest = static_cast<int>(migrations.size());
  for (int i = 0; i < latest; ++i) {
    if (MigrationNumber(migrations[static_cast<size_t>(i)].first) != i + 1) {
      throw StoreError(
          Context("migrate", "built-in migration '" + std::string(migrations[i].first) +
                                 "' is out of sequence; expected number " + std::to_string(i + 1)));
    }
  }
  const std::string file = std::filesystem::path(path).filename().string();
  int version = ReadUserVersion();
  auto too_new = [&](int v) {
    return StoreError(Context("open", file + " has schema version " + std::to_string(v) +
                                          " but this claimtrack knows up to " +
                                          std::to_string(latest) + "; upgrade claimtrack"));
  };
  if (version > latest) throw too_new(version);
  // Only an outdated database takes the write lock, so opening for a query never waits
  // for a running ingest.
  while (version < latest) {
    // Re-read the version inside the write lock: another process may have migrated.
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    version = ReadUserVersion();
    if (version > latest) throw too_new(version);
    if (version == latest) break;  // the transaction rolls back: nothing was written
    const auto& [name, sql] = migrations[static_cast<size_t>(version)];
    try {
      db.exec(std::string(sql));
      db.exec("PRAGMA user_version = " + std::to_string(version + 1));
      tx.commit();
      ++version;
    } catch (const SQLite::Exception& e) {
      throw StoreError(
          Context("migrate", "migration " + std::string(name) + " failed: " + e.what()));
    }
  }
  schema_version = latest;
}

namespace {
// Why a database cannot be written, in words a user can act on; "" when nothing is wrong
// that we can see before SQLite tries. WAL needs to create files beside the database, so
// the folder must be writable too.
std::string WhyNotWritable(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) parent = ".";
  auto reason = [] { return std::generic_category().message(errno); };
  if (fs::exists(path, ec)) {
    if (::access(path.c_str(), W_OK) != 0)
      return "the database file is not writable (" + reason() + ")";
  }
  if (::access(parent.c_str(), W_OK) != 0) {
    return "the folder " + parent.string() + " is not writable (" + reason() +
           "); the database and its -wal/-shm files are created there";
  }
  return "";
}
}  // namespace

Store::Store(const std::string& path, OpenMode mode) {
  namespace fs = std::filesystem;
  auto context = [&](std::string_view what) { return path + ": open: " + std::string(what); };
  const bool special = path == ":memory:" || path.rfind("file:", 0) == 0;
  std::error_code ec;
  if (!special && mode == OpenMode::kReadOnly) {
    if (!fs::exists(path, ec)) {
      throw StoreError(context("no database here yet; run `claimtrack ingest` first or pass --db"));
    }
    if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0 && !ec) {
      throw StoreError(
          context("the file is empty, not a claimtrack database yet; run "
                  "`claimtrack ingest` to create one or pass --db"));
    }
  }
  bool read_only = mode == OpenMode::kReadOnly;
  try {
    if (!special && !read_only) {
      fs::path parent = fs::path(path).parent_path();
      if (!parent.empty() && !fs::exists(parent, ec)) fs::create_directories(parent);
      if (std::string why = WhyNotWritable(path); !why.empty()) throw StoreError(context(why));
    }
    // NOMUTEX: a Store is one connection used by one thread at a time (see store.h), so
    // SQLite's per-call connection mutex is pure overhead (a lock per column read).
    impl_ = std::make_unique<Impl>(
        path, (read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) |
                  SQLite::OPEN_NOMUTEX);
  } catch (const SQLite::Exception& e) {
    throw StoreError(context(e.what()));
  } catch (const std::filesystem::filesystem_error& e) {
    throw StoreError(context(e.what()));
  }
  if (read_only && !special) {
    // A WAL database in a folder we cannot write: SQLite cannot create the -shm file and
    // refuses even to read. With no -wal file beside it, no writer can be mid-transaction
    // (a writer would need to create one), so the file is read as immutable.
    try {
      impl_->db.execAndGet("PRAGMA application_id");
    } catch (const SQLite::Exception& e) {
      if (fs::exists(path + "-wal", ec) ||
          (e.getErrorCode() != SQLITE_READONLY && e.getErrorCode() != SQLITE_CANTOPEN)) {
        throw StoreError(context(e.what()));
      }
      std::string uri = "file:";
      for (char c : fs::absolute(path, ec).string()) {
        if (c == '%' || c == '?' || c == '#') {
          uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        } else {
          uri += c;
        }
      }
      uri += "?immutable=1";
      try {
        impl_ = std::make_unique<Impl>(
            uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX);
        impl_->path = path;
      } catch (const SQLite::Exception& e2) {
        throw StoreError(context(e2.what()));
      }
    }
  }
  impl_->Guard("open", [&] {
    impl_->CheckIdentity();
    if (read_only) {
      impl_->db.exec("PRAGMA foreign_keys = ON");
      int version = impl_->ReadUserVersion();
      const int latest = LatestSchemaVersion();
      if (version > latest || version == latest) {
        impl_->Migrate();  // refuses a newer schema; writes nothing when current
        return;
      }
      // An older schema must be migrated first, which needs write access.
      if (std::string why = WhyNotWritable(path); !why.empty()) {
        throw StoreError(
            impl_->Context("open", "the database has schema version " + std::to_string(version) +
                                       " and must be upgraded to " + std::to_string(latest) +
                                       " before it can be read, but " + why));
      }
      read_only = false;
      impl_ = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
    }
    const bool existed = !special && fs::exists(path, ec) && fs::file_size(path, ec) > 0;
    if (existed) {
      static const std::vector<std::string> kFindingTables = {"findings", "claim_groups",
                                                              "check_runs", "report_runs"};
      static const std::vector<std::string> kReviewTables = {"reviews"};
      impl_->CheckIntact(mode == OpenMode::kWriteFindings  ? kFindingTables
                         : mode == OpenMode::kWriteReviews ? kReviewTables
                                                           : std::vector<std::string>{});
    }
    impl_->Configure();
    impl_->Migrate();
  });
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const std::string& Store::path() const { return impl_->path; }
int Store::SchemaVersion() const { return impl_->schema_version; }
int Store::LatestSchemaVersion() { return static_cast<int>(EmbeddedMigrations().size()); }

}  // namespace claimtrack::store
