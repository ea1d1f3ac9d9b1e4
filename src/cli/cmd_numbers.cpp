// `claimtrack numbers --lang de|en [FILE]`: the normalizer as a command. Each input line is
// one text; one JSON object per number expression found, in order.

#include <fstream>
#include <iostream>

#include "claimtrack/normalize/numbers.h"
#include "claimtrack/text/decode.h"
#include "commands.h"
#include "output.h"

namespace claimtrack::cli {

void RegisterNumbers(CLI::App& app, std::vector<Command>& out) {
  auto* sub = app.add_subcommand(
      "numbers", "Find and normalize number expressions, one text a line (JSONL out)");
  auto lang = std::make_shared<std::string>("de");
  auto file = std::make_shared<std::string>("-");
  sub->add_option("--lang", *lang, "Language of the text: de or en")
      ->check(CLI::IsMember({"de", "en"}))
      ->capture_default_str();
  sub->add_option("file", *file, "Input file (default: stdin)");
  out.push_back({sub, [lang, file]() -> int {
                   std::string bytes;
                   if (*file == "-") {
                     bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
                   } else {
                     std::ifstream in(*file, std::ios::binary);
                     if (!in) {
                       std::cerr << *file
                                 << ": error[A010]: cannot open file\n  hint: check the path\n";
                       return kExitFindings;
                     }
                     bytes.assign(std::istreambuf_iterator<char>(in), {});
                   }
                   Diagnostics diags;
                   text::Decoded decoded = text::DecodeBytes(bytes, *file, diags);
                   std::cerr << diags.ToString();
                   const normalize::Lang l = normalize::ParseLang(*lang);
                   std::string_view all = decoded.text;
                   size_t line_no = 0;
                   size_t pos = 0;
                   while (pos < all.size()) {
                     size_t nl = all.find('\n', pos);
                     if (nl == std::string_view::npos) nl = all.size();
                     std::string_view line = all.substr(pos, nl - pos);
                     ++line_no;
                     for (const Quantity& q : normalize::FindQuantities(line, l)) {
                       nlohmann::json j = QuantityJson(q);
                       nlohmann::json o;
                       o["line"] = line_no;
                       o["start"] = q.span.begin;
                       o["end"] = q.span.end;
                       for (auto& [k, v] : j.items()) o[k] = v;
                       std::cout << o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                                 << '\n';
                     }
                     pos = nl + 1;
                   }
                   return kExitOk;
                 }});
}

}  // namespace claimtrack::cli
