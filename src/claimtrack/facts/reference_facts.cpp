// Reference fact files (YAML and CSV) -> ReferenceFact. Both formats feed one FactBuilder,
// so a fact means the same and is checked the same whichever way it was written; the YAML
// is read through the yaml module (located errors, no anchors, no duplicate keys, limits).

#include "claimtrack/facts/reference_facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "claimtrack/model/quantity.h"
#include "claimtrack/yaml/tree.h"

namespace claimtrack::facts {

namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxFileBytes = 16u << 20;  // a fact table is small; refuse anything huge

const std::vector<std::string> kTopKeys = {"version", "facts"};
const std::vector<std::string> kFactKeys = {"id",    "source",     "date",       "key",
                                            "value", "low",        "high",       "tolerance",
                                            "note",  "valid_from", "valid_until"};
const std::vector<std::string> kKeyKeys = {"family", "claim_type", "concept", "unit", "period",
                                           "base",   "tags",       "events",  "years"};
// CSV columns: the fact's fields with the key's parts flattened.
const std::vector<std::string> kCsvColumns = {
    "id",     "source",    "date", "family",     "claim_type", "concept", "unit",
    "period", "base",      "tags", "events",     "years",      "value",   "low",
    "high",   "tolerance", "note", "valid_from", "valid_until"};

struct Loc {
  int line = 0;
  int col = 0;
};

// Where each fact id was first defined ("path:line:col"), across the files of one load.
using IdRegistry = std::map<std::string, std::string>;

bool IsId(std::string_view s) {
  if (s.empty() || s.size() > 80) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

bool IsKeyWord(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// The rule verdicts' sources are checked with (store::IsHttpUrl), so that the command
// `suggest` prints is accepted: http(s), no whitespace or control characters.
bool IsHttpUrl(std::string_view s) {
  if (!(s.starts_with("https://") || s.starts_with("http://")) || s.size() <= 10) return false;
  return std::none_of(s.begin(), s.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f;
  });
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// A finite number written plainly ("12000", "1.4e9", "-3.5"); nullopt otherwise.
std::optional<double> ParseNumber(std::string_view s) {
  std::string t = Trim(s);
  if (t.empty() || t.find_first_not_of("0123456789.eE+-") != std::string::npos) return {};
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return {};
  return v;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Quoted(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The key vocabulary of keys.yaml, as the loader checks it.
struct Vocabulary {
  std::map<std::string, std::string> type_family;  // claim type -> family (analysed types)
  std::set<std::string> not_analysed;              // claim types with analyse: false
  std::vector<std::string> families, types, concepts, events, dims;
  const analyze::KeyConfigData* data = nullptr;

  explicit Vocabulary(const analyze::KeyConfig& keys) : data(&keys.data()) {
    std::set<std::string> fam;
    for (const auto& t : data->claim_types) {
      types.push_back(t.id);
      if (!t.analyse) {
        not_analysed.insert(t.id);
        continue;
      }
      std::string f = t.family.empty() ? t.id : t.family;
      type_family[t.id] = f;
      fam.insert(f);
    }
    families.assign(fam.begin(), fam.end());
    for (const auto& c : data->concepts) concepts.push_back(c.id);
    for (const auto& e : data->events) events.push_back(e.id);
    for (const auto& d : data->context) dims.push_back(d.id);
  }
  const analyze::TagDimensionSpec* Dim(std::string_view id) const {
    for (const auto& d : data->context) {
      if (d.id == id) return &d;
    }
    return nullptr;
  }
};

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string close = ClosestMatch(word, candidates);
  return close.empty() ? std::string() : "did you mean '" + close + "'? ";
}

// Collects one fact's fields from either format and checks them; every problem is a
// located diagnostic. Finish() returns the fact when nothing was wrong with it.
class FactBuilder {
 public:
  FactBuilder(const std::string& path, std::string_view text, const Vocabulary& vocab,
              Diagnostics& diags, Loc at, IdRegistry& ids)
      : path_(path), text_(text), index_(text), vocab_(vocab), diags_(diags), at_(at), ids_(ids) {
    fact_.path = path;
    fact_.line = at.line;
  }

  void Err(Loc at, const char* code, std::string msg, std::string hint = {}) {
    failed_ = true;
    diags_.Error(path_, at.line, at.col, code, std::move(msg), std::move(hint), SourceLine(at));
  }
  void Warn(Loc at, const char* code, std::string msg, std::string hint = {}) {
    diags_.Warning(path_, at.line, at.col, code, std::move(msg), std::move(hint), SourceLine(at));
  }
  std::string SourceLine(Loc at) const {
    if (at.line <= 0) return {};
    size_t start = index_.LineStart(at.line);
    if (start >= text_.size()) return {};
    return std::string(LineAt(text_, start));
  }

  void Set(const std::string& field, const std::string& raw, Loc at) {
    const std::string v = Trim(raw);
    seen_[field] = at;
    if (field == "id") {
      if (!IsId(v)) {
        Err(at, "F011", fmt::format("fact id '{}' is not an id", v),
            "use letters, digits, '.', '_' and '-' (at most 80), e.g. destatis-inflation-2025-04");
      } else if (auto [it, fresh] =
                     ids_.emplace(v, fmt::format("{}:{}:{}", path_, at.line, at.col));
                 !fresh) {
        Err(at, "F012", fmt::format("duplicate fact id '{}'", v),
            "first defined at " + it->second + "; ids must be unique across the facts folder");
      }
      fact_.id = v;
    } else if (field == "source") {
      if (!IsHttpUrl(v)) {
        Err(at, "F017", fmt::format("source '{}' is not an http(s) URL", v),
            "give the address of the evidence: the page or document the figure is taken from");
      }
      fact_.source = v;
    } else if (field == "date" || field == "valid_from" || field == "valid_until") {
      if (!DayOf(v) || v.size() != 10) {
        Err(at, "F013", fmt::format("{} '{}' is not a real date", field, v),
            "write YYYY-MM-DD, e.g. 2025-04-30");
      }
      (field == "date"         ? fact_.date
       : field == "valid_from" ? fact_.valid_from
                               : fact_.valid_until) = v;
    } else if (field == "value" || field == "low" || field == "high") {
      auto n = ParseNumber(v);
      if (!n) {
        Err(at, "F014", fmt::format("{} '{}' is not a number", field, v),
            "write the figure in plain digits in the units of the value model: 12000, 1.4e9 "
            "(money in currency units), 2.5 (percent)");
        return;
      }
      (field == "value" ? fact_.value : field == "low" ? fact_.low : fact_.high) = *n;
    } else if (field == "tolerance") {
      Tolerance(v, at);
    } else if (field == "note") {
      fact_.note = v;
    } else if (field == "family") {
      if (std::find(vocab_.families.begin(), vocab_.families.end(), v) == vocab_.families.end()) {
        std::string hint = vocab_.type_family.count(v)
                               ? fmt::format(
                                     "'{}' is a claim type of the family '{}': write "
                                     "claim_type: {} or family: {}",
                                     v, vocab_.type_family.at(v), v, vocab_.type_family.at(v))
                               : DidYouMean(v, vocab_.families) +
                                     "families of rules/keys.yaml: " + Quoted(vocab_.families);
        Err(at, "F018", fmt::format("unknown family '{}'", v), hint);
      }
      family_ = v;
    } else if (field == "claim_type") {
      if (vocab_.not_analysed.count(v)) {
        Err(at, "F018", fmt::format("claim type '{}' is not analysed (keys.yaml)", v),
            "claims of this type are never compared; a fact about them would never be used");
      } else if (!vocab_.type_family.count(v)) {
        Err(at, "F018", fmt::format("unknown claim type '{}'", v),
            DidYouMean(v, vocab_.types) +
                "claim types of rules/keys.yaml: " + Quoted(vocab_.types));
      } else {
        type_family_ = vocab_.type_family.at(v);
        for (const auto& t : vocab_.data->claim_types) {
          if (t.id == v) implied_tags_ = t.tags;
        }
      }
      claim_type_at_ = at;
    } else if (field == "concept" || field == "base") {
      if (!IsKeyWord(v)) {
        Err(at, "F020", fmt::format("{} '{}' is not a key word", field, v),
            "concepts are lower-case ids of rules/keys.yaml (soldier, death, inflation)");
      } else if (std::find(vocab_.concepts.begin(), vocab_.concepts.end(), v) ==
                 vocab_.concepts.end()) {
        Warn(at, "F021", fmt::format("{} '{}' is not a concept of rules/keys.yaml", field, v),
             DidYouMean(v, vocab_.concepts) +
                 "it matches only claims whose unit or subject is this very word");
      }
      (field == "concept" ? fact_.key.concept_id : fact_.key.base) = v;
    } else if (field == "unit") {
      bool currency = v.size() == 3 &&
                      std::all_of(v.begin(), v.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      if (!currency && v != "%" && v != "pp") {
        Err(at, "F020", fmt::format("unit '{}' is not a currency, '%' or 'pp'", v),
            "money: an ISO 4217 code (EUR, USD); percentages: '%'; percentage points: 'pp'; "
            "counts have no unit (the concept is what is counted)");
      }
      fact_.key.unit = v;
    } else if (field == "period") {
      Period p;
      if (!ParsePeriod(v, &p) || p == Period::kNone) {
        Err(at, "F020", fmt::format("period '{}' is not a period", v),
            "use hour, day, week, month, quarter or year; leave it out for a total");
      }
      fact_.key.period = v;
    }
  }

  // A context tag "dimension=value" (or the two parts of a YAML map entry).
  void Tag(const std::string& dim, const std::string& value, Loc at) {
    const analyze::TagDimensionSpec* d = vocab_.Dim(dim);
    if (!d) {
      Err(at, "F019", fmt::format("unknown context dimension '{}'", dim),
          DidYouMean(dim, vocab_.dims) + "dimensions of rules/keys.yaml: " + Quoted(vocab_.dims));
      return;
    }
    std::vector<std::string> values;
    for (const auto& v : d->values) values.push_back(v.id);
    if (std::find(values.begin(), values.end(), value) == values.end()) {
      Err(at, "F019", fmt::format("'{}' is not a value of the context dimension '{}'", value, dim),
          DidYouMean(value, values) + "values: " + Quoted(values));
      return;
    }
    tags_.push_back({dim, value, at});
  }
  void Event(const std::string& e, Loc at) {
    if (std::find(vocab_.events.begin(), vocab_.events.end(), e) == vocab_.events.end()) {
      Err(at, "F019", fmt::format("unknown event '{}'", e),
          DidYouMean(e, vocab_.events) + "events are the ids under events: in rules/keys.yaml");
      return;
    }
    fact_.key.events.push_back(e);
  }
  void Year(const std::string& y, Loc at) {
    auto n = ParseNumber(y);
    if (!n || *n != std::floor(*n) || *n < 1900 || *n > 2099) {
      Err(at, "F020", fmt::format("year '{}' is not a year from 1900 to 2099", y),
          "years are the years a sentence names (\"2024\"), as check reads them");
      return;
    }
    fact_.key.years.push_back(static_cast<int>(*n));
  }
  void KeySeen(Loc at) { seen_["key"] = at; }

  std::optional<ReferenceFact> Finish() {
    for (const char* f : {"id", "source", "date", "tolerance"}) {
      if (!seen_.count(f)) {
        Err(at_, "F010", fmt::format("fact{} has no {}", Named(), f), RequiredHint(f));
      }
    }
    // The key: a family (or a claim type) and a concept.
    if (!seen_.count("family") && !seen_.count("claim_type")) {
      Err(at_, "F010", fmt::format("fact{} has no family or claim_type in its key", Named()),
          RequiredHint("family"));
    } else if (seen_.count("family") && seen_.count("claim_type")) {
      Err(claim_type_at_, "F008", "give either family or claim_type, not both",
          "a claim type stands for its family (keys.yaml claim_types:)");
    }
    if (!seen_.count("concept")) {
      Err(at_, "F010", fmt::format("fact{} has no concept in its key", Named()),
          RequiredHint("concept"));
    }
    fact_.key.family = seen_.count("claim_type") ? type_family_ : family_;
    // Tags: the type's implied ones plus the written ones; each dimension must apply.
    for (const auto& [dim, val] : implied_tags_) tags_.push_back({dim, val, claim_type_at_});
    std::set<std::string> dims_seen;
    for (const auto& t : tags_) {
      const analyze::TagDimensionSpec* d = vocab_.Dim(t.dim);
      if (!d) continue;
      if (!d->families.empty() && !fact_.key.family.empty() &&
          std::find(d->families.begin(), d->families.end(), fact_.key.family) ==
              d->families.end()) {
        Err(t.at, "F019",
            fmt::format("the context dimension '{}' does not apply to the family '{}'", t.dim,
                        fact_.key.family),
            "keys.yaml applies it to: " + Quoted(d->families));
        continue;
      }
      std::string tag = t.dim + "=" + t.value;
      auto& list = d->match == analyze::TagMatch::kHard ? fact_.key.hard_tags : fact_.key.soft_tags;
      if (d->match == analyze::TagMatch::kHard && dims_seen.count(t.dim) &&
          std::find(list.begin(), list.end(), tag) == list.end()) {
        Err(t.at, "F019", fmt::format("two values for the hard context dimension '{}'", t.dim),
            "a claim has one value of a hard dimension; write one fact per value");
        continue;
      }
      dims_seen.insert(t.dim);
      if (std::find(list.begin(), list.end(), tag) == list.end()) list.push_back(tag);
    }
    std::sort(fact_.key.hard_tags.begin(), fact_.key.hard_tags.end());
    std::sort(fact_.key.soft_tags.begin(), fact_.key.soft_tags.end());
    std::sort(fact_.key.events.begin(), fact_.key.events.end());
    fact_.key.events.erase(std::unique(fact_.key.events.begin(), fact_.key.events.end()),
                           fact_.key.events.end());
    std::sort(fact_.key.years.begin(), fact_.key.years.end());
    fact_.key.years.erase(std::unique(fact_.key.years.begin(), fact_.key.years.end()),
                          fact_.key.years.end());

    // The figure: a value, or a range with both ends.
    bool has_value = seen_.count("value"), has_low = seen_.count("low"),
         has_high = seen_.count("high");
    if (has_value && (has_low || has_high)) {
      Err(seen_.at(has_low ? "low" : "high"), "F015", "give either value or low and high, not both",
          "a point figure is 'value'; a range is 'low' and 'high'");
    } else if (!has_value && !has_low && !has_high) {
      Err(at_, "F010", fmt::format("fact{} has no value (or low and high)", Named()),
          RequiredHint("value"));
    } else if (!has_value && has_low != has_high) {
      Err(seen_.at(has_low ? "low" : "high"), "F015", "a range needs both low and high",
          "for a bound only, use the value the source gives and a tolerance");
    } else if (fact_.low && fact_.high && *fact_.low > *fact_.high) {
      Err(seen_.at("low"), "F015",
          fmt::format("low {} is above high {}", FormatNumber(*fact_.low),
                      FormatNumber(*fact_.high)),
          "swap the ends");
    }
    if (!fact_.valid_from.empty() && !fact_.valid_until.empty() &&
        fact_.valid_from > fact_.valid_until && DayOf(fact_.valid_from) &&
        DayOf(fact_.valid_until)) {
      Err(seen_.at("valid_until"), "F023",
          fmt::format("valid_until {} is before valid_from {}", fact_.valid_until,
                      fact_.valid_from),
          "the claims compared with the fact are those dated from valid_from to valid_until");
    }
    if (failed_) return std::nullopt;
    return fact_;
  }

  const std::string& id() const { return fact_.id; }

 private:
  struct TagAt {
    std::string dim, value;
    Loc at;
  };

  std::string Named() const { return fact_.id.empty() ? "" : " '" + fact_.id + "'"; }

  static std::string RequiredHint(std::string_view f) {
    if (f == "id") return "every fact needs a unique id: id: destatis-inflation-2025-04";
    if (f == "source") return "name the evidence: source: https://www.destatis.de/...";
    if (f == "date") return "the date the figure was published or is valid: date: 2025-04-30";
    if (f == "tolerance") {
      return "how exact the reference is: tolerance: 5% (or 0.05; 0 for an exact figure)";
    }
    if (f == "family") {
      return "say what the figure measures: key: {family: troops, concept: soldier}";
    }
    if (f == "concept") return "name what is counted or measured: key: {concept: soldier}";
    return "value: 12000, or low: 11000 and high: 13000";
  }

  void Tolerance(const std::string& v, Loc at) {
    std::optional<double> t;
    if (!v.empty() && v.back() == '%') {
      if (auto n = ParseNumber(std::string_view(v).substr(0, v.size() - 1))) t = *n / 100;
    } else {
      t = ParseNumber(v);
    }
    if (!t || *t < 0 || *t >= 1) {
      Err(at, "F016", fmt::format("tolerance '{}' is not a share from 0 to below 1", v),
          "write 5% or 0.05: the reference allows 5 % either side of its figure");
      return;
    }
    fact_.tolerance = *t;
  }

  const std::string& path_;
  std::string_view text_;
  yaml::LineIndex index_;
  const Vocabulary& vocab_;
  Diagnostics& diags_;
  Loc at_;
  IdRegistry& ids_;
  ReferenceFact fact_;
  std::map<std::string, Loc> seen_;
  std::string family_, type_family_;
  Loc claim_type_at_;
  std::vector<std::pair<std::string, std::string>> implied_tags_;
  std::vector<TagAt> tags_;
  bool failed_ = false;
};

Loc At(const yaml::Node& n) { return {n.line, n.col}; }

void UnknownKey(FactBuilder& b, const yaml::Node& key, const std::vector<std::string>& known,
                std::string_view where) {
  b.Err(At(key), "F009", fmt::format("unknown key '{}' in {}", key.scalar, where),
        DidYouMean(key.scalar, known) + "keys: " + Quoted(known));
}

// A scalar field; lists and maps where a scalar belongs are F008.
bool Scalar(FactBuilder& b, const yaml::Node& v, std::string_view field) {
  if (v.IsScalar()) return true;
  b.Err(At(v), "F008", fmt::format("{} must be a single value, found {}", field, v.KindName()));
  return false;
}

void YamlKey(FactBuilder& b, const yaml::Node& key) {
  b.KeySeen(At(key));
  if (!key.IsMap()) {
    b.Err(At(key), "F008", fmt::format("key must be a map, found {}", key.KindName()),
          "key: {family: troops, concept: soldier, period: month, tags: {loss: losses}}");
    return;
  }
  for (const auto& [k, v] : key.entries) {
    const std::string& name = k.scalar;
    if (std::find(kKeyKeys.begin(), kKeyKeys.end(), name) == kKeyKeys.end()) {
      UnknownKey(b, k, kKeyKeys, "a fact's key");
    } else if (name == "tags") {
      if (!v.IsMap()) {
        b.Err(At(v), "F008", fmt::format("tags must be a map, found {}", v.KindName()),
              "tags: {loss: losses, side: russian}");
        continue;
      }
      for (const auto& [dk, dv] : v.entries) {
        if (dv.IsSeq()) {
          for (const auto& item : dv.items) {
            if (Scalar(b, item, "a tag value")) b.Tag(dk.scalar, item.scalar, At(item));
          }
        } else if (Scalar(b, dv, "a tag value")) {
          b.Tag(dk.scalar, dv.scalar, At(dv));
        }
      }
    } else if (name == "events" || name == "years") {
      std::vector<const yaml::Node*> items;
      if (v.IsSeq()) {
        for (const auto& item : v.items) items.push_back(&item);
      } else {
        items.push_back(&v);
      }
      for (const yaml::Node* item : items) {
        if (!Scalar(b, *item, name)) continue;
        if (name == "events") {
          b.Event(item->scalar, At(*item));
        } else {
          b.Year(item->scalar, At(*item));
        }
      }
    } else if (Scalar(b, v, name)) {
      b.Set(name, v.scalar, At(v));
    }
  }
}

std::optional<ReferenceFact> YamlFact(const yaml::Node& n, const std::string& path,
                                      std::string_view text, const Vocabulary& vocab,
                                      Diagnostics& diags, IdRegistry& ids) {
  FactBuilder b(path, text, vocab, diags, At(n), ids);
  if (!n.IsMap()) {
    b.Err(At(n), "F008", fmt::format("a fact must be a map, found {}", n.KindName()),
          "- id: ...\n    source: ...\n    date: ...\n    key: {...}\n    value: ...");
    return std::nullopt;
  }
  for (const auto& [k, v] : n.entries) {
    const std::string& name = k.scalar;
    if (std::find(kFactKeys.begin(), kFactKeys.end(), name) == kFactKeys.end()) {
      UnknownKey(b, k, kFactKeys, "a fact");
    } else if (name == "key") {
      YamlKey(b, v);
    } else if (Scalar(b, v, name)) {
      b.Set(name, v.scalar, At(v));
    }
  }
  return b.Finish();
}

// Splits CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes) into rows of
// fields with their 1-based line and column. Returns false (and the position) on an
// unterminated quote.
struct CsvField {
  std::string text;
  Loc at;
};
bool SplitCsv(std::string_view text, std::vector<std::vector<CsvField>>& rows, Loc& bad) {
  std::vector<CsvField> row;
  CsvField field;
  int line = 1, col = 1;
  bool quoted = false, field_started = false;
  field.at = {1, 1};
  auto end_field = [&] {
    row.push_back(std::move(field));
    field = CsvField{};
    field_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!field_started) {
      field.at = {line, col};
      field_started = true;
    }
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.text += '"';
        ++i;
        col += 2;
        continue;
      }
      if (c == '"') {
        quoted = false;
      } else {
        field.text += c;
      }
      if (c == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++col;
      }
      continue;
    }
    if (c == '"' && Trim(field.text).empty()) {
      field.text.clear();
      quoted = true;
      bad = {line, col};
      ++col;
    } else if (c == ',') {
      end_field();
      ++col;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      bool blank = row.size() == 1 && Trim(row[0].text).empty();
      if (!blank) rows.push_back(std::move(row));
      row.clear();
      ++line;
      col = 1;
    } else {
      field.text += c;
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++col;
    }
  }
  if (quoted) return false;
  if (field_started || !row.empty()) {
    end_field();
    bool blank = row.size() == 1 && Trim(row[0].text).empty();
    if (!blank) rows.push_back(std::move(row));
  }
  return true;
}

std::string ReadFile(const std::string& path, Diagnostics& diags, bool& ok) {
  ok = false;
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    diags.Error(path, 0, 0, "F002",
                fmt::format("file is {} bytes; fact files are limited to {}", size, kMaxFileBytes),
                "split the table into several files");
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Error(path, 0, 0, "F001", "cannot read the fact file: " + std::string(strerror(errno)),
                "check the path and its permissions");
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  ok = true;
  return text;
}

bool Utf8Clean(std::string_view text, const std::string& path, Diagnostics& diags) {
  size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && c != 0 && i + n <= text.size();
    for (size_t k = 1; ok && k < n; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (!ok) {
      diags.Error(path, line, 0, "F002",
                  c == 0 ? "the file holds a NUL byte" : "the file is not valid UTF-8",
                  "save it as UTF-8 text");
      return false;
    }
    if (c == '\n') ++line;
    i += n;
  }
  return true;
}

}  // namespace

std::optional<int> DayOf(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  }
  if (iso.size() > 10 && iso[10] != 'T' && iso[10] != ' ') return std::nullopt;
  int y = std::atoi(std::string(iso.substr(0, 4)).c_str());
  int m = std::atoi(std::string(iso.substr(5, 2)).c_str());
  int d = std::atoi(std::string(iso.substr(8, 2)).c_str());
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string FactKey::Group() const {
  std::string out = family + "/" + concept_id;
  if (!unit.empty()) out += "/" + unit;
  if (!period.empty()) out += "/" + period;
  if (!base.empty()) out += "/of=" + base;
  // As analyze::ClaimKey spells tags: values of one dimension joined by ",".
  std::string last_dim;
  for (const std::string& t : hard_tags) {
    size_t eq = t.find('=');
    std::string dim = t.substr(0, eq);
    out += dim == last_dim ? "," + t.substr(eq + 1) : " " + t;
    last_dim = dim;
  }
  return out;
}

std::string FactKey::ToString() const {
  std::string out = Group();
  std::string last_dim;
  for (const std::string& t : soft_tags) {
    size_t eq = t.find('=');
    std::string dim = t.substr(0, eq);
    out += dim == last_dim ? "," + t.substr(eq + 1) : " " + t;
    last_dim = dim;
  }
  if (!events.empty()) {
    out += " event=";
    for (size_t i = 0; i < events.size(); ++i) out += (i ? "," : "") + events[i];
  }
  if (!years.empty()) {
    out += " year=";
    for (size_t i = 0; i < years.size(); ++i) out += (i ? "," : "") + std::to_string(years[i]);
  }
  return out;
}

analyze::Interval ReferenceFact::Allowed() const {
  analyze::Interval r;
  double lo = value ? *value : low.value_or(0);
  double hi = value ? *value : high.value_or(0);
  r.low = lo >= 0 ? lo * (1 - tolerance) : lo * (1 + tolerance);
  r.high = hi >= 0 ? hi * (1 + tolerance) : hi * (1 - tolerance);
  r.point = value.has_value();
  return r;
}

double ReferenceFact::Central() const {
  if (value) return *value;
  return (low.value_or(0) + high.value_or(0)) / 2;
}

namespace {

std::vector<ReferenceFact> YamlFacts(std::string_view text, const std::string& path,
                                     const analyze::KeyConfig& keys, Diagnostics& diags,
                                     IdRegistry& ids) {
  std::vector<ReferenceFact> out;
  yaml::Format format;
  format.in_what = "fact files";
  format.max_bytes = kMaxFileBytes;
  format.code_encoding = "F002";
  format.code_syntax = "F003";
  format.code_documents = "F004";
  format.code_anchor = "F005";
  format.code_depth = "F006";
  format.code_duplicate = "F007";
  format.depth_hint = "a fact file is a list of flat facts with one small map, the key";
  const size_t errors_before = diags.ErrorCount();
  std::unique_ptr<yaml::Node> root = yaml::Parse(text, path, format, diags);
  if (!root) return out;
  // A duplicate key leaves a tree to check the rest of the file with, but which value was
  // meant is unknown: the file gives no facts then.
  const bool parse_errors = diags.ErrorCount() > errors_before;
  if (root->IsNull()) {
    diags.Warning(path, 0, 0, "F024", "fact file is empty (no YAML content)",
                  "start with 'version: 1' and 'facts:', or delete the file");
    return out;
  }
  const Vocabulary vocab(keys);
  FactBuilder top(path, text, vocab, diags, At(*root), ids);
  if (!root->IsMap()) {
    top.Err(
        At(*root), "F008",
        fmt::format("a fact file is a map with 'version' and 'facts', found {}", root->KindName()),
        "version: 1\nfacts:\n  - id: ...");
    return out;
  }
  const yaml::Node* list = nullptr;
  for (const auto& [k, v] : root->entries) {
    if (std::find(kTopKeys.begin(), kTopKeys.end(), k.scalar) == kTopKeys.end()) {
      UnknownKey(top, k, kTopKeys, "a fact file");
    } else if (k.scalar == "version") {
      if (!v.IsScalar() || v.scalar != "1") {
        top.Err(At(v), "F025", fmt::format("unknown fact file version '{}'", v.scalar),
                "this claimtrack reads version: 1");
        return out;
      }
    } else {
      list = &v;
    }
  }
  if (!list) {
    top.Err(At(*root), "F010", "the file has no 'facts:' list", "facts:\n  - id: ...");
    return out;
  }
  if (list->IsNull()) return out;
  if (!list->IsSeq()) {
    top.Err(At(*list), "F008", fmt::format("facts must be a list, found {}", list->KindName()),
            "facts:\n  - id: ...");
    return out;
  }
  for (const yaml::Node& item : list->items) {
    if (auto f = YamlFact(item, path, text, vocab, diags, ids)) out.push_back(std::move(*f));
  }
  if (parse_errors) out.clear();
  return out;
}

std::vector<ReferenceFact> CsvFacts(std::string_view raw, const std::string& path,
                                    const analyze::KeyConfig& keys, Diagnostics& diags,
                                    IdRegistry& ids) {
  std::vector<ReferenceFact> out;
  if (!Utf8Clean(raw, path, diags)) return out;
  // Old Mac line ends (a lone CR) become LF, so that rows, positions and the source lines
  // shown with a diagnostic all count lines the same way.
  std::string normalized(raw);
  for (size_t i = 0; i < normalized.size(); ++i) {
    if (normalized[i] == '\r' && (i + 1 == normalized.size() || normalized[i + 1] != '\n')) {
      normalized[i] = '\n';
    }
  }
  const std::string_view text = normalized;
  const Vocabulary vocab(keys);
  std::vector<std::vector<CsvField>> rows;
  Loc bad;
  FactBuilder top(path, text, vocab, diags, {1, 1}, ids);
  if (!SplitCsv(text, rows, bad)) {
    top.Err(bad, "F022", "a quoted field is not closed", "end the field with '\"'");
    return out;
  }
  if (rows.empty()) {
    diags.Warning(path, 0, 0, "F024", "fact file is empty (no header row)",
                  "start with the header row: " + Quoted(kCsvColumns));
    return out;
  }
  // The header: known columns, each once, the required ones present.
  std::vector<std::string> columns;
  bool header_ok = true;
  for (const CsvField& h : rows[0]) {
    std::string name = Trim(h.text);
    if (std::find(kCsvColumns.begin(), kCsvColumns.end(), name) == kCsvColumns.end()) {
      top.Err(h.at, "F022", fmt::format("unknown column '{}'", name),
              DidYouMean(name, kCsvColumns) + "columns: " + Quoted(kCsvColumns));
      header_ok = false;
    } else if (std::find(columns.begin(), columns.end(), name) != columns.end()) {
      top.Err(h.at, "F022", fmt::format("column '{}' appears twice", name));
      header_ok = false;
    }
    columns.push_back(name);
  }
  if (!header_ok) return out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    FactBuilder b(path, text, vocab, diags, row.front().at, ids);
    if (row.size() != columns.size()) {
      b.Err(row.front().at, "F022",
            fmt::format("row has {} fields, the header {}", row.size(), columns.size()),
            "quote fields that contain a comma: \"NATO, February\"");
      continue;
    }
    bool key_seen = false;
    for (size_t c = 0; c < columns.size(); ++c) {
      const std::string& name = columns[c];
      const CsvField& f = row[c];
      if (Trim(f.text).empty()) continue;  // an empty cell is an absent field
      if (name == "tags") {
        for (const std::string& t : Words(f.text)) {
          size_t eq = t.find('=');
          if (eq == std::string::npos || eq == 0 || eq + 1 == t.size()) {
            b.Err(f.at, "F019", fmt::format("tag '{}' is not dimension=value", t),
                  "e.g. loss=losses side=russian");
            continue;
          }
          b.Tag(t.substr(0, eq), t.substr(eq + 1), f.at);
        }
      } else if (name == "events") {
        for (const std::string& e : Words(f.text)) b.Event(e, f.at);
      } else if (name == "years") {
        for (const std::string& y : Words(f.text)) b.Year(y, f.at);
      } else {
        b.Set(name, f.text, f.at);
      }
      key_seen = key_seen || name == "family" || name == "claim_type" || name == "concept";
    }
    if (key_seen) b.KeySeen(row.front().at);
    if (auto fact = b.Finish()) out.push_back(std::move(*fact));
  }
  return out;
}

}  // namespace

std::vector<ReferenceFact> ParseFactsYaml(std::string_view text, const std::string& path,
                                          const analyze::KeyConfig& keys, Diagnostics& diags) {
  IdRegistry ids;
  return YamlFacts(text, path, keys, diags, ids);
}

std::vector<ReferenceFact> ParseFactsCsv(std::string_view text, const std::string& path,
                                         const analyze::KeyConfig& keys, Diagnostics& diags) {
  IdRegistry ids;
  return CsvFacts(text, path, keys, diags, ids);
}

std::vector<ReferenceFact> LoadFacts(const std::string& dir, const analyze::KeyConfig& keys,
                                     Diagnostics& diags) {
  std::vector<ReferenceFact> out;
  std::error_code ec;
  std::vector<std::string> files;
  auto is_fact_file = [](const fs::path& p) {
    std::string ext = p.extension().string();
    return ext == ".yaml" || ext == ".yml" || ext == ".csv";
  };
  if (fs::is_regular_file(dir, ec)) {
    files.push_back(dir);
  } else if (fs::is_directory(dir, ec)) {
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_fact_file(it->path())) files.push_back(it->path().string());
    }
    if (ec) {
      diags.Error(dir, 0, 0, "F001", "cannot read the facts folder: " + ec.message(),
                  "check the path and its permissions");
      return out;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      diags.Warning(dir, 0, 0, "F024", "the facts folder holds no .yaml, .yml or .csv file",
                    "see docs/review.md for the format; claims_db/facts/ has an example");
    }
  } else {
    diags.Error(dir, 0, 0, "F001", "no such facts folder or file",
                "pass --facts DIR (default: claims_db/facts in the current directory)");
    return out;
  }
  IdRegistry ids;  // shared by the files: ids are unique across the folder
  for (const std::string& file : files) {
    bool ok = false;
    std::string text = ReadFile(file, diags, ok);
    if (!ok) continue;
    std::vector<ReferenceFact> facts = fs::path(file).extension() == ".csv"
                                           ? CsvFacts(text, file, keys, diags, ids)
                                           : YamlFacts(text, file, keys, diags, ids);
    for (ReferenceFact& f : facts) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace claimtrack::facts
