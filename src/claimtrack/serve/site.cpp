#include "claimtrack/serve/site.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/base/diagnostic.h"
#include "claimtrack/pipeline/check.h"
#include "claimtrack/pipeline/review_queue.h"
#include "claimtrack/report/finding_json.h"
#include "claimtrack/serve/pages.h"
#include "claimtrack/store/findings.h"
#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"

namespace claimtrack::serve {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";
constexpr const char* kReviewerCookie = "ct_reviewer";
constexpr size_t kMaxQueueLimit = 1000;
constexpr size_t kSpeakerClaimsShown = 300;

HttpResponse Html(int status, const std::string& title, const std::string& body,
                  const std::string& version) {
  HttpResponse r;
  r.status = status;
  r.Set("Content-Type", "text/html; charset=utf-8");
  r.body = internal::Page(title, body, version);
  return r;
}

HttpResponse Text(int status, const std::string& text) {
  HttpResponse r;
  r.status = status;
  r.Set("Content-Type", "text/plain; charset=utf-8");
  r.body = text + "\n";
  return r;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Host header -> (name, port); port -1 when none was given. Names are lower-cased; an IPv6
// literal keeps its brackets. nullopt when it is not a host[:port].
std::optional<std::pair<std::string, int>> ParseHost(const std::string& host) {
  if (host.empty()) return std::nullopt;
  std::string name = host, port;
  if (host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string::npos) return std::nullopt;
    name = host.substr(0, close + 1);
    std::string rest = host.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
    }
  } else if (size_t colon = host.rfind(':'); colon != std::string::npos) {
    name = host.substr(0, colon);
    port = host.substr(colon + 1);
  }
  int p = -1;
  if (!port.empty() || host.back() == ':') {
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    p = std::stoi(port);
  }
  return std::make_pair(AsciiLower(name), p);
}

// The path of a request target split into percent-decoded segments, and its query. nullopt
// when a segment cannot be decoded or is not UTF-8, or holds a separator or a NUL once
// decoded ("%2f", "%5c", "%00").
struct Target {
  std::vector<std::string> segments;  // "/claim/ab" -> {"claim", "ab"}; "/" -> {}
  bool trailing_slash = false;
  Fields query;
};
std::optional<Target> ParseTarget(const std::string& target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  Target t;
  size_t q = target.find('?');
  std::string path = target.substr(0, q);
  if (q != std::string::npos) {
    auto fields = ParseUrlEncoded(std::string_view(target).substr(q + 1));
    if (!fields) return std::nullopt;
    t.query = std::move(*fields);
  }
  if (size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  t.trailing_slash = path.size() > 1 && path.back() == '/';
  size_t start = 1;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    auto seg = PercentDecode(std::string_view(path).substr(start, end - start), false);
    if (!seg || !IsValidUtf8(*seg) ||
        seg->find_first_of(std::string("/\\\0", 3)) != std::string::npos) {
      return std::nullopt;
    }
    t.segments.push_back(std::move(*seg));
    start = end + 1;
  }
  return t;
}

// The folder whose report.html /report serves: `root` itself when it has one, else its
// sub-folder with the greatest name (reports/YYYY-MM-DD) that has one. "" when none.
fs::path NewestReportFolder(const fs::path& root) {
  std::error_code ec;
  if (fs::is_regular_file(root / "report.html", ec)) return root;
  fs::path best;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec)) continue;
    if (fs::is_regular_file(it->path() / "report.html", ec) &&
        (best.empty() || it->path().filename() > best.filename())) {
      best = it->path();
    }
  }
  return best;
}

std::string ContentTypeOf(const fs::path& p) {
  const std::string ext = AsciiLower(p.extension().string());
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".md" || ext == ".txt" || ext == ".csv") return "text/plain; charset=utf-8";
  if (ext == ".json" || ext == ".jsonl") return "application/json";
  if (ext == ".png") return "image/png";
  return "";  // not served
}

std::optional<std::string> ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) return std::nullopt;
  return ss.str();
}

// Lines of a textarea, trimmed, empty ones dropped.
std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string line; std::getline(ss, line);) {
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    size_t e = line.find_last_not_of(" \t\r");
    out.push_back(line.substr(b, e - b + 1));
  }
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string RandomToken() {
  std::ifstream f("/dev/urandom", std::ios::binary);
  unsigned char buf[32];
  if (!f.read(reinterpret_cast<char*>(buf), sizeof buf)) {
    throw std::runtime_error("/dev/urandom: cannot read random bytes for the form token");
  }
  std::string out;
  for (unsigned char c : buf) out += fmt::format("{:02x}", c);
  return out;
}

ReviewSite::ReviewSite(SiteOptions options) : options_(std::move(options)) {
  if (options_.csrf_token.size() < 16) {
    throw std::invalid_argument("ReviewSite: the form token must have at least 16 characters");
  }
}

std::optional<HttpResponse> ReviewSite::Preflight(const HttpRequest& req) const {
  // DNS rebinding: a page of another site whose name resolves to this machine reaches us
  // with its own name in Host. Only the names this server was bound under are accepted.
  const std::string host_header = req.Header("Host");
  auto host = ParseHost(host_header);
  const bool host_ok = host &&
                       std::find(options_.allowed_hosts.begin(), options_.allowed_hosts.end(),
                                 host->first) != options_.allowed_hosts.end() &&
                       (host->second < 0 || options_.port == 0 || host->second == options_.port);
  if (!host_ok) {
    return Text(421, "claimtrack serve: refused: the Host header '" + host_header +
                         "' does not name this server; open it as http://127.0.0.1:" +
                         std::to_string(options_.port) +
                         "/ (other names: claimtrack serve --allow-host NAME)");
  }
  if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
    HttpResponse r = Text(405, "claimtrack serve: method " + req.method + " not allowed");
    r.Set("Allow", "GET, HEAD, POST");
    return r;
  }
  if (req.target.empty() || req.target.front() != '/') {
    return Text(400, "claimtrack serve: bad request target");
  }
  // Any method: a body is read only with a known length within the cap (httplib would read a
  // chunked body of any size).
  if (req.HasHeader("Transfer-Encoding")) {
    return Text(411, "claimtrack serve: send a body with a Content-Length, not chunked");
  }
  const std::string len = req.Header("Content-Length");
  if (!len.empty() && (len.size() > 18 || !std::all_of(len.begin(), len.end(), [](char c) {
                         return c >= '0' && c <= '9';
                       }))) {
    return Text(400, "claimtrack serve: a bad Content-Length");
  }
  if (!len.empty() && std::stoull(len) > options_.max_body) {
    return Text(
        413, fmt::format("claimtrack serve: the body is larger than {} bytes", options_.max_body));
  }
  if (req.method == "POST") {
    const std::string ce = req.Header("Content-Encoding");
    if (!ce.empty() && !EqualsAsciiNoCase(ce, "identity")) {
      return Text(415, "claimtrack serve: compressed bodies are not accepted");
    }
    if (len.empty()) return Text(411, "claimtrack serve: a POST needs a Content-Length");
    std::string ct = AsciiLower(req.Header("Content-Type"));
    if (ct.rfind("application/x-www-form-urlencoded", 0) != 0) {
      return Text(415, "claimtrack serve: forms are sent as application/x-www-form-urlencoded");
    }
  }
  return std::nullopt;
}

HttpResponse ReviewSite::Handle(const HttpRequest& req) const {
  HttpResponse r;
  if (auto refused = Preflight(req)) {
    r = std::move(*refused);
  } else if (req.body.size() > options_.max_body) {
    r = Text(413,
             fmt::format("claimtrack serve: the body is larger than {} bytes", options_.max_body));
  } else {
    try {
      r = Route(req);
    } catch (const store::StoreError& e) {
      r = Html(503, "Database unavailable",
               internal::ErrorBody("Database unavailable", e.what(),
                                   "another command may hold the database; try again in a moment"),
               options_.version);
    } catch (const std::exception& e) {
      r = Html(500, "Error", internal::ErrorBody("Something went wrong", e.what(), ""),
               options_.version);
    }
  }
  r.Set("Content-Security-Policy", kCsp);
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Referrer-Policy", "same-origin");
  r.Set("Cross-Origin-Resource-Policy", "same-origin");
  r.Set("Cache-Control", "no-store");
  if (r.status >= 400 && r.status != 503 && r.status != 500 && r.status != 404) {
    // A refused request may have left a body unread: do not reuse the connection.
    r.Set("Connection", "close");
  }
  if (req.method == "HEAD") r.body.clear();
  return r;
}

namespace {

struct Ctx {
  const SiteOptions& o;
  const HttpRequest& req;
  const Target& t;
};

HttpResponse NotFound(const Ctx& c, const std::string& what, const std::string& hint) {
  return Html(404, "Not found", internal::ErrorBody("Not found", what, hint), c.o.version);
}

HttpResponse BadRequest(const Ctx& c, const std::string& what, const std::string& hint) {
  return Html(400, "Bad request", internal::ErrorBody("Bad request", what, hint), c.o.version);
}

HttpResponse Forbidden(const std::string& why) {
  return Text(403, "claimtrack serve: refused: " + why +
                       "; nothing was written. Reload the claim page and send its form again.");
}

HttpResponse QueuePage(const Ctx& c) {
  internal::QueueView v;
  v.speaker = Trim(FieldValue(c.t.query, "speaker"));
  v.type = Trim(FieldValue(c.t.query, "type"));
  v.severity = FieldValue(c.t.query, "severity");
  v.all = !FieldValue(c.t.query, "all").empty();
  v.limit = 100;
  if (std::string l = FieldValue(c.t.query, "limit"); !l.empty()) {
    if (l.size() > 6 ||
        !std::all_of(l.begin(), l.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return BadRequest(c, "limit must be a number", "0 shows every claim");
    }
    v.limit = std::min<size_t>(std::stoul(l), kMaxQueueLimit);
    if (v.limit == 0) v.limit = kMaxQueueLimit;
  }
  if (!v.severity.empty() && v.severity != "high" && v.severity != "medium" &&
      v.severity != "low") {
    return BadRequest(c, "unknown severity '" + v.severity + "'", "use high, medium or low");
  }
  store::Store db(c.o.db_path, store::Store::OpenMode::kReadOnly);
  store::FindingStore findings(c.o.db_path, true);
  store::ReviewStore reviews(c.o.db_path, true);
  pipeline::QueueOptions qo;
  qo.speaker = v.speaker;
  qo.type = v.type;
  qo.severity = v.severity;
  qo.include_reviewed = v.all;
  qo.limit = v.limit;
  v.items = pipeline::BuildReviewQueue(db, findings, reviews, qo);
  std::set<std::string> types;
  std::vector<std::string> names_and_ids;
  for (const store::SpeakerSummary& s : db.ListSpeakers()) {
    if (v.speaker_names.size() < 300) v.speaker_names.push_back(s.name.empty() ? s.id : s.name);
    names_and_ids.push_back(s.id);
    if (!s.name.empty()) names_and_ids.push_back(s.name);
    for (const auto& tc : s.top_claim_types) types.insert(tc.first);
  }
  v.types.assign(types.begin(), types.end());
  if (v.items.empty() && !v.speaker.empty()) {
    const std::string want = AsciiLower(v.speaker);
    bool known = std::any_of(names_and_ids.begin(), names_and_ids.end(),
                             [&](const std::string& n) { return AsciiLower(n) == want; });
    if (!known) {
      v.notice = "No speaker '" + v.speaker + "' in this database.";
      if (std::string close = ClosestMatch(v.speaker, names_and_ids); !close.empty()) {
        v.notice += " Did you mean '" + close + "'?";
      }
    }
  }
  v.no_check_yet = findings.LastCheck().id == 0;
  return Html(200, "Review queue", internal::QueueBody(v), c.o.version);
}

// The claim page; `form` carries what was entered when a POST is re-rendered.
HttpResponse ClaimPage(const Ctx& c, const std::string& id, internal::VerdictForm form,
                       int status) {
  store::Store db(c.o.db_path, store::Store::OpenMode::kReadOnly);
  auto detail = db.GetClaim(id);
  if (!detail) {
    return NotFound(c, "no claim with id '" + id + "'", "ids are listed in the queue");
  }
  store::FindingStore findings(c.o.db_path, true);
  store::ReviewStore reviews(c.o.db_path, true);
  internal::ClaimView v;
  v.detail = std::move(*detail);
  const std::string figure = reviews.FigureOf(id);
  for (const store::FindingRow& row : findings.Findings("")) {
    if (row.payload.find(id) == std::string::npos) continue;  // cheap pre-filter
    analyze::Finding f;
    try {
      f = report::FindingFromJson(row.payload);
    } catch (const std::exception&) {
      continue;  // written by a newer claimtrack
    }
    if (std::none_of(f.claims.begin(), f.claims.end(),
                     [&](const analyze::FindingClaim& fc) { return fc.claim_id == id; })) {
      continue;
    }
    internal::FindingOfClaim fc;
    fc.finding = std::move(f);
    fc.status = row.status;
    fc.known = reviews.InGroup(row.group, v.detail.claim.claim.attribution.speaker_id);
    // Verdicts on this very figure are in the history below.
    std::erase_if(fc.known, [&](const store::Verdict& k) { return k.figure_id == figure; });
    v.findings.push_back(std::move(fc));
  }
  v.history = reviews.History(id);
  for (store::ChangedSinceReview& ch : reviews.ChangedSinceReviewed()) {
    if (std::find(ch.successors.begin(), ch.successors.end(), id) != ch.successors.end() ||
        ch.verdict.claim_id == id) {
      v.changed = std::move(ch);
      break;
    }
  }
  if (form.reviewer.empty()) {
    auto name = PercentDecode(CookieValue(c.req.Header("Cookie"), kReviewerCookie), false);
    if (name && IsValidUtf8(*name) && name->size() <= store::kMaxReviewerBytes) {
      form.reviewer = *name;
    }
  }
  v.form = std::move(form);
  v.csrf_token = c.o.csrf_token;
  const Claim& cl = v.detail.claim.claim;
  std::string title = "Claim " + id + " · " +
                      (cl.attribution.speaker_name.empty() ? cl.attribution.speaker_id
                                                           : cl.attribution.speaker_name);
  return Html(status, title, internal::ClaimBody(v), c.o.version);
}

// Same-origin checks of a POST: the browser's Origin (or, without it, Referer) must name this
// server as the request's Host does, and Sec-Fetch-Site must not say cross-site.
std::optional<std::string> CrossSiteReason(const HttpRequest& req) {
  const std::string self = "http://" + AsciiLower(req.Header("Host"));
  const std::string fetch_site = AsciiLower(req.Header("Sec-Fetch-Site"));
  if (fetch_site == "cross-site" || fetch_site == "same-site") {
    return "the form was sent from another site (Sec-Fetch-Site: " + fetch_site + ")";
  }
  if (req.HasHeader("Origin")) {
    const std::string origin = AsciiLower(req.Header("Origin"));
    if (origin != self) return "the form was sent from another origin (" + origin + ")";
    return std::nullopt;
  }
  if (req.HasHeader("Referer")) {
    const std::string ref = AsciiLower(req.Header("Referer"));
    if (ref != self && ref.rfind(self + "/", 0) != 0) {
      return "the form was sent from another page (Referer)";
    }
  }
  return std::nullopt;
}

HttpResponse PostVerdict(const Ctx& c, const std::string& id) {
  if (auto why = CrossSiteReason(c.req)) return Forbidden(*why);
  auto fields = ParseUrlEncoded(c.req.body);
  if (!fields) return Forbidden("the form body could not be read");
  const std::string token = FieldValue(*fields, "csrf");
  if (token.empty() || !ConstantTimeEquals(token, c.o.csrf_token)) {
    return Forbidden(token.empty() ? "the form token is missing"
                                   : "the form token is not this server's (it changes at every "
                                     "start of claimtrack serve)");
  }
  internal::VerdictForm form;
  form.rating = FieldValue(*fields, "rating");
  form.sources = FieldValue(*fields, "sources");
  form.note = FieldValue(*fields, "note");
  form.reviewer = Trim(FieldValue(*fields, "reviewer"));
  for (const std::string* s : {&form.rating, &form.sources, &form.note, &form.reviewer}) {
    if (!IsValidUtf8(*s)) return BadRequest(c, "the form is not UTF-8", "");
  }
  store::VerdictInput in{form.rating, Lines(form.sources), Trim(form.note), form.reviewer};
  if (auto problem = store::CheckVerdict(in)) {
    form.error = problem->message;
    form.hint = problem->hint;
    form.field = problem->field;
    return ClaimPage(c, id, std::move(form), 400);
  }
  {
    store::ReviewStore probe(c.o.db_path, true);
    if (probe.FigureOf(id).empty()) {
      return NotFound(c, "no claim with id '" + id + "'", "ids are listed in the queue");
    }
  }
  store::Verdict v;
  try {
    store::ReviewStore reviews(c.o.db_path);
    v = reviews.Add(id, in);
  } catch (const store::StoreError& e) {
    form.error = std::string("the database did not take the verdict: ") + e.what();
    form.hint = "nothing was recorded; send the form again in a moment";
    return ClaimPage(c, id, std::move(form), 503);
  }
  HttpResponse r;
  r.status = 303;
  r.Set("Location", internal::ClaimHref(id) + "#verdict-" + std::to_string(v.id));
  r.Set("Content-Type", "text/plain; charset=utf-8");
  r.body = "recorded verdict " + std::to_string(v.id) + "\n";
  r.Set("Set-Cookie", std::string(kReviewerCookie) + "=" + PercentEncode(in.reviewer) +
                          "; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly");
  return r;
}

HttpResponse SpeakerPage(const Ctx& c, const std::string& id) {
  store::Store db(c.o.db_path, store::Store::OpenMode::kReadOnly);
  store::ClaimFilter f;
  f.speaker_ids = {id};
  std::vector<store::StoredClaim> claims = db.QueryClaims(f);
  if (claims.empty()) {
    return NotFound(c, "no speaker with id '" + id + "' has current claims",
                    "speakers are listed at /speakers");
  }
  internal::SpeakerView v;
  v.id = id;
  for (const auto& sc : claims) {
    if (!sc.claim.attribution.speaker_name.empty()) v.name = sc.claim.attribution.speaker_name;
  }
  v.claim_count = claims.size();
  if (c.o.keys) {
    analyze::TimelineOptions topt;
    topt.speaker_ids = {id};
    topt.include_outlet_text = id.rfind("narrator:", 0) == 0;
    v.timelines = analyze::BuildTimelines(pipeline::RecordsOfSpeakers(db, {id}), *c.o.keys, topt);
  } else {
    v.keys_loaded = false;
  }
  store::FindingStore findings(c.o.db_path, true);
  std::set<std::string> in_findings;
  for (const store::FindingRow& row : findings.Findings("")) {
    if (row.speaker_id != id) continue;
    try {
      for (const auto& fc : report::FindingFromJson(row.payload).claims) {
        in_findings.insert(fc.claim_id);
      }
    } catch (const std::exception&) {
    }
  }
  v.finding_claims.assign(in_findings.begin(), in_findings.end());
  std::reverse(claims.begin(), claims.end());  // newest first
  if (claims.size() > kSpeakerClaimsShown) claims.resize(kSpeakerClaimsShown);
  std::vector<std::string> figures;
  for (const auto& sc : claims) figures.push_back(store::FigureId(sc.claim));
  store::ReviewStore reviews(c.o.db_path, true);
  auto latest = reviews.Latest(figures);
  for (const std::string& fid : figures) {
    auto it = latest.find(fid);
    v.rating_of.push_back(it == latest.end() ? "" : it->second.rating);
  }
  v.claims = std::move(claims);
  return Html(200, v.name.empty() ? id : v.name, internal::SpeakerBody(v), c.o.version);
}

HttpResponse SpeakersPage(const Ctx& c) {
  store::Store db(c.o.db_path, store::Store::OpenMode::kReadOnly);
  return Html(200, "Speakers", internal::SpeakersBody(db.ListSpeakers()), c.o.version);
}

// A file inside `root`, named by path segments. Segments "." and ".." and hidden names are
// refused (400); the resolved path must stay inside the resolved root (a symbolic link out
// of it is refused as not found).
HttpResponse StaticFile(const Ctx& c, const fs::path& root, const std::vector<std::string>& segs) {
  fs::path rel;
  for (const std::string& s : segs) {
    if (s.empty() || s == "." || s == ".." || s.front() == '.') {
      return BadRequest(c, "a file path may not contain '.', '..' or hidden names",
                        "reports are listed at /reports/");
    }
    rel /= s;
  }
  std::error_code ec;
  const fs::path real_root = fs::canonical(root, ec);
  if (ec) return NotFound(c, "no reports folder", "claimtrack report writes one");
  const fs::path real = fs::canonical(real_root / rel, ec);
  if (ec || !fs::is_regular_file(real, ec)) {
    return NotFound(c, "no such report file", "reports are listed at /reports/");
  }
  auto [end_root, end_real] =
      std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
  (void)end_real;
  if (end_root != real_root.end()) {
    return NotFound(c, "no such report file", "reports are listed at /reports/");
  }
  const std::string type = ContentTypeOf(real);
  if (type.empty()) return NotFound(c, "only report files are served", "");
  auto data = ReadFile(real);
  if (!data) return NotFound(c, "the file cannot be read", "");
  HttpResponse r;
  r.Set("Content-Type", type);
  r.body = std::move(*data);
  return r;
}

HttpResponse ReportsIndex(const Ctx& c) {
  const fs::path root(c.o.reports_dir);
  std::vector<internal::ReportEntry> entries;
  std::error_code ec;
  auto files_of = [](const fs::path& dir) {
    std::vector<std::string> files;
    std::error_code ec2;
    for (fs::directory_iterator it(dir, ec2), end; !ec2 && it != end; it.increment(ec2)) {
      std::string name = it->path().filename().string();
      if (it->is_regular_file(ec2) && name.front() != '.' && !ContentTypeOf(it->path()).empty()) {
        files.push_back(name);
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  };
  if (auto files = files_of(root); !files.empty()) entries.push_back({"", files});
  std::vector<internal::ReportEntry> subs;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!it->is_directory(ec) || name.front() == '.') continue;
    if (auto files = files_of(it->path()); !files.empty()) subs.push_back({name, files});
  }
  std::sort(subs.begin(), subs.end(),
            [](const auto& a, const auto& b) { return a.folder > b.folder; });
  entries.insert(entries.end(), subs.begin(), subs.end());
  return Html(200, "Reports", internal::ReportsBody(entries, c.o.reports_dir), c.o.version);
}

}  // namespace

HttpResponse ReviewSite::Route(const HttpRequest& req) const {
  auto t = ParseTarget(req.target);
  if (!t) {
    return Html(400, "Bad request",
                internal::ErrorBody("Bad request", "the address cannot be read",
                                    "a path may not hold encoded separators or NUL bytes"),
                options_.version);
  }
  const Ctx c{options_, req, *t};
  const auto& s = t->segments;
  const bool get = req.method == "GET" || req.method == "HEAD";
  const bool post = req.method == "POST";
  auto only = [&](bool ok, const char* allow) -> std::optional<HttpResponse> {
    if (ok) return std::nullopt;
    HttpResponse r = Text(405, std::string("claimtrack serve: use ") + allow + " here");
    r.Set("Allow", allow);
    return r;
  };
  if (s.empty()) {
    if (auto r = only(get, "GET, HEAD")) return *r;
    return QueuePage(c);
  }
  if (s[0] == "claim" && s.size() == 2 && !t->trailing_slash) {
    if (auto r = only(get, "GET, HEAD")) return *r;
    return ClaimPage(c, s[1], {}, 200);
  }
  if (s[0] == "claim" && s.size() == 3 && s[2] == "verdict") {
    if (auto r = only(post, "POST")) return *r;
    return PostVerdict(c, s[1]);
  }
  if (s[0] == "speaker" && s.size() == 2) {
    if (auto r = only(get, "GET, HEAD")) return *r;
    return SpeakerPage(c, s[1]);
  }
  if (s[0] == "speakers" && s.size() == 1) {
    if (auto r = only(get, "GET, HEAD")) return *r;
    return SpeakersPage(c);
  }
  if (s[0] == "report" && s.size() == 1) {
    if (auto r = only(get, "GET, HEAD")) return *r;
    const fs::path folder = NewestReportFolder(options_.reports_dir);
    if (folder.empty()) {
      return NotFound(c, "no report in " + options_.reports_dir,
                      "claimtrack report writes one (reports/YYYY-MM-DD/report.html)");
    }
    return StaticFile(c, folder, {"report.html"});
  }
  if (s[0] == "reports") {
    if (auto r = only(get, "GET, HEAD")) return *r;
    if (s.size() == 1) return ReportsIndex(c);
    return StaticFile(c, options_.reports_dir, std::vector<std::string>(s.begin() + 1, s.end()));
  }
  if (post) return NotFound(c, "nothing to send a form to here", "");
  return NotFound(c, "no page at this address", "the queue is at /");
}

}  // namespace claimtrack::serve
