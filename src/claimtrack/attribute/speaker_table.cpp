// Loading and linting rules/speakers.yaml, and the lookups attribution needs.
//
// The YAML is read by the YAML module (claimtrack/yaml/tree.h), which refuses what
// YAML::Load hides (anchors and aliases, a second document, runaway nesting) with this
// file's codes, and gives every node its 1-based line and column; duplicate keys are
// checked here, per map, with S013.

#include "claimtrack/attribute/speaker_table.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "claimtrack/attribute/tokens.h"
#include "claimtrack/base/utf8.h"
#include "claimtrack/yaml/tree.h"

namespace claimtrack::attribute {

namespace {

constexpr size_t kMaxFileBytes = 16 * 1024 * 1024;

using YNode = yaml::Node;

const yaml::Format& SpeakersFormat() {
  static const yaml::Format kFormat = [] {
    yaml::Format f;
    f.in_what = "a speakers file";
    f.max_depth = 16;
    f.max_bytes = kMaxFileBytes;
    f.code_encoding = "S001";
    f.code_empty = "S003";
    f.code_documents = "S016";
    f.code_syntax = "S002";
    f.code_anchor = "S014";
    f.code_depth = "S015";
    f.code_duplicate = nullptr;  // S013, per map, in the linter
    f.empty_message = "the speakers file is empty";
    f.empty_hint = "expected a mapping with a 'speakers:' list";
    f.documents_hint = "a speakers file is one document; merge the lists";
    f.anchor_hint = "write the value out; anchors and aliases are rejected for safety";
    f.depth_hint =
        "a speakers file needs at most 5 levels: speakers > entry > roles > role > titles";
    f.syntax_hint = "";
    f.escape_hint = "use single quotes for values with backslashes";
    return f;
  }();
  return kFormat;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Strict ISO calendar date "YYYY-MM-DD".
bool ValidDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  int max_d = kDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0);
  return d <= max_d;
}

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return false;
  }
  return id.front() != '-' && id.back() != '-';
}

class Linter {
 public:
  Linter(const std::string& path, std::string_view text, Diagnostics& diags)
      : path_(path), text_(text), diags_(diags) {}

  void Error(const YNode& at, const char* code, std::string msg, std::string hint = {}) {
    LineCol lc = LineCol{at.line, at.col};
    diags_.Error(path_, lc.line, lc.col, code, std::move(msg), std::move(hint),
                 std::string(LineAt(text_, std::min(at.offset, text_.size()))));
  }
  void Warn(const YNode& at, const char* code, std::string msg, std::string hint = {}) {
    LineCol lc = LineCol{at.line, at.col};
    diags_.Warning(path_, lc.line, lc.col, code, std::move(msg), std::move(hint),
                   std::string(LineAt(text_, std::min(at.offset, text_.size()))));
  }

  // Checks a mapping's keys: duplicates (S013) and unknown keys with did-you-mean (S004).
  // Returns key -> value for the known keys (first occurrence).
  std::map<std::string, const YNode*> Keys(const YNode& map, const std::vector<std::string>& known,
                                           const char* where) {
    std::map<std::string, const YNode*> out;
    for (const auto& [k, v] : map.entries) {
      if (k.kind != YNode::Kind::kScalar) {
        Error(k, "S006", std::string("a key in ") + where + " must be a plain word");
        continue;
      }
      if (out.count(k.scalar) || false) {
        Error(k, "S013", "duplicate key '" + k.scalar + "' in " + where,
              "YAML would silently keep only one of them; remove or merge the duplicate");
        continue;
      }
      if (std::find(known.begin(), known.end(), k.scalar) == known.end()) {
        std::string close = ClosestMatch(k.scalar, known);
        std::string hint =
            close.empty() ? "known keys: " + Join(known) : "did you mean '" + close + "'?";
        Error(k, "S004", "unknown key '" + k.scalar + "' in " + where, hint);
        continue;
      }
      out[k.scalar] = &v;
    }
    return out;
  }

  bool Scalar(const YNode& n, const std::string& key, std::string* out) {
    if (n.kind != YNode::Kind::kScalar) {
      Error(n, "S006", "'" + key + "' must be a single value (a string)");
      return false;
    }
    *out = n.scalar;
    return true;
  }

  // A list of strings; a single string is accepted as a one-element list.
  bool StringList(const YNode& n, const std::string& key, std::vector<std::string>* out,
                  std::vector<const YNode*>* nodes) {
    if (n.kind == YNode::Kind::kScalar) {
      out->push_back(n.scalar);
      nodes->push_back(&n);
      return true;
    }
    if (n.kind != YNode::Kind::kSequence) {
      Error(n, "S006", "'" + key + "' must be a list of strings");
      return false;
    }
    bool ok = true;
    for (const auto& item : n.items) {
      if (item.kind != YNode::Kind::kScalar) {
        Error(item, "S006", "every entry of '" + key + "' must be a string");
        ok = false;
        continue;
      }
      if (SpeakerTable::Key(item.scalar).empty()) {
        Error(item, "S018", "empty entry in '" + key + "'");
        ok = false;
        continue;
      }
      out->push_back(item.scalar);
      nodes->push_back(&item);
    }
    return ok;
  }

  static std::string Join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  }

 private:
  const std::string& path_;
  std::string_view text_;
  Diagnostics& diags_;
};

struct AliasSite {
  size_t entry;
  const YNode* node;
};

}  // namespace

bool Role::HeldOn(std::string_view date) const {
  if (date.empty()) return to.empty();
  std::string_view d = date.substr(0, std::min<size_t>(10, date.size()));
  if (!from.empty() && d < std::string_view(from)) return false;
  if (!to.empty() && d >= std::string_view(to)) return false;
  return true;
}

std::string SpeakerTable::Key(std::string_view text) {
  std::string lower = LowerFast(text);
  // Collapse whitespace (including no-break spaces) and strip surrounding punctuation.
  std::string out;
  bool space = false;
  for (size_t i = 0; i < lower.size();) {
    size_t len = 1;
    char32_t cp = DecodeUtf8(lower, i, &len);
    bool is_space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                    cp == 0x202F || cp == 0x2009;
    if (is_space) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out.append(lower, i, len);
    }
    i += len;
  }
  auto strip_edges = [](std::string& s) {
    static const std::string_view kPunct = ".,;:!?\"'()[]«»„“”‚‘’–—";
    bool changed = true;
    while (changed && !s.empty()) {
      changed = false;
      for (std::string_view p : {"„", "“", "”", "‚", "‘", "’", "«", "»", "–", "—"}) {
        if (s.size() >= p.size() && s.compare(0, p.size(), p) == 0) {
          s.erase(0, p.size());
          changed = true;
        }
        if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) {
          s.erase(s.size() - p.size());
          changed = true;
        }
      }
      if (!s.empty() && kPunct.find(s.front()) != std::string_view::npos &&
          static_cast<unsigned char>(s.front()) < 0x80) {
        s.erase(0, 1);
        changed = true;
      }
      if (!s.empty() && kPunct.find(s.back()) != std::string_view::npos &&
          static_cast<unsigned char>(s.back()) < 0x80) {
        s.pop_back();
        changed = true;
      }
      while (!s.empty() && s.front() == ' ') s.erase(0, 1), changed = true;
      while (!s.empty() && s.back() == ' ') s.pop_back(), changed = true;
    }
  };
  strip_edges(out);
  static const char* kArticles[] = {"der ", "die ", "das ", "des ", "dem ", "den ", "the "};
  for (const char* a : kArticles) {
    size_t n = std::char_traits<char>::length(a);
    if (out.size() > n && out.compare(0, n, a) == 0) {
      out.erase(0, n);
      break;
    }
  }
  return out;
}

SpeakerTable::SpeakerTable(std::vector<SpeakerEntry> entries) : entries_(std::move(entries)) {
  for (size_t i = 0; i < entries_.size(); ++i) {
    const auto& e = entries_[i];
    std::set<std::string> keys;
    keys.insert(Key(e.speaker.name));
    keys.insert(Key(e.speaker.id));
    for (const auto& a : e.aliases) keys.insert(Key(a));
    for (const auto& k : keys) {
      if (!k.empty()) alias_index_.emplace_back(k, i);
    }
    for (size_t r = 0; r < e.roles.size() && r < 1024; ++r) {
      for (const auto& t : e.roles[r].titles) {
        std::string k = Key(t);
        if (!k.empty()) title_index_.emplace_back(k, i * 1024 + r);
      }
    }
  }
  for (const auto* index : {&alias_index_, &title_index_}) {
    for (const auto& [key, v] : *index) {
      first_words_.insert(key.substr(0, key.find(' ')));
    }
  }
  std::stable_sort(alias_index_.begin(), alias_index_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::stable_sort(title_index_.begin(), title_index_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

const SpeakerEntry* SpeakerTable::FindById(std::string_view id) const {
  for (const auto& e : entries_) {
    if (e.speaker.id == id) return &e;
  }
  return nullptr;
}

const SpeakerEntry* SpeakerTable::FindKey(const std::string& key) const {
  auto it = std::lower_bound(alias_index_.begin(), alias_index_.end(), key,
                             [](const auto& a, const std::string& k) { return a.first < k; });
  if (it != alias_index_.end() && it->first == key) return &entries_[it->second];
  return nullptr;
}

namespace {
// German case endings tried when the written form is not listed: "des Pentagons",
// "dem Präsidenten", "des Kremls".
std::vector<std::string> InflectionVariants(const std::string& key) {
  std::vector<std::string> out{key};
  for (std::string_view suf : {"es", "s", "en", "n"}) {
    if (key.size() > suf.size() + 3 && key.compare(key.size() - suf.size(), suf.size(), suf) == 0) {
      out.push_back(key.substr(0, key.size() - suf.size()));
    }
  }
  return out;
}
}  // namespace

bool SpeakerTable::MayStart(std::string_view first_word) const {
  std::string w(first_word);
  if (first_words_.count(w)) return true;
  for (std::string_view suf : {"es", "s", "en", "n"}) {
    if (w.size() > suf.size() + 3 && w.compare(w.size() - suf.size(), suf.size(), suf) == 0 &&
        first_words_.count(w.substr(0, w.size() - suf.size())))
      return true;
  }
  return false;
}

const SpeakerEntry* SpeakerTable::FindByAlias(std::string_view name) const {
  for (const auto& k : InflectionVariants(Key(name))) {
    if (const SpeakerEntry* e = FindKey(k)) return e;
  }
  return nullptr;
}

const SpeakerEntry* SpeakerTable::FindByRole(std::string_view title, std::string_view date) const {
  for (const auto& key : InflectionVariants(Key(title))) {
    auto lo = std::lower_bound(title_index_.begin(), title_index_.end(), key,
                               [](const auto& a, const std::string& k) { return a.first < k; });
    const SpeakerEntry* best = nullptr;
    std::string best_from;
    for (auto it = lo; it != title_index_.end() && it->first == key; ++it) {
      const SpeakerEntry& e = entries_[it->second / 1024];
      const Role& r = e.roles[it->second % 1024];
      if (!r.HeldOn(date)) continue;
      if (best == nullptr || r.from > best_from) {
        best = &e;
        best_from = r.from;
      }
    }
    if (best) return best;
  }
  return nullptr;
}

bool SpeakerTable::HasRoleWord(const SpeakerEntry& entry, std::string_view role_word,
                               std::string_view date) {
  if (role_word.empty()) return false;
  for (const auto& r : entry.roles) {
    if (!r.HeldOn(date) && !(date.empty() && r.to.empty())) continue;
    for (const auto& t : r.titles) {
      std::string k = Key(t);
      if (k.size() >= role_word.size() &&
          k.compare(k.size() - role_word.size(), role_word.size(), role_word) == 0)
        return true;
      // "secretary general of nato" / "präsident der usa": the role word may lead.
      if (k.compare(0, role_word.size(), role_word) == 0 &&
          (k.size() == role_word.size() || k[role_word.size()] == ' '))
        return true;
    }
  }
  return false;
}

std::shared_ptr<const SpeakerTable> SpeakerTable::Parse(std::string_view yaml,
                                                        const std::string& path,
                                                        Diagnostics& diags) {
  size_t errors_before = diags.ErrorCount();
  auto parsed = yaml::Parse(yaml, path, SpeakersFormat(), diags);
  if (!parsed) return nullptr;
  std::string_view text = yaml;
  Linter lint(path, text, diags);
  if (parsed->IsNull()) {
    diags.Error(path, 1, 1, "S003", "the speakers file is empty",
                "expected a mapping with a 'speakers:' list");
    return nullptr;
  }
  const YNode& root = *parsed;
  if (root.kind != YNode::Kind::kMap) {
    lint.Error(root, "S003", "the speakers file must be a mapping with a 'speakers:' list");
    return nullptr;
  }
  auto top = lint.Keys(root, {"version", "speakers"}, "the top level");
  if (top.count("version")) {
    const YNode& v = *top["version"];
    if (v.kind != YNode::Kind::kScalar || v.scalar != "1")
      lint.Error(v, "S007", "unsupported version (expected 1)");
  }
  if (!top.count("speakers")) {
    lint.Error(root, "S005", "missing key 'speakers'");
    return nullptr;
  }
  const YNode& list = *top["speakers"];
  if (list.kind == YNode::Kind::kNull)
    return std::make_shared<SpeakerTable>(std::vector<SpeakerEntry>{});
  if (list.kind != YNode::Kind::kSequence) {
    lint.Error(list, "S006", "'speakers' must be a list of speaker entries");
    return nullptr;
  }

  static const std::vector<std::string> kEntryKeys = {"id",      "name",  "kind", "gender",
                                                      "aliases", "roles", "note"};
  static const std::vector<std::string> kRoleKeys = {"title", "org", "from", "to", "note"};
  std::vector<SpeakerEntry> entries;
  std::map<std::string, const YNode*> ids;
  std::map<std::string, AliasSite> alias_owner;
  for (const YNode& item : list.items) {
    if (item.kind != YNode::Kind::kMap) {
      lint.Error(item, "S006", "each speaker must be a mapping (id, name, kind, ...)");
      continue;
    }
    auto keys = lint.Keys(item, kEntryKeys, "a speaker");
    SpeakerEntry e;
    bool ok = true;
    for (const char* req : {"id", "name", "kind"}) {
      if (!keys.count(req)) {
        lint.Error(item, "S005", std::string("speaker is missing required key '") + req + "'");
        ok = false;
      }
    }
    if (keys.count("id") && lint.Scalar(*keys["id"], "id", &e.speaker.id)) {
      if (!ValidId(e.speaker.id)) {
        lint.Error(*keys["id"], "S008", "invalid id '" + e.speaker.id + "'",
                   "use lower-case letters, digits and '-', e.g. mark-rutte");
        ok = false;
      } else if (ids.count(e.speaker.id)) {
        LineCol first = LineCol{ids[e.speaker.id]->line, ids[e.speaker.id]->col};
        lint.Error(*keys["id"], "S009", "duplicate speaker id '" + e.speaker.id + "'",
                   "first defined at line " + std::to_string(first.line));
        ok = false;
      } else {
        ids[e.speaker.id] = keys["id"];
      }
    }
    if (keys.count("name")) {
      if (lint.Scalar(*keys["name"], "name", &e.speaker.name) && Key(e.speaker.name).empty()) {
        lint.Error(*keys["name"], "S018", "empty name");
        ok = false;
      }
    }
    std::string kind;
    if (keys.count("kind") && lint.Scalar(*keys["kind"], "kind", &kind)) {
      if (kind == "person") {
        e.speaker.kind = SpeakerKind::kPerson;
      } else if (kind == "organisation") {
        e.speaker.kind = SpeakerKind::kOrganisation;
      } else {
        std::string close = ClosestMatch(kind, {"person", "organisation"});
        lint.Error(*keys["kind"], "S007", "kind must be 'person' or 'organisation'",
                   close.empty() ? "" : "did you mean '" + close + "'?");
        ok = false;
      }
    }
    std::string gender;
    if (keys.count("gender") && keys["gender"]->kind != YNode::Kind::kNull &&
        lint.Scalar(*keys["gender"], "gender", &gender)) {
      if (gender == "m") {
        e.speaker.gender = Gender::kMale;
      } else if (gender == "f") {
        e.speaker.gender = Gender::kFemale;
      } else {
        lint.Error(*keys["gender"], "S007", "gender must be 'm' or 'f' (or left out)");
        ok = false;
      }
    }
    std::vector<const YNode*> alias_nodes;
    if (keys.count("aliases") && keys["aliases"]->kind != YNode::Kind::kNull) {
      if (!lint.StringList(*keys["aliases"], "aliases", &e.aliases, &alias_nodes)) ok = false;
    }
    if (keys.count("roles") && keys["roles"]->kind != YNode::Kind::kNull) {
      const YNode& roles = *keys["roles"];
      if (roles.kind != YNode::Kind::kSequence) {
        lint.Error(roles, "S006", "'roles' must be a list of {title, org, from, to}");
        ok = false;
      } else {
        for (const YNode& rn : roles.items) {
          if (rn.kind != YNode::Kind::kMap) {
            lint.Error(rn, "S006", "each role must be a mapping {title, org, from, to}");
            ok = false;
            continue;
          }
          auto rk = lint.Keys(rn, kRoleKeys, "a role");
          Role r;
          std::vector<const YNode*> title_nodes;
          if (!rk.count("title")) {
            lint.Error(rn, "S005", "role is missing required key 'title'");
            ok = false;
          } else if (!lint.StringList(*rk["title"], "title", &r.titles, &title_nodes)) {
            ok = false;
          } else if (r.titles.empty()) {
            lint.Error(*rk["title"], "S018", "a role needs at least one title");
            ok = false;
          }
          if (rk.count("org") && rk["org"]->kind != YNode::Kind::kNull)
            lint.Scalar(*rk["org"], "org", &r.org);
          for (const char* dk : {"from", "to"}) {
            if (!rk.count(dk) || rk[dk]->kind == YNode::Kind::kNull) continue;
            std::string v;
            if (!lint.Scalar(*rk[dk], dk, &v)) {
              ok = false;
              continue;
            }
            if (!ValidDate(v)) {
              lint.Error(*rk[dk], "S011", std::string("bad date '") + v + "' in '" + dk + "'",
                         "write an ISO date YYYY-MM-DD (if unsure of the day, use the year's "
                         "first day and say so in a comment); use null for an open end");
              ok = false;
              continue;
            }
            (std::string(dk) == "from" ? r.from : r.to) = v;
          }
          if (!r.from.empty() && !r.to.empty() && r.to <= r.from) {
            lint.Error(*rk["to"], "S012",
                       "role ends (" + r.to + ") before or when it starts (" + r.from + ")");
            ok = false;
          }
          e.roles.push_back(std::move(r));
        }
      }
    }
    if (!ok) continue;
    // Aliases must point to one speaker only.
    size_t idx = entries.size();
    std::set<std::string> own;
    std::vector<std::pair<std::string, const YNode*>> names;
    names.emplace_back(Key(e.speaker.name), keys["name"]);
    for (size_t i = 0; i < e.aliases.size(); ++i)
      names.emplace_back(Key(e.aliases[i]), alias_nodes[i]);
    for (const auto& [k, node] : names) {
      if (own.count(k)) {
        if (node != keys["name"] && k != Key(e.speaker.name))
          lint.Warn(*node, "S010", "alias '" + k + "' is listed twice for '" + e.speaker.id + "'");
        continue;
      }
      own.insert(k);
      auto it = alias_owner.find(k);
      if (it != alias_owner.end()) {
        LineCol first = LineCol{it->second.node->line, it->second.node->col};
        lint.Error(
            *node, "S010",
            "alias '" + k + "' already belongs to '" + entries[it->second.entry].speaker.id + "'",
            "an alias must name one speaker; first used at line " + std::to_string(first.line));
        ok = false;
      } else {
        alias_owner[k] = AliasSite{idx, node};
      }
    }
    if (ok) entries.push_back(std::move(e));
  }
  // Two holders of the same title at overlapping times make role look-ups ambiguous.
  {
    std::map<std::string, std::vector<std::pair<size_t, const Role*>>> by_title;
    for (size_t i = 0; i < entries.size(); ++i)
      for (const auto& r : entries[i].roles)
        for (const auto& t : r.titles) by_title[Key(t)].emplace_back(i, &r);
    for (const auto& [title, holders] : by_title) {
      for (size_t a = 0; a < holders.size(); ++a) {
        for (size_t b = a + 1; b < holders.size(); ++b) {
          if (holders[a].first == holders[b].first) continue;
          const Role& x = *holders[a].second;
          const Role& y = *holders[b].second;
          bool overlap = (x.to.empty() || y.from.empty() || y.from < x.to) &&
                         (y.to.empty() || x.from.empty() || x.from < y.to);
          if (overlap) {
            LineCol lc = LineCol{ids[entries[holders[b].first].speaker.id]->line,
                                 ids[entries[holders[b].first].speaker.id]->col};
            diags.Warning(path, lc.line, lc.col, "S017",
                          "role title '" + title + "' is held by '" +
                              entries[holders[a].first].speaker.id + "' and '" +
                              entries[holders[b].first].speaker.id + "' at the same time",
                          "make the title more specific or fix the from/to dates");
          }
        }
      }
    }
  }
  if (diags.ErrorCount() > errors_before) return nullptr;
  return std::make_shared<SpeakerTable>(std::move(entries));
}

std::shared_ptr<const SpeakerTable> LoadSpeakerTable(const std::string& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Error(path, 0, 0, "S001", "cannot read speakers file",
                "check the path (default: rules/speakers.yaml)");
    return nullptr;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return SpeakerTable::Parse(buf.str(), path, diags);
}

std::string_view ToString(SpeakerKind kind) {
  constexpr std::string_view kNames[] = {"", "person", "organisation"};  // enum order
  return kNames[static_cast<size_t>(kind)];
}

std::string_view ToString(Gender gender) {
  constexpr std::string_view kNames[] = {"", "m", "f"};  // enum order
  return kNames[static_cast<size_t>(gender)];
}

std::vector<Speaker> ListSpeakers(const SpeakerTable& table) {
  std::vector<Speaker> out;
  for (const auto& e : table.entries()) out.push_back(e.speaker);
  return out;
}

const Speaker* FindSpeaker(const SpeakerTable& table, const std::string& name_or_alias,
                           const std::string& date) {
  if (const SpeakerEntry* e = table.FindByAlias(name_or_alias)) return &e->speaker;
  if (const SpeakerEntry* e = table.FindByRole(name_or_alias, date)) return &e->speaker;
  return nullptr;
}

}  // namespace claimtrack::attribute
