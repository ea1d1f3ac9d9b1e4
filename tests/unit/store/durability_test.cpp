// Crash safety: a child process ingests in a loop and is SIGKILLed at random moments; after
// every kill the database must be intact and hold only whole articles.

#include <SQLiteCpp/SQLiteCpp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::TempDir;

// Article `seq` in variant `variant`: its text says how many claims it carries, so the
// checker can verify completeness from the database alone.
ArticleClaims SyntheticArticle(int seq, int variant) {
  const int n = static_cast<int>(
                    (static_cast<unsigned>(seq) * 7u + static_cast<unsigned>(variant) * 3u) % 9u) +
                1;
  ArticleClaims ac;
  Article& a = ac.article;
  a.id = "art-" + std::to_string(seq);
  a.date = "2024-01-" + std::to_string(10 + seq % 20);
  a.lang = "de";
  a.text = a.id + " variant=" + std::to_string(variant) + " claims=" + std::to_string(n) + ".";
  a.content_hash = "h-" + std::to_string(seq) + "-" + std::to_string(variant);
  for (int k = 0; k < n; ++k) {
    const size_t begin = a.text.size() + 1;
    const std::string figure = std::to_string((k + 1) * 10);
    const std::string sentence = "Satz " + std::to_string(k) + ": Es kamen " + figure + " Leute.";
    a.text += " " + sentence;
    Claim c;
    c.sentence_span = Span{begin, begin + sentence.size()};
    c.sentence = sentence;
    c.sentence_index = k + 1;
    c.claim_type = "count";
    c.rule_id = "de.count.people";
    c.lang = "de";
    c.quantity.kind = QuantityKind::kCount;
    c.quantity.value = (k + 1) * 10;
    const size_t f = sentence.find(figure);
    c.quantity.span = Span{begin + f, begin + f + figure.size()};
    c.quantity.text = figure;
    c.attribution.speaker_id = "speaker-" + std::to_string(k % 3);
    c.attribution.speaker_name = "Speaker " + std::to_string(k % 3);
    c.attribution.speaker_kind = "person";
    ac.claims.push_back(c);
  }
  return ac;
}

// The child: ingest batches forever, reporting each committed high-water mark on `fd`.
[[noreturn]] void IngestForever(const std::string& path, int first_seq, unsigned seed, int fd) {
  try {
    Store store(path);
    std::mt19937 rng(seed);
    int seq = first_seq;
    while (true) {
      std::vector<ArticleClaims> batch;
      for (int i = 0; i < 8; ++i) batch.push_back(SyntheticArticle(seq++, 0));
      if (seq > 10) {  // revise two older articles with a new variant
        for (int i = 0; i < 2; ++i) {
          const int old = static_cast<int>(rng() % static_cast<unsigned>(seq - 1));
          batch.push_back(SyntheticArticle(old, 1 + static_cast<int>(rng() % 50)));
        }
      }
      store.IngestBatch(batch, "rs-" + std::to_string(seq % 4));
      const std::string line = std::to_string(seq - 1) + "\n";
      if (::write(fd, line.data(), line.size()) < 0) ::_exit(3);
    }
  } catch (...) {
    ::_exit(2);
  }
}

struct CheckResult {
  int articles = 0;
};

CheckResult CheckDatabase(const std::string& path, int committed_up_to) {
  { Store reopened(path); }  // recovery and (if the kill hit them) migrations complete
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  {
    SQLite::Statement fk(db, "PRAGMA foreign_key_check");
    CHECK_FALSE(fk.executeStep());
  }
  SQLite::Statement st(db,
                       "SELECT a.id, a.text, "
                       "(SELECT count(*) FROM claims c WHERE c.article_id = a.id AND "
                       " c.superseded = 0 AND c.article_revision = a.revision), "
                       "(SELECT count(*) FROM claims c WHERE c.article_id = a.id AND "
                       " c.superseded = 0) FROM articles a");
  CheckResult result;
  std::vector<bool> present;
  while (st.executeStep()) {
    ++result.articles;
    const std::string id = st.getColumn(0).getString();
    const std::string text = st.getColumn(1).getString();
    const size_t pos = text.find("claims=");
    REQUIRE(pos != std::string::npos);
    const int expected = std::stoi(text.substr(pos + 7));
    INFO("article " << id);
    CHECK(st.getColumn(2).getInt() == expected);
    CHECK(st.getColumn(3).getInt() == expected);
    const int seq = std::stoi(id.substr(4));
    if (static_cast<size_t>(seq) >= present.size()) present.resize(static_cast<size_t>(seq) + 1);
    present[static_cast<size_t>(seq)] = true;
  }
  // Every batch the child saw committed survived the kill.
  for (int seq = 0; seq <= committed_up_to; ++seq) {
    INFO("committed article art-" << seq);
    REQUIRE((static_cast<size_t>(seq) < present.size() && present[static_cast<size_t>(seq)]));
  }
  // Superseded revisions have no current claims left behind.
  CHECK(db.execAndGet("SELECT count(*) FROM claims c JOIN article_revisions r ON "
                      "r.article_id = c.article_id AND r.revision = c.article_revision "
                      "WHERE c.superseded = 0")
            .getInt64() == 0);
  return result;
}

TEST_CASE("a writer killed at random moments leaves a consistent database", "[store][slow]") {
  TempDir dir;
  const std::string path = dir.File("db/claims.sqlite");
  const unsigned seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  int committed = -1;  // highest article seq reported committed so far
  int kills = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 24; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const int first_seq = committed + 1;
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      IngestForever(path, first_seq, seed + static_cast<unsigned>(round), fds[1]);
    }
    ::close(fds[1]);
    // Early rounds also kill during creation and migration of the database.
    const int delay_ms =
        round < 3 ? static_cast<int>(rng() % 15) : 20 + static_cast<int>(rng() % 180);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    REQUIRE(::kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    INFO("child exit status " << status);
    REQUIRE(killed);  // the child never stops by itself (exit 2 = exception in the child)
    ++kills;
    std::string reported;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) reported.append(buf, static_cast<size_t>(n));
    ::close(fds[0]);
    // The last complete line is the newest committed high-water mark.
    if (!reported.empty() && reported.back() != '\n') reported.erase(reported.rfind('\n') + 1);
    if (!reported.empty()) {
      reported.pop_back();
      const size_t nl = reported.rfind('\n');
      committed =
          std::max(committed, std::stoi(reported.substr(nl == std::string::npos ? 0 : nl + 1)));
    }
    INFO("round " << round << ", committed up to art-" << committed);
    CheckDatabase(path, committed);
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(kills >= 20);
  CHECK(committed > 0);  // the children did get work done between kills
  WARN("kill test: " << kills << " kills, " << committed + 1 << " articles committed, " << seconds
                     << " s");
}

}  // namespace
}  // namespace claimtrack::store
