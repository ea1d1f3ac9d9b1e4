// FindingFromJson without a JSON tree: nlohmann's SAX events fill the finding directly.
// `check` and `report` read every stored finding (28k at 1M claims), and the tree (a map node
// per key, a string per value) cost more than the parsing. Only the shapes FindingToJson
// writes are handled; anything else (a wrong type, a duplicate key, an error) stops and
// FindingFromJson reads the text through the tree instead, with the same result or error.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "claimtrack/report/finding_json_value.h"

namespace claimtrack::report::internal {

namespace {

using nlohmann::json;

class FindingSax {
 public:
  explicit FindingSax(analyze::Finding* f) : f_(*f) {}

  bool Finish() {
    if (!done_) return false;
    return analyze::ParseFindingType(type_, &f_.type) &&
           analyze::ParseFindingSeverity(severity_, &f_.severity);
  }

  bool null() { return Scalar(Value{Value::kNull}); }
  bool boolean(bool v) { return Scalar(Value{Value::kBool, v}); }
  bool number_integer(json::number_integer_t v) {
    return Scalar(Value{Value::kInt, false, static_cast<double>(v), v});
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return Scalar(Value{Value::kUnsigned, false, static_cast<double>(v), 0, v});
  }
  bool number_float(json::number_float_t v, const std::string&) {
    return Scalar(Value{Value::kFloat, false, v});
  }
  bool string(std::string& v) {
    Value x{Value::kString};
    x.text = &v;
    return Scalar(x);
  }
  bool binary(json::binary_t&) { return false; }

  // Containers other than the finding, its speaker, its claims and their spans are never
  // written by FindingToJson: they stop the reading (the tree reader decides).
  bool start_object(std::size_t) {
    switch (state_) {
      case kStart:
        state_ = kFinding;
        return true;
      case kFinding:
        if (key_ != "speaker" || !Once(seen_top_, 20)) return false;
        state_ = kSpeaker;
        return true;
      case kClaims:
        f_.claims.emplace_back();
        seen_claim_ = 0;
        state_ = kClaim;
        return true;
      default:
        return false;
    }
  }
  bool end_object() {
    switch (state_) {
      case kFinding:
        state_ = kEnd;
        done_ = true;
        return true;
      case kSpeaker:
        state_ = kFinding;
        return true;
      case kClaim:
        state_ = kClaims;
        return true;
      default:
        return false;
    }
  }
  bool start_array(std::size_t) {
    if (state_ == kFinding && key_ == "claims" && Once(seen_top_, 21)) {
      state_ = kClaims;
      return true;
    }
    if (state_ == kClaim && key_ == "span" && Once(seen_claim_, 30)) {
      state_ = kSpan;
      span_.clear();
      return true;
    }
    return false;
  }
  bool end_array() {
    if (state_ == kClaims) {
      state_ = kFinding;
      return true;
    }
    if (state_ == kSpan) {
      state_ = kClaim;
      if (span_.size() != 2) return true;  // ignored, as the tree reader does
      for (const Value& v : span_) {
        if (v.type != Value::kUnsigned) return false;
      }
      f_.claims.back().span_begin = static_cast<size_t>(span_[0].u);
      f_.claims.back().span_end = static_cast<size_t>(span_[1].u);
      return true;
    }
    return false;
  }
  bool key(std::string& k) {
    key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  struct Value {
    enum Type { kNull, kBool, kInt, kUnsigned, kFloat, kString } type;
    bool b = false;
    double d = 0;
    int64_t i = 0;
    uint64_t u = 0;
    std::string* text = nullptr;
  };
  enum State { kStart, kFinding, kSpeaker, kClaims, kClaim, kSpan, kEnd };

  // False when bit `bit` was already set: a duplicate key.
  static bool Once(uint64_t& seen, int bit) {
    const uint64_t mask = uint64_t{1} << bit;
    if (seen & mask) return false;
    seen |= mask;
    return true;
  }
  // Str(): a string, or "" for null.
  static bool Str(const Value& v, std::string& out) {
    if (v.type == Value::kNull) {
      out.clear();
    } else if (v.type == Value::kString) {
      out = std::move(*v.text);
    } else {
      return false;
    }
    return true;
  }
  static bool Num(const Value& v, double& out) {
    if (v.type != Value::kInt && v.type != Value::kUnsigned && v.type != Value::kFloat) {
      return false;
    }
    out = v.d;
    return true;
  }
  static bool OptNum(const Value& v, std::optional<double>& out) {
    if (v.type == Value::kNull) {
      out.reset();
      return true;
    }
    double d = 0;
    if (!Num(v, d)) return false;
    out = d;
    return true;
  }

  bool Scalar(const Value& v) {
    switch (state_) {
      case kFinding:
        return TopField(v);
      case kSpeaker:
        if (key_ == "id") return Once(seen_speaker_, 0) && Str(v, f_.speaker_id);
        if (key_ == "name") return Once(seen_speaker_, 1) && Str(v, f_.speaker_name);
        return true;
      case kClaim:
        return ClaimField(v);
      case kSpan:
        span_.push_back(v);
        return true;
      default:
        return false;  // a scalar document, or a scalar among the claims
    }
  }

  bool TopField(const Value& v) {
    const std::string& k = key_;
    if (k == "id") return Once(seen_top_, 0) && Str(v, f_.id);
    if (k == "type") return Once(seen_top_, 1) && Str(v, type_);
    if (k == "severity") return Once(seen_top_, 2) && Str(v, severity_);
    if (k == "group") return Once(seen_top_, 3) && Str(v, f_.group);
    if (k == "scope") return Once(seen_top_, 4) && Str(v, f_.scope);
    if (k == "key") return Once(seen_top_, 5) && Str(v, f_.key);
    if (k == "key_label") return Once(seen_top_, 6) && Str(v, f_.key_label);
    if (k == "explanation") return Once(seen_top_, 7) && Str(v, f_.explanation);
    if (k == "weak_attribution") {
      if (!Once(seen_top_, 8) || v.type != Value::kBool) return false;
      f_.weak_attribution = v.b;
      return true;
    }
    if (k == "relative_gap") return Once(seen_top_, 9) && Num(v, f_.relative_gap);
    if (k == "days_apart") {
      if (!Once(seen_top_, 10)) return false;
      if (v.type == Value::kInt && v.i >= INT32_MIN && v.i <= INT32_MAX) {
        f_.days_apart = static_cast<int>(v.i);
        return true;
      }
      if (v.type == Value::kUnsigned && v.u <= INT32_MAX) {
        f_.days_apart = static_cast<int>(v.u);
        return true;
      }
      return false;
    }
    if (k == "speaker") return Once(seen_top_, 20);  // not an object: ignored
    if (k == "claims") return false;                 // not an array
    return true;                                     // other keys are not read
  }

  bool ClaimField(const Value& v) {
    analyze::FindingClaim& c = f_.claims.back();
    const std::string& k = key_;
    int bit = 0;
    auto str = [&](std::string& out) { return Once(seen_claim_, bit) && Str(v, out); };
    if (k == "claim_id") return str(c.claim_id);
    ++bit;
    if (k == "article_id") return str(c.article_id);
    ++bit;
    if (k == "outlet") return str(c.outlet);
    ++bit;
    if (k == "url") return str(c.url);
    ++bit;
    if (k == "title") return str(c.title);
    ++bit;
    if (k == "date") return str(c.date);
    ++bit;
    if (k == "speaker_id") return str(c.speaker_id);
    ++bit;
    if (k == "speaker_name") return str(c.speaker_name);
    ++bit;
    if (k == "method") return str(c.method);
    ++bit;
    if (k == "text") return str(c.figure);
    ++bit;
    if (k == "kind") return str(c.kind);
    ++bit;
    if (k == "qualifier") return str(c.qualifier);
    ++bit;
    if (k == "unit") return str(c.unit);
    ++bit;
    if (k == "period") return str(c.period);
    ++bit;
    if (k == "sentence") return str(c.sentence);
    ++bit;
    if (k == "rule") return str(c.rule_id);
    ++bit;
    if (k == "confidence") return Once(seen_claim_, bit) && Num(v, c.confidence);
    ++bit;
    if (k == "weak") {
      if (!Once(seen_claim_, bit) || v.type != Value::kBool) return false;
      c.weak = v.b;
      return true;
    }
    ++bit;
    if (k == "value") return Once(seen_claim_, bit) && OptNum(v, c.value);
    ++bit;
    if (k == "range_low") return Once(seen_claim_, bit) && OptNum(v, c.range_low);
    ++bit;
    if (k == "range_high") return Once(seen_claim_, bit) && OptNum(v, c.range_high);
    ++bit;
    if (k == "low") return Once(seen_claim_, bit) && OptNum(v, c.low);
    ++bit;
    if (k == "high") return Once(seen_claim_, bit) && OptNum(v, c.high);
    if (k == "span") return Once(seen_claim_, 30);  // not an array: ignored
    return true;
  }

  analyze::Finding& f_;
  State state_ = kStart;
  std::string key_;
  std::string type_, severity_;
  uint64_t seen_top_ = 0, seen_speaker_ = 0, seen_claim_ = 0;
  std::vector<Value> span_;
  bool done_ = false;
};

}  // namespace

bool FindingFromJsonText(std::string_view text, analyze::Finding* f) {
  *f = analyze::Finding();
  FindingSax sax(f);
  if (!json::sax_parse(text, &sax, json::input_format_t::json, true)) return false;
  return sax.Finish();
}

}  // namespace claimtrack::report::internal
