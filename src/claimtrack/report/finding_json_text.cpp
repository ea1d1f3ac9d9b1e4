// FindingToJson's text written directly, byte for byte what nlohmann::json's dump of
// FindingJsonValue gives (keys in sorted order, compact or indented, the same escapes and
// numbers),
// without building the tree: `check` writes tens of thousands of findings, and the tree
// (a map node per key, a string per value) cost more than the analysis of a million claims.
// A string that is not valid UTF-8 makes the whole finding go through nlohmann, whose
// replacement of invalid bytes is not repeated here.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

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

// Writes JSON the way nlohmann's dump does: compact (indent < 0), or pretty with `indent`
// spaces per level, starting `depth` levels in.
class Writer {
 public:
  Writer(std::string& out, int indent, int depth) : out_(out), indent_(indent), depth_(depth) {}
  bool ok() const { return ok_; }

  void Open(char c) {
    out_ += c;
    first_.push_back(true);
  }
  void Close(char c) {
    const bool empty = first_.back();
    first_.pop_back();
    if (indent_ >= 0 && !empty) NewLine();
    out_ += c;
  }
  // Before an array element.
  void Next() {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    if (indent_ >= 0) NewLine();
  }
  void Key(std::string_view k) {
    Next();
    out_ += '"';
    out_ += k;  // keys are plain ASCII
    out_ += indent_ >= 0 ? "\": " : "\":";
  }
  void Str(std::string_view s) {
    if (!ValidUtf8(s)) ok_ = false;
    out_ += '"';
    size_t plain = 0;  // start of the run of bytes written as they are
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c > 0x1F && c != '"' && c != '\\') continue;
      out_.append(s.data() + plain, i - plain);
      plain = i + 1;
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
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 0xF];
        }
      }
    }
    out_.append(s.data() + plain, s.size() - plain);
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
  void NewLine() {
    out_ += '\n';
    out_.append(static_cast<size_t>(indent_) * (static_cast<size_t>(depth_) + first_.size()), ' ');
  }

  std::string& out_;
  const int indent_;
  const int depth_;
  std::vector<bool> first_;  // per open container: nothing written into it yet
  bool ok_ = true;
};

void WriteClaim(Writer& w, const analyze::FindingClaim& c) {
  w.Key("article_id");
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
  w.Open('[');
  w.Next();
  w.Unsigned(c.span_begin);
  w.Next();
  w.Unsigned(c.span_end);
  w.Close(']');
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
                     std::string_view first_seen, std::string* text, int depth) {
  Writer w(*text, depth < 0 ? -1 : 2, depth < 0 ? 0 : depth);
  w.Open('{');
  w.Key("claims");
  w.Open('[');
  for (const analyze::FindingClaim& c : f.claims) {
    w.Next();
    w.Open('{');
    WriteClaim(w, c);
    w.Close('}');
  }
  w.Close(']');
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
  w.Open('{');
  w.Key("id");
  w.Str(f.speaker_id);
  w.Key("name");
  w.Str(f.speaker_name);
  w.Close('}');
  if (!status.empty()) {
    w.Key("status");
    w.Str(status);
  }
  w.Key("type");
  w.Str(analyze::ToString(f.type));
  w.Key("weak_attribution");
  w.Bool(f.weak_attribution);
  w.Close('}');
  return w.ok();
}

}  // namespace claimtrack::report::internal
