// Findings between check runs: new, open (first sighting kept), changed, gone, back again.
// RecordCheck reads what is stored before it takes the write lock and writes only what
// differs; what a reader sees afterwards must be the same as if every finding were rewritten.

#include "claimtrack/store/findings.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <map>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::TempDir;

FindingRow Finding(const std::string& id, const std::string& payload,
                   const std::string& severity = "high", const std::string& group = "g1") {
  FindingRow f;
  f.id = id;
  f.type = "contradiction";
  f.severity = severity;
  f.group = group;
  f.speaker_id = "mueller";
  f.payload = payload;
  return f;
}

std::map<std::string, FindingRow> ById(const std::vector<FindingRow>& rows) {
  std::map<std::string, FindingRow> out;
  for (const FindingRow& f : rows) out[f.id] = f;
  return out;
}

CheckRun Run(bool full) {
  CheckRun r;
  r.full_run = full;
  return r;
}

struct StoredRow {
  std::string status, payload, severity;
  int64_t first_run = 0, last_run = 0;
};

StoredRow Stored(const std::string& db_path, const std::string& id) {
  SQLite::Database db(db_path);
  SQLite::Statement st(db,
                       "SELECT status, payload, severity, first_run, last_run FROM findings "
                       "WHERE id = ?");
  st.bind(1, id);
  REQUIRE(st.executeStep());
  return {st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
          st.getColumn(3).getInt64(), st.getColumn(4).getInt64()};
}

TEST_CASE("a second check keeps unchanged findings open, rewrites changed ones, ends vanished ones",
          "[store][findings]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  { Store create(path); }
  FindingStore fs(path);
  CheckRun first =
      fs.RecordCheck(Run(true), {}, {},
                     {Finding("f-same", R"({"v":1})"), Finding("f-changed", R"({"v":2})"),
                      Finding("f-vanishes", R"({"v":3})")});
  CHECK(first.findings_new == 3);
  CHECK(first.findings_open == 0);

  CheckRun second = fs.RecordCheck(
      Run(false), {}, {"g1"},
      {Finding("f-same", R"({"v":1})"), Finding("f-changed", R"({"v":20})", "medium")});
  CHECK(second.findings_new == 0);
  CHECK(second.findings_open == 2);
  CHECK(second.findings_gone == 1);

  StoredRow same = Stored(path, "f-same");
  CHECK(same.status == "open");
  CHECK(same.payload == R"({"v":1})");
  CHECK(same.first_run == first.id);
  CHECK(same.last_run == second.id);  // seen by the second run although nothing changed
  StoredRow changed = Stored(path, "f-changed");
  CHECK(changed.status == "open");
  CHECK(changed.payload == R"({"v":20})");
  CHECK(changed.severity == "medium");
  CHECK(changed.first_run == first.id);
  CHECK(Stored(path, "f-vanishes").status == "gone");

  auto listed = ById(fs.Findings());
  CHECK(listed.size() == 2);
  CHECK(listed.count("f-vanishes") == 0);
  CHECK(listed["f-same"].status == "open");
  CHECK(fs.LastCheck().findings_gone == 1);
}

TEST_CASE("a finding that comes back after it was gone is new again", "[store][findings]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  { Store create(path); }
  FindingStore fs(path);
  fs.RecordCheck(Run(true), {}, {}, {Finding("f1", "{}")});
  fs.RecordCheck(Run(true), {}, {}, {});
  CHECK(Stored(path, "f1").status == "gone");
  CheckRun back = fs.RecordCheck(Run(true), {}, {}, {Finding("f1", "{}")});
  CHECK(back.findings_new == 1);
  StoredRow row = Stored(path, "f1");
  CHECK(row.status == "new");
  CHECK(row.first_run == back.id);
}

TEST_CASE("an incremental check leaves the findings of other groups alone", "[store][findings]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  { Store create(path); }
  FindingStore fs(path);
  fs.RecordCheck(Run(true), {}, {},
                 {Finding("a", "{}", "high", "g1"), Finding("b", "{}", "high", "g2")});
  CheckRun inc = fs.RecordCheck(Run(false), {}, {"g1"}, {});
  CHECK(inc.findings_gone == 1);
  CHECK(Stored(path, "a").status == "gone");
  CHECK(Stored(path, "b").status == "new");  // not recomputed: untouched
}

TEST_CASE("two finding stores on one file: the later check sees the earlier one's findings",
          "[store][findings]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  { Store create(path); }
  FindingStore one(path), two(path);
  one.RecordCheck(Run(true), {}, {}, {Finding("x", "{}")});
  CheckRun r = two.RecordCheck(Run(true), {}, {}, {Finding("x", "{}")});
  CHECK(r.findings_open == 1);
  CHECK(r.findings_new == 0);
  CHECK(Stored(path, "x").status == "open");
}

}  // namespace
}  // namespace claimtrack::store
