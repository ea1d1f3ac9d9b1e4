#include "claimtrack/yaml/tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "claimtrack/base/utf8.h"

namespace claimtrack::yaml {

namespace {

struct Abort {};  // thrown from the handler to stop parsing after a fatal problem

// A document marker ("---" or "...") at the start of a line, alone or before a space.
bool IsDocumentMarker(std::string_view line) {
  if (!line.starts_with("---") && !line.starts_with("...")) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& path, std::string_view text, const LineIndex& index,
              const Format& format, Diagnostics& diags)
      : path_(path), text_(text), index_(index), format_(format), diags_(diags) {}

  std::unique_ptr<Node> root;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    Node n;
    n.kind = Node::Kind::kNull;
    SetMark(n, mark);
    Push(std::move(n));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Error(mark, format_.code_anchor, "YAML aliases (*name) are not allowed in " + format_.in_what,
          format_.anchor_hint);
    throw Abort{};
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckAnchor(mark, anchor);
    Node n;
    n.kind = Node::Kind::kScalar;
    n.scalar = value;
    n.quoted = tag == "!";
    SetMark(n, mark);
    Push(std::move(n));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    CheckAnchor(mark, anchor);
    Open(mark, Node::Kind::kSequence);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    CheckAnchor(mark, anchor);
    Open(mark, Node::Kind::kMap);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Node node;
    bool have_key = false;
    Node key;
    std::set<std::string> keys;
  };

  size_t OffsetOf(const YAML::Mark& m) const {
    return std::min(static_cast<size_t>(std::max(m.pos, 0)), text_.size());
  }
  // Events arrive in text order, mostly on the same line as the one before: the column is
  // counted on from the previous node instead of from the line start (a long flow list on
  // one line stays linear).
  LineCol Locate(size_t off) {
    LineCol lc;
    if (off >= last_off_ && index_.LineStart(last_.line) <= off &&
        off < index_.LineStart(last_.line + 1)) {
      lc.line = last_.line;
      lc.col =
          last_.col + static_cast<int>(CountCodePoints(text_.substr(last_off_, off - last_off_)));
    } else {
      lc = index_.Locate(off);
    }
    last_off_ = off;
    last_ = lc;
    return lc;
  }
  void SetMark(Node& n, const YAML::Mark& m) {
    n.offset = OffsetOf(m);
    LineCol lc = Locate(n.offset);
    n.line = lc.line + format_.first_line - 1;
    n.col = lc.col;
  }
  void Error(const YAML::Mark& m, const char* code, std::string msg, std::string hint) {
    size_t off = OffsetOf(m);
    LineCol lc = Locate(off);
    diags_.Error(path_, lc.line + format_.first_line - 1, lc.col, code, std::move(msg),
                 std::move(hint), std::string(LineAt(text_, off)));
  }
  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      Error(mark, format_.code_anchor, "YAML anchors (&name) are not allowed in " + format_.in_what,
            format_.anchor_hint);
      throw Abort{};
    }
  }
  void Open(const YAML::Mark& mark, Node::Kind kind) {
    if (static_cast<int>(stack_.size()) >= format_.max_depth) {
      Error(mark, format_.code_depth,
            "YAML nested deeper than " + std::to_string(format_.max_depth) + " levels",
            format_.depth_hint);
      throw Abort{};
    }
    Frame f;
    f.node.kind = kind;
    SetMark(f.node, mark);
    stack_.push_back(std::move(f));
  }
  void Close() {
    Node n = std::move(stack_.back().node);
    stack_.pop_back();
    Push(std::move(n));
  }
  void Push(Node n) {
    if (stack_.empty()) {
      root = std::make_unique<Node>(std::move(n));
      return;
    }
    Frame& f = stack_.back();
    if (f.node.kind == Node::Kind::kSequence) {
      f.node.items.push_back(std::move(n));
      return;
    }
    if (!f.have_key) {
      if (format_.code_duplicate && n.kind == Node::Kind::kScalar &&
          !f.keys.insert(n.scalar).second) {
        diags_.Error(path_, n.line, n.col, format_.code_duplicate,
                     "duplicate key '" + n.scalar + "'",
                     "each key may appear once in a map; yaml-cpp would silently keep one",
                     std::string(LineAt(text_, n.offset)));
      }
      f.key = std::move(n);
      f.have_key = true;
      return;
    }
    f.node.entries.push_back(Entry{std::move(f.key), std::move(n)});
    f.have_key = false;
  }

  const std::string& path_;
  std::string_view text_;
  const LineIndex& index_;
  const Format& format_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  size_t last_off_ = 0;
  LineCol last_;
};

}  // namespace

const Node* Node::Get(std::string_view key) const {
  for (const auto& e : entries) {
    if (e.key.scalar == key) return &e.value;
  }
  return nullptr;
}

std::string_view Node::KindName() const {
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

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t pos = text.find('\n'); pos != std::string_view::npos;
       pos = text.find('\n', pos + 1)) {
    starts_.push_back(pos + 1);
  }
}

LineCol LineIndex::Locate(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  size_t start = starts_[line - 1];
  return LineCol{static_cast<int>(line),
                 1 + static_cast<int>(CountCodePoints(text_.substr(start, offset - start)))};
}

size_t LineIndex::LineStart(int line) const {
  if (line < 1) return 0;
  if (static_cast<size_t>(line) > starts_.size()) return text_.size() + 1;
  return starts_[static_cast<size_t>(line) - 1];
}

std::unique_ptr<Node> Parse(std::string_view text, const std::string& path, const Format& format,
                            Diagnostics& diags) {
  const int shift = format.first_line - 1;
  if (format.max_bytes > 0 && text.size() > format.max_bytes) {
    diags.Error(path, 0, 0, format.code_encoding,
                "file is larger than " + std::to_string(format.max_bytes >> 20) + " MiB",
                "split it, or check that this is the right file");
    return nullptr;
  }
  if (!IsValidUtf8(text)) {
    size_t i = 0;
    while (i < text.size()) {
      size_t len = 0;
      char32_t cp = DecodeUtf8(text, i, &len);
      if (cp == 0xFFFD && len == 1) break;
      i += len;
    }
    LineCol lc = LineColOf(text, i);
    diags.Error(path, lc.line + shift, lc.col, format.code_encoding, "file is not valid UTF-8",
                "save the file as UTF-8", std::string(LineAt(text, i)));
    return nullptr;
  }
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    LineCol lc = LineColOf(text, nul);
    diags.Error(path, lc.line + shift, lc.col, format.code_encoding, "file contains a NUL byte",
                "save the file as plain UTF-8 text");
    return nullptr;
  }
  // Content (not only blank lines and comments)? A second document after content is
  // rejected here: yaml-cpp would ignore it silently, and its multi-document loading can
  // allocate without bound on some inputs.
  bool any = false;
  int line = 0;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    ++line;
    size_t first = l.find_first_not_of(" \t\r");
    bool content = first != std::string_view::npos && l[first] != '#';
    if (IsDocumentMarker(l)) {
      if (any) {
        diags.Error(
            path, line + shift, 1, format.code_documents,
            "a second YAML document ('" + std::string(l.substr(0, 3)) + "') in " + format.in_what,
            format.documents_hint, std::string(l));
        return nullptr;
      }
    } else if (content) {
      any = true;
    }
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  auto empty = [&]() -> std::unique_ptr<Node> {
    if (format.code_empty) {
      diags.Error(path, format.first_line, 1, format.code_empty, format.empty_message,
                  format.empty_hint);
      return nullptr;
    }
    auto n = std::make_unique<Node>();
    n->line = format.first_line;
    n->col = 1;
    return n;
  };
  if (!any) return empty();

  LineIndex index(text);
  TreeBuilder builder(path, text, index, format, diags);
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const Abort&) {
    return nullptr;
  } catch (const YAML::Exception& e) {
    std::string hint = format.syntax_hint;
    if (e.msg.find("unknown escape character") != std::string::npos) {
      hint = format.escape_hint;
    } else if ((e.msg.find("bad file") != std::string::npos ||
                e.msg.find("depth") != std::string::npos) &&
               !format.depth_hint.empty()) {
      hint = format.depth_hint;
    }
    int l = 0, c = 0;
    std::string source;
    if (e.mark.pos >= 0) {
      size_t off = std::min(static_cast<size_t>(e.mark.pos), text.size());
      LineCol lc = index.Locate(off);
      l = lc.line + shift;
      c = lc.col;
      source = std::string(LineAt(text, off));
    } else if (shift > 0) {
      l = shift;  // the line before the text (front matter: its opening fence)
    }
    diags.Error(path, l, c, format.code_syntax, format.syntax_prefix + e.msg, hint,
                std::move(source));
    return nullptr;
  }
  if (!builder.root) return empty();
  return std::move(builder.root);
}

}  // namespace claimtrack::yaml
