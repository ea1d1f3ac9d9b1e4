// The review page as a function from request to response (serve/site.h), without sockets:
// pages escape article text, verdicts need the form's token and this site's origin, the Host
// must name this server, bodies are capped, report files stay in their folder.

#include "claimtrack/serve/site.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/base/diagnostic.h"
#include "claimtrack/pipeline/check.h"
#include "claimtrack/pipeline/process.h"
#include "claimtrack/store/findings.h"
#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"

namespace fs = std::filesystem;

namespace claimtrack::serve {
namespace {

constexpr const char* kToken = "0123456789abcdef0123456789abcdef";
constexpr const char* kHost = "127.0.0.1:8470";
constexpr const char* kOrigin = "http://127.0.0.1:8470";

// A database with two conflicting figures of one speaker (one sentence with HTML in it),
// checked, and a reports folder with one report and a secret beside it.
class Desk {
 public:
  Desk() {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("claimtrack-serve-test-" + std::to_string(::getpid()) +
                                        "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "reports" / "2025-03-08");
    std::ofstream(dir_ / "reports" / "2025-03-08" / "report.html") << "<p>report</p>";
    std::ofstream(dir_ / "secret.txt") << "TOPSECRET";
    fs::create_symlink(dir_ / "secret.txt", dir_ / "reports" / "2025-03-08" / "link.md");
    db_ = (dir_ / "d.sqlite").string();

    const std::string src = CLAIMTRACK_SOURCE_DIR;
    Diagnostics d;
    auto engine = pipeline::LoadEngine({src + "/rules"}, src + "/rules/speakers.yaml", d);
    REQUIRE(engine);
    auto keys = analyze::LoadKeyConfig(src + "/rules/keys.yaml", d);
    REQUIRE(keys);
    keys_ = std::make_unique<analyze::KeyConfig>(std::move(*keys));
    std::vector<store::ArticleClaims> batch;
    auto add = [&](const std::string& id, const std::string& date, const std::string& text) {
      Article a;
      a.id = id;
      a.path = id + ".md";
      a.url = "https://example.org/" + id;
      a.title = "Title " + id;
      a.date = date;
      a.outlet = "Testblatt";
      a.lang = "de";
      a.text = text;
      batch.push_back({a, pipeline::ProcessArticle(*engine, a)});
    };
    add("p1", "2025-03-01",
        "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei rund "
        "20.000 Soldaten pro Monat.");
    add("p2", "2025-03-08",
        "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte <b>fett</b> "
        "bei 28.000 Soldaten pro Monat <script>alert(1)</script>.");
    store::Store db(db_);
    db.IngestBatch(batch, "test");
    store::FindingStore fs(db_);
    pipeline::RunCheck(db, fs, *keys_, {}, true);
    for (const auto& c : batch[1].claims) {
      if (c.quantity.text == "28.000") claim_id_ = store::AssignClaimIds("p2", {c}).front();
    }
    REQUIRE(!claim_id_.empty());
    SiteOptions o;
    o.db_path = db_;
    o.reports_dir = (dir_ / "reports").string();
    o.keys = keys_.get();
    o.port = 8470;
    o.csrf_token = kToken;
    o.version = "test";
    site_ = std::make_unique<ReviewSite>(o);
  }
  ~Desk() {
    site_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  HttpResponse Get(const std::string& target, Fields headers = {{"Host", kHost}}) const {
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.headers = std::move(headers);
    return site_->Handle(r);
  }
  // A POST as the claim page's form sends it, with `extra` fields and headers.
  HttpResponse Post(const std::string& target, const std::string& body,
                    Fields headers = {{"Host", kHost}, {"Origin", kOrigin}}) const {
    HttpRequest r;
    r.method = "POST";
    r.target = target;
    r.headers = std::move(headers);
    r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    r.headers.emplace_back("Content-Length", std::to_string(body.size()));
    r.body = body;
    return site_->Handle(r);
  }
  size_t Verdicts() const { return store::ReviewStore(db_, true).History(claim_id_).size(); }
  const std::string& claim_id() const { return claim_id_; }
  std::string VerdictPath() const { return "/claim/" + claim_id_ + "/verdict"; }

 private:
  fs::path dir_;
  std::string db_;
  std::string claim_id_;
  std::unique_ptr<analyze::KeyConfig> keys_;
  std::unique_ptr<ReviewSite> site_;
};

const std::string kForm =
    "rating=false&sources=https%3A%2F%2Fwww.destatis.de%2Fx&note=nicht+belegt&reviewer=Anna";

TEST_CASE("the queue lists the flagged claim with article HTML as text", "[serve]") {
  Desk desk;
  HttpResponse r = desk.Get("/");
  CHECK(r.status == 200);
  CHECK(r.body.find("/claim/" + desk.claim_id()) != std::string::npos);
  CHECK(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(r.body.find("&lt;b&gt;fett&lt;/b&gt;") != std::string::npos);
  CHECK(r.body.find("<script") == std::string::npos);
  CHECK(r.Header("Content-Security-Policy").find("default-src 'none'") == 0);
  CHECK(r.Header("X-Content-Type-Options") == "nosniff");
  CHECK(desk.Get("/?severity=urgent").status == 400);
  HttpResponse typo = desk.Get("/?speaker=Mark+Rute");
  CHECK(typo.body.find("Did you mean") != std::string::npos);
}

TEST_CASE("the claim page has context, the finding's other claim and a form with the token",
          "[serve]") {
  Desk desk;
  HttpResponse r = desk.Get("/claim/" + desk.claim_id());
  REQUIRE(r.status == 200);
  CHECK(r.body.find("rund 20.000") != std::string::npos);
  CHECK(r.body.find("name=\"csrf\" value=\"" + std::string(kToken) + "\"") != std::string::npos);
  CHECK(r.body.find("action=\"" + desk.VerdictPath() + "\"") != std::string::npos);
  CHECK(r.body.find("<script") == std::string::npos);
  CHECK(desk.Get("/claim/0000000000000000").status == 404);
}

TEST_CASE("a verdict from the form is recorded, redirects and remembers the reviewer", "[serve]") {
  Desk desk;
  HttpResponse r = desk.Post(desk.VerdictPath(), kForm + "&csrf=" + kToken);
  CHECK(r.status == 303);
  CHECK(r.Header("Location").find("/claim/" + desk.claim_id() + "#verdict-") == 0);
  CHECK(r.Header("Set-Cookie").find("ct_reviewer=Anna;") == 0);
  CHECK(r.Header("Set-Cookie").find("SameSite=Strict") != std::string::npos);
  CHECK(desk.Verdicts() == 1);
  HttpResponse page =
      desk.Get("/claim/" + desk.claim_id(), {{"Host", kHost}, {"Cookie", "ct_reviewer=Anna%20P"}});
  CHECK(page.body.find("nicht belegt") != std::string::npos);
  CHECK(page.body.find("value=\"Anna P\"") != std::string::npos);
}

TEST_CASE("forged verdicts are refused with 403 and write nothing", "[serve]") {
  Desk desk;
  const std::string with_token = kForm + "&csrf=" + kToken;
  CHECK(desk.Post(desk.VerdictPath(), kForm).status == 403);
  CHECK(desk.Post(desk.VerdictPath(), kForm + "&csrf=" + std::string(32, '0')).status == 403);
  CHECK(desk.Post(desk.VerdictPath(), with_token,
                  {{"Host", kHost}, {"Origin", "http://evil.example"}})
            .status == 403);
  CHECK(desk.Post(desk.VerdictPath(), with_token, {{"Host", kHost}, {"Origin", "null"}}).status ==
        403);
  CHECK(desk.Post(desk.VerdictPath(), with_token,
                  {{"Host", kHost}, {"Referer", "http://evil.example/x"}})
            .status == 403);
  CHECK(desk.Post(desk.VerdictPath(), with_token,
                  {{"Host", kHost}, {"Origin", kOrigin}, {"Sec-Fetch-Site", "cross-site"}})
            .status == 403);
  CHECK(desk.Verdicts() == 0);
  // Without Origin and Referer (curl, an old browser) the token alone suffices.
  CHECK(desk.Post(desk.VerdictPath(), with_token, {{"Host", kHost}}).status == 303);
  CHECK(desk.Verdicts() == 1);
}

TEST_CASE("an invalid verdict comes back as the form with the message, status 400", "[serve]") {
  Desk desk;
  HttpResponse r = desk.Post(desk.VerdictPath(),
                             std::string("rating=false&note=n&reviewer=Anna&csrf=") + kToken);
  CHECK(r.status == 400);
  CHECK(r.body.find("needs at least one source") != std::string::npos);
  CHECK(r.body.find("<textarea id=\"sources\" name=\"sources\" rows=\"3\" class=\"invalid\">") !=
        std::string::npos);
  r = desk.Post(desk.VerdictPath(), std::string("rating=fals&sources=https%3A%2F%2Fa.org%2Fxyz&"
                                                "note=%3Cscript%3E&reviewer=A&csrf=") +
                                        kToken);
  CHECK(r.status == 400);
  CHECK(r.body.find("did you mean &#39;false&#39;") != std::string::npos);
  CHECK(r.body.find("&lt;script&gt;") != std::string::npos);  // the note, kept and escaped
  CHECK(r.body.find("<script") == std::string::npos);
  CHECK(desk.Verdicts() == 0);
}

TEST_CASE("only this server's host names are served (DNS rebinding)", "[serve]") {
  Desk desk;
  CHECK(desk.Get("/", {{"Host", "evil.example"}}).status == 421);
  CHECK(desk.Get("/", {{"Host", "evil.example:8470"}}).status == 421);
  CHECK(desk.Get("/", {{"Host", "127.0.0.1:9999"}}).status == 421);
  CHECK(desk.Get("/", {}).status == 421);
  CHECK(desk.Get("/", {{"Host", "localhost:8470"}}).status == 200);
  CHECK(desk.Get("/", {{"Host", "[::1]:8470"}}).status == 200);
  CHECK(desk.Post(desk.VerdictPath(), kForm + "&csrf=" + kToken,
                  {{"Host", "evil.example:8470"}, {"Origin", "http://evil.example:8470"}})
            .status == 421);
  CHECK(desk.Verdicts() == 0);
}

TEST_CASE("large, chunked and compressed bodies are refused before they are read", "[serve]") {
  Desk desk;
  CHECK(desk.Post(desk.VerdictPath(), std::string(70 * 1024, 'a')).status == 413);
  HttpRequest r;
  r.method = "POST";
  r.target = desk.VerdictPath();
  r.headers = {{"Host", kHost},
               {"Content-Type", "application/x-www-form-urlencoded"},
               {"Transfer-Encoding", "chunked"}};
  SiteOptions o;
  o.csrf_token = kToken;
  o.port = 8470;
  ReviewSite bare(o);
  auto refused = bare.Preflight(r);
  REQUIRE(refused);
  CHECK(refused->status == 411);
  r.headers = {{"Host", kHost},
               {"Content-Type", "application/x-www-form-urlencoded"},
               {"Content-Length", "99999999"}};
  REQUIRE(bare.Preflight(r));
  CHECK(bare.Preflight(r)->status == 413);
  r.headers = {{"Host", kHost},
               {"Content-Type", "multipart/form-data; boundary=x"},
               {"Content-Length", "10"}};
  CHECK(bare.Preflight(r)->status == 415);
  r.headers = {{"Host", kHost},
               {"Content-Type", "application/x-www-form-urlencoded"},
               {"Content-Encoding", "gzip"},
               {"Content-Length", "10"}};
  CHECK(bare.Preflight(r)->status == 415);
  r.method = "GET";  // a body on a GET is capped as well
  r.headers = {{"Host", kHost}, {"Transfer-Encoding", "chunked"}};
  CHECK(bare.Preflight(r)->status == 411);
  r.headers = {{"Host", kHost}, {"Content-Length", "99999999"}};
  CHECK(bare.Preflight(r)->status == 413);
  r.method = "DELETE";
  CHECK(bare.Preflight(r)->status == 405);
}

TEST_CASE("report files stay inside the reports folder", "[serve]") {
  Desk desk;
  CHECK(desk.Get("/report").body == "<p>report</p>");
  CHECK(desk.Get("/reports/2025-03-08/report.html").status == 200);
  CHECK(desk.Get("/reports/").status == 200);
  for (const char* p : {"/reports/../secret.txt", "/reports/2025-03-08/../../secret.txt",
                        "/reports/%2e%2e/secret.txt", "/reports/%2E%2E/%2e%2e/secret.txt",
                        "/reports/..%2fsecret.txt", "/reports/%2e%2e%5csecret.txt",
                        "/reports/2025-03-08/link.md", "/reports/%00", "/reports/.hidden"}) {
    HttpResponse r = desk.Get(p);
    INFO(p);
    CHECK((r.status == 400 || r.status == 404));
    CHECK(r.body.find("TOPSECRET") == std::string::npos);
  }
}

TEST_CASE("the speaker page draws the figures of the speaker as a timeline", "[serve]") {
  Desk desk;
  HttpResponse q = desk.Get("/");
  const size_t at = q.body.find("href=\"/speaker/");
  REQUIRE(at != std::string::npos);
  const size_t end = q.body.find('"', at + 6);
  HttpResponse r = desk.Get(q.body.substr(at + 6, end - at - 6));
  CHECK(r.status == 200);
  CHECK(r.body.find("<svg") != std::string::npos);
  CHECK(desk.Get("/speaker/nobody").status == 404);
  CHECK(desk.Get("/speakers").status == 200);
}

}  // namespace
}  // namespace claimtrack::serve
