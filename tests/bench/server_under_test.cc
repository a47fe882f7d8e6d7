#include "tests/bench/server_under_test.h"

#include <signal.h>

#include <utility>

namespace speakers::bench {

absl::StatusOr<std::unique_ptr<ServerUnderTest>> ServerUnderTest::Start(
    const std::string& server_path,
    const std::vector<std::string>& extra_args) {
  absl::StatusOr<std::string> dir = testing::MakeTempDir("floor_bench");
  if (!dir.ok()) return dir.status();
  std::vector<std::string> argv = {server_path, "--grpc=127.0.0.1:0",
                                   "--data=" + *dir};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  absl::StatusOr<std::unique_ptr<testing::ServerProcess>> child =
      testing::ServerProcess::Start(argv);
  if (!child.ok()) {
    testing::RemoveTree(*dir);
    return child.status();
  }
  absl::StatusOr<std::string> address =
      (*child)->WaitListening(absl::Seconds(30));
  if (!address.ok()) {
    (*child)->Kill();
    testing::RemoveTree(*dir);
    return address.status();
  }
  absl::StatusOr<TokensFile> tokens =
      TokensFile::Load(*dir + "/new-tokens.txt");
  if (!tokens.ok()) {
    (*child)->Kill();
    testing::RemoveTree(*dir);
    return tokens.status();
  }
  return std::unique_ptr<ServerUnderTest>(new ServerUnderTest(
      *dir, *std::move(child), *std::move(address), *std::move(tokens)));
}

ServerUnderTest::ServerUnderTest(
    std::string data_dir, std::unique_ptr<testing::ServerProcess> process,
    std::string address, TokensFile tokens)
    : data_dir_(std::move(data_dir)),
      process_(std::move(process)),
      address_(std::move(address)),
      tokens_(std::move(tokens)) {}

ServerUnderTest::~ServerUnderTest() {
  process_->Terminate();
  testing::RemoveTree(data_dir_);
}

bool ServerUnderTest::running() const {
  // Signal 0 checks that the process exists; a zombie still does, so the
  // state letter in /proc decides.
  if (kill(process_->pid(), 0) != 0) return false;
  const std::string stat =
      testing::ReadFile("/proc/" + std::to_string(process_->pid()) + "/stat");
  const size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() &&
         stat[paren + 2] != 'Z';
}

}  // namespace speakers::bench
