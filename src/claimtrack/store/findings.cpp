#include "claimtrack/store/findings.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "claimtrack/store/connection.h"

namespace claimtrack::store {

namespace {

constexpr size_t kChunk = 500;  // bound parameters per statement

}  // namespace

struct FindingStore::Impl : SideConnection {
  using SideConnection::SideConnection;
};

FindingStore::FindingStore(const std::string& path, bool read_only)
    : impl_(OpenSide<Impl>(path, read_only)) {}

FindingStore::~FindingStore() = default;

CheckRun FindingStore::LastCheck() const {
  return impl_->Guard("last check", [&] {
    CheckRun r;
    SQLite::Statement st(impl_->db,
                         "SELECT id, run_at, max_claim_row, superseded_upto, claims_analysed, "
                         "groups_touched, findings_new, findings_open, findings_gone, full_run "
                         "FROM check_runs ORDER BY id DESC LIMIT 1");
    if (st.executeStep()) {
      r.id = st.getColumn(0).getInt64();
      r.run_at = st.getColumn(1).getString();
      r.max_claim_row = st.getColumn(2).getInt64();
      r.superseded_upto = st.getColumn(3).getString();
      r.claims_analysed = st.getColumn(4).getInt64();
      r.groups_touched = st.getColumn(5).getInt64();
      r.findings_new = st.getColumn(6).getInt64();
      r.findings_open = st.getColumn(7).getInt64();
      r.findings_gone = st.getColumn(8).getInt64();
      r.full_run = st.getColumn(9).getInt() != 0;
    }
    return r;
  });
}

std::vector<int64_t> FindingStore::SupersededSince(const std::string& after) const {
  return impl_->Guard("superseded claims", [&] {
    std::vector<int64_t> out;
    SQLite::Statement st(impl_->db,
                         "SELECT row_id FROM claims WHERE superseded = 1 AND superseded_at > ?");
    st.bind(1, after);
    while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
    return out;
  });
}

std::string FindingStore::MaxSupersededAt() const {
  return impl_->Guard("superseded claims", [&] {
    // Only superseded rows have a superseded_at: this reads the partial index claims_superseded.
    SQLite::Statement st(
        impl_->db, "SELECT coalesce(max(superseded_at), '') FROM claims WHERE superseded = 1");
    st.executeStep();
    return st.getColumn(0).getString();
  });
}

int64_t FindingStore::MaxClaimRow() const {
  return impl_->Guard("claims", [&] {
    SQLite::Statement st(impl_->db, "SELECT coalesce(max(row_id), 0) FROM claims");
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
}

std::vector<std::string> FindingStore::GroupsOfRows(const std::vector<int64_t>& rows) const {
  return impl_->Guard("claim groups", [&] {
    std::set<std::string> out;
    for (size_t i = 0; i < rows.size(); i += kChunk) {
      size_t n = std::min(kChunk, rows.size() - i);
      std::string sql = "SELECT DISTINCT grp FROM claim_groups WHERE claim_row IN (";
      for (size_t k = 0; k < n; ++k) sql += k == 0 ? "?" : ", ?";
      sql += ")";
      SQLite::Statement st(impl_->db, sql);
      for (size_t k = 0; k < n; ++k) st.bind(static_cast<int>(k + 1), rows[i + k]);
      while (st.executeStep()) out.insert(st.getColumn(0).getString());
    }
    return std::vector<std::string>(out.begin(), out.end());
  });
}

std::vector<int64_t> FindingStore::RowsOfGroups(const std::vector<std::string>& groups) const {
  return impl_->Guard("claim groups", [&] {
    std::vector<int64_t> out;
    for (size_t i = 0; i < groups.size(); i += kChunk) {
      size_t n = std::min(kChunk, groups.size() - i);
      std::string sql = "SELECT claim_row FROM claim_groups WHERE grp IN (";
      for (size_t k = 0; k < n; ++k) sql += k == 0 ? "?" : ", ?";
      sql += ")";
      SQLite::Statement st(impl_->db, sql);
      for (size_t k = 0; k < n; ++k) st.bind(static_cast<int>(k + 1), groups[i + k]);
      while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  });
}

namespace {

// A stored finding as RecordCheck compares it with a recomputed one.
struct StoredFinding {
  std::string status, type, severity, grp, speaker_id, payload;
  bool weak = false;
  bool SameAs(const FindingRow& f) const {
    return status != "gone" && type == f.type && severity == f.severity && grp == f.group &&
           speaker_id == f.speaker_id && weak == f.weak && payload == f.payload;
  }
};

// The findings (not gone) of the recomputed groups, all of them when `full`.
std::unordered_map<std::string, StoredFinding> StoredFindings(
    SQLite::Database& db, bool full, const std::vector<std::string>& groups) {
  std::unordered_map<std::string, StoredFinding> out;
  const std::string select =
      "SELECT id, status, type, severity, grp, speaker_id, weak, payload FROM findings "
      "WHERE status <> 'gone'";
  auto collect = [&](const std::string& sql, size_t from, size_t n) {
    SQLite::Statement st(db, sql);
    for (size_t k = 0; k < n; ++k) st.bind(static_cast<int>(k + 1), groups[from + k]);
    while (st.executeStep()) {
      StoredFinding f{st.getColumn(1).getString(),  st.getColumn(2).getString(),
                      st.getColumn(3).getString(),  st.getColumn(4).getString(),
                      st.getColumn(5).getString(),  st.getColumn(7).getString(),
                      st.getColumn(6).getInt() != 0};
      out.emplace(st.getColumn(0).getString(), std::move(f));
    }
  };
  if (full) {
    collect(select, 0, 0);
    return out;
  }
  for (size_t i = 0; i < groups.size(); i += kChunk) {
    size_t n = std::min(kChunk, groups.size() - i);
    std::string sql = select + " AND grp IN (";
    for (size_t k = 0; k < n; ++k) sql += k == 0 ? "?" : ", ?";
    collect(sql + ")", i, n);
  }
  return out;
}

// Binds `args` to ?1, ?2, … in order, runs the statement and resets it for the next row.
template <typename... Args>
void ExecWith(SQLite::Statement& st, const Args&... args) {
  SQLite::bind(st, args...);
  st.exec();
  st.reset();
}

// The groups already recorded for these rows: one pass over the table in a full run (most
// rows are there), lookups by row in chunks otherwise.
std::unordered_map<int64_t, std::string> RecordedGroups(
    SQLite::Database& db, bool full, const std::vector<std::pair<int64_t, std::string>>& rows) {
  std::unordered_map<int64_t, std::string> out;
  if (rows.empty()) return out;
  if (full) {
    out.reserve(rows.size());
    SQLite::Statement st(db, "SELECT claim_row, grp FROM claim_groups");
    while (st.executeStep()) out.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getString());
    return out;
  }
  for (size_t i = 0; i < rows.size(); i += kChunk) {
    size_t n = std::min(kChunk, rows.size() - i);
    std::string sql = "SELECT claim_row, grp FROM claim_groups WHERE claim_row IN (";
    for (size_t k = 0; k < n; ++k) sql += k == 0 ? "?" : ", ?";
    SQLite::Statement st(db, sql + ")");
    for (size_t k = 0; k < n; ++k) st.bind(static_cast<int>(k + 1), rows[i + k].first);
    while (st.executeStep()) out.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getString());
  }
  return out;
}

// Writes the rows whose group is not recorded yet (or changed), with one prepared statement
// through the raw API (no copies of the group names; a full run on a million claims writes
// about 460,000 rows).
void WriteGroups(SQLite::Database& database,
                 const std::vector<std::pair<int64_t, std::string>>& rows,
                 const std::unordered_map<int64_t, std::string>& recorded) {
  sqlite3* db = database.getHandle();
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO claim_groups (claim_row, grp) VALUES (?, ?) "
                         "ON CONFLICT (claim_row) DO UPDATE SET grp = excluded.grp",
                         -1, &raw, nullptr) != SQLITE_OK) {
    throw SQLite::Exception(db, sqlite3_errcode(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(raw, sqlite3_finalize);
  for (const auto& [row, grp] : rows) {
    auto known = recorded.find(row);
    if (known != recorded.end() && known->second == grp) continue;
    sqlite3_bind_int64(raw, 1, row);
    sqlite3_bind_text(raw, 2, grp.data(), static_cast<int>(grp.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(raw);
    if (rc != SQLITE_DONE) throw SQLite::Exception(db, rc);
    sqlite3_reset(raw);
  }
}

int64_t LastCheckId(SQLite::Database& db) {
  return db.execAndGet("SELECT coalesce(max(id), 0) FROM check_runs").getInt64();
}

}  // namespace

CheckRun FindingStore::RecordCheck(CheckRun run,
                                   const std::vector<std::pair<int64_t, std::string>>& row_groups,
                                   const std::vector<std::string>& groups,
                                   const std::vector<FindingRow>& current) {
  return impl_->Guard("record check", [&] {
    SQLite::Database& db = impl_->db;
    // Everything that can be read is read before the write lock is taken, in one snapshot:
    // the stored findings of the recomputed groups and the groups already recorded for the
    // analysed rows. Under the lock only what differs is written, so the lock is held for
    // milliseconds even when hundreds of findings are unchanged: a reviewer's verdict waits
    // for no more than that (docs/performance.md, "The desk under load").
    int64_t snapshot_check = 0;
    std::unordered_map<std::string, StoredFinding> before;
    std::unordered_map<int64_t, std::string> recorded_groups;
    {
      SQLite::Transaction read(db);
      snapshot_check = LastCheckId(db);
      before = StoredFindings(db, run.full_run, groups);
      recorded_groups = RecordedGroups(db, run.full_run, row_groups);
      read.commit();
    }
    // Findings are derived from the claims: their commit does not wait for the disk (WAL with
    // synchronous NORMAL stays consistent; a power cut can only lose the newest check runs,
    // and the next `check` redoes exactly those). Claims, articles and verdicts keep FULL.
    db.exec("PRAGMA synchronous = NORMAL");
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Only check writes findings; if another check committed since the snapshot, read again
    // under the lock (two checks at once are rare, and then correctness beats latency).
    if (LastCheckId(db) != snapshot_check) {
      before = StoredFindings(db, run.full_run, groups);
      recorded_groups.clear();
    }
    run.run_at = NowUtc(StampPrecision::kSeconds);
    SQLite::Statement ins(db,
                          "INSERT INTO check_runs (run_at, max_claim_row, superseded_upto, "
                          "claims_analysed, groups_touched, findings_new, findings_open, "
                          "findings_gone, full_run) VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?)");
    ins.bind(1, run.run_at);
    ins.bind(2, run.max_claim_row);
    ins.bind(3, run.superseded_upto);
    ins.bind(4, run.claims_analysed);
    ins.bind(5, static_cast<int64_t>(groups.size()));
    ins.bind(6, run.full_run ? 1 : 0);
    ins.exec();
    run.id = db.getLastInsertRowid();
    run.groups_touched = static_cast<int64_t>(groups.size());
    WriteGroups(db, row_groups, recorded_groups);
    SQLite::Statement upsert(
        db,
        "INSERT INTO findings (id, type, severity, grp, speaker_id, weak, payload, status, "
        "first_seen, last_seen, first_run, last_run) VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, "
        "?, ?) ON CONFLICT (id) DO UPDATE SET type = excluded.type, severity = "
        "excluded.severity, grp = excluded.grp, speaker_id = excluded.speaker_id, weak = "
        "excluded.weak, payload = excluded.payload, last_seen = excluded.last_seen, last_run = "
        "excluded.last_run, status = CASE WHEN findings.status = 'gone' THEN 'new' ELSE "
        "'open' END, first_run = CASE WHEN findings.status = 'gone' THEN excluded.first_run "
        "ELSE findings.first_run END");
    // An unchanged finding keeps its row; only the run that saw it last is written.
    SQLite::Statement seen(db,
                           "UPDATE findings SET status = 'open', last_seen = ?, last_run = ? "
                           "WHERE id = ?");
    std::set<std::string> now_ids;
    for (const FindingRow& f : current) {
      now_ids.insert(f.id);
      auto old = before.find(f.id);
      if (old != before.end() && old->second.SameAs(f)) {
        ExecWith(seen, run.run_at, run.id, f.id);
      } else {
        ExecWith(upsert, f.id, f.type, f.severity, f.group, f.speaker_id, f.weak ? 1 : 0, f.payload,
                 run.run_at, run.run_at, run.id, run.id);
      }
      if (old != before.end()) {
        ++run.findings_open;
      } else {
        ++run.findings_new;
      }
    }
    SQLite::Statement gone(db, "UPDATE findings SET status = 'gone', last_run = ? WHERE id = ?");
    for (const auto& [id, stored] : before) {
      if (now_ids.count(id)) continue;
      ExecWith(gone, run.id, id);
      ++run.findings_gone;
    }
    SQLite::Statement upd(db,
                          "UPDATE check_runs SET findings_new = ?, findings_open = ?, "
                          "findings_gone = ? WHERE id = ?");
    ExecWith(upd, run.findings_new, run.findings_open, run.findings_gone, run.id);
    tx.commit();
    return run;
  });
}

std::vector<FindingRow> FindingStore::Findings(const std::string& status) const {
  return Findings(status, false, {});
}

std::vector<FindingRow> FindingStore::Findings(const std::string& status, bool all_known,
                                               const std::vector<std::string>& known) const {
  return impl_->Guard("findings", [&] {
    const std::set<std::string> known_groups(known.begin(), known.end());
    // new: first found by the latest run; open: found earlier and still there.
    std::string sql =
        "SELECT id, type, severity, grp, speaker_id, weak, payload, CASE WHEN status = 'gone' "
        "THEN 'gone' WHEN first_run = (SELECT max(id) FROM check_runs) THEN 'new' ELSE 'open' "
        "END AS st, first_seen, last_seen FROM findings ";
    if (status.empty()) {
      sql += "WHERE status <> 'gone' ";
    } else {
      sql += "WHERE st = ? ";
    }
    // Sorted below, not by SQLite: its sorter would copy every payload (a few KB each) into a
    // temporary B-tree first.
    SQLite::Statement st(impl_->db, sql);
    if (!status.empty()) st.bind(1, status);
    std::vector<FindingRow> out;
    while (st.executeStep()) {
      FindingRow f;
      f.id = st.getColumn(0).getString();
      f.type = st.getColumn(1).getString();
      f.severity = st.getColumn(2).getString();
      f.group = st.getColumn(3).getString();
      f.speaker_id = st.getColumn(4).getString();
      f.weak = st.getColumn(5).getInt() != 0;
      // SQLite reads a column's text only when asked for it.
      if (!all_known && !known_groups.count(f.group)) f.payload = st.getColumn(6).getString();
      f.status = st.getColumn(7).getString();
      f.first_seen = st.getColumn(8).getString();
      f.last_seen = st.getColumn(9).getString();
      out.push_back(std::move(f));
    }
    // Most severe first, then strong before weak attributions, then type and id (unique).
    auto rank = [](const std::string& severity) {
      return severity == "high" ? 0 : severity == "medium" ? 1 : 2;
    };
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const FindingRow& x = out[a];
      const FindingRow& y = out[b];
      const int rx = rank(x.severity), ry = rank(y.severity);
      return std::tie(rx, x.weak, x.type, x.id) < std::tie(ry, y.weak, y.type, y.id);
    });
    std::vector<FindingRow> sorted;
    sorted.reserve(out.size());
    for (size_t i : order) sorted.push_back(std::move(out[i]));
    return sorted;
  });
}

ReportRun FindingStore::LastReport() const {
  return impl_->Guard("last report", [&] {
    ReportRun r;
    SQLite::Statement st(impl_->db,
                         "SELECT id, run_at, out, max_claim_row, max_ingested_at FROM report_runs "
                         "ORDER BY id DESC LIMIT 1");
    if (st.executeStep()) {
      r.id = st.getColumn(0).getInt64();
      r.run_at = st.getColumn(1).getString();
      r.out = st.getColumn(2).getString();
      r.max_claim_row = st.getColumn(3).getInt64();
      r.max_ingested_at = st.getColumn(4).getString();
    }
    return r;
  });
}

void FindingStore::RecordReport(const ReportRun& run) {
  impl_->Guard("record report", [&] {
    SQLite::Statement st(impl_->db,
                         "INSERT INTO report_runs (run_at, out, max_claim_row, max_ingested_at) "
                         "VALUES (?, ?, ?, ?)");
    st.bind(1, NowUtc(StampPrecision::kSeconds));
    st.bind(2, run.out);
    st.bind(3, run.max_claim_row);
    st.bind(4, run.max_ingested_at);
    st.exec();
    return 0;
  });
}

int64_t FindingStore::ArticlesIngestedAfter(const std::string& after, std::string* newest) const {
  return impl_->Guard("articles", [&] {
    SQLite::Statement st(impl_->db,
                         "SELECT count(*), coalesce(max(ingested_at), '') FROM articles WHERE "
                         "ingested_at > ?");
    st.bind(1, after);
    st.executeStep();
    if (newest) *newest = st.getColumn(1).getString();
    return st.getColumn(0).getInt64();
  });
}

FindingStore::Counts FindingStore::CountForReport(const std::string& after) const {
  return impl_->Guard("counts", [&] {
    Counts out;
    SQLite::Database& db = impl_->db;
    SQLite::Transaction tx(db);  // one snapshot for every count
    out.articles = db.execAndGet("SELECT count(*) FROM articles").getInt64();
    out.speakers = db.execAndGet("SELECT count(*) FROM speakers").getInt64();
    // Counted here, not by GROUP BY: SQLite sorts a million rule ids for that.
    std::unordered_map<std::string, int64_t> per_rule;
    sqlite3_stmt* st = nullptr;
    const char* sql = "SELECT rule_id, created_at FROM claims WHERE superseded = 0";
    if (sqlite3_prepare_v2(db.getHandle(), sql, -1, &st, nullptr) != SQLITE_OK) {
      throw SQLite::Exception(db.getHandle());
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      ++out.claims;
      auto text = [&](int col) {
        const unsigned char* p = sqlite3_column_text(st, col);
        return std::string_view(
            reinterpret_cast<const char*>(p ? p : reinterpret_cast<const unsigned char*>("")),
            static_cast<size_t>(sqlite3_column_bytes(st, col)));
      };
      if (text(1) > after) ++out.claims_after;
      std::string_view rule = text(0);
      auto it = per_rule.find(std::string(rule));
      if (it == per_rule.end()) {
        per_rule.emplace(std::string(rule), 1);
      } else {
        ++it->second;
      }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw SQLite::Exception(db.getHandle());
    out.per_rule.assign(per_rule.begin(), per_rule.end());
    std::sort(out.per_rule.begin(), out.per_rule.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    tx.commit();
    return out;
  });
}

}  // namespace claimtrack::store
