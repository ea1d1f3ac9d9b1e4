// `claimtrack numbers --lang de|en [FILE]`: the normalizer as a command. Each input line is
// one text; one JSON object per number expression found, in order.

#include <filesystem>
#include <fstream>
#include <iostream>

#include "claimtrack/normalize/numbers.h"
#include "claimtrack/text/decode.h"
#include "commands.h"
#include "output.h"

namespace claimtrack::cli {

namespace {

int RunNumbers(const std::string& lang, const std::string& file) {
  std::string bytes;
  if (file == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      std::cerr << file << ": error[A007]: no such file (or not a regular file)\n"
                << "  hint: give one text file, or - for standard input\n";
      return kExitFindings;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << file << ": error[A008]: cannot open the file for reading\n"
                << "  hint: check the file's permissions\n";
      return kExitFindings;
    }
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  Diagnostics diags;
  text::Decoded decoded = text::DecodeBytes(bytes, file, diags);
  if (!bytes.empty()) std::cerr << diags.ToString();  // no input, no output: not a problem
  const normalize::Lang l = normalize::ParseLang(lang);
  std::string_view all = decoded.text;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    std::string_view line = all.substr(pos, nl - pos);
    ++line_no;
    for (const Quantity& q : normalize::FindQuantities(line, l)) {
      nlohmann::json o;
      o["line"] = line_no;
      o["start"] = q.span.begin;
      o["end"] = q.span.end;
      const nlohmann::json fields = QuantityJson(q);
      for (const auto& [k, v] : fields.items()) o[k] = v;
      std::cout << o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    pos = nl + 1;
  }
  return kExitOk;
}

}  // namespace

void RegisterNumbers(CLI::App& app, std::vector<Command>& out) {
  auto* sub = app.add_subcommand(
      "numbers", "Find and normalize number expressions, one text a line (JSONL out)");
  auto lang = std::make_shared<std::string>("de");
  auto file = std::make_shared<std::string>("-");
  sub->add_option("--lang", *lang, "Language of the text: de or en")
      ->check(CLI::IsMember({"de", "en"}))
      ->capture_default_str();
  sub->add_option("file", *file, "Input file (default: stdin)");
  out.push_back({sub, [lang, file] { return RunNumbers(*lang, *file); }});
}

}  // namespace claimtrack::cli
