// keys.yaml -> KeyConfig. Every problem is reported with its position; codes K001-K031 are
// listed in docs/findings.md. The YAML itself is read with the guarded tree of rules/
// (no anchors, no duplicate keys, bounded depth), whose R00x codes become K00x here.

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "claimtrack/analyze/key_config.h"
#include "claimtrack/model/quantity.h"
#include "claimtrack/rules/yaml_tree.h"

namespace claimtrack::analyze {

namespace {

using rules::YamlNode;

const std::vector<std::string> kTopKeys = {"version",  "defaults",  "claim_types",
                                           "concepts", "context",   "reported_earlier",
                                           "events",   "stopwords", "examples"};
const std::vector<std::string> kDefaultKeys = {"tolerance", "window_days", "timeline_window_days"};
const std::vector<std::string> kTypeKeys = {"family",      "analyse",    "tolerance",
                                            "window_days", "cumulative", "tags"};
const std::vector<std::string> kConceptKeys = {"words", "cumulative", "in_sentence", "vague"};
const std::vector<std::string> kDimKeys = {"match", "families", "values"};
const std::vector<std::string> kValueKeys = {"cues", "cumulative", "not_cumulative"};
const std::vector<std::string> kExampleKeys = {"sentence",  "figure",  "claim_type", "kind",
                                               "unit",      "subject", "base",       "period",
                                               "qualifier", "value",   "key"};

bool IsId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string LowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

class Loader {
 public:
  Loader(std::string_view text, std::string path, Diagnostics& diags)
      : text_(text), path_(std::move(path)), diags_(diags) {}

  std::optional<KeyConfig> Run(const YamlNode& root) {
    data_.path = path_;
    if (!root.IsMap()) {
      Err(root, "K012", fmt::format("keys.yaml is a map of sections, found {}", root.KindName()),
          "start the file with 'version: 1' and sections such as 'concepts:'");
      return std::nullopt;
    }
    for (const auto& [k, v] : root.entries) {
      const std::string& key = k.scalar;
      if (key == "version") {
        Version(v);
      } else if (key == "defaults") {
        Defaults(v);
      } else if (key == "claim_types") {
        ClaimTypes(v);
      } else if (key == "concepts") {
        Concepts(v);
      } else if (key == "context") {
        Context(v);
      } else if (key == "reported_earlier") {
        data_.reported_earlier = Cues(v, "reported_earlier");
      } else if (key == "events") {
        Events(v);
      } else if (key == "stopwords") {
        for (const Cue& c : Cues(v, "stopwords")) data_.stopwords.push_back(c.text);
      } else if (key == "examples") {
        Examples(v);
      } else {
        Unknown(k, kTopKeys);
      }
    }
    if (!root.Get("version")) {
      Err(root, "K011", "keys.yaml has no 'version'", "add 'version: 1' as the first line");
    }
    CheckTypeTags();
    if (failed_) return std::nullopt;
    return KeyConfig(std::move(data_));
  }

 private:
  void Err(const YamlNode& at, const char* code, std::string msg, std::string hint = {}) {
    failed_ = true;
    diags_.Error(path_, at.line, at.col, code, std::move(msg), std::move(hint), LineText(at.line));
  }
  std::string LineText(int line) const {
    if (line <= 0) return {};
    size_t pos = 0;
    for (int l = 1; l < line && pos < text_.size(); ++l) {
      size_t nl = text_.find('\n', pos);
      if (nl == std::string_view::npos) return {};
      pos = nl + 1;
    }
    return std::string(LineAt(text_, pos));
  }
  void Unknown(const YamlNode& k, const std::vector<std::string>& allowed) {
    std::string near = ClosestMatch(k.scalar, allowed);
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    Err(k, "K010", fmt::format("unknown key '{}'", k.scalar),
        near.empty() ? "allowed here: " + list : fmt::format("did you mean '{}'?", near));
  }
  bool ExpectMap(const YamlNode& v, std::string_view what) {
    if (v.IsMap()) return true;
    Err(v, "K012", fmt::format("'{}' must be a map, found {}", what, v.KindName()));
    return false;
  }
  std::optional<std::string> Scalar(const YamlNode& v, std::string_view what) {
    if (v.IsScalar()) return v.scalar;
    Err(v, "K012", fmt::format("'{}' must be a string, found {}", what, v.KindName()));
    return std::nullopt;
  }
  std::optional<bool> Bool(const YamlNode& v, std::string_view what) {
    if (v.IsScalar() && !v.quoted && (v.scalar == "true" || v.scalar == "false"))
      return v.scalar == "true";
    Err(v, "K014", fmt::format("'{}' must be true or false", what));
    return std::nullopt;
  }
  std::optional<double> Number(const YamlNode& v, std::string_view what, double lo, double hi) {
    if (v.IsScalar() && !v.scalar.empty()) {
      char* end = nullptr;
      double d = std::strtod(v.scalar.c_str(), &end);
      if (end && *end == '\0' && d >= lo && d <= hi) return d;
    }
    Err(v, "K014",
        fmt::format("'{}' must be a number from {} to {}, found '{}'", what, lo, hi,
                    v.IsScalar() ? v.scalar : std::string(v.KindName())));
    return std::nullopt;
  }
  std::optional<int> Int(const YamlNode& v, std::string_view what, int lo, int hi) {
    if (v.IsScalar() && !v.scalar.empty()) {
      char* end = nullptr;
      long n = std::strtol(v.scalar.c_str(), &end, 10);
      if (end && *end == '\0' && n >= lo && n <= hi) return static_cast<int>(n);
    }
    Err(v, "K014",
        fmt::format("'{}' must be a whole number from {} to {}, found '{}'", what, lo, hi,
                    v.IsScalar() ? v.scalar : std::string(v.KindName())));
    return std::nullopt;
  }
  bool Id(const YamlNode& k, std::string_view what) {
    if (IsId(k.scalar)) return true;
    Err(k, "K014", fmt::format("{} id '{}' must be lower case: a-z, 0-9, '_', '-'", what, k.scalar),
        "e.g. 'soldier', 'troop_losses'");
    return false;
  }

  // A list of cue phrases (a single string is accepted as a list of one).
  std::vector<Cue> Cues(const YamlNode& v, std::string_view what) {
    std::vector<Cue> out;
    auto one = [&](const YamlNode& n) {
      if (!n.IsScalar()) {
        Err(n, "K012",
            fmt::format("an entry of '{}' must be a string, found {}", what, n.KindName()));
        return;
      }
      std::string problem = CheckCue(n.scalar);
      if (!problem.empty()) {
        Err(n, "K016", fmt::format("invalid cue '{}': {}", n.scalar, problem),
            "cue syntax: words, 'word*' (prefix), '*word' (suffix), '...' (gap), '{n}' (the "
            "figure); see docs/findings.md#cues");
        return;
      }
      out.push_back({n.scalar, n.line, n.col});
    };
    if (v.IsSeq()) {
      for (const YamlNode& n : v.items) one(n);
    } else if (v.IsScalar()) {
      one(v);
    } else {
      Err(v, "K012", fmt::format("'{}' must be a list of words, found {}", what, v.KindName()),
          "write [word, word, ...]");
    }
    return out;
  }

  // A word may belong to one owner per table ("Soldaten" cannot be two concepts).
  void Own(std::map<std::string, std::pair<std::string, int>>& owners, const Cue& cue,
           const std::string& owner, std::string_view table) {
    std::string norm = LowerAscii(cue.text);
    auto [it, fresh] = owners.emplace(norm, std::make_pair(owner, cue.line));
    if (fresh) return;
    failed_ = true;
    std::string msg =
        it->second.first == owner
            ? fmt::format("'{}' is listed twice for '{}' in {} (first on line {})", cue.text, owner,
                          table, it->second.second)
            : fmt::format("'{}' is listed twice in {}: for '{}' (line {}) and for '{}'", cue.text,
                          table, it->second.first, it->second.second, owner);
    diags_.Error(path_, cue.line, cue.col, "K013", std::move(msg),
                 "a word can stand for one thing only (case does not matter); remove one",
                 LineText(cue.line));
  }

  void Version(const YamlNode& v) {
    if (auto n = Int(v, "version", 1, 1)) data_.version = *n;
  }

  void Defaults(const YamlNode& v) {
    if (!ExpectMap(v, "defaults")) return;
    for (const auto& [k, x] : v.entries) {
      if (k.scalar == "tolerance") {
        if (auto d = Number(x, "tolerance", 0, 0.9)) data_.tolerance = *d;
      } else if (k.scalar == "window_days") {
        if (auto n = Int(x, "window_days", 0, 36500)) data_.window_days = *n;
      } else if (k.scalar == "timeline_window_days") {
        if (auto n = Int(x, "timeline_window_days", 0, 36500)) data_.timeline_window_days = *n;
      } else {
        Unknown(k, kDefaultKeys);
      }
    }
  }

  void ClaimTypes(const YamlNode& v) {
    if (!ExpectMap(v, "claim_types")) return;
    for (const auto& [k, x] : v.entries) {
      if (!Id(k, "claim type")) continue;
      ClaimTypeSpec spec;
      spec.id = k.scalar;
      spec.family = k.scalar;
      spec.line = k.line;
      if (!ExpectMap(x, k.scalar)) continue;
      for (const auto& [ek, ev] : x.entries) {
        if (ek.scalar == "family") {
          if (auto s = Scalar(ev, "family")) {
            if (IsId(*s)) {
              spec.family = *s;
            } else {
              Err(ev, "K014",
                  fmt::format("family '{}' must be lower case: a-z, 0-9, '_', '-'", *s));
            }
          }
        } else if (ek.scalar == "analyse") {
          if (auto b = Bool(ev, "analyse")) spec.analyse = *b;
        } else if (ek.scalar == "tolerance") {
          if (auto d = Number(ev, "tolerance", 0, 0.9)) spec.tolerance = *d;
        } else if (ek.scalar == "window_days") {
          if (auto n = Int(ev, "window_days", 0, 36500)) spec.window_days = *n;
        } else if (ek.scalar == "cumulative") {
          if (auto b = Bool(ev, "cumulative")) spec.cumulative = *b;
        } else if (ek.scalar == "tags") {
          if (!ExpectMap(ev, "tags")) continue;
          for (const auto& [tk, tv] : ev.entries) {
            if (auto s = Scalar(tv, "tags")) {
              spec.tags.emplace_back(tk.scalar, *s);
              tag_refs_.push_back({&tk, &tv});
            }
          }
        } else {
          Unknown(ek, kTypeKeys);
        }
      }
      data_.claim_types.push_back(std::move(spec));
    }
  }

  void Concepts(const YamlNode& v) {
    if (!ExpectMap(v, "concepts")) return;
    std::map<std::string, std::pair<std::string, int>> owners;
    for (const auto& [k, x] : v.entries) {
      if (!Id(k, "concept")) continue;
      ConceptSpec spec;
      spec.id = k.scalar;
      spec.line = k.line;
      if (x.IsSeq() || x.IsScalar()) {
        spec.words = Cues(x, k.scalar);
      } else if (x.IsMap()) {
        for (const auto& [ek, ev] : x.entries) {
          if (ek.scalar == "words") {
            spec.words = Cues(ev, "words");
          } else if (ek.scalar == "cumulative") {
            if (auto b = Bool(ev, "cumulative")) spec.cumulative = *b;
          } else if (ek.scalar == "in_sentence") {
            if (auto b = Bool(ev, "in_sentence")) spec.in_sentence = *b;
          } else if (ek.scalar == "vague") {
            if (auto b = Bool(ev, "vague")) spec.vague = *b;
          } else {
            Unknown(ek, kConceptKeys);
          }
        }
        if (!x.Get("words")) Err(x, "K011", fmt::format("concept '{}' has no 'words'", k.scalar));
      } else {
        Err(x, "K012",
            fmt::format("concept '{}' must be a list of words or a map with 'words'", k.scalar));
        continue;
      }
      for (const Cue& w : spec.words) Own(owners, w, spec.id, "concepts");
      data_.concepts.push_back(std::move(spec));
    }
  }

  void Context(const YamlNode& v) {
    if (!ExpectMap(v, "context")) return;
    for (const auto& [k, x] : v.entries) {
      if (!Id(k, "context dimension")) continue;
      if (k.scalar == "event" || k.scalar == "year") {
        Err(k, "K014", fmt::format("'{}' is reserved (events and years are built in)", k.scalar),
            "list places and named events under 'events:'");
        continue;
      }
      TagDimensionSpec dim;
      dim.id = k.scalar;
      dim.line = k.line;
      if (!ExpectMap(x, k.scalar)) continue;
      std::map<std::string, std::pair<std::string, int>> owners;
      for (const auto& [ek, ev] : x.entries) {
        if (ek.scalar == "match") {
          if (ev.IsScalar() && (ev.scalar == "hard" || ev.scalar == "soft")) {
            dim.match = ev.scalar == "hard" ? TagMatch::kHard : TagMatch::kSoft;
          } else {
            Err(ev, "K014", "'match' must be 'hard' or 'soft'",
                "hard: part of the group key; soft: different values keep claims apart");
          }
        } else if (ek.scalar == "families") {
          for (const Cue& c : Cues(ev, "families")) dim.families.push_back(c.text);
        } else if (ek.scalar == "values") {
          if (!ExpectMap(ev, "values")) continue;
          for (const auto& [vk, vv] : ev.entries) {
            if (!Id(vk, "context value")) continue;
            TagValueSpec val;
            val.id = vk.scalar;
            val.line = vk.line;
            if (vv.IsMap()) {
              for (const auto& [fk, fv] : vv.entries) {
                if (fk.scalar == "cues") {
                  val.cues = Cues(fv, "cues");
                } else if (fk.scalar == "cumulative") {
                  if (auto b = Bool(fv, "cumulative")) val.cumulative = *b;
                } else if (fk.scalar == "not_cumulative") {
                  if (auto b = Bool(fv, "not_cumulative")) val.not_cumulative = *b;
                } else {
                  Unknown(fk, kValueKeys);
                }
              }
              if (!vv.Get("cues"))
                Err(vv, "K011", fmt::format("context value '{}' has no 'cues'", vk.scalar));
            } else {
              val.cues = Cues(vv, vk.scalar);
            }
            for (const Cue& c : val.cues) Own(owners, c, val.id, "context '" + dim.id + "'");
            dim.values.push_back(std::move(val));
          }
        } else {
          Unknown(ek, kDimKeys);
        }
      }
      if (!x.Get("values")) Err(x, "K011", fmt::format("context '{}' has no 'values'", k.scalar));
      data_.context.push_back(std::move(dim));
    }
  }

  void Events(const YamlNode& v) {
    if (!ExpectMap(v, "events")) return;
    std::map<std::string, std::pair<std::string, int>> owners;
    for (const auto& [k, x] : v.entries) {
      if (!Id(k, "event")) continue;
      EventSpec e;
      e.id = k.scalar;
      e.line = k.line;
      e.words = Cues(x, k.scalar);
      for (const Cue& w : e.words) Own(owners, w, e.id, "events");
      data_.events.push_back(std::move(e));
    }
  }

  void Examples(const YamlNode& v) {
    if (!v.IsSeq()) {
      Err(v, "K012", fmt::format("'examples' must be a list, found {}", v.KindName()));
      return;
    }
    for (const YamlNode& n : v.items) {
      if (!ExpectMap(n, "an example")) continue;
      KeyExample ex;
      ex.line = n.line;
      ex.col = n.col;
      ex.kind = "count";
      for (const auto& [k, x] : n.entries) {
        const std::string& key = k.scalar;
        if (std::find(kExampleKeys.begin(), kExampleKeys.end(), key) == kExampleKeys.end()) {
          Unknown(k, kExampleKeys);
          continue;
        }
        auto s = Scalar(x, key);
        if (!s) continue;
        if (key == "sentence") ex.sentence = *s;
        if (key == "figure") ex.figure = *s;
        if (key == "claim_type") ex.claim_type = *s;
        if (key == "unit") ex.unit = *s;
        if (key == "subject") ex.subject = *s;
        if (key == "base") ex.base = *s;
        if (key == "key") ex.key = *s;
        if (key == "kind") {
          QuantityKind qk;
          if (!ParseQuantityKind(*s, &qk)) {
            Err(x, "K031", fmt::format("unknown kind '{}'", *s),
                "one of number, fraction, percent, money, range, count");
          }
          ex.kind = *s;
        }
        if (key == "period") {
          Period p;
          if (!ParsePeriod(*s, &p)) {
            Err(x, "K031", fmt::format("unknown period '{}'", *s),
                "one of hour, day, week, month, quarter, year");
          }
          ex.period = *s;
        }
        if (key == "qualifier") {
          Qualifier q;
          if (!ParseQualifier(*s, &q)) {
            Err(x, "K031", fmt::format("unknown qualifier '{}'", *s),
                "one of approx, more_than, at_least, less_than, at_most, up_to, nearly");
          }
          ex.qualifier = *s;
        }
        if (key == "value") {
          char* end = nullptr;
          double d = std::strtod(s->c_str(), &end);
          if (s->empty() || !end || *end != '\0') {
            Err(x, "K031", fmt::format("'value' must be a number, found '{}'", *s));
          } else {
            ex.value = d;
          }
        }
      }
      for (const char* required : {"sentence", "figure", "claim_type", "key"}) {
        if (!n.Get(required))
          Err(n, "K011", fmt::format("an example needs '{}'", required),
              "an example has sentence, figure, claim_type, key (and unit, period, ...)");
      }
      if (!ex.sentence.empty() && !ex.figure.empty() &&
          ex.sentence.find(ex.figure) == std::string::npos) {
        Err(*n.Get("figure"), "K031",
            fmt::format("the figure '{}' does not occur in the sentence", ex.figure),
            "copy the figure exactly as written in the sentence");
      }
      data_.examples.push_back(std::move(ex));
    }
  }

  // claim_types[*].tags must name a defined dimension and value.
  void CheckTypeTags() {
    for (const auto& [kn, vn] : tag_refs_) {
      const TagDimensionSpec* dim = nullptr;
      for (const auto& d : data_.context) {
        if (d.id == kn->scalar) dim = &d;
      }
      if (!dim) {
        std::vector<std::string> names;
        for (const auto& d : data_.context) names.push_back(d.id);
        std::string near = ClosestMatch(kn->scalar, names);
        Err(*kn, "K015", fmt::format("no context dimension '{}'", kn->scalar),
            near.empty() ? "define it under 'context:'" : fmt::format("did you mean '{}'?", near));
        continue;
      }
      // Through a named reference: clang 14 cannot capture a structured binding.
      const std::string& wanted = vn->scalar;
      bool found = std::any_of(dim->values.begin(), dim->values.end(),
                               [&](const TagValueSpec& v) { return v.id == wanted; });
      if (!found) {
        std::vector<std::string> names;
        for (const auto& v : dim->values) names.push_back(v.id);
        std::string near = ClosestMatch(vn->scalar, names);
        Err(*vn, "K015", fmt::format("context '{}' has no value '{}'", dim->id, vn->scalar),
            near.empty() ? "define it under the dimension's 'values:'"
                         : fmt::format("did you mean '{}'?", near));
      }
    }
  }

  std::string_view text_;
  std::string path_;
  Diagnostics& diags_;
  KeyConfigData data_;
  bool failed_ = false;
  std::vector<std::pair<const YamlNode*, const YamlNode*>> tag_refs_;
};

// The YAML tree reports R001-R008; in keys.yaml these are K001-K008.
void Recode(Diagnostics& from, Diagnostics& to) {
  for (Diagnostic d : from.items()) {
    if (d.code.size() == 4 && d.code[0] == 'R') d.code[0] = 'K';
    to.Add(std::move(d));
  }
}

}  // namespace

std::optional<KeyConfig> ParseKeyConfig(std::string_view yaml, const std::string& path,
                                        Diagnostics& diags) {
  Diagnostics yaml_diags;
  auto root = rules::ParseYaml(yaml, path, yaml_diags);
  Recode(yaml_diags, diags);
  if (!root || yaml_diags.HasErrors()) return std::nullopt;
  return Loader(yaml, path, diags).Run(*root);
}

std::optional<KeyConfig> LoadKeyConfig(const std::string& path, Diagnostics& diags) {
  Diagnostics yaml_diags;
  std::string text;
  auto root = rules::ParseYamlFile(path, yaml_diags, &text);
  Recode(yaml_diags, diags);
  if (!root || yaml_diags.HasErrors()) return std::nullopt;
  return Loader(text, path, diags).Run(*root);
}

}  // namespace claimtrack::analyze
