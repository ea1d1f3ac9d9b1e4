// `claimtrack serve`: the review page for a desk on this machine (docs/serve.md). Parses the
// flags, decides which Host names are this server's, opens the database once (migration and
// integrity check), then hands every request to serve::ReviewSite until SIGINT or SIGTERM.

#include <arpa/inet.h>
#include <fmt/format.h>

#include <csignal>
#include <iostream>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/serve/server.h"
#include "claimtrack/serve/site.h"
#include "claimtrack/store/store.h"
#include "commands.h"

namespace claimtrack::cli {

namespace {

constexpr int kDefaultPort = 8470;

struct ServeArgs {
  std::string db = DefaultDbPath();
  std::string bind = "127.0.0.1";
  int port = kDefaultPort;
  std::vector<std::string> allow_hosts;
  std::string reports = "reports";
  std::string keys;
  bool quiet = false;
};

void Usage(const std::string& what, const std::string& hint) {
  std::cerr << "claimtrack serve: error: " << what << "\n";
  if (!hint.empty()) std::cerr << "  hint: " << hint << "\n";
}

bool IsIpv6(const std::string& a) {
  in6_addr v6{};
  return inet_pton(AF_INET6, a.c_str(), &v6) == 1;
}

bool IsIpv4(const std::string& a) {
  in_addr v4{};
  return inet_pton(AF_INET, a.c_str(), &v4) == 1;
}

bool IsLoopback(const std::string& a) {
  if (IsIpv4(a)) return a.rfind("127.", 0) == 0;
  in6_addr v6{};
  return inet_pton(AF_INET6, a.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool IsWildcard(const std::string& a) {
  if (a == "0.0.0.0") return true;
  in6_addr v6{};
  return inet_pton(AF_INET6, a.c_str(), &v6) == 1 && IN6_IS_ADDR_UNSPECIFIED(&v6);
}

std::string HostForm(std::string a) {  // as it appears in a Host header or URL
  for (char& c : a) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (IsIpv6(a)) return "[" + a + "]";
  return a;
}

int Serve(const ServeArgs& a) {
  std::string bind = a.bind == "localhost" ? "127.0.0.1" : a.bind;
  if (!IsIpv4(bind) && !IsIpv6(bind)) {
    Usage("--bind '" + a.bind + "' is not an IP address",
          "use 127.0.0.1 (the default), ::1, or the address of one of this machine's interfaces");
    return kExitUsage;
  }
  if (a.port < 0 || a.port > 65535) {
    Usage(fmt::format("--port {} is out of range", a.port), "0 picks a free port");
    return kExitUsage;
  }
  serve::SiteOptions o;
  o.db_path = a.db;
  o.reports_dir = a.reports;
  o.version = CLAIMTRACK_VERSION;
  if (IsLoopback(bind)) {
    if (bind != "127.0.0.1" && bind != "::1") o.allowed_hosts.push_back(HostForm(bind));
  } else {
    if (!IsWildcard(bind)) o.allowed_hosts.push_back(HostForm(bind));
    std::cerr << fmt::format(
        "claimtrack serve: warning: listening on {}, not on this machine only: whoever can reach "
        "it can read the database and record verdicts (there is no login). Do this only on a "
        "network you trust, or behind a reverse proxy with authentication (docs/serve.md).\n",
        bind);
  }
  for (const std::string& h : a.allow_hosts) {
    if (h.empty() || h.find_first_of("/ :@") != std::string::npos) {
      if (!IsIpv6(h)) {
        Usage("--allow-host '" + h + "' is not a host name or IP address",
              "a name as typed in the browser's address bar, without port: --allow-host desk.lan");
        return kExitUsage;
      }
    }
    o.allowed_hosts.push_back(HostForm(h));
  }
  std::unique_ptr<analyze::KeyConfig> keys = LoadKeys(a.keys);
  if (!keys) return kExitFindings;
  o.keys = keys.get();
  // "No database here yet" for a missing file instead of creating one; then once for
  // writing: migrates to this binary's schema and refuses a damaged reviews table.
  { store::Store probe(a.db, store::Store::OpenMode::kReadOnly); }
  { store::Store migrate(a.db, store::Store::OpenMode::kWriteReviews); }
  o.csrf_token = serve::RandomToken();
  serve::ReviewSite site(std::move(o));
  serve::Server server(site, a.quiet ? nullptr : &std::cerr);
  // A browser that closes a connection mid-answer must not end the server.
  std::signal(SIGPIPE, SIG_IGN);
  int port = 0;
  try {
    port = server.Bind(bind, a.port);
  } catch (const std::exception& e) {
    Usage(e.what(), "");
    return kExitEnvironment;
  }
  std::string url_host = IsWildcard(bind) ? "127.0.0.1" : HostForm(bind);
  std::cout << fmt::format("http://{}:{}/", url_host, port) << std::endl;
  std::cerr << fmt::format("claimtrack serve: database {}, reports {}; Ctrl-C stops\n", a.db,
                           a.reports);
  server.Run([] { return Interrupted(); });
  std::cerr << "claimtrack serve: stopped\n";
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, std::vector<Command>& out) {
  auto a = std::make_shared<ServeArgs>();
  auto* sub = app.add_subcommand(
      "serve", "The review page in a browser: queue, claims, verdict form, speakers, report");
  sub->add_option("--db", a->db, "Database file")->capture_default_str();
  sub->add_option("--port", a->port, "TCP port (0 = pick a free one)")->capture_default_str();
  sub->add_option("--bind", a->bind,
                  "Address to listen on; anything but loopback prints a warning (docs/serve.md)")
      ->capture_default_str();
  sub->add_option("--allow-host", a->allow_hosts,
                  "Another name the browser may use for this server (Host header; repeatable)");
  sub->add_option("--reports", a->reports,
                  "Reports folder: /report serves DIR/report.html or the newest "
                  "DIR/*/report.html")
      ->capture_default_str();
  sub->add_option("--keys", a->keys, "Claim-key vocabulary (default: rules/keys.yaml)");
  sub->add_flag("--quiet", a->quiet, "No request log on stderr");
  out.push_back({sub, [a] { return Serve(*a); }, true});
}

}  // namespace claimtrack::cli
