#pragma once
// serve/site: the review page of `claimtrack serve` as one function from a request to a
// response: the queue, a claim with its finding and verdict form, speaker pages with figure
// timelines, the latest report. The HTTP server (server.h) only moves bytes to and from it.
//
// Safe by construction (docs/serve.md):
//  - every text from the database is HTML-escaped, only http(s) URLs become links; the
//    Content-Security-Policy allows no script and nothing from elsewhere;
//  - a POST needs the form's token (random per server start) and, when the browser sends an
//    Origin or Referer, one of this site; else 403 and nothing is written;
//  - the Host header must name this server (DNS rebinding): 421 otherwise;
//  - bodies above max_body get 413; static files are served only from inside the reports
//    folder (no "..", no encoded separators, no symbolic link out of it).
//
// Thread-safety: Handle and Preflight are const and may run on many threads at once; each
// call opens its own database connections (SQLite connections are not shared), and verdicts
// are written in one IMMEDIATE transaction that waits on the busy timeout while an ingest
// writes. Failure: database errors become a 503 page; nothing throws out of Handle.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "claimtrack/serve/http.h"

namespace claimtrack::analyze {
class KeyConfig;
}

namespace claimtrack::serve {

struct SiteOptions {
  std::string db_path;                       // an existing, migrated claimtrack database
  std::string reports_dir = "reports";       // report.html here, or in its newest sub-folder
  const analyze::KeyConfig* keys = nullptr;  // for speaker timelines; outlives the site
  // Host names the Host header may carry (lower case; IPv6 in brackets: "[::1]").
  std::vector<std::string> allowed_hosts = {"127.0.0.1", "localhost", "[::1]"};
  int port = 0;            // the port the server listens on; a Host header's port must match
  std::string csrf_token;  // the forms' secret; at least 16 characters
  size_t max_body = 64 * 1024;
  std::string version;  // shown in the footer
};

class ReviewSite {
 public:
  explicit ReviewSite(SiteOptions options);

  // The checks that need only the request line and headers (Host, method, Content-Length,
  // Transfer-Encoding, Content-Type): the server runs them before it reads a body. A
  // response means "refuse with this"; nullopt means go on. Handle runs them too.
  std::optional<HttpResponse> Preflight(const HttpRequest& request) const;
  // The response to a request, with the security headers set. Never throws.
  HttpResponse Handle(const HttpRequest& request) const;

  const SiteOptions& options() const { return options_; }
  void set_port(int port) { options_.port = port; }  // before serving starts

 private:
  HttpResponse Route(const HttpRequest& request) const;
  SiteOptions options_;
};

// A fresh secret: 32 random bytes from /dev/urandom as 64 hex digits. Throws
// std::runtime_error when the system has no randomness to give.
std::string RandomToken();

}  // namespace claimtrack::serve
