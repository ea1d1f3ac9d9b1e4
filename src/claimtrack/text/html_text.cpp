// HTML to article text with libgumbo (a real HTML5 parser, so entities, broken markup and
// implied tags are handled the way browsers do). Boilerplate containers (script, style,
// nav, header, footer, aside, form, noscript, figcaption, ...) are dropped; every block
// element ends a paragraph; whitespace inside a paragraph collapses to single spaces.
// When the page has <article> elements, the one with the most text is the body.

#include "claimtrack/text/html_text.h"

#include <gumbo.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "claimtrack/base/utf8.h"

namespace claimtrack::text {

namespace {

bool IsDropped(const GumboNode* node) {
  switch (node->v.element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
      return true;
    default:
      break;
  }
  const GumboVector& attrs = node->v.element.attributes;
  if (gumbo_get_attribute(&attrs, "hidden") != nullptr) return true;
  if (const GumboAttribute* a = gumbo_get_attribute(&attrs, "aria-hidden")) {
    if (std::strcmp(a->value, "true") == 0) return true;
  }
  if (const GumboAttribute* a = gumbo_get_attribute(&attrs, "role")) {
    const char* r = a->value;
    if (!std::strcmp(r, "navigation") || !std::strcmp(r, "banner") ||
        !std::strcmp(r, "contentinfo") || !std::strcmp(r, "complementary")) {
      return true;
    }
  }
  return false;
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// Collects paragraphs: whitespace collapsed, one paragraph per block.
class TextCollector {
 public:
  void Text(const char* s, int line) {
    for (const char* p = s; *p; ++p) {
      unsigned char c = static_cast<unsigned char>(*p);
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      // U+00A0 (C2 A0) counts as a space for collapsing.
      if (c == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0) {
        space = true;
        ++p;
      }
      if (space) {
        pending_space_ = !current_.empty();
        continue;
      }
      if (pending_space_) current_ += ' ';
      pending_space_ = false;
      if (current_.empty() && first_line_ < 0) first_line_ = line;
      current_ += static_cast<char>(c);
    }
  }
  void Break() {
    pending_space_ = false;
    if (current_.empty()) return;
    if (!out_.empty()) out_ += "\n\n";
    out_ += current_;
    current_.clear();
  }
  std::string Finish() {
    Break();
    return std::move(out_);
  }
  int first_line() const { return first_line_; }

 private:
  std::string out_;
  std::string current_;
  bool pending_space_ = false;
  int first_line_ = -1;
};

void CollectText(const GumboNode* node, TextCollector& out, int depth) {
  if (depth > 400) return;  // pathological nesting: ignore the rest of the branch
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
      node->type == GUMBO_NODE_WHITESPACE) {
    out.Text(node->v.text.text, static_cast<int>(node->v.text.start_pos.line));
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  if (IsDropped(node)) return;
  bool block = IsBlock(node->v.element.tag);
  if (block) out.Break();
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    CollectText(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
  }
  if (block) out.Break();
}

// Plain text of a subtree (for <title>, <h1>, text-size comparisons), collapsed.
std::string PlainText(const GumboNode* node) {
  TextCollector c;
  CollectText(node, c, 0);
  std::string s = c.Finish();
  for (auto& ch : s) {
    if (ch == '\n') ch = ' ';
  }
  std::string collapsed;
  for (char ch : s) {
    if (ch == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += ch;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

std::string TitleText(const GumboNode* title) {
  std::string s;
  const GumboVector& children = title->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* c = static_cast<const GumboNode*>(children.data[i]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) s += c->v.text.text;
  }
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

struct Walk {
  const GumboNode* body = nullptr;
  std::vector<const GumboNode*> articles;
  const GumboNode* main = nullptr;
  const GumboNode* first_h1 = nullptr;
  std::string title, og_title, og_url, canonical, site_name, published, meta_date, author,
      time_datetime, lang;
};

const char* Attr(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool IEquals(const char* a, const char* b) {
  if (!a || !b) return false;
  for (; *a && *b; ++a, ++b) {
    char x = (*a >= 'A' && *a <= 'Z') ? static_cast<char>(*a + 32) : *a;
    char y = (*b >= 'A' && *b <= 'Z') ? static_cast<char>(*b + 32) : *b;
    if (x != y) return false;
  }
  return *a == *b;
}

void SetOnce(std::string& field, const char* value) {
  if (field.empty() && value != nullptr) field = value;
}

void Visit(const GumboNode* node, Walk& w, int depth) {
  if (depth > 400 || node->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = node->v.element.tag;
  switch (tag) {
    case GUMBO_TAG_HTML:
      SetOnce(w.lang, Attr(node, "lang"));
      break;
    case GUMBO_TAG_BODY:
      if (!w.body) w.body = node;
      break;
    case GUMBO_TAG_ARTICLE:
      if (w.articles.size() < 64) w.articles.push_back(node);
      break;
    case GUMBO_TAG_MAIN:
      if (!w.main) w.main = node;
      break;
    case GUMBO_TAG_H1:
      if (!w.first_h1) w.first_h1 = node;
      break;
    case GUMBO_TAG_TITLE:
      if (w.title.empty()) w.title = TitleText(node);
      break;
    case GUMBO_TAG_LINK: {
      const char* rel = Attr(node, "rel");
      if (IEquals(rel, "canonical")) SetOnce(w.canonical, Attr(node, "href"));
      break;
    }
    case GUMBO_TAG_TIME:
      SetOnce(w.time_datetime, Attr(node, "datetime"));
      break;
    case GUMBO_TAG_META: {
      const char* content = Attr(node, "content");
      const char* prop = Attr(node, "property");
      const char* name = Attr(node, "name");
      const char* itemprop = Attr(node, "itemprop");
      const char* key = prop ? prop : name;
      if (IEquals(key, "og:title")) SetOnce(w.og_title, content);
      if (IEquals(key, "og:url")) SetOnce(w.og_url, content);
      if (IEquals(key, "og:site_name")) SetOnce(w.site_name, content);
      if (IEquals(key, "article:published_time") || IEquals(itemprop, "datePublished")) {
        SetOnce(w.published, content);
      }
      if (IEquals(name, "date") || IEquals(name, "pubdate") || IEquals(name, "publishdate") ||
          IEquals(name, "dc.date") || IEquals(name, "dc.date.issued")) {
        SetOnce(w.meta_date, content);
      }
      if (IEquals(name, "author")) SetOnce(w.author, content);
      break;
    }
    default:
      break;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    Visit(static_cast<const GumboNode*>(children.data[i]), w, depth + 1);
  }
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

HtmlArticle ExtractHtml(std::string_view html) {
  HtmlArticle out;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we do not report HTML syntax errors; keep memory small
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
      gumbo_parse_with_options(&options, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!doc) return out;
  Walk w;
  Visit(doc->root, w, 0);

  const GumboNode* content = w.body ? w.body : doc->root;
  if (!w.articles.empty()) {
    size_t best = 0;
    for (const GumboNode* a : w.articles) {
      size_t n = PlainText(a).size();
      if (n > best) {
        best = n;
        content = a;
      }
    }
  } else if (w.main) {
    content = w.main;
  }
  TextCollector collector;
  CollectText(content, collector, 0);
  out.text = collector.Finish();
  out.first_text_line = collector.first_line() > 0 ? collector.first_line() - 1 : 0;

  out.title = Trim(!w.og_title.empty() ? w.og_title : w.title);
  if (out.title.empty() && w.first_h1) out.title = PlainText(w.first_h1);
  out.url = Trim(!w.canonical.empty() ? w.canonical : w.og_url);
  out.outlet = Trim(w.site_name);
  out.author = Trim(w.author);
  out.lang = Trim(w.lang);
  if (!w.published.empty()) {
    out.date = Trim(w.published);
  } else if (!w.meta_date.empty()) {
    out.date = Trim(w.meta_date);
  } else {
    out.date = Trim(w.time_datetime);
  }
  return out;
}

}  // namespace claimtrack::text
