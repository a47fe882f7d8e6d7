#ifndef SPEAKERS_TESTS_BENCH_CHILD_PROCESS_H_
#define SPEAKERS_TESTS_BENCH_CHILD_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace speakers::bench {

// A server run as a separate process: started from an argv (no shell), its
// stdout read back through a pipe by a thread, stderr inherited. The server
// is expected to print "listening grpc=HOST:PORT" once serving. The child
// is killed if this process dies (PR_SET_PDEATHSIG), and stopped (SIGTERM,
// then SIGKILL) when the object is destroyed.
class ChildProcess {
 public:
  // Forks and execs argv[0]. INTERNAL when the pipe or fork fails; a bad
  // path shows up as the child exiting with 127 before it listens.
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv);
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits up to `timeout` for the listening line and returns its HOST:PORT.
  // DEADLINE_EXCEEDED, or UNAVAILABLE with the output if the child exited.
  absl::StatusOr<std::string> WaitListening(absl::Duration timeout);

  pid_t pid() const { return pid_; }

  // SIGTERM, up to 10 s to exit, then SIGKILL. Returns the wait status.
  // Idempotent.
  int Stop();

  // Everything the child printed on stdout so far.
  std::string output() const;

 private:
  ChildProcess(pid_t pid, int out_fd);
  void ReadLoop();

  const pid_t pid_;
  const int out_fd_;
  bool stopped_ = false;
  int wait_status_ = 0;
  std::thread reader_;
  mutable absl::Mutex mu_;
  std::string output_ ABSL_GUARDED_BY(mu_);
  std::string address_ ABSL_GUARDED_BY(mu_);
  bool eof_ ABSL_GUARDED_BY(mu_) = false;
};

// The resident set size of `pid` in KiB (VmRSS in /proc/PID/status), or -1.
long RssKiB(pid_t pid);

// Raises RLIMIT_NOFILE to its hard limit; returns the resulting soft limit.
long RaiseFileLimit();

// A fresh directory under $TMPDIR (or /tmp); removed with RemoveTree.
absl::StatusOr<std::string> MakeTempDir(const std::string& prefix);
void RemoveTree(const std::string& path);

}  // namespace speakers::bench

#endif  // SPEAKERS_TESTS_BENCH_CHILD_PROCESS_H_
