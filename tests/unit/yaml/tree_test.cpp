// The YAML module: one guarded tree for every YAML text (rules, keys.yaml, speakers, front
// matter). Positions are 1-based (columns in code points), every refusal is located with
// the caller's code, and a parse is linear in the size of the text.

#include "claimtrack/yaml/tree.h"

#include <catch2/catch.hpp>
#include <string>

using claimtrack::Diagnostic;
using claimtrack::Diagnostics;
using claimtrack::yaml::Format;
using claimtrack::yaml::LineIndex;
using claimtrack::yaml::Node;
using claimtrack::yaml::Parse;

namespace {

Format TestFormat() {
  Format f;
  f.in_what = "a test file";
  f.max_depth = 4;
  f.max_bytes = 1 << 20;
  f.code_encoding = "T001";
  f.code_empty = "T002";
  f.code_documents = "T003";
  f.code_syntax = "T004";
  f.code_anchor = "T005";
  f.code_depth = "T006";
  f.code_duplicate = "T007";
  return f;
}

const Diagnostic* Find(const Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items()) {
    if (x.code == code) return &x;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("yaml nodes carry 1-based lines and code-point columns", "[yaml]") {
  Diagnostics d;
  auto root = Parse("# comment\nname: 'Grüße'\nlist: [ä, b]\nmap:\n  key: \"x\"\n", "t.yaml",
                    TestFormat(), d);
  INFO(d.ToString());
  REQUIRE(root);
  REQUIRE(root->IsMap());
  REQUIRE(root->entries.size() == 3);
  CHECK(root->line == 2);
  CHECK(root->entries[0].key.scalar == "name");
  CHECK(root->entries[0].value.scalar == "Grüße");
  CHECK(root->entries[0].value.quoted);
  CHECK(root->entries[0].value.col == 7);
  const Node* list = root->Get("list");
  REQUIRE(list);
  REQUIRE(list->IsSeq());
  REQUIRE(list->items.size() == 2);
  CHECK(list->items[1].line == 3);
  CHECK(list->items[1].col == 11);  // after "ä" (two bytes, one column)
  CHECK(root->Get("map")->Get("key")->line == 5);
  CHECK(root->Get("map")->Get("key")->col == 8);
  CHECK(root->Get("missing") == nullptr);
  CHECK(list->KindName() == "a list");
}

TEST_CASE("yaml refusals are located with the caller's codes", "[yaml]") {
  const Format f = TestFormat();
  struct Case {
    std::string text, code;
    int line, col;
  };
  for (const Case& c : std::vector<Case>{
           {"a: &x 1\nb: *x\n", "T005", 1, 4},
           {"a: [[[[[1]]]]]\n", "T006", 1, 7},
           {"a: 1\n---\nb: 2\n", "T003", 2, 1},
           {"a: 1\n...\nb: 2\n", "T003", 2, 1},
           {"# only a comment\n\n", "T002", 1, 1},
           {"a: 'x\xFF'\n", "T001", 1, 6},
           {std::string("a: 1\nb: \0\n", 10), "T001", 2, 4},
           {"a: [1, 2\n", "T004", 2, 1},
           {"a: \"\\d\"\n", "T004", 1, 7},
       }) {
    Diagnostics d;
    CAPTURE(c.text);
    CHECK(Parse(c.text, "t.yaml", f, d) == nullptr);
    const Diagnostic* e = Find(d, c.code);
    INFO(d.ToString());
    REQUIRE(e);
    CHECK(e->path == "t.yaml");
    CHECK(e->line == c.line);
    CHECK(e->col == c.col);
  }
  Diagnostics dup;  // reported, and the tree still comes back: every problem at once
  auto twice = Parse("a: 1\na: 2\n", "t.yaml", f, dup);
  REQUIRE(twice);
  REQUIRE(Find(dup, "T007"));
  CHECK(Find(dup, "T007")->line == 2);
  CHECK(Find(dup, "T007")->col == 1);
  Diagnostics d;
  CHECK(Parse(std::string((1 << 20) + 1, '#'), "big.yaml", f, d) == nullptr);
  CHECK(Find(d, "T001"));
  Diagnostics d2;
  CHECK(Parse("a: \"\\d\"\n", "t.yaml", f, d2) == nullptr);
  REQUIRE(Find(d2, "T004"));
  CHECK(Find(d2, "T004")->hint == f.escape_hint);
  CHECK(Find(d2, "T004")->message.starts_with(f.syntax_prefix));
}

TEST_CASE("yaml checks a caller leaves out are not made", "[yaml]") {
  Format f = TestFormat();
  f.code_duplicate = nullptr;
  f.code_empty = nullptr;
  Diagnostics d;
  auto root = Parse("a: 1\na: 2\n", "t.yaml", f, d);
  REQUIRE(root);
  CHECK(root->entries.size() == 2);
  CHECK(d.empty());
  auto empty = Parse("# nothing\n", "t.yaml", f, d);
  REQUIRE(empty);
  CHECK(empty->IsNull());
  CHECK(d.empty());
}

TEST_CASE("yaml positions count from the caller's first line", "[yaml]") {
  Format f = TestFormat();
  f.first_line = 2;  // front matter: the block after the opening fence
  Diagnostics d;
  auto root = Parse("title: a\ndate: 2025-01-01\n", "a.md", f, d);
  REQUIRE(root);
  CHECK(root->Get("date")->line == 3);
  CHECK(Parse("title: a\nb: &x 1\n", "a.md", f, d) == nullptr);
  REQUIRE(Find(d, "T005"));
  CHECK(Find(d, "T005")->line == 3);
}

TEST_CASE("yaml positions stay right and cheap in large texts", "[yaml]") {
  // 50,000 list items (the old builder counted lines from the start for every node), and
  // a flow list of 20,000 items on one line.
  std::string text = "rules:\n";
  for (int i = 0; i < 50000; ++i) text += "  - id: r" + std::to_string(i) + "\n";
  text += "flow: [";
  for (int i = 0; i < 20000; ++i) text += "é, ";
  text += "x]\n";
  Diagnostics d;
  auto root = Parse(text, "big.yaml", TestFormat(), d);
  INFO(d.ToString());
  REQUIRE(root);
  const Node* rules = root->Get("rules");
  REQUIRE(rules);
  REQUIRE(rules->items.size() == 50000);
  CHECK(rules->items.back().line == 50001);
  CHECK(rules->items.back().Get("id")->col == 9);
  const Node* flow = root->Get("flow");
  REQUIRE(flow->items.size() == 20001);
  CHECK(flow->items.back().line == 50002);
  CHECK(flow->items.back().col == 8 + 3 * 20000);
}

TEST_CASE("line index locates offsets in code points", "[yaml]") {
  std::string text = "ab\nüx\n\nend";
  LineIndex index(text);
  CHECK(index.Locate(0).line == 1);
  CHECK(index.Locate(2).col == 3);
  CHECK(index.Locate(3).line == 2);
  CHECK(index.Locate(5).col == 2);  // "x" after the two-byte "ü"
  CHECK(index.Locate(7).line == 3);
  CHECK(index.Locate(8).line == 4);
  CHECK(index.Locate(100).col == 4);
  CHECK(index.LineStart(2) == 3);
  CHECK(index.LineStart(4) == 8);
}
