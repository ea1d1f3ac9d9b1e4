#include "claimtrack/rules/rule_set.h"

#include <fmt/format.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "claimtrack/base/utf8.h"
#include "claimtrack/rules/unicode_classes.h"
#include "claimtrack/rules/yaml_tree.h"

namespace claimtrack::rules {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRegexHint =
    "RE2 syntax: named groups are (?P<name>...); there is no lookaround and no "
    "backreferences; see docs/rules.md#regex";

const std::vector<std::string> kRuleKeys = {
    "id",       "lang", "claim_type", "description",    "pattern",  "context", "negative",
    "priority", "unit", "subject",    "case_sensitive", "examples", "exclude", "review"};
const std::vector<std::string> kTopKeys = {"rules", "defaults"};
const std::vector<std::string> kDefaultKeys = {"lang",           "claim_type", "priority",
                                               "case_sensitive", "exclude",    "review"};
const std::vector<std::string> kGroups = {"value", "unit", "period", "base", "subject", "speaker"};
const std::vector<std::string> kExampleKeys = {"text", "value",     "low",    "high", "kind",
                                               "unit", "qualifier", "period", "base", "subject"};

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// A file being loaded: its text (for locating problems) and its path.
struct Source {
  std::string path;
  std::string text;
  // Byte offset of each line's start, built on the first OffsetOfLine() (a file with many
  // errors locates each of them without counting lines from the start).
  mutable std::vector<size_t> line_starts;
};

struct PatternDef {
  std::string regex;
  std::shared_ptr<Source> src;
  int line = 0, col = 0;
};

std::string WithoutBom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return std::string(text);
}

}  // namespace

struct PatternLibrary::Impl {
  std::map<std::string, PatternDef> defs;       // as written, for expanding rules
  std::map<std::string, std::string> expanded;  // checked: RE2 compiles each
  uint64_t hash = 1469598103934665603ULL;       // of the files' contents, in order
};

namespace {

class Loader {
 public:
  explicit Loader(Diagnostics& diags) : diags_(diags) {}

  // Starts from an already loaded library: its patterns are known and checked.
  void UseLibrary(const PatternLibrary::Impl& library) {
    patterns_ = library.defs;
    library_expanded_ = &library.expanded;
    hash_ = library.hash;
  }

  void LoadPatternFile(const std::string& path) {
    auto src = std::make_shared<Source>();
    src->path = path;
    auto root = ParseYamlFile(path, diags_, &src->text);
    LoadPatterns(src, root.get());
  }
  void LoadPatternText(const RuleFileText& file) {
    auto src = std::make_shared<Source>();
    src->path = file.path;
    src->text = WithoutBom(file.text);
    auto root = ParseYaml(src->text, src->path, diags_);
    LoadPatterns(src, root.get());
  }
  void LoadPatterns(const std::shared_ptr<Source>& src, const YamlNode* root) {
    if (!root) return;
    hash_ = Fnv1a(src->text, hash_);
    if (!root->IsMap()) {
      Err(*src, *root, "R012",
          fmt::format("a pattern file is a map with 'patterns:', found {}", root->KindName()),
          "start the file with 'patterns:'");
      return;
    }
    for (const auto& [k, v] : root->entries) {
      if (k.scalar != "patterns") {
        UnknownKey(*src, k, {"patterns"});
        continue;
      }
      if (!v.IsMap()) {
        Err(*src, v, "R012", "'patterns' must be a map of NAME: regex", "");
        continue;
      }
      for (const auto& [name, def] : v.entries) {
        static const std::regex kName("[A-Z][A-Z0-9_]*");
        if (!std::regex_match(name.scalar, kName)) {
          Err(*src, name, "R014",
              fmt::format("pattern name '{}' must be upper case: letters, digits, '_'",
                          name.scalar),
              "name it like NUMBER_DE");
          continue;
        }
        const YamlNode* regex = &def;
        if (def.IsMap()) {
          for (const auto& [dk, dv] : def.entries) {
            if (dk.scalar != "pattern" && dk.scalar != "description" && dk.scalar != "examples")
              UnknownKey(*src, dk, {"pattern", "description", "examples"});
          }
          regex = def.Get("pattern");
          if (!regex) {
            Err(*src, def, "R011", fmt::format("pattern '{}' has no 'pattern' key", name.scalar),
                "");
            continue;
          }
        }
        if (!regex->IsScalar()) {
          Err(*src, *regex, "R012", "a pattern must be a string", "");
          continue;
        }
        if (patterns_.count(name.scalar)) {
          const auto& first = patterns_[name.scalar];
          Err(*src, name, "R013",
              fmt::format("pattern '{}' is already defined at {}:{}", name.scalar, first.src->path,
                          first.line),
              "give the new pattern another name");
          continue;
        }
        patterns_[name.scalar] = {regex->scalar, src, regex->line, regex->col};
      }
    }
  }

  void LoadRuleFile(const std::string& path) {
    Source src;
    src.path = path;
    auto root = ParseYamlFile(path, diags_, &src.text);
    LoadRules(std::move(src), root.get());
  }
  void LoadRuleText(const RuleFileText& file) {
    Source src;
    src.path = file.path;
    src.text = WithoutBom(file.text);
    auto root = ParseYaml(src.text, src.path, diags_);
    LoadRules(std::move(src), root.get());
  }
  void LoadRules(Source src, const YamlNode* root) {
    if (!root) return;
    hash_ = Fnv1a(src.text, hash_);
    if (!root->IsMap() || !root->Get("rules")) {
      Err(src, *root, "R011", "a rule file is a map with a 'rules:' list",
          "start the file with 'rules:' followed by '  - id: ...' entries");
      return;
    }
    const YamlNode* defaults = nullptr;
    for (const auto& [k, v] : root->entries) {
      if (k.scalar == "defaults") {
        defaults = &v;
        if (!v.IsMap()) {
          Err(src, v, "R012", "'defaults' must be a map", "");
          defaults = nullptr;
        } else {
          for (const auto& [dk, dv] : v.entries) {
            if (std::find(kDefaultKeys.begin(), kDefaultKeys.end(), dk.scalar) ==
                kDefaultKeys.end())
              UnknownKey(src, dk, kDefaultKeys);
          }
        }
      } else if (k.scalar != "rules") {
        UnknownKey(src, k, kTopKeys);
      }
    }
    const YamlNode* list = root->Get("rules");
    if (!list->IsSeq()) {
      Err(src, *list, "R012", fmt::format("'rules' must be a list, found {}", list->KindName()),
          "write each rule as a list item starting with '- id:'");
      return;
    }
    rule_sources_.push_back(std::move(src));
    for (const auto& node : list->items) LoadRule(rule_sources_.back(), node, defaults);
  }

  // Expands every pattern and compiles; returns null if any error.
  std::shared_ptr<const RuleSet> Finish();
  // Expands and checks the patterns (those of a library in use are checked already).
  void CheckPatterns();
  // The patterns loaded so far as a library.
  std::unique_ptr<PatternLibrary::Impl> TakeLibrary() {
    auto lib = std::make_unique<PatternLibrary::Impl>();
    lib->defs = std::move(patterns_);
    lib->expanded = std::move(expanded_patterns_);
    lib->hash = hash_;
    return lib;
  }

  std::vector<Rule> rules_;
  std::map<std::string, std::string> expanded_patterns_;
  std::map<std::string, PatternDef> patterns_;
  const std::map<std::string, std::string>* library_expanded_ = nullptr;
  uint64_t hash_ = 1469598103934665603ULL;
  std::vector<Source> rule_sources_;  // kept for locating regex errors

  // Expands %{NAME} references. Errors are reported at (src, line, col) of the referring
  // scalar. `stack` detects recursion.
  bool Expand(const std::string& in, const Source& src, int line, int col, std::string* out,
              std::vector<std::string>& stack) {
    size_t pos = 0;
    bool ok = true;
    while (pos < in.size()) {
      size_t ref = in.find("%{", pos);
      if (ref == std::string::npos) {
        out->append(in, pos, std::string::npos);
        break;
      }
      out->append(in, pos, ref - pos);
      size_t close = in.find('}', ref);
      if (close == std::string::npos) {
        diags_.Error(src.path, line, col, "R024", "unterminated pattern reference '%{'",
                     "write %{NAME}", std::string(LineAt(src.text, OffsetOfLine(src, line))));
        return false;
      }
      std::string name = in.substr(ref + 2, close - ref - 2);
      auto it = patterns_.find(name);
      if (it == patterns_.end()) {
        std::vector<std::string> names;
        for (const auto& [n, _] : patterns_) names.push_back(n);
        std::string near = ClosestMatch(name, names);
        diags_.Error(src.path, line, col, "R024",
                     fmt::format("undefined pattern reference %{{{}}}", name),
                     near.empty() ? "define it in rules/patterns/*.yaml"
                                  : fmt::format("did you mean %{{{}}}?", near),
                     std::string(LineAt(src.text, OffsetOfLine(src, line))));
        ok = false;
      } else if (auto loop = std::find(stack.begin(), stack.end(), name); loop != stack.end()) {
        std::string chain;
        for (const auto& s : stack) chain += s + " -> ";
        // A cycle is found once from each pattern in it: report it once.
        std::set<std::string> members(loop, stack.end());
        if (!reported_cycles_.insert(members).second) return false;
        diags_.Error(it->second.src->path, it->second.line, it->second.col, "R025",
                     fmt::format("recursive pattern reference: {}{}", chain, name),
                     "a pattern may not refer to itself, directly or through others",
                     std::string(LineAt(it->second.src->text,
                                        OffsetOfLine(*it->second.src, it->second.line))));
        return false;
      } else {
        stack.push_back(name);
        std::string sub;
        const PatternDef& def = it->second;
        if (!Expand(def.regex, *def.src, def.line, def.col, &sub, stack)) ok = false;
        stack.pop_back();
        out->append("(?:").append(sub).append(")");
      }
      pos = close + 1;
    }
    return ok;
  }

  static size_t OffsetOfLine(const Source& src, int line) {
    if (src.line_starts.empty()) {
      src.line_starts.push_back(0);
      for (size_t nl = src.text.find('\n'); nl != std::string::npos;
           nl = src.text.find('\n', nl + 1)) {
        src.line_starts.push_back(nl + 1);
      }
    }
    if (line <= 1) return 0;
    size_t i = static_cast<size_t>(line) - 1;
    return i < src.line_starts.size() ? src.line_starts[i] : src.text.size();
  }

  // Locates `fragment` of a regex in the file, at or after the scalar's line.
  std::pair<int, int> Locate(const Source& src, int line, int col, std::string_view fragment) {
    if (!fragment.empty()) {
      size_t from = OffsetOfLine(src, line);
      size_t at = src.text.find(fragment, from);
      if (at != std::string::npos) {
        LineCol lc = LineColOf(src.text, at);
        return {lc.line, lc.col};
      }
    }
    return {line, col};
  }

  void Err(const Source& src, const YamlNode& at, const char* code, std::string msg,
           std::string hint) {
    diags_.Error(src.path, at.line, at.col, code, std::move(msg), std::move(hint),
                 std::string(LineAt(src.text, OffsetOfLine(src, at.line))));
  }
  void UnknownKey(const Source& src, const YamlNode& key, const std::vector<std::string>& known) {
    std::string near = ClosestMatch(key.scalar, known);
    std::string all;
    for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
    Err(src, key, "R010", fmt::format("unknown key '{}'", key.scalar),
        near.empty() ? "known keys: " + all : fmt::format("did you mean '{}'?", near));
  }

 private:
  void LoadRule(const Source& src, const YamlNode& node, const YamlNode* defaults);
  bool CheckRegexSyntax(const Source& src, const YamlNode& at, const std::string& raw);
  ExampleExpectation LoadExample(const Source& src, const YamlNode& node, bool with_fields);

  Diagnostics& diags_;
  std::map<std::string, std::pair<std::string, int>> ids_;  // id -> (file, line)
  std::set<std::set<std::string>> reported_cycles_;         // R025 once per cycle

 public:
  // Per rule: the YAML node positions of its pattern/context/negative, for error locations.
  struct PatternSite {
    size_t source = 0;
    int line = 0, col = 0;
  };
  std::vector<std::array<PatternSite, 3>> sites_;
};

ExampleExpectation Loader::LoadExample(const Source& src, const YamlNode& node, bool with_fields) {
  ExampleExpectation ex;
  ex.line = node.line;
  if (node.IsScalar()) {
    ex.text = node.scalar;
    return ex;
  }
  if (!node.IsMap()) {
    Err(src, node, "R012", "an example is a text or a map with 'text:'", "");
    return ex;
  }
  for (const auto& [k, v] : node.entries) {
    const std::string& key = k.scalar;
    if (std::find(kExampleKeys.begin(), kExampleKeys.end(), key) == kExampleKeys.end() ||
        (!with_fields && key != "text")) {
      UnknownKey(src, k, with_fields ? kExampleKeys : std::vector<std::string>{"text"});
      continue;
    }
    if (!v.IsScalar() && v.kind != YamlNode::Kind::kNull) {
      Err(src, v, "R012", fmt::format("'{}' must be a scalar", key), "");
      continue;
    }
    // `v` through an init-capture: capturing a structured binding needs clang 16.
    auto number = [&, &v = v](std::optional<std::optional<double>>* out) {
      if (v.kind == YamlNode::Kind::kNull || v.scalar == "null" || v.scalar == "~") {
        *out = std::optional<double>();
        return;
      }
      char* end = nullptr;
      double d = std::strtod(v.scalar.c_str(), &end);
      if (end == v.scalar.c_str() || *end != '\0') {
        Err(src, v, "R031", fmt::format("'{}' must be a number (e.g. 20000 or 0.6667)", key),
            "write plain digits with '.' as decimal point, or 2/3 style as a decimal");
        return;
      }
      *out = std::optional<double>(d);
    };
    if (key == "text") {
      ex.text = v.scalar;
    } else if (key == "value") {
      number(&ex.value);
    } else if (key == "low") {
      number(&ex.low);
    } else if (key == "high") {
      number(&ex.high);
    } else if (key == "kind") {
      QuantityKind kk;
      if (!ParseQuantityKind(v.scalar, &kk))
        Err(src, v, "R031", fmt::format("unknown kind '{}'", v.scalar),
            "one of: number, fraction, percent, money, range, count");
      ex.kind = v.scalar;
    } else if (key == "qualifier") {
      Qualifier q;
      if (!ParseQualifier(v.scalar, &q))
        Err(src, v, "R031", fmt::format("unknown qualifier '{}'", v.scalar),
            "one of: none, approx, more_than, at_least, less_than, at_most, up_to, nearly");
      ex.qualifier = v.scalar == "none" ? "" : v.scalar;
    } else if (key == "period") {
      Period p;
      if (!ParsePeriod(v.scalar, &p))
        Err(src, v, "R031", fmt::format("unknown period '{}'", v.scalar),
            "one of: none, hour, day, week, month, quarter, year");
      ex.period = v.scalar == "none" ? "" : v.scalar;
    } else if (key == "unit") {
      ex.unit = v.scalar;
    } else if (key == "base") {
      ex.base = v.scalar;
    } else if (key == "subject") {
      ex.subject = v.scalar;
    }
  }
  if (ex.text.empty()) Err(src, node, "R011", "an example needs a non-empty 'text'", "");
  return ex;
}

bool Loader::CheckRegexSyntax(const Source& src, const YamlNode& at, const std::string& raw) {
  // RE2 has no lookaround and no backreferences: say so plainly instead of RE2's terse
  // "invalid perl operator".
  static const std::pair<std::string_view, std::string_view> kUnsupported[] = {
      {"(?=", "lookahead"},    {"(?!", "negative lookahead"},
      {"(?<=", "lookbehind"},  {"(?<!", "negative lookbehind"},
      {"(?>", "atomic group"}, {"\\k<", "named backreference"}};
  bool ok = true;
  for (const auto& [frag, what] : kUnsupported) {
    size_t at_pos = raw.find(frag);
    if (at_pos != std::string::npos) {
      auto [l, c] = Locate(src, at.line, at.col, frag);
      diags_.Error(src.path, l, c, "R021", fmt::format("RE2 does not support {} '{}'", what, frag),
                   "RE2 has no lookaround or backreferences: match more and use a named group, "
                   "or use 'context'/'negative' patterns on the sentence",
                   std::string(LineAt(src.text, OffsetOfLine(src, l))));
      ok = false;
    }
  }
  for (size_t i = 0; i + 1 < raw.size(); ++i) {
    if (raw[i] == '\\') {
      if (raw[i + 1] >= '1' && raw[i + 1] <= '9') {
        auto [l, c] = Locate(src, at.line, at.col, raw.substr(i, 2));
        diags_.Error(src.path, l, c, "R021",
                     fmt::format("RE2 does not support backreferences ('{}')", raw.substr(i, 2)),
                     "RE2 has no lookaround or backreferences: match the repeated part explicitly",
                     std::string(LineAt(src.text, OffsetOfLine(src, l))));
        ok = false;
      }
      ++i;
    }
  }
  if (ok) {
    // Compile the pattern as written, each %{NAME} standing for a harmless group, so that a
    // syntax error is reported at its column in the rule rather than at the start of a
    // 3,000-character expansion of the pattern library.
    std::string shape;
    std::vector<std::pair<size_t, size_t>> map;  // (offset in shape, offset in raw)
    for (size_t i = 0; i < raw.size();) {
      if (raw.compare(i, 2, "%{") == 0) {
        size_t close = raw.find('}', i);
        if (close != std::string::npos) {
          map.push_back({shape.size(), i});
          shape += "(?:x)";
          i = close + 1;
          continue;
        }
      }
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        shape += raw.substr(i, 2);
        i += 2;
        continue;
      }
      shape += raw[i++];
    }
    RE2::Options o;
    o.set_log_errors(false);
    // Syntax only: with the compact letter classes the shape parses the same and compiles a
    // fraction of the program; one that fails is compiled again as written, for RE2's message.
    auto re = std::make_unique<RE2>(CompactUnicodeClasses(shape), o);
    if (!re->ok()) re = std::make_unique<RE2>(shape, o);
    if (!re->ok()) {
      // Where in the rule: the unbalanced parenthesis, else RE2's fragment.
      size_t bad = std::string::npos;
      if (re->error_code() == RE2::ErrorMissingParen ||
          re->error_code() == RE2::ErrorUnexpectedParen) {
        std::vector<size_t> open;
        bool in_class = false;
        for (size_t i = 0; i < raw.size() && bad == std::string::npos; ++i) {
          char ch = raw[i];
          if (ch == '\\') {
            ++i;
          } else if (in_class) {
            in_class = ch != ']';
          } else if (ch == '[') {
            in_class = true;
          } else if (ch == '(') {
            open.push_back(i);
          } else if (ch == ')') {
            if (open.empty())
              bad = i;
            else
              open.pop_back();
          }
        }
        if (bad == std::string::npos && !open.empty()) bad = open.back();
      } else if (!re->error_arg().empty()) {
        size_t at_shape = shape.find(re->error_arg());
        if (at_shape != std::string::npos) {
          bad = at_shape;
          for (const auto& [sh, rw] : map) {  // undo the placeholders before it
            if (sh >= at_shape) break;
            bad = bad - 5 + (raw.find('}', rw) + 1 - rw);
          }
        }
      }
      int l = at.line, c = at.col;
      size_t from = OffsetOfLine(src, at.line);
      size_t start = src.text.find(raw.substr(0, std::min<size_t>(raw.size(), 40)), from);
      if (start != std::string::npos && bad != std::string::npos && bad < raw.size()) {
        LineCol lc = LineColOf(src.text, start + bad);
        l = lc.line;
        c = lc.col;
      }
      std::string what = re->error();
      what = what.substr(0, what.find(": "));
      diags_.Error(src.path, l, c, "R020",
                   fmt::format("invalid regex: {} (column {} of the pattern as written)", what,
                               bad == std::string::npos ? 1 : bad + 1),
                   kRegexHint, std::string(LineAt(src.text, OffsetOfLine(src, l))));
      ok = false;
    }
  }
  if (raw.find("(?<") != std::string::npos && raw.find("(?<=") == std::string::npos &&
      raw.find("(?<!") == std::string::npos) {
    auto [l, c] = Locate(src, at.line, at.col, "(?<");
    diags_.Error(src.path, l, c, "R020", "named group written as (?<name>...)",
                 "this RE2 version needs (?P<name>...)",
                 std::string(LineAt(src.text, OffsetOfLine(src, l))));
    ok = false;
  }
  return ok;
}

void Loader::LoadRule(const Source& src, const YamlNode& node, const YamlNode* defaults) {
  if (!node.IsMap()) {
    Err(src, node, "R012", fmt::format("a rule must be a map, found {}", node.KindName()),
        "start each rule with '- id: ...'");
    return;
  }
  Rule r;
  r.file = src.path;
  r.line = node.line;
  bool ok = true;
  for (const auto& [k, v] : node.entries) {
    if (std::find(kRuleKeys.begin(), kRuleKeys.end(), k.scalar) == kRuleKeys.end()) {
      UnknownKey(src, k, kRuleKeys);
      ok = false;
    }
  }
  auto scalar = [&](const char* key, bool required) -> const YamlNode* {
    const YamlNode* v = node.Get(key);
    if (!v && defaults) v = defaults->Get(key);
    if (!v) {
      if (required) {
        Err(src, node, "R011", fmt::format("rule is missing required key '{}'", key),
            "every rule needs id, lang, claim_type and pattern");
        ok = false;
      }
      return nullptr;
    }
    if (!v->IsScalar()) {
      Err(src, *v, "R012", fmt::format("'{}' must be a string, found {}", key, v->KindName()), "");
      ok = false;
      return nullptr;
    }
    return v;
  };
  if (const YamlNode* id = scalar("id", true)) {
    static const std::regex kId("[a-z0-9][a-z0-9._-]*");
    r.id = id->scalar;
    r.line = id->line;
    if (!std::regex_match(r.id, kId)) {
      Err(src, *id, "R014", fmt::format("rule id '{}' must be lower case: a-z 0-9 . _ -", r.id),
          "e.g. de.casualties.deaths");
      ok = false;
    }
    auto [it, inserted] = ids_.emplace(r.id, std::make_pair(src.path, id->line));
    if (!inserted) {
      Err(src, *id, "R013",
          fmt::format("duplicate rule id '{}' (first defined at {}:{})", r.id, it->second.first,
                      it->second.second),
          "rule ids are unique across all rule files");
      ok = false;
    }
  }
  if (const YamlNode* lang = scalar("lang", true)) {
    r.lang = normalize::ParseLang(lang->scalar);
    if (r.lang == normalize::Lang::kUnknown || lang->scalar.size() != 2) {
      Err(src, *lang, "R014", fmt::format("unknown lang '{}'", lang->scalar), "use de or en");
      ok = false;
    }
  }
  if (const YamlNode* x = scalar("exclude", false)) {
    if (x->scalar != "true" && x->scalar != "false") {
      Err(src, *x, "R014", "exclude must be true or false",
          "an exclude rule marks figures that are no claims (dates, ages, names)");
      ok = false;
    }
    r.exclude = x->scalar == "true";
  }
  if (const YamlNode* x = scalar("review", false)) {
    if (x->scalar != "true" && x->scalar != "false") {
      Err(src, *x, "R014", "review must be true or false",
          "review: true puts every claim of the rule in the review queue");
      ok = false;
    }
    r.review = x->scalar == "true";
  }
  if (r.exclude && !node.Get("claim_type") && !(defaults && defaults->Get("claim_type"))) {
    r.claim_type = "excluded";
  } else if (const YamlNode* t = scalar("claim_type", true)) {
    static const std::regex kType("[a-z][a-z0-9_]*");
    r.claim_type = t->scalar;
    if (!std::regex_match(r.claim_type, kType)) {
      Err(src, *t, "R014", fmt::format("claim_type '{}' must be a lower-case word", t->scalar),
          "e.g. casualties, troops, money, share; see docs/rules.md#claim-types");
      ok = false;
    }
  }
  if (const YamlNode* d = scalar("description", false)) r.description = d->scalar;
  if (const YamlNode* u = scalar("unit", false)) r.unit = u->scalar;
  if (const YamlNode* s = scalar("subject", false)) r.subject = s->scalar;
  if (const YamlNode* p = scalar("priority", false)) {
    char* end = nullptr;
    long v = std::strtol(p->scalar.c_str(), &end, 10);
    if (end == p->scalar.c_str() || *end != '\0' || v < -1000 || v > 1000) {
      Err(src, *p, "R014", fmt::format("priority '{}' must be an integer -1000..1000", p->scalar),
          "higher priority wins when rules claim the same figure");
      ok = false;
    }
    r.priority = static_cast<int>(v);
  }
  if (const YamlNode* c = scalar("case_sensitive", false)) {
    if (c->scalar != "true" && c->scalar != "false") {
      Err(src, *c, "R014", "case_sensitive must be true or false", "");
      ok = false;
    }
    r.case_sensitive = c->scalar == "true";
  }
  std::array<PatternSite, 3> sites{};
  size_t source_index = rule_sources_.size() - 1;
  const char* pattern_keys[3] = {"pattern", "context", "negative"};
  std::string* targets[3] = {&r.expanded_pattern, &r.context, &r.negative};
  for (int i = 0; i < 3; ++i) {
    const YamlNode* p = scalar(pattern_keys[i], i == 0);
    if (!p) continue;
    if (p->scalar.empty()) {
      Err(src, *p, "R011", fmt::format("'{}' is empty", pattern_keys[i]), "");
      ok = false;
      continue;
    }
    if (i == 0) r.pattern = p->scalar;
    if (!CheckRegexSyntax(src, *p, p->scalar)) ok = false;
    std::vector<std::string> stack;
    if (!Expand(p->scalar, src, p->line, p->col, targets[i], stack)) ok = false;
    sites[i] = {source_index, p->line, p->col};
  }
  if (const YamlNode* ex = node.Get("examples")) {
    if (!ex->IsMap()) {
      Err(src, *ex, "R012", "'examples' must be a map with 'match' and/or 'no_match' lists", "");
      ok = false;
    } else {
      for (const auto& [k, v] : ex->entries) {
        bool match = k.scalar == "match";
        if (!match && k.scalar != "no_match") {
          UnknownKey(src, k, {"match", "no_match"});
          ok = false;
          continue;
        }
        if (!v.IsSeq()) {
          Err(src, v, "R012", fmt::format("'{}' must be a list", k.scalar), "");
          ok = false;
          continue;
        }
        for (const auto& item : v.items) {
          auto e = LoadExample(src, item, match);
          (match ? r.match_examples : r.no_match_examples).push_back(std::move(e));
        }
      }
    }
  }
  if (!ok) return;
  sites_.push_back(sites);
  rules_.push_back(std::move(r));
}

std::string CollectFilesError(const std::string&) { return "no such file or folder"; }

}  // namespace

struct RuleSet::Impl {
  std::vector<Rule> rules;
  std::map<std::string, std::string> patterns;
  std::string version;
  std::vector<const RE2*> regex;               // per rule, owned by its language's filter
  std::vector<std::unique_ptr<RE2>> context;   // per rule, may be null
  std::vector<std::unique_ptr<RE2>> negative;  // per rule, may be null
  struct GroupIndex {
    int value = -1, unit = -1, period = -1, base = -1, subject = -1, speaker = -1;
  };
  std::vector<GroupIndex> groups;
  // The prefilter of one language (index by Lang; kUnknown unused), built on load.
  // FilteredRE2 derives from each rule's regex the literal "atoms" a match must contain
  // (any of "tote", "todesopfer", ... for "71 Tote"); one case-insensitive RE2::Set of those
  // literals scans a sentence, and only rules whose atoms occur (plus rules without atoms)
  // run their own regex. A literal set stays a small automaton, unlike a set of the rules
  // themselves, whose word-skipping loops made the DFA build new states for most bytes.
  // Filter id i -> rule_of[i].
  struct LangSet {
    std::unique_ptr<re2::FilteredRE2> filter;
    std::unique_ptr<RE2::Set> atoms;  // null when no rule has atoms
    std::vector<size_t> rule_of;
  };
  std::array<LangSet, 3> sets;
  // Derives the atoms of one language's filter and compiles their set (on load, on its thread).
  static bool CompileFilter(LangSet& ls);
  void MatchSet(const LangSet& ls, std::string_view text, std::vector<RuleMatch>& out) const;
};

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;
const std::vector<Rule>& RuleSet::rules() const { return impl_->rules; }
const std::map<std::string, std::string>& RuleSet::patterns() const { return impl_->patterns; }
const std::string& RuleSet::version() const { return impl_->version; }

namespace {
std::string WithFlags(const Rule& r, const std::string& pattern) {
  return r.case_sensitive ? pattern : "(?i)" + pattern;
}
// What RE2 compiles: WithFlags, with \pL and \pN in their compact spelling
// (unicode_classes.h). An error is reported from the pattern as written (ForError).
std::string ForEngine(const Rule& r, const std::string& pattern) {
  return WithFlags(r, CompactUnicodeClasses(pattern));
}
// Memory budgets (they cap RE2's lazy DFA caches, so RSS stays flat however large the input):
// a rule's own regex runs only on candidate sentences; 2 MiB each costs no more instructions
// than 16 MiB on news text (callgrind, 6 MB) and keeps 79 rules from adding up to hundreds of
// MiB. The prefilter's set of literals sees every sentence with a figure and gets 64 MiB
// (CompileFilters); if its DFA runs out, every rule runs (MatchSet).
// Literals of every length count as atoms: with the RE2 default of 3, "%" and "$" were dropped
// and percentage and money rules ran on every sentence (25% more CPU on the corpus).
constexpr int kMinAtomLen = 1;
RE2::Options RegexOptions(int64_t max_mem = int64_t{2} << 20) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(true);  // case folding is per rule, via (?i)
  o.set_max_mem(max_mem);
  return o;
}
}  // namespace

void Loader::CheckPatterns() {
  for (const auto& [name, def] : patterns_) {
    if (library_expanded_) {
      if (auto it = library_expanded_->find(name); it != library_expanded_->end()) {
        expanded_patterns_[name] = it->second;
        continue;
      }
    }
    std::string out;
    std::vector<std::string> stack{name};
    if (Expand(def.regex, *def.src, def.line, def.col, &out, stack)) {
      expanded_patterns_[name] = out;
      auto test = std::make_unique<RE2>(CompactUnicodeClasses(out), RegexOptions());
      if (!test->ok()) test = std::make_unique<RE2>(out, RegexOptions());  // error as written
      if (!test->ok()) {
        auto [l, c] = Locate(*def.src, def.line, def.col, test->error_arg());
        diags_.Error(def.src->path, l, c, "R020",
                     fmt::format("invalid regex in pattern {}: {}", name, test->error()),
                     kRegexHint, std::string(LineAt(def.src->text, OffsetOfLine(*def.src, l))));
      }
    }
  }
}

std::shared_ptr<const RuleSet> Loader::Finish() {
  auto impl = std::make_unique<RuleSet::Impl>();
  CheckPatterns();
  // Compiling is most of the start-up: each language's rules compile on a thread of their
  // own (a filter is filled by one thread, in rule order), diagnostics follow in rule order.
  struct Compiled {
    const RE2* main = nullptr;  // owned by the language's filter
    std::unique_ptr<RE2> context, negative;
  };
  std::vector<Compiled> done(rules_.size());
  std::array<bool, std::tuple_size_v<decltype(impl->sets)>> filter_ok;
  filter_ok.fill(true);
  auto compile_lang = [&](size_t lang) {
    auto& ls = impl->sets[lang];
    for (size_t i = 0; i < rules_.size(); ++i) {
      const Rule& r = rules_[i];
      if (static_cast<size_t>(r.lang) != lang) continue;
      if (!ls.filter) ls.filter = std::make_unique<re2::FilteredRE2>(kMinAtomLen);
      int id = -1;
      if (ls.filter->Add(ForEngine(r, r.expanded_pattern), RegexOptions(), &id) == RE2::NoError) {
        done[i].main = &ls.filter->GetRE2(id);
        ls.rule_of.push_back(i);  // == the rule's index when every rule loads
      }
      if (!r.context.empty())
        done[i].context = std::make_unique<RE2>(ForEngine(r, r.context), RegexOptions());
      if (!r.negative.empty())
        done[i].negative = std::make_unique<RE2>(ForEngine(r, r.negative), RegexOptions());
    }
    filter_ok[lang] = RuleSet::Impl::CompileFilter(ls);
  };
  {
    std::exception_ptr failed;
    std::thread other([&] {
      try {
        compile_lang(static_cast<size_t>(normalize::Lang::kEn));
      } catch (...) {
        failed = std::current_exception();
      }
    });
    compile_lang(static_cast<size_t>(normalize::Lang::kDe));
    compile_lang(static_cast<size_t>(normalize::Lang::kUnknown));
    other.join();
    if (failed) std::rethrow_exception(failed);
  }
  for (size_t i = 0; i < rules_.size(); ++i) {
    Rule& r = rules_[i];
    const Source& src = rule_sources_[sites_[i][0].source];
    const std::string* texts[3] = {&r.expanded_pattern, &r.context, &r.negative};
    std::unique_ptr<RE2> compiled[3];
    compiled[1] = std::move(done[i].context);
    compiled[2] = std::move(done[i].negative);
    const RE2* main = done[i].main;
    bool ok = true;
    for (int k = 0; k < 3; ++k) {
      if (texts[k]->empty() || (k == 0 && main)) continue;
      // The filter refused the pattern: compile it alone for the error and its position,
      // as written (not in the engine's spelling), so the error quotes the rule's text.
      if (k == 0 || !compiled[k]->ok())
        compiled[k] = std::make_unique<RE2>(WithFlags(r, *texts[k]), RegexOptions());
      if (!compiled[k]->ok()) {
        const auto& site = sites_[i][k];
        auto [l, c] = Locate(src, site.line, site.col, compiled[k]->error_arg());
        diags_.Error(src.path, l, c, "R020",
                     fmt::format("invalid regex in rule '{}': {}", r.id, compiled[k]->error()),
                     kRegexHint, std::string(LineAt(src.text, OffsetOfLine(src, l))));
        ok = false;
      }
    }
    if (!ok || !main) continue;
    RuleSet::Impl::GroupIndex g;
    const auto& named = main->NamedCapturingGroups();
    for (const auto& [name, index] : named) {
      if (name == "value")
        g.value = index;
      else if (name == "unit")
        g.unit = index;
      else if (name == "period")
        g.period = index;
      else if (name == "base")
        g.base = index;
      else if (name == "subject")
        g.subject = index;
      else if (name == "speaker")
        g.speaker = index;
      else {
        std::string near = ClosestMatch(name, kGroups);
        auto [l, c] = Locate(src, sites_[i][0].line, sites_[i][0].col, "(?P<" + name + ">");
        diags_.Error(src.path, l, c, "R023", fmt::format("unknown group name '{}'", name),
                     near.empty() ? "groups: value, unit, period, base, subject, speaker"
                                  : fmt::format("did you mean '{}'?", near),
                     std::string(LineAt(src.text, OffsetOfLine(src, l))));
        ok = false;
      }
    }
    if (g.value < 0) {
      diags_.Error(src.path, sites_[i][0].line, sites_[i][0].col, "R022",
                   fmt::format("rule '{}' has no (?P<value>...) group", r.id),
                   "wrap the figure in (?P<value>...), e.g. (?P<value>%{AMOUNT_DE})",
                   std::string(LineAt(src.text, OffsetOfLine(src, sites_[i][0].line))));
      ok = false;
    }
    if (!ok) continue;
    impl->regex.push_back(main);
    impl->context.push_back(std::move(compiled[1]));
    impl->negative.push_back(std::move(compiled[2]));
    impl->groups.push_back(g);
    impl->rules.push_back(r);
  }
  if (diags_.HasErrors()) return nullptr;
  if (!std::all_of(filter_ok.begin(), filter_ok.end(), [](bool b) { return b; })) {
    diags_.Error(rule_sources_.empty() ? std::string("rules") : rule_sources_[0].path, 0, 0, "R020",
                 "the rules' prefilter could not be compiled (out of memory?)",
                 "split the rule files or simplify the largest patterns");
    return nullptr;
  }
  impl->patterns = expanded_patterns_;
  impl->version = fmt::format("{:016x}", hash_);
  return std::shared_ptr<const RuleSet>(new RuleSet(std::move(impl)));
}

// Each rule's regex was compiled into its language's filter (Loader::Finish); here, on the
// same thread, the filter derives its atoms and the atom set is compiled, so matching never
// compiles (and never throws).
bool RuleSet::Impl::CompileFilter(LangSet& ls) {
  if (ls.rule_of.empty()) return true;
  std::vector<std::string> atoms;
  ls.filter->Compile(&atoms);
  if (atoms.empty()) return true;
  RE2::Options o = RegexOptions(int64_t{64} << 20);
  o.set_case_sensitive(false);
  ls.atoms = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  for (const std::string& a : atoms) {
    if (ls.atoms->Add(RE2::QuoteMeta(a), nullptr) < 0) return false;
  }
  return ls.atoms->Compile();
}

std::vector<RuleMatch> RuleSet::Match(std::string_view text, normalize::Lang lang) const {
  std::vector<RuleMatch> out;
  auto set = [&](normalize::Lang l) -> const Impl::LangSet& {
    return impl_->sets[static_cast<size_t>(l)];
  };
  if (lang == normalize::Lang::kUnknown) {
    impl_->MatchSet(set(normalize::Lang::kDe), text, out);
    impl_->MatchSet(set(normalize::Lang::kEn), text, out);
  } else {
    impl_->MatchSet(set(lang), text, out);
  }
  return out;
}

void RuleSet::Impl::MatchSet(const LangSet& ls, std::string_view text,
                             std::vector<RuleMatch>& out) const {
  if (ls.rule_of.empty()) return;
  std::vector<int> hits;
  re2::StringPiece sp(text.data(), text.size());
  std::vector<int> found;
  bool all = false;
  if (ls.atoms) {
    RE2::Set::ErrorInfo info;
    if (!ls.atoms->Match(sp, &found, &info) && info.kind != RE2::Set::kNoError) all = true;
  }
  if (all) {
    // DFA out of memory on a pathological text: every rule runs.
    for (size_t i = 0; i < ls.rule_of.size(); ++i) hits.push_back(static_cast<int>(i));
  } else {
    ls.filter->AllPotentials(found, &hits);
  }
  std::sort(hits.begin(), hits.end());
  std::vector<re2::StringPiece> sub;
  for (int h : hits) {
    size_t ri = ls.rule_of[static_cast<size_t>(h)];
    const RE2& re = *regex[ri];
    if (context[ri] && !RE2::PartialMatch(sp, *context[ri])) continue;
    if (negative[ri] && RE2::PartialMatch(sp, *negative[ri])) continue;
    const auto& g = groups[ri];
    sub.assign(static_cast<size_t>(re.NumberOfCapturingGroups() + 1), re2::StringPiece());
    size_t pos = 0;
    while (pos <= text.size()) {
      if (!re.Match(sp, pos, text.size(), RE2::UNANCHORED, sub.data(),
                    static_cast<int>(sub.size())))
        break;
      auto span = [&](int idx) -> std::optional<Span> {
        if (idx < 0 || sub[static_cast<size_t>(idx)].data() == nullptr) return std::nullopt;
        size_t b = static_cast<size_t>(sub[static_cast<size_t>(idx)].data() - text.data());
        return Span{b, b + sub[static_cast<size_t>(idx)].size()};
      };
      RuleMatch m;
      m.rule = ri;
      m.whole = *span(0);
      if (auto v = span(g.value)) {
        m.value = *v;
        m.unit = span(g.unit);
        m.period = span(g.period);
        m.base = span(g.base);
        m.subject = span(g.subject);
        m.speaker = span(g.speaker);
        if (!m.value.empty()) out.push_back(m);
      }
      pos = m.whole.end > m.whole.begin ? m.whole.end : m.whole.end + 1;
    }
  }
}

PatternLibrary::PatternLibrary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PatternLibrary::~PatternLibrary() = default;
const std::map<std::string, std::string>& PatternLibrary::patterns() const {
  return impl_->expanded;
}

namespace {
bool InPatternsFolder(const fs::path& p) { return p.parent_path().filename() == "patterns"; }
}  // namespace

std::shared_ptr<const PatternLibrary> LoadPatternLibrary(const std::vector<RuleFileText>& files,
                                                         Diagnostics& diags) {
  Loader loader(diags);
  for (const auto& f : files) loader.LoadPatternText(f);
  loader.CheckPatterns();
  if (diags.HasErrors()) return nullptr;
  return std::make_shared<const PatternLibrary>(loader.TakeLibrary());
}

std::shared_ptr<const RuleSet> LoadRuleSet(const std::vector<RuleFileText>& files,
                                           const PatternLibrary& library, Diagnostics& diags) {
  Loader loader(diags);
  loader.UseLibrary(library.impl());
  for (const auto& f : files) {
    if (InPatternsFolder(f.path)) loader.LoadPatternText(f);
  }
  for (const auto& f : files) {
    if (!InPatternsFolder(f.path)) loader.LoadRuleText(f);
  }
  if (diags.HasErrors()) {
    loader.Finish();  // every problem at once, as LoadRuleSet(paths) does
    return nullptr;
  }
  return loader.Finish();
}

std::shared_ptr<const RuleSet> LoadRuleSet(const std::vector<std::string>& paths,
                                           Diagnostics& diags) {
  Loader loader(diags);
  std::vector<std::string> rule_files;
  std::set<std::string> pattern_files;
  auto is_yaml = [](const fs::path& p) {
    return p.extension() == ".yaml" || p.extension() == ".yml";
  };
  auto in_patterns = InPatternsFolder;
  auto add_library_near = [&](fs::path p) {
    // A rule file given alone still needs the pattern library: look for a `patterns`
    // folder beside it or up to three levels above.
    for (int up = 0; up < 4 && !p.empty(); ++up) {
      fs::path lib = p / "patterns";
      std::error_code ec;
      if (fs::is_directory(lib, ec)) {
        for (const auto& e : fs::directory_iterator(lib, ec)) {
          if (e.is_regular_file() && is_yaml(e.path())) pattern_files.insert(e.path().string());
        }
        return;
      }
      if (!p.has_parent_path() || p.parent_path() == p) break;
      p = p.parent_path();
    }
  };
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (!it->is_regular_file() || !is_yaml(it->path())) continue;
        // Not rule files: the speakers table and the claim-key vocabulary (their own loaders).
        if (it->path().filename() == "speakers.yaml" || it->path().filename() == "keys.yaml")
          continue;
        if (in_patterns(it->path())) {
          pattern_files.insert(it->path().string());
        } else {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      rule_files.insert(rule_files.end(), found.begin(), found.end());
      add_library_near(fs::absolute(p, ec));
    } else if (fs::is_regular_file(p, ec)) {
      if (in_patterns(p)) {
        pattern_files.insert(p);
      } else {
        rule_files.push_back(p);
        add_library_near(fs::absolute(p, ec).parent_path());
      }
    } else {
      diags.Error(p, 0, 0, "R001", CollectFilesError(p), "check the path");
    }
  }
  // The same library found twice through different spellings of a path is loaded once.
  std::set<std::string> canonical;
  for (const auto& f : pattern_files) {
    std::error_code ec;
    auto c = fs::weakly_canonical(f, ec).string();
    if (canonical.insert(c).second) loader.LoadPatternFile(f);
  }
  for (const auto& f : rule_files) loader.LoadRuleFile(f);
  if (diags.HasErrors()) {
    // Still expand patterns to report every problem at once, but return nothing.
    loader.Finish();
    return nullptr;
  }
  return loader.Finish();
}

}  // namespace claimtrack::rules
