#ifndef SPEAKERS_TESTS_BENCH_SERVER_UNDER_TEST_H_
#define SPEAKERS_TESTS_BENCH_SERVER_UNDER_TEST_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/testing/server_process.h"
#include "tests/testing/tokens_file.h"

namespace speakers::bench {

using ::speakers::testing::TokensFile;

// The real speakers-server as a child process on 127.0.0.1 port 0 with a
// fresh temporary --data directory (the built-in session), and the tokens
// it wrote there. The destructor stops it (SIGTERM, then SIGKILL) and
// removes the directory.
class ServerUnderTest {
 public:
  // Starts `server_path` with `extra_args` after --grpc and --data, waits
  // up to 30 s for it to listen and reads DATA/new-tokens.txt.
  static absl::StatusOr<std::unique_ptr<ServerUnderTest>> Start(
      const std::string& server_path,
      const std::vector<std::string>& extra_args = {});
  ~ServerUnderTest();

  ServerUnderTest(const ServerUnderTest&) = delete;
  ServerUnderTest& operator=(const ServerUnderTest&) = delete;

  // Where it listens (HOST:PORT), the tokens it wrote, its process id.
  const std::string& address() const { return address_; }
  const TokensFile& tokens() const { return tokens_; }
  pid_t pid() const { return process_->pid(); }
  // Whether the child is still running (not reaped, no exit seen).
  bool running() const;
  // Its stderr so far (for a report when it died).
  std::string err() const { return process_->err(); }

 private:
  ServerUnderTest(std::string data_dir,
                  std::unique_ptr<testing::ServerProcess> process,
                  std::string address, TokensFile tokens);

  const std::string data_dir_;
  std::unique_ptr<testing::ServerProcess> process_;
  const std::string address_;
  const TokensFile tokens_;
};

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_SERVER_UNDER_TEST_H_
