#include "client/cli_args.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/option_table.h"

namespace speakers::cli {

absl::StatusOr<CliArgs> CliArgs::Parse(const std::vector<std::string>& words) {
  CliArgs parsed;
  bool only_args = false;
  auto add_word = [&parsed](const std::string& word) {
    if (parsed.command_.empty()) {
      parsed.command_ = word;
    } else {
      parsed.args_.push_back(word);
    }
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (only_args) {
      add_word(word);
      continue;
    }
    if (word == "--") {
      only_args = true;
      continue;
    }
    std::string name;
    std::optional<std::string> value;
    if (word == "-h") {
      name = "help";
    } else if (absl::StartsWith(word, "--")) {
      const size_t eq = word.find('=');
      name =
          word.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) value = word.substr(eq + 1);
    } else if (word.size() > 1 && word[0] == '-' &&
               !absl::ascii_isdigit(static_cast<unsigned char>(word[1]))) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown option \"", word, "\"; options are written --name=value"));
    } else {
      add_word(word);
      continue;
    }
    const OptionSpec* spec = FindOption(name);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option \"--", name, "\""));
    }
    if (!spec->takes_value && value.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("option \"--", name, "\" takes no value"));
    }
    if (spec->takes_value && !value.has_value()) {
      if (i + 1 >= words.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "option \"--", name, "\" needs a value: ", spec->usage));
      }
      value = words[++i];
    }
    if (parsed.options_.count(name) > 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("option \"--", name, "\" is given twice"));
    }
    parsed.options_[name] = value.value_or("");
    parsed.order_.push_back(name);
  }
  return parsed;
}

bool CliArgs::Has(absl::string_view name) const {
  return options_.find(name) != options_.end();
}

std::optional<std::string> CliArgs::Get(absl::string_view name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

}  // namespace speakers::cli
