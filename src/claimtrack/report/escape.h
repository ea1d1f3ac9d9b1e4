#pragma once
// Escaping for the report formats. Every text that comes from an article (sentences, titles,
// names, outlets, URLs) passes through one of these before it is written.

#include <string>
#include <string_view>

namespace claimtrack::report {

// & < > " ' as entities; also safe inside attribute values in double or single quotes.
std::string HtmlEscape(std::string_view s);

// Text for Markdown: HTML special characters as entities (a Markdown renderer would pass raw
// HTML through) and Markdown punctuation backslash-escaped (\ ` * [ ] |, '_' at word edges,
// '#' at the start), newlines become spaces. Plain text stays readable in an e-mail.
std::string MarkdownEscape(std::string_view s);

// The URL when it is an absolute http(s) URL without control characters or spaces, else ""
// (so that "javascript:" and the like never become links).
std::string SafeUrl(std::string_view url);

// A stable anchor id made of a-z, 0-9 and '-': "speaker-mark-rutte".
std::string Slug(std::string_view prefix, std::string_view s);

}  // namespace claimtrack::report
