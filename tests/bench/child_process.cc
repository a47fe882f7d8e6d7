#include "tests/bench/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace speakers::bench {
namespace {

constexpr absl::string_view kListening = "listening grpc=";

}  // namespace

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    const std::vector<std::string>& argv) {
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls until exec (gRPC threads may be running).
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(126);
    dup2(fds[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the copy
    execv(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, fds[0]));
}

ChildProcess::ChildProcess(pid_t pid, int out_fd) : pid_(pid), out_fd_(out_fd) {
  reader_ = std::thread([this] { ReadLoop(); });
}

ChildProcess::~ChildProcess() {
  Stop();
  if (reader_.joinable()) reader_.join();
  close(out_fd_);
}

void ChildProcess::ReadLoop() {
  std::string line;
  char buffer[4096];
  while (true) {
    const ssize_t got = read(out_fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    absl::MutexLock lock(&mu_);
    for (ssize_t i = 0; i < got; ++i) {
      output_.push_back(buffer[i]);
      if (buffer[i] != '\n') {
        line.push_back(buffer[i]);
        continue;
      }
      if (address_.empty() && absl::StartsWith(line, kListening)) {
        address_ = std::string(absl::StripAsciiWhitespace(line.substr(kListening.size())));
      }
      line.clear();
    }
  }
  absl::MutexLock lock(&mu_);
  eof_ = true;
}

absl::StatusOr<std::string> ChildProcess::WaitListening(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !address_.empty() || eof_; };
  if (!mu_.AwaitWithTimeout(absl::Condition(&ready), timeout)) {
    return absl::DeadlineExceededError(absl::StrCat("pid ", pid_, " printed no \"", kListening,
                                                    "\" line in ", absl::FormatDuration(timeout)));
  }
  if (address_.empty()) {
    return absl::UnavailableError(
        absl::StrCat("pid ", pid_, " ended before listening; its output:\n", output_));
  }
  return address_;
}

int ChildProcess::Stop() {
  if (stopped_) return wait_status_;
  stopped_ = true;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 1000; ++i) {
    const pid_t done = waitpid(pid_, &wait_status_, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) return wait_status_;
    usleep(10000);
  }
  kill(pid_, SIGKILL);
  while (waitpid(pid_, &wait_status_, 0) < 0 && errno == EINTR) {
  }
  return wait_status_;
}

std::string ChildProcess::output() const {
  absl::MutexLock lock(&mu_);
  return output_;
}

long RssKiB(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "VmRSS:")) continue;
    rest = absl::StripAsciiWhitespace(rest);
    absl::ConsumeSuffix(&rest, "kB");
    long kib = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(rest), &kib)) return kib;
  }
  return -1;
}

long RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<long>(limit.rlim_cur);
}

absl::StatusOr<std::string> MakeTempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/", prefix, ".XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", pattern, ": ", std::strerror(errno)));
  }
  return pattern;
}

void RemoveTree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

}  // namespace speakers::bench
