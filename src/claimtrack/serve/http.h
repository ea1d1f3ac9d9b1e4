#pragma once
// serve/http: the plain values a request handler works on, and the encodings of the web
// (percent-encoding, form bodies, cookies). No socket and no HTTP library here: the site
// (site.h) is a function from HttpRequest to HttpResponse, so it is tested without a server.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace claimtrack::serve {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;       // "GET", "POST", …
  std::string target;       // as sent: path and query, still percent-encoded ("/claim/ab?x=1")
  Fields headers;           // names as sent; looked up ASCII case-insensitively
  std::string body;         // the body as received (the server caps its size)
  std::string remote_addr;  // for the log only

  // The first header of that name (ASCII case-insensitive), "" when there is none.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  Fields headers;  // in order; the server adds nothing but Content-Length
  std::string body;

  std::string Header(std::string_view name) const;
  void Set(std::string name, std::string value);  // replaces a header of that name
};

// "%41b+c" -> "Ab c" (`plus_as_space`: form bodies and query strings). nullopt for a '%'
// not followed by two hex digits.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_as_space);
// Everything but A-Z a-z 0-9 - . _ ~ as %XX: safe in a path segment and a query value.
std::string PercentEncode(std::string_view s);
// "a=1&b=x+y" (a query string or an application/x-www-form-urlencoded body), decoded, in
// order; a name may repeat. nullopt on a malformed escape.
std::optional<Fields> ParseUrlEncoded(std::string_view s);
// The first value of `name` in `fields`, "" when absent.
std::string FieldValue(const Fields& fields, std::string_view name);
// Every value of `name`, in order.
std::vector<std::string> FieldValues(const Fields& fields, std::string_view name);
// The value of cookie `name` in a Cookie header ("a=1; b=2"), "" when absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);
// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);
bool EqualsAsciiNoCase(std::string_view a, std::string_view b);
// Compares in time independent of where the strings differ (for secrets).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The reason phrase of a status code ("Not Found").
const char* StatusText(int status);

}  // namespace claimtrack::serve
