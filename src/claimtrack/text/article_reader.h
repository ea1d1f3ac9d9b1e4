#pragma once
// Reading articles from files, folders, feeds and stdin.
//  - plain text (.txt or anything unknown)
//  - text/Markdown with a YAML front matter block (title, date, outlet, url, author, lang, id)
//  - HTML (.html/.htm, or content starting with <!doctype/<html): libgumbo, drop
//    script/style/nav/header/footer/aside, keep paragraphs, headings, blockquotes, list items;
//    title from <title>/og:title; date/author/outlet/url from <meta> (article:published_time,
//    og:*, author, date) and <link rel=canonical>
//  - JSON Lines (.jsonl): one article per line {"id","url","title","date","outlet","lang",
//    "author","text"|"html"}
// Problems with one article are diagnostics for that article only; reading goes on.
// Diagnostic codes A001..A024: docs/error-codes.md. All functions are thread-safe for
// distinct inputs (no shared mutable state).

#include <functional>
#include <string>
#include <vector>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/model/claim.h"

namespace claimtrack::text {

// Reads one file (or "-" for stdin) and calls `emit` for every article in it (several for
// JSONL). Returns false when nothing could be read (missing file: an error diagnostic).
// An empty file yields no article and a warning.
bool ReadArticles(const std::string& path, Diagnostics& diags,
                  const std::function<void(Article&&)>& emit);

// Parses in-memory content as if read from `path` (format chosen by extension/content).
void ParseArticles(std::string_view bytes, const std::string& path, Diagnostics& diags,
                   const std::function<void(Article&&)>& emit);

// Expands the command line's FILE…|DIR|- into a list of article files: folders walked
// recursively, sorted by path, keeping .txt .md .markdown .html .htm .jsonl .json files.
// Missing paths are error diagnostics.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs, Diagnostics& diags);

// Normalises a date to ISO 8601 ("2025-03-05", "2025-03-05T10:00:00Z"); "" when it cannot.
std::string NormalizeDate(std::string_view raw);

// Hex SHA-256 (used for the content hash).
std::string Sha256Hex(std::string_view data);

// Guesses "de" or "en" from function-word counts; "" when too little text.
std::string GuessLanguage(std::string_view text);

}  // namespace claimtrack::text
