// Reading articles (see article_reader.h). Every file is decoded first (decode.h), so all
// formats below work on valid UTF-8 with LF line ends; line numbers in diagnostics are
// those of the file. A problem with one article skips that article only.

#include "claimtrack/text/article_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>
#include <utility>

#include "claimtrack/base/utf8.h"
#include "claimtrack/text/decode.h"
#include "claimtrack/text/html_text.h"
#include "claimtrack/text/metadata.h"
#include "claimtrack/yaml/tree.h"

namespace claimtrack::text {

namespace fs = std::filesystem;

namespace {

enum class Format { kPlain, kFrontMatter, kHtml, kJsonl, kJson };

constexpr const char* kArticleExtensions[] = {".txt", ".md",    ".markdown", ".html",
                                              ".htm", ".jsonl", ".json"};

std::string LowerAscii(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string ExtensionOf(const std::string& path) {
  return LowerAscii(fs::path(path).extension().string());
}

bool IsArticleExtension(const std::string& ext) {
  return std::find_if(std::begin(kArticleExtensions), std::end(kArticleExtensions),
                      [&](const char* e) { return ext == e; }) != std::end(kArticleExtensions);
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
    --e;
  return std::string(s.substr(b, e - b));
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

// The line `---` (trailing spaces allowed) that opens a front matter block.
bool IsFenceLine(std::string_view line, bool closing) {
  std::string t = Trim(line);
  return t == "---" || (closing && t == "...");
}

Format DetectFormat(const std::string& path, std::string_view text) {
  std::string ext = ExtensionOf(path);
  if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonl;
  if (ext == ".json") return Format::kJson;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::kHtml;
  size_t nl = text.find('\n');
  if (IsFenceLine(text.substr(0, nl), false)) return Format::kFrontMatter;
  size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\n' || text[start] == '\t'))
    ++start;
  std::string head = LowerAscii(std::string(text.substr(start, 64)));
  if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0) return Format::kHtml;
  if (path == "-" && head.rfind("{", 0) == 0) return Format::kJsonl;
  return Format::kPlain;
}

// A short first line standing alone (followed by a blank line) is the headline of a plain
// text article; "# " Markdown heading marks are dropped.
std::string FirstLineTitle(std::string_view body) {
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    size_t end = nl == std::string_view::npos ? body.size() : nl;
    std::string_view line = body.substr(pos, end - pos);
    if (!IsBlank(line)) {
      std::string title = Trim(line);
      size_t hashes = title.find_first_not_of('#');
      if (hashes != std::string::npos && hashes > 0 && title[hashes] == ' ') {
        title = Trim(title.substr(hashes));
      }
      if (title.size() > 200) return "";
      char last = title.empty() ? '.' : title.back();
      if (last == '.' || last == ':' || last == ',') return "";
      if (nl == std::string_view::npos) return "";  // the only line is the text itself
      size_t next_end = body.find('\n', nl + 1);
      std::string_view next = body.substr(
          nl + 1, (next_end == std::string_view::npos ? body.size() : next_end) - nl - 1);
      return IsBlank(next) ? title : "";
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return "";
}

// The text of the 1-based line `line`, for a caret display; empty when absent or huge.
std::string SourceLineOf(std::string_view text, int line) {
  size_t pos = 0;
  for (int n = 1; n < line; ++n) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return "";
    pos = nl + 1;
  }
  size_t end = text.find('\n', pos);
  std::string_view l = text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
  return l.size() > 400 ? std::string() : std::string(l);
}

// A front matter value opened with a quote that does not close before the next key.
// YAML lets a quoted scalar run over several lines, so `title: 'abc` silently swallows the
// `date:` line below it; in front matter that is always a mistake. A quoted value folded
// onto indented continuation lines is valid and accepted. Returns the 1-based line (within
// `block`) and column of the opening quote, or {0, 0}.
std::pair<int, int> UnclosedQuote(std::string_view block) {
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= block.size();) {
    size_t nl = block.find('\n', pos);
    size_t end = nl == std::string_view::npos ? block.size() : nl;
    lines.push_back(block.substr(pos, end - pos));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  // Scans `s` from `from` for the closing quote; true when found.
  auto closes = [](std::string_view s, size_t from, char q) {
    for (size_t i = from; i < s.size(); ++i) {
      if (q == '"' && s[i] == '\\') {
        ++i;
      } else if (s[i] == q) {
        if (q == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
        } else {
          return true;
        }
      }
    }
    return false;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if (l.empty() || l[0] == ' ' || l[0] == '#' || l[0] == '-') continue;
    size_t colon = l.find(": ");
    if (colon == std::string_view::npos) continue;
    size_t v = l.find_first_not_of(' ', colon + 1);
    if (v == std::string_view::npos || (l[v] != '\'' && l[v] != '"')) continue;
    char q = l[v];
    if (closes(l, v + 1, q)) continue;
    bool closed = false;
    for (size_t j = i + 1; j < lines.size() && !closed; ++j) {
      std::string_view c = lines[j];
      if (!c.empty() && c[0] != ' ' && c[0] != '\t') break;  // the next key: not continued
      closed = closes(c, 0, q);
    }
    if (!closed) {
      return {static_cast<int>(i) + 1, static_cast<int>(CountCodePoints(l.substr(0, v))) + 1};
    }
  }
  return {0, 0};
}

// Nesting depth of a front matter block: flow brackets plus block indentation. yaml-cpp
// gives up on deep nesting with only "bad file"; we say what is wrong first.
int NestingDepth(std::string_view block) {
  int depth = 0, max_depth = 0;
  size_t line_start = 0;
  for (size_t i = 0; i <= block.size(); ++i) {
    if (i == block.size() || block[i] == '\n') {
      size_t indent = 0;
      while (line_start + indent < i && block[line_start + indent] == ' ') ++indent;
      max_depth = std::max(max_depth, static_cast<int>(indent / 2));
      line_start = i + 1;
      continue;
    }
    char c = block[i];
    if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return max_depth;
}
constexpr int kMaxFrontMatterDepth = 32;

// Front matter, the least trusted YAML: the block between the fences, read by the YAML
// module (no anchors or aliases, bounded depth, one document), located in the file (the
// block starts on line 2). Any problem skips the article, as a syntax error does.
const yaml::Format& FrontMatterFormat() {
  static const yaml::Format kFormat = [] {
    yaml::Format f;
    f.in_what = "front matter";
    f.max_depth = kMaxFrontMatterDepth;
    f.first_line = 2;
    f.code_encoding = "A010";
    f.code_empty = nullptr;  // an empty block is no metadata
    f.code_documents = "A010";
    f.code_syntax = "A010";
    f.code_anchor = "A010";
    f.code_depth = "A012";
    f.code_duplicate = nullptr;  // the last value of a key is used, as before
    f.documents_hint = "front matter is one block of 'key: value' lines; article skipped";
    f.anchor_hint = "write the value out; article skipped";
    f.depth_hint =
        "front matter is flat 'key: value' lines (title, date, outlet, url, author, lang, "
        "id); article skipped";
    f.syntax_prefix = "front matter is not valid YAML: ";
    f.syntax_hint =
        "the cause may be here or on a line above (an unclosed [, { or quote); write one "
        "'key: value' per line and quote values that contain ': '; article skipped";
    f.escape_hint = "write values with backslashes in single quotes; article skipped";
    return f;
  }();
  return kFormat;
}

// Where an article's problems are reported.
struct Origin {
  std::string path;  // file path (diagnostics), not the feed-line path
  int line = 0;
  int col = 0;
};

// Raw metadata before normalisation.
struct Meta {
  std::string id, url, title, date, outlet, author, lang;
  Origin date_origin;
};

// Fills id, date, lang and hash; skips (with a warning) an article without text.
void Finish(Article&& a, const Meta& meta, Diagnostics& diags, const Origin& origin,
            const std::function<void(Article&&)>& emit) {
  if (IsBlank(a.text)) {
    diags.Warning(origin.path, origin.line, 0, "A015", "article has no text; skipped",
                  "check that the body is not empty (for HTML: not only navigation or scripts)");
    return;
  }
  a.url = Trim(meta.url);
  a.title = Trim(meta.title);
  a.outlet = Trim(meta.outlet);
  a.author = Trim(meta.author);
  std::string id = Trim(meta.id);
  a.id = !id.empty() ? id : (!a.url.empty() ? a.url : a.path);
  std::string raw_date = Trim(meta.date);
  if (!raw_date.empty()) {
    a.date = NormalizeDate(raw_date);
    if (a.date.empty()) {
      const Origin& o = meta.date_origin.path.empty() ? origin : meta.date_origin;
      diags.Warning(o.path, o.line, o.col, "A014",
                    fmt::format("date '{}' not recognised; recorded as unknown", raw_date),
                    "use ISO 8601 (2025-03-05 or 2025-03-05T10:00:00Z); also accepted: "
                    "05.03.2025, 5. März 2025, March 5, 2025, 5 March 2025, RFC 2822");
    }
  }
  a.lang = NormalizeLangTag(meta.lang);
  if (a.lang.empty()) a.lang = GuessLanguage(a.text);
  a.content_hash = Sha256Hex(a.title + "\n" + a.text);
  // Standard input has no name: without an id or url, the content names the article, so
  // two different texts piped in are two articles, not two revisions of "-".
  if (a.id == "-" || a.id.starts_with("-:")) a.id = "stdin:" + a.content_hash.substr(0, 16);
  emit(std::move(a));
}

// Removes NUL, folds CRLF/CR and applies NFC to text that is already valid UTF-8 (feed
// fields). Returns the number of NUL characters removed.
size_t CleanText(std::string& s) {
  size_t nul = 0;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\0') {
      ++nul;
    } else if (c == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += c;
    }
  }
  s = ToNfc(out);
  return nul;
}

void ParsePlain(const Decoded& dec, const std::string& path, Diagnostics& diags,
                const std::function<void(Article&&)>& emit) {
  Article a;
  a.path = path;
  a.encoding = dec.encoding;
  a.text = dec.text;
  Meta meta;
  meta.title = FirstLineTitle(a.text);
  Finish(std::move(a), meta, diags, Origin{path, 0, 0}, emit);
}

void ParseFrontMatter(const Decoded& dec, const std::string& path, Diagnostics& diags,
                      const std::function<void(Article&&)>& emit) {
  std::string_view text = dec.text;
  // Find the closing fence.
  size_t first_nl = text.find('\n');
  if (first_nl == std::string_view::npos) first_nl = text.size();
  size_t pos = first_nl + 1;
  int line_index = 1;  // 0-based index of the line starting at `pos`
  size_t close_begin = std::string_view::npos, body_begin = text.size();
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (IsFenceLine(text.substr(pos, end - pos), true)) {
      close_begin = pos;
      body_begin = nl == std::string_view::npos ? text.size() : nl + 1;
      break;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line_index;
  }
  if (close_begin == std::string_view::npos) {
    diags.Error(path, 1, 1, "A011", "front matter opened with '---' is never closed",
                "end the metadata block with a line '---' before the article text",
                SourceLineOf(text, 1));
    return;
  }
  std::string yaml_src(text.substr(std::min(first_nl + 1, close_begin),
                                   close_begin - std::min(first_nl + 1, close_begin)));
  if (int depth = NestingDepth(yaml_src); depth > kMaxFrontMatterDepth) {
    diags.Error(path, 2, 1, "A012",
                fmt::format("front matter is nested {} levels deep (at most {})", depth,
                            kMaxFrontMatterDepth),
                "front matter is flat 'key: value' lines (title, date, outlet, url, author, "
                "lang, id); article skipped");
    return;
  }
  if (auto [qline, qcol] = UnclosedQuote(yaml_src); qline > 0) {
    diags.Error(path, qline + 1, qcol, "A010",
                "front matter value opens a quote that is not closed on its line",
                "close the quote on the same line, or drop it; otherwise the next key (the "
                "date, say) becomes part of this value; article skipped",
                SourceLineOf(text, qline + 1));
    return;
  }
  auto root = yaml::Parse(yaml_src, path, FrontMatterFormat(), diags);
  if (!root) return;
  Meta meta;
  if (!root->IsNull()) {
    if (!root->IsMap()) {
      diags.Error(path, 2, 1, "A012", "front matter must be a mapping of 'key: value' lines",
                  "e.g. 'title: Ein Titel' and 'date: 2025-03-05'; article skipped",
                  SourceLineOf(text, 2));
      return;
    }
    for (const auto& [k, v] : root->entries) {
      if (!k.IsScalar()) continue;
      const std::string& key = k.scalar;
      std::string* field = nullptr;
      if (key == "id") field = &meta.id;
      if (key == "url") field = &meta.url;
      if (key == "title") field = &meta.title;
      if (key == "date") field = &meta.date;
      if (key == "outlet") field = &meta.outlet;
      if (key == "author") field = &meta.author;
      if (key == "lang") field = &meta.lang;
      if (field == nullptr) continue;  // unknown keys are ignored
      if (v.IsNull()) continue;
      if (!v.IsScalar()) {
        diags.Warning(path, v.line, v.col, "A013",
                      fmt::format("front matter key '{}' must be a single value; ignored", key),
                      "write it as 'key: value' on one line", SourceLineOf(text, v.line));
        continue;
      }
      *field = v.scalar;
      if (key == "date") meta.date_origin = Origin{path, v.line, v.col};
    }
  }
  Article a;
  a.path = path;
  a.encoding = dec.encoding;
  a.text = std::string(text.substr(body_begin));
  a.body_line_offset = static_cast<size_t>(line_index + 1);
  if (meta.title.empty()) meta.title = FirstLineTitle(a.text);
  Finish(std::move(a), meta, diags, Origin{path, line_index + 2, 0}, emit);
}

void FillFromHtml(const HtmlArticle& h, Meta& meta) {
  auto fill = [](std::string& field, const std::string& value) {
    if (Trim(field).empty()) field = value;
  };
  fill(meta.title, h.title);
  fill(meta.date, h.date);
  fill(meta.url, h.url);
  fill(meta.outlet, h.outlet);
  fill(meta.author, h.author);
  fill(meta.lang, h.lang);
}

void ParseHtml(const Decoded& dec, const std::string& path, Diagnostics& diags,
               const std::function<void(Article&&)>& emit) {
  HtmlArticle h = ExtractHtml(dec.text);
  Article a;
  a.path = path;
  a.encoding = dec.encoding;
  a.text = ToNfc(h.text);
  a.body_line_offset = static_cast<size_t>(h.first_text_line);
  Meta meta;
  FillFromHtml(h, meta);
  Finish(std::move(a), meta, diags, Origin{path, 0, 0}, emit);
}

// One feed object -> article. `where` locates diagnostics (file, line); `article_path` is
// the Article::path ("file.jsonl:N").
void ArticleFromJson(const nlohmann::json& obj, const std::string& encoding,
                     const std::string& article_path, const Origin& where, size_t line_offset,
                     Diagnostics& diags, const std::function<void(Article&&)>& emit) {
  if (!obj.is_object()) {
    diags.Error(where.path, where.line, where.col, "A021",
                fmt::format("expected a JSON object, found {}", obj.type_name()),
                "one article per line: {\"id\": ..., \"title\": ..., \"text\": ...}; skipped");
    return;
  }
  Meta meta;
  auto get = [&](const char* key, std::string* field) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (it->is_string()) {
      *field = it->get<std::string>();
    } else if (it->is_number()) {
      *field = it->dump();
    } else {
      diags.Warning(
          where.path, where.line, where.col, "A023",
          fmt::format("field \"{}\" should be a string, found {}; ignored", key, it->type_name()),
          "write the value as a JSON string");
    }
  };
  get("id", &meta.id);
  get("url", &meta.url);
  get("title", &meta.title);
  get("date", &meta.date);
  get("outlet", &meta.outlet);
  get("author", &meta.author);
  get("lang", &meta.lang);
  std::string text, html;
  get("text", &text);
  get("html", &html);
  if (text.empty() && html.empty()) {
    diags.Error(where.path, where.line, where.col, "A022",
                "article has no \"text\" or \"html\" string field; skipped",
                "give the body as \"text\" (plain) or \"html\"");
    return;
  }
  Article a;
  a.path = article_path;
  a.encoding = encoding;
  a.body_line_offset = line_offset;
  if (!text.empty()) {
    a.text = std::move(text);
  } else {
    HtmlArticle h = ExtractHtml(html);
    a.text = std::move(h.text);
    FillFromHtml(h, meta);
  }
  if (size_t nul = CleanText(a.text); nul > 0) {
    diags.Warning(where.path, where.line, where.col, "A002",
                  fmt::format("{} NUL character(s) removed from the article text", nul),
                  "the feed contains \\u0000 escapes");
  }
  Finish(std::move(a), meta, diags, where, emit);
}

// The useful part of a nlohmann parse error ("syntax error while parsing value - ..."),
// without its own line/column (ours are those of the file).
std::string JsonErrorDetail(const nlohmann::json::exception& e) {
  std::string what = e.what();
  size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

void ParseJsonl(const Decoded& dec, const std::string& path, Diagnostics& diags,
                const std::function<void(Article&&)>& emit, int lines_before = 0) {
  std::string_view text = dec.text;
  size_t pos = 0;
  int line_no = lines_before;
  while (pos < text.size()) {
    ++line_no;
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (IsBlank(line)) continue;
    nlohmann::json obj;
    try {
      obj = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      size_t byte = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, line.size());
      int col = 1 + static_cast<int>(CountCodePoints(line.substr(0, byte)));
      diags.Error(path, line_no, col, "A020",
                  fmt::format("line is not valid JSON: {}", JsonErrorDetail(e)),
                  "each line must be one complete JSON object; this line is skipped",
                  line.size() > 400 ? std::string() : std::string(line));
      continue;
    } catch (const nlohmann::json::exception& e) {
      // Valid syntax the parser still refuses: a number beyond double ("1e999").
      diags.Error(path, line_no, 1, "A020",
                  fmt::format("line is not usable JSON: {}", JsonErrorDetail(e)),
                  "each line must be one complete JSON object; this line is skipped",
                  line.size() > 400 ? std::string() : std::string(line));
      continue;
    }
    ArticleFromJson(obj, dec.encoding, fmt::format("{}:{}", path, line_no),
                    Origin{path, line_no, 1}, static_cast<size_t>(line_no - 1), diags, emit);
  }
}

void ParseJson(const Decoded& dec, const std::string& path, Diagnostics& diags,
               const std::function<void(Article&&)>& emit) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(dec.text);
  } catch (const nlohmann::json::parse_error& e) {
    // Not one document: JSON Lines saved as .json, if its first line is an object.
    std::string_view text = dec.text;
    size_t start = text.find_first_not_of(" \t\n");
    if (start != std::string_view::npos) {
      size_t nl = text.find('\n', start);
      std::string_view first =
          text.substr(start, (nl == std::string_view::npos ? text.size() : nl) - start);
      nlohmann::json probe;
      try {
        probe = nlohmann::json::parse(first, nullptr, false);
      } catch (const nlohmann::json::exception&) {
        probe = nlohmann::json::value_t::discarded;
      }
      if (!probe.is_discarded() && probe.is_object()) {
        ParseJsonl(dec, path, diags, emit);
        return;
      }
    }
    size_t byte = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
    LineCol lc = LineColOf(text, byte);
    diags.Error(path, lc.line, lc.col, "A020",
                fmt::format("file is not valid JSON: {}", JsonErrorDetail(e)),
                "a .json file holds one article object, an array of them, or JSON Lines",
                SourceLineOf(text, lc.line));
    return;
  } catch (const nlohmann::json::exception& e) {
    diags.Error(path, 1, 1, "A020", fmt::format("file is not usable JSON: {}", JsonErrorDetail(e)),
                "a .json file holds one article object, an array of them, or JSON Lines");
    return;
  }
  if (doc.is_object()) {
    ArticleFromJson(doc, dec.encoding, path, Origin{path, 0, 0}, 0, diags, emit);
  } else if (doc.is_array()) {
    for (size_t i = 0; i < doc.size(); ++i) {
      ArticleFromJson(doc[i], dec.encoding, fmt::format("{}#{}", path, i + 1),
                      Origin{fmt::format("{}#{}", path, i + 1), 0, 0}, 0, diags, emit);
    }
  } else {
    diags.Error(path, 1, 1, "A024",
                fmt::format("expected an article object or an array, found {}", doc.type_name()),
                "a .json file holds one article object, an array of them, or JSON Lines");
  }
}

}  // namespace

void ParseArticles(std::string_view bytes, const std::string& path, Diagnostics& diags,
                   const std::function<void(Article&&)>& emit) {
  if (bytes.empty()) {
    DecodeBytes(bytes, path, diags);  // reports the empty file (A001)
    return;
  }
  Decoded dec = DecodeBytes(bytes, path, diags);
  if (IsBlank(dec.text)) {
    diags.Warning(path, 0, 0, "A015", "file has no text; no article read",
                  "remove the file or give it some text");
    return;
  }
  switch (DetectFormat(path, dec.text)) {
    case Format::kJsonl:
      ParseJsonl(dec, path, diags, emit);
      break;
    case Format::kJson:
      ParseJson(dec, path, diags, emit);
      break;
    case Format::kHtml:
      ParseHtml(dec, path, diags, emit);
      break;
    case Format::kFrontMatter:
      ParseFrontMatter(dec, path, diags, emit);
      break;
    case Format::kPlain:
      ParsePlain(dec, path, diags, emit);
      break;
  }
}

// Large feeds and large plain-text files are read in pieces so that memory stays flat
// whatever the input size: a JSONL feed line by line (in blocks of whole lines), a plain
// text in pieces cut at paragraph breaks, each piece an article "<path>#<n>".
constexpr size_t kStreamThreshold = 16u << 20;
constexpr size_t kStreamBlock = 1u << 20;

bool StreamLargeFile(const std::string& path, std::ifstream& in, Diagnostics& diags,
                     const std::function<void(Article&&)>& emit) {
  std::string ext = ExtensionOf(path);
  const bool jsonl = ext == ".jsonl" || ext == ".ndjson";
  std::string head(256, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  in.clear();
  in.seekg(0);
  if (!jsonl && DetectFormat(path, head) != Format::kPlain) return false;
  std::string carry;
  std::string block(kStreamBlock, '\0');
  int lines_before = 0;
  int piece = 0;
  bool eof = false;
  while (!eof) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    size_t got = static_cast<size_t>(in.gcount());
    eof = got < block.size();
    carry.append(block, 0, got);
    // Cut after the last paragraph break (plain) or newline (JSONL) of what we have.
    size_t cut = carry.size();
    if (!eof) {
      size_t at = jsonl ? carry.rfind('\n') : carry.rfind("\n\n");
      if (at == std::string::npos && !jsonl) at = carry.rfind('\n');
      if (at == std::string::npos && jsonl) {
        if (carry.size() < 4 * kStreamBlock) continue;  // a very long feed line: keep reading
        at = carry.size() - 1;
      }
      if (at == std::string::npos) {
        // A plain text without line breaks: cut after the last sentence end (". "), else the
        // last space, so that no figure or UTF-8 character is split.
        at = carry.rfind(". ");
        if (at != std::string::npos) ++at;
        if (at == std::string::npos) at = carry.rfind(' ');
        if (at == std::string::npos) {
          if (carry.size() < 4 * kStreamBlock) continue;  // one huge word: keep reading
          at = carry.size() - 1;
          while (at > 0 && (static_cast<unsigned char>(carry[at]) & 0xC0) == 0x80) --at;
        }
      }
      cut = at + 1;
    }
    std::string_view chunk(carry.data(), cut);
    Decoded dec = DecodeBytes(chunk, path, diags);
    if (jsonl) {
      ParseJsonl(dec, path, diags, emit, lines_before);
    } else if (!IsBlank(dec.text)) {
      ++piece;
      ParsePlain(dec, path, diags, [&](Article&& a) {
        a.id = fmt::format("{}#{}", a.id, piece);
        a.body_line_offset += static_cast<size_t>(lines_before);
        emit(std::move(a));
      });
    }
    lines_before += static_cast<int>(std::count(chunk.begin(), chunk.end(), '\n'));
    carry.erase(0, cut);
  }
  return true;
}

bool ReadArticles(const std::string& path, Diagnostics& diags,
                  const std::function<void(Article&&)>& emit) {
  std::string bytes;
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    bytes = ss.str();
  } else {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      diags.Error(path, 0, 0, "A007", "no such file or folder",
                  "check the path; give files, folders (read recursively) or - for stdin");
      return false;
    }
    if (fs::is_directory(st)) {
      diags.Error(path, 0, 0, "A008", "is a folder, not a file",
                  "pass folders on the command line; they are expanded to their article files");
      return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      int err = errno;
      diags.Error(
          path, 0, 0, "A008",
          fmt::format("cannot open the file for reading: {}", std::generic_category().message(err)),
          "check the file's permissions");
      return false;
    }
    if (fs::file_size(path, ec) > kStreamThreshold && !ec &&
        StreamLargeFile(path, in, diags, emit)) {
      return true;
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
      diags.Error(path, 0, 0, "A008", "reading the file failed", "check the file and the disk");
      return false;
    }
  }
  ParseArticles(bytes, path, diags, emit);
  return true;
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs, Diagnostics& diags) {
  std::vector<std::string> out;
  for (const std::string& input : inputs) {
    if (input == "-") {
      out.push_back(input);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      std::string hint = "check the path; give files, folders (read recursively) or - for stdin";
      fs::path parent = fs::path(input).parent_path();
      if (parent.empty()) parent = ".";
      std::vector<std::string> siblings;
      std::error_code ec2;
      for (fs::directory_iterator it(parent, ec2), end; !ec2 && it != end; it.increment(ec2)) {
        siblings.push_back(it->path().filename().string());
        if (siblings.size() > 500) break;
      }
      std::string best = ClosestMatch(fs::path(input).filename().string(), siblings);
      if (!best.empty()) hint = fmt::format("did you mean '{}'?", (parent / best).string());
      diags.Error(input, 0, 0, "A007", "no such file or folder", hint);
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(input);  // named explicitly: read whatever its extension
      continue;
    }
    // Walk the tree ourselves: a folder or file we cannot read is an error that names it
    // (A008), and the walk goes on with its siblings.
    std::vector<std::string> found;
    size_t unreadable = 0;
    std::vector<fs::path> pending{fs::path(input)};
    while (!pending.empty()) {
      fs::path dir = pending.back();
      pending.pop_back();
      std::error_code dir_ec;
      fs::directory_iterator it(dir, dir_ec);
      if (dir_ec) {
        ++unreadable;
        diags.Error(dir.string(), 0, 0, "A008",
                    fmt::format("cannot read folder: {}", dir_ec.message()),
                    "check the folder's permissions; its articles were not read");
        continue;
      }
      for (fs::directory_iterator end; it != end; it.increment(dir_ec)) {
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;  // hidden files and folders
        std::error_code entry_ec;
        if (it->is_directory(entry_ec)) {
          pending.push_back(it->path());
        } else if (it->is_regular_file(entry_ec) && IsArticleExtension(ExtensionOf(name))) {
          found.push_back(it->path().string());
        }
      }
      if (dir_ec) {
        ++unreadable;
        diags.Error(dir.string(), 0, 0, "A008",
                    fmt::format("reading the folder failed: {}", dir_ec.message()),
                    "check the folder and the disk; some of its articles may not have been read");
      }
    }
    if (unreadable > 0) {
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
      continue;
    }
    if (found.empty()) {
      diags.Warning(input, 0, 0, "A009", "folder contains no article files",
                    "article files end in .txt .md .markdown .html .htm .jsonl or .json");
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace claimtrack::text
