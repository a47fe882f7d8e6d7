#ifndef SPEAKERS_TESTS_TESTING_SERVER_PROCESS_H_
#define SPEAKERS_TESTS_TESTING_SERVER_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace speakers::testing {

// The real speakers-server binary run as a child process: argv without a
// shell, stdout and stderr each read back through a pipe by a thread. The
// child dies with this process (PR_SET_PDEATHSIG). The destructor kills it
// (SIGKILL) if it still runs.
class ServerProcess {
 public:
  // Forks and execs argv[0]. INTERNAL when pipe or fork fails; a bad path
  // shows as the child exiting with 127.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::vector<std::string>& argv);
  ~ServerProcess();

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits up to `timeout` for "listening grpc=HOST:PORT" and returns
  // HOST:PORT. DEADLINE_EXCEEDED, or UNAVAILABLE (with the output) when the
  // child ended first.
  absl::StatusOr<std::string> WaitListening(absl::Duration timeout);

  // When the listening line was read (steady clock); valid after
  // WaitListening succeeded. started() is when fork returned.
  std::chrono::steady_clock::time_point started() const { return started_; }
  std::chrono::steady_clock::time_point listening_at() const;

  // SIGKILL now and reap. Returns the wait status. Idempotent.
  int Kill();
  // SIGTERM, then up to `timeout` to exit, then SIGKILL. Returns the wait
  // status. Idempotent.
  int Terminate(absl::Duration timeout = absl::Seconds(10));
  // Waits up to `timeout` for the child to exit by itself; the wait status,
  // or DEADLINE_EXCEEDED (the child is then left running).
  absl::StatusOr<int> WaitExit(absl::Duration timeout);

  pid_t pid() const { return pid_; }
  std::string out() const;
  std::string err() const;

 private:
  ServerProcess(pid_t pid, int out_fd, int err_fd);
  void ReadLoop(int fd, bool is_stdout);
  // Reaps the child if it has exited; true when it has.
  bool TryReap();
  void JoinReaders();

  const pid_t pid_;
  const int out_fd_;
  const int err_fd_;
  const std::chrono::steady_clock::time_point started_;
  bool reaped_ = false;
  int wait_status_ = 0;
  std::thread out_reader_;
  std::thread err_reader_;
  mutable absl::Mutex mu_;
  std::string out_ ABSL_GUARDED_BY(mu_);
  std::string err_ ABSL_GUARDED_BY(mu_);
  std::string address_ ABSL_GUARDED_BY(mu_);
  std::chrono::steady_clock::time_point listening_at_ ABSL_GUARDED_BY(mu_);
  int eofs_ ABSL_GUARDED_BY(mu_) = 0;
};

// The port of `name`=HOST:PORT in a listening line ("HOST:PORT
// http=HOST:PORT", WaitListening's answer), or 0 when it has none.
int ListeningPort(const std::string& listening, const std::string& name);

// "exited with 1", "killed by signal 9".
std::string DescribeWaitStatus(int status);

// A fresh directory under $TMPDIR (or /tmp, or `parent` when given), and
// its recursive removal.
absl::StatusOr<std::string> MakeTempDir(const std::string& prefix,
                                        const std::string& parent = "");
void RemoveTree(const std::string& path);

// Whole-file helpers. ReadFile returns "" for a missing file.
std::string ReadFile(const std::string& path);
bool WriteFile(const std::string& path, const std::string& bytes);

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_TESTING_SERVER_PROCESS_H_
