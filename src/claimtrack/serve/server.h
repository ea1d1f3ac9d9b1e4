#pragma once
// serve/server: the HTTP server in front of a ReviewSite (Debian's cpp-httplib, used only in
// server.cpp). A thread pool serves requests; each one is read, checked by
// ReviewSite::Preflight before its body is read (Host, size, encoding), handled, logged.

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "claimtrack/serve/site.h"

namespace claimtrack::serve {

class Server {
 public:
  // `site` and `log` (one line per request; may be null) must outlive the server.
  Server(ReviewSite& site, std::ostream* log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds to `address` (an IP literal) and `port` (0: a free port); returns the port bound
  // and tells the site. Throws std::runtime_error when the address cannot be bound.
  int Bind(const std::string& address, int port);
  // Serves until `stop_requested` returns true (asked every 100 ms), then stops accepting,
  // finishes the requests in flight and returns.
  void Run(const std::function<bool()>& stop_requested);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrack::serve
