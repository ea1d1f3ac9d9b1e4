// FindingToJson's text written directly, byte for byte what nlohmann::json's dump of
// FindingJsonValue gives (keys in sorted order, no spaces, the same escapes and numbers),
// without building the tree: `check` writes tens of thousands of findings, and the tree
// (a map node per key, a string per value) cost more than the analysis of a million claims.
// A string that is not valid UTF-8 makes the whole finding go through nlohmann, whose
// replacement of invalid bytes is not repeated here.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "claimtrack/report/finding_json_value.h"

namespace claimtrack::report::internal {

namespace {

// Well-formed UTF-8 (Unicode Table 3-7: no overlong forms, no surrogates, at most U+10FFFF),
// what nlohmann's decoder accepts.
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < n) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n || byte(i + 1) < lo || byte(i + 1) > hi) return false;
    for (size_t k = 2; k < len; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  bool ok() const { return ok_; }
  std::string& out() { return out_; }

  void Key(std::string_view k, bool first = false) {
    if (!first) out_ += ',';
    out_ += '"';
    out_ += k;  // keys are plain ASCII
    out_ += "\":";
  }
  void Str(std::string_view s) {
    if (!ValidUtf8(s)) ok_ = false;
    out_ += '"';
    for (char ch : s) {
      const unsigned char c = static_cast<unsigned char>(ch);
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (c <= 0x1F) {
            static constexpr char kHex[] = "0123456789abcdef";
            out_ += "\\u00";
            out_ += kHex[c >> 4];
            out_ += kHex[c & 0xF];
          } else {
            out_ += ch;
          }
      }
    }
    out_ += '"';
  }
  void Real(double v) { out_ += nlohmann::json(v).dump(); }  // nlohmann's shortest form
  void OptReal(const std::optional<double>& v) {
    if (v) {
      Real(*v);
    } else {
      out_ += "null";
    }
  }
  void Int(int64_t v) { out_ += std::to_string(v); }
  void Unsigned(uint64_t v) { out_ += std::to_string(v); }
  void Bool(bool v) { out_ += v ? "true" : "false"; }

 private:
  std::string& out_;
  bool ok_ = true;
};

void WriteClaim(Writer& w, const analyze::FindingClaim& c) {
  w.Key("article_id", true);
  w.Str(c.article_id);
  w.Key("claim_id");
  w.Str(c.claim_id);
  w.Key("confidence");
  w.Real(c.confidence);
  w.Key("date");
  w.Str(c.date);
  w.Key("figure");
  w.Str(analyze::FigureText(c));
  w.Key("high");
  w.OptReal(c.high);
  w.Key("kind");
  w.Str(c.kind);
  w.Key("low");
  w.OptReal(c.low);
  w.Key("method");
  w.Str(c.method);
  w.Key("outlet");
  w.Str(c.outlet);
  w.Key("period");
  w.Str(c.period);
  w.Key("qualifier");
  w.Str(c.qualifier);
  w.Key("range_high");
  w.OptReal(c.range_high);
  w.Key("range_low");
  w.OptReal(c.range_low);
  w.Key("rule");
  w.Str(c.rule_id);
  w.Key("sentence");
  w.Str(c.sentence);
  w.Key("span");
  std::string& out = w.out();
  out += '[';
  w.Unsigned(c.span_begin);
  out += ',';
  w.Unsigned(c.span_end);
  out += ']';
  w.Key("speaker_id");
  w.Str(c.speaker_id);
  w.Key("speaker_name");
  w.Str(c.speaker_name);
  w.Key("text");
  w.Str(c.figure);
  w.Key("title");
  w.Str(c.title);
  w.Key("unit");
  w.Str(c.unit);
  w.Key("url");
  w.Str(c.url);
  w.Key("value");
  w.OptReal(c.value);
  w.Key("weak");
  w.Bool(c.weak);
}

}  // namespace

bool FindingJsonText(const analyze::Finding& f, std::string_view status,
                     std::string_view first_seen, std::string* text) {
  std::string& out = *text;
  out.clear();
  Writer w(out);
  out += '{';
  w.Key("claims", true);
  out += '[';
  for (size_t i = 0; i < f.claims.size(); ++i) {
    if (i > 0) out += ',';
    out += '{';
    WriteClaim(w, f.claims[i]);
    out += '}';
  }
  out += ']';
  w.Key("days_apart");
  w.Int(f.days_apart);
  w.Key("explanation");
  w.Str(f.explanation);
  if (!first_seen.empty()) {
    w.Key("first_seen");
    w.Str(first_seen);
  }
  w.Key("group");
  w.Str(f.group);
  w.Key("id");
  w.Str(f.id);
  w.Key("key");
  w.Str(f.key);
  w.Key("key_label");
  w.Str(f.key_label);
  w.Key("relative_gap");
  w.Real(f.relative_gap);
  w.Key("scope");
  w.Str(f.scope);
  w.Key("severity");
  w.Str(analyze::ToString(f.severity));
  w.Key("speaker");
  out += '{';
  w.Key("id", true);
  w.Str(f.speaker_id);
  w.Key("name");
  w.Str(f.speaker_name);
  out += '}';
  if (!status.empty()) {
    w.Key("status");
    w.Str(status);
  }
  w.Key("type");
  w.Str(analyze::ToString(f.type));
  w.Key("weak_attribution");
  w.Bool(f.weak_attribution);
  out += '}';
  return w.ok();
}

}  // namespace claimtrack::report::internal
