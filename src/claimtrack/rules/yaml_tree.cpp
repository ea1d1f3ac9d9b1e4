#include "claimtrack/rules/yaml_tree.h"

#include <fstream>
#include <iterator>

namespace claimtrack::rules {

namespace {

const yaml::Format& RuleFileFormat() {
  static const yaml::Format kFormat = [] {
    yaml::Format f;
    f.in_what = "rule files";
    f.max_depth = 32;
    f.code_encoding = "R008";
    f.code_empty = "R002";
    f.code_documents = "R004";
    f.code_syntax = "R003";
    f.code_anchor = "R005";
    f.code_depth = "R007";
    f.code_duplicate = "R006";
    f.empty_message = "file is empty (no YAML content)";
    f.empty_hint = "add a 'rules:' list, or delete the file";
    f.documents_hint = "put one document per file; split rules into several files instead";
    f.anchor_hint =
        "write the value out; use the pattern library (%{NAME}) to share regex parts; anchors "
        "and aliases can expand without bound";
    f.depth_hint = "rule files are shallow: a list of rules, each a map of keys";
    f.escape_hint =
        "write regexes in single quotes ('\\d+') or a block scalar (|); in double quotes YAML "
        "itself interprets backslashes";
    return f;
  }();
  return kFormat;
}

}  // namespace

std::unique_ptr<YamlNode> ParseYaml(std::string_view text, const std::string& path,
                                    Diagnostics& diags) {
  return yaml::Parse(text, path, RuleFileFormat(), diags);
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
