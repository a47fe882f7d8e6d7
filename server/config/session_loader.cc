#include "server/config/session_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "server/config/builtin_session.h"
#include "server/config/session_converter.h"
#include "speakers/v1/session_file.pb.h"

namespace speakers {
namespace {

namespace pb = google::protobuf;

// Keeps the first syntax error the parser reports.
class FirstError : public pb::io::ErrorCollector {
 public:
  void AddError(int line, pb::io::ColumnNumber column,
                const std::string& message) override {
    if (!has_error_) {
      has_error_ = true;
      line_ = line;
      column_ = column;
      message_ = message;
    }
  }
  void AddWarning(int, pb::io::ColumnNumber, const std::string&) override {}

  bool has_error_ = false;
  int line_ = 0;
  int column_ = 0;
  std::string message_;
};

// Finds where the field named by `path` ("meetings[1].slots[0].end") was
// written. Returns {line, column}, 0-based, or {-1, -1}.
std::pair<int, int> Locate(const pb::TextFormat::ParseInfoTree& root,
                           const pb::Descriptor* descriptor,
                           absl::string_view path) {
  const pb::TextFormat::ParseInfoTree* tree = &root;
  std::pair<int, int> found{-1, -1};
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (descriptor == nullptr || tree == nullptr) break;
    int index = -1;
    absl::string_view name = part;
    if (size_t open = part.find('['); open != absl::string_view::npos) {
      name = part.substr(0, open);
      if (!absl::SimpleAtoi(part.substr(open + 1, part.size() - open - 2),
                            &index))
        break;
    }
    const pb::FieldDescriptor* field =
        descriptor->FindFieldByName(std::string(name));
    if (field == nullptr) break;
    const int lookup = field->is_repeated() ? std::max(index, 0) : -1;
    const pb::TextFormat::ParseLocation location =
        tree->GetLocation(field, lookup);
    if (location.line < 0) break;
    found = {location.line, location.column};
    if (field->type() != pb::FieldDescriptor::TYPE_MESSAGE) break;
    tree = tree->GetTreeForNested(field, lookup);
    descriptor = field->message_type();
  }
  return found;
}

}  // namespace

absl::StatusOr<Session> ParseSessionText(absl::string_view text,
                                         absl::string_view source) {
  v1::SessionFile file;
  pb::TextFormat::Parser parser;
  FirstError errors;
  pb::TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &file)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ":", errors.line_ + 1, ":", errors.column_ + 1,
                     ": ", errors.message_));
  }
  absl::StatusOr<Session> session = SessionFromProto(file);
  if (session.ok()) return session;
  auto path = session.status().GetPayload(kFieldPathPayload);
  if (!path) {
    return absl::Status(session.status().code(),
                        absl::StrCat(source, ": ", session.status().message()));
  }
  const auto [line, column] =
      Locate(tree, v1::SessionFile::descriptor(), std::string(*path));
  if (line < 0) {
    return absl::Status(session.status().code(),
                        absl::StrCat(source, ": ", session.status().message()));
  }
  return absl::Status(session.status().code(),
                      absl::StrCat(source, ":", line + 1, ":", column + 1, ": ",
                                   session.status().message()));
}

absl::StatusOr<Session> LoadSessionFile(const std::string& path) {
  std::error_code ec;
  std::ifstream in(path, std::ios::binary);
  if (!in || !std::filesystem::is_regular_file(path, ec)) {
    return absl::NotFoundError(
        absl::StrCat("cannot read the session file ", path,
                     "; check the path (--session) and its permissions"));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return absl::UnavailableError(absl::StrCat("cannot read the session file ",
                                               path, "; the read failed"));
  }
  return ParseSessionText(buffer.str(), path);
}

absl::StatusOr<Session> LoadBuiltinSession() {
  return ParseSessionText(BuiltinSessionText(), kBuiltinSessionName);
}

}  // namespace speakers
