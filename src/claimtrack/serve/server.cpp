#include "claimtrack/serve/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace claimtrack::serve {

namespace {

HttpRequest FromHttplib(const httplib::Request& in, bool with_body) {
  HttpRequest r;
  r.method = in.method;
  r.target = in.target;
  for (const auto& [k, v] : in.headers) r.headers.emplace_back(k, v);
  if (with_body) r.body = in.body;
  r.remote_addr = in.remote_addr;
  return r;
}

void ToHttplib(const HttpResponse& in, httplib::Response& out) {
  out.status = in.status;
  std::string content_type = "text/plain; charset=utf-8";
  for (const auto& [k, v] : in.headers) {
    if (EqualsAsciiNoCase(k, "Content-Type")) {
      content_type = v;
    } else {
      out.set_header(k.c_str(), v);
    }
  }
  out.set_content(in.body, content_type.c_str());
}

std::string Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

struct Server::Impl {
  ReviewSite& site;
  std::ostream* log;
  std::mutex log_mu;
  httplib::Server http;
  Impl(ReviewSite& s, std::ostream* l) : site(s), log(l) {}

  void Log(const httplib::Request& req, int status) {
    if (!log) return;
    std::string path = req.target.size() > 200 ? req.target.substr(0, 200) + "…" : req.target;
    for (char& ch : path) {
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
    }
    std::lock_guard<std::mutex> lock(log_mu);
    *log << fmt::format("{} {} {} {} {}\n", Now(), req.remote_addr, req.method, path, status);
    log->flush();
  }
};

Server::Server(ReviewSite& site, std::ostream* log) : impl_(std::make_unique<Impl>(site, log)) {
  httplib::Server& h = impl_->http;
  Impl* impl = impl_.get();
  // The site's own cap; httplib refuses a larger Content-Length with 413 before reading too.
  h.set_payload_max_length(site.options().max_body);
  h.set_read_timeout(10, 0);
  h.set_write_timeout(10, 0);
  h.set_keep_alive_max_count(20);
  // Before routing, so before any body is read: Host, method, length and encoding.
  h.set_pre_routing_handler([impl](const httplib::Request& req, httplib::Response& res) {
    if (auto refused = impl->site.Preflight(FromHttplib(req, false))) {
      HttpRequest r = FromHttplib(req, false);
      // Handle adds the security headers to the refusal (it runs Preflight again).
      HttpResponse out = impl->site.Handle(r);
      ToHttplib(out, res);
      impl->Log(req, out.status);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto handle = [impl](const httplib::Request& req, httplib::Response& res) {
    HttpResponse out = impl->site.Handle(FromHttplib(req, true));
    ToHttplib(out, res);
    impl->Log(req, out.status);
  };
  h.Get(".*", handle);
  h.Post(".*", handle);
  // Errors httplib answers itself (a bad request line, 413 for a long body): the same
  // headers as every other page.
  h.set_error_handler([impl](const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty()) {
      res.set_content(fmt::format("claimtrack serve: {} {}\n", res.status, StatusText(res.status)),
                      "text/plain; charset=utf-8");
    }
    res.set_header("Content-Security-Policy", "default-src 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Connection", "close");
    impl->Log(req, res.status);
  });
  h.set_exception_handler(
      [impl](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("claimtrack serve: internal error\n", "text/plain; charset=utf-8");
        impl->Log(req, 500);
      });
}

Server::~Server() = default;

int Server::Bind(const std::string& address, int port) {
  int bound = port;
  if (port == 0) {
    bound = impl_->http.bind_to_any_port(address);
    if (bound < 0) bound = 0;
  } else if (!impl_->http.bind_to_port(address, port)) {
    bound = 0;
  }
  if (bound <= 0) {
    throw std::runtime_error(
        fmt::format("cannot listen on {} port {}{}", address, port,
                    port == 0 ? "" : " (in use by another program? try --port 0 for a free one)"));
  }
  impl_->site.set_port(bound);
  return bound;
}

void Server::Run(const std::function<bool()>& stop_requested) {
  std::atomic<bool> done{false};
  std::thread listener([this, &done] {
    impl_->http.listen_after_bind();
    done = true;
  });
  while (!stop_requested() && !done) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // stop() only takes effect once the server runs: wait for that (or for its end).
  while (!done && !impl_->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->http.stop();
  listener.join();
}

}  // namespace claimtrack::serve
