#pragma once
// Private to the text module: HTML -> article text and metadata (libgumbo inside).

#include <string>
#include <string_view>

namespace claimtrack::text {

struct HtmlArticle {
  std::string text;         // paragraphs separated by one blank line, whitespace collapsed
  std::string title;        // og:title, else <title>, else the first <h1>
  std::string date;         // raw date string as found (not normalised)
  std::string url;          // <link rel=canonical>, else og:url
  std::string outlet;       // og:site_name
  std::string author;       // <meta name=author>
  std::string lang;         // <html lang> (raw)
  int first_text_line = 0;  // 0-based source line of the first kept text (0 if unknown)
};

// Parses an HTML document (valid UTF-8). Never fails; a document without text gives an
// empty `text`.
HtmlArticle ExtractHtml(std::string_view html);

}  // namespace claimtrack::text
