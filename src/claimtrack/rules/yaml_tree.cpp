#include "claimtrack/rules/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <fstream>
#include <set>
#include <sstream>

#include "claimtrack/base/utf8.h"

namespace claimtrack::rules {

namespace {

constexpr int kMaxDepth = 32;

struct Abort {};  // thrown from the handler to stop parsing after a fatal problem

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& path, std::string_view text, Diagnostics& diags)
      : path_(path), text_(text), diags_(diags) {}

  std::unique_ptr<YamlNode> root;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    YamlNode n;
    n.kind = YamlNode::Kind::kNull;
    SetMark(n, mark);
    Push(std::move(n));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Error(mark, "R005", "YAML aliases (*name) are not allowed in rule files",
          "write the value out; anchors and aliases can expand without bound");
    throw Abort{};
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckAnchor(mark, anchor);
    YamlNode n;
    n.kind = YamlNode::Kind::kScalar;
    n.scalar = value;
    n.quoted = tag == "!";
    SetMark(n, mark);
    Push(std::move(n));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    CheckAnchor(mark, anchor);
    Open(mark, YamlNode::Kind::kSequence);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    CheckAnchor(mark, anchor);
    Open(mark, YamlNode::Kind::kMap);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    YamlNode node;
    bool have_key = false;
    YamlNode key;
    std::set<std::string> keys;
  };

  void SetMark(YamlNode& n, const YAML::Mark& m) {
    n.line = m.line + 1;
    // yaml-cpp counts columns in bytes; report code points.
    n.col = LineColOf(text_, static_cast<size_t>(m.pos)).col;
  }
  void Error(const YAML::Mark& m, const char* code, std::string msg, std::string hint) {
    LineCol lc{m.line + 1, LineColOf(text_, static_cast<size_t>(m.pos)).col};
    diags_.Error(path_, lc.line, lc.col, code, std::move(msg), std::move(hint),
                 std::string(LineAt(text_, static_cast<size_t>(m.pos))));
  }
  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != 0) {
      Error(mark, "R005", "YAML anchors (&name) are not allowed in rule files",
            "write the value out; use the pattern library (%{NAME}) to share regex parts");
      throw Abort{};
    }
  }
  void Open(const YAML::Mark& mark, YamlNode::Kind kind) {
    if (static_cast<int>(stack_.size()) >= kMaxDepth) {
      Error(mark, "R007", "YAML nested deeper than 32 levels",
            "rule files are shallow: a list of rules, each a map of keys");
      throw Abort{};
    }
    Frame f;
    f.node.kind = kind;
    SetMark(f.node, mark);
    stack_.push_back(std::move(f));
  }
  void Close() {
    YamlNode n = std::move(stack_.back().node);
    stack_.pop_back();
    Push(std::move(n));
  }
  void Push(YamlNode n) {
    if (stack_.empty()) {
      root = std::make_unique<YamlNode>(std::move(n));
      return;
    }
    Frame& f = stack_.back();
    if (f.node.kind == YamlNode::Kind::kSequence) {
      f.node.items.push_back(std::move(n));
      return;
    }
    if (!f.have_key) {
      if (n.kind == YamlNode::Kind::kScalar) {
        if (!f.keys.insert(n.scalar).second) {
          std::string line(LineAt(text_, OffsetOf(n.line)));
          diags_.Error(path_, n.line, n.col, "R006", "duplicate key '" + n.scalar + "'",
                       "each key may appear once in a map; yaml-cpp would silently keep one", line);
        }
      }
      f.key = std::move(n);
      f.have_key = true;
      return;
    }
    f.node.entries.emplace_back(std::move(f.key), std::move(n));
    f.have_key = false;
  }
  size_t OffsetOf(int line) const {
    size_t pos = 0;
    for (int l = 1; l < line && pos < text_.size(); ++l) {
      size_t nl = text_.find('\n', pos);
      if (nl == std::string_view::npos) return text_.size();
      pos = nl + 1;
    }
    return pos;
  }

  const std::string& path_;
  std::string_view text_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
};

}  // namespace

const YamlNode* YamlNode::Get(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.scalar == key) return &v;
  }
  return nullptr;
}

std::string_view YamlNode::KindName() const {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kScalar:
      return "a scalar";
    case Kind::kSequence:
      return "a list";
    case Kind::kMap:
      return "a map";
  }
  return "?";
}

std::unique_ptr<YamlNode> ParseYaml(std::string_view text, const std::string& path,
                                    Diagnostics& diags) {
  if (!IsValidUtf8(text)) {
    size_t i = 0;
    while (i < text.size()) {
      size_t len = 0;
      char32_t cp = DecodeUtf8(text, i, &len);
      if (cp == 0xFFFD && len == 1) break;
      i += len;
    }
    LineCol lc = LineColOf(text, i);
    diags.Error(path, lc.line, lc.col, "R008", "file is not valid UTF-8", "save the file as UTF-8",
                std::string(LineAt(text, i)));
    return nullptr;
  }
  if (text.find('\0') != std::string_view::npos) {
    LineCol lc = LineColOf(text, text.find('\0'));
    diags.Error(path, lc.line, lc.col, "R008", "file contains a NUL byte",
                "save the file as plain UTF-8 text");
    return nullptr;
  }
  // Only blank lines and comments: an empty file is a mistake worth saying.
  bool any = false;
  // A second document ("---" after content) is rejected here: yaml-cpp's multi-document
  // loading can allocate without bound on some inputs.
  size_t pos = 0;
  int line = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    ++line;
    size_t first = l.find_first_not_of(" \t\r");
    bool content = first != std::string_view::npos && l[first] != '#';
    if (l.starts_with("---") || l.starts_with("...")) {
      if (any) {
        diags.Error(path, line, 1, "R004",
                    "a second YAML document ('" + std::string(l.substr(0, 3)) + "') in one file",
                    "put one document per file; split rules into several files instead",
                    std::string(l));
        return nullptr;
      }
    } else if (content) {
      any = true;
    }
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  if (!any) {
    diags.Error(path, 1, 1, "R002", "file is empty (no YAML content)",
                "add a 'rules:' list, or delete the file");
    return nullptr;
  }
  std::string copy(text);
  std::istringstream in(copy);
  TreeBuilder builder(path, text, diags);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const Abort&) {
    return nullptr;
  } catch (const YAML::Exception& e) {
    std::string msg = e.msg;
    std::string hint;
    if (msg.find("unknown escape character") != std::string::npos) {
      hint =
          "write regexes in single quotes ('\\d+') or a block scalar (|); in double quotes "
          "YAML itself interprets backslashes";
    } else if (msg.find("bad file") != std::string::npos ||
               msg.find("depth") != std::string::npos) {
      hint = "the document is nested too deeply";
    } else {
      hint = "check indentation and quoting around this position";
    }
    size_t off = e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) : 0;
    int l = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    int c = e.mark.pos >= 0 ? LineColOf(text, off).col : 0;
    diags.Error(path, l, c, "R003", "YAML syntax error: " + msg, hint,
                l > 0 ? std::string(LineAt(text, off)) : std::string());
    return nullptr;
  }
  if (!builder.root) {
    diags.Error(path, 1, 1, "R002", "file is empty (no YAML content)",
                "add a 'rules:' list, or delete the file");
    return nullptr;
  }
  return std::move(builder.root);
}

std::unique_ptr<YamlNode> ParseYamlFile(const std::string& path, Diagnostics& diags,
                                        std::string* text_out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Error(path, 0, 0, "R001", "cannot read file", "check the path and permissions");
    return nullptr;
  }
  std::string text((std::istreambuf_iterator<char>(in)), {});
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  auto root = ParseYaml(text, path, diags);
  if (text_out) *text_out = std::move(text);
  return root;
}

}  // namespace claimtrack::rules
