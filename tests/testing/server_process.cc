#include "tests/testing/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace speakers::testing {
namespace {

constexpr absl::string_view kListening = "listening grpc=";

}  // namespace

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::vector<std::string>& argv) {
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls until exec (gRPC threads may be running).
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int out[2];
  int err[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]);
    close(out[1]);
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(126);
    dup2(out[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the copy
    dup2(err[1], STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  return std::unique_ptr<ServerProcess>(new ServerProcess(pid, out[0], err[0]));
}

ServerProcess::ServerProcess(pid_t pid, int out_fd, int err_fd)
    : pid_(pid),
      out_fd_(out_fd),
      err_fd_(err_fd),
      started_(std::chrono::steady_clock::now()) {
  out_reader_ = std::thread([this] { ReadLoop(out_fd_, true); });
  err_reader_ = std::thread([this] { ReadLoop(err_fd_, false); });
}

ServerProcess::~ServerProcess() {
  Kill();
  JoinReaders();
  close(out_fd_);
  close(err_fd_);
}

void ServerProcess::JoinReaders() {
  if (out_reader_.joinable()) out_reader_.join();
  if (err_reader_.joinable()) err_reader_.join();
}

void ServerProcess::ReadLoop(int fd, bool is_stdout) {
  std::string line;
  char buffer[4096];
  while (true) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    const auto now = std::chrono::steady_clock::now();
    absl::MutexLock lock(&mu_);
    if (!is_stdout) {
      err_.append(buffer, static_cast<size_t>(got));
      continue;
    }
    for (ssize_t i = 0; i < got; ++i) {
      out_.push_back(buffer[i]);
      if (buffer[i] != '\n') {
        line.push_back(buffer[i]);
        continue;
      }
      if (address_.empty() && absl::StartsWith(line, kListening)) {
        address_ = std::string(
            absl::StripAsciiWhitespace(line.substr(kListening.size())));
        listening_at_ = now;
      }
      line.clear();
    }
  }
  absl::MutexLock lock(&mu_);
  ++eofs_;
}

absl::StatusOr<std::string> ServerProcess::WaitListening(
    absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !address_.empty() || eofs_ == 2;
  };
  if (!mu_.AwaitWithTimeout(absl::Condition(&ready), timeout)) {
    return absl::DeadlineExceededError(
        absl::StrCat("pid ", pid_, " printed no \"", kListening, "\" line in ",
                     absl::FormatDuration(timeout), "; stderr:\n", err_));
  }
  if (address_.empty()) {
    return absl::UnavailableError(
        absl::StrCat("pid ", pid_, " ended before listening; stdout:\n", out_,
                     "stderr:\n", err_));
  }
  return address_;
}

std::chrono::steady_clock::time_point ServerProcess::listening_at() const {
  absl::MutexLock lock(&mu_);
  return listening_at_;
}

bool ServerProcess::TryReap() {
  if (reaped_) return true;
  const pid_t done = waitpid(pid_, &wait_status_, WNOHANG);
  if (done == pid_ || (done < 0 && errno == ECHILD)) reaped_ = true;
  return reaped_;
}

int ServerProcess::Kill() {
  if (reaped_) return wait_status_;
  kill(pid_, SIGKILL);
  while (waitpid(pid_, &wait_status_, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  return wait_status_;
}

int ServerProcess::Terminate(absl::Duration timeout) {
  if (reaped_) return wait_status_;
  kill(pid_, SIGTERM);
  absl::StatusOr<int> status = WaitExit(timeout);
  if (status.ok()) return *status;
  return Kill();
}

absl::StatusOr<int> ServerProcess::WaitExit(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!TryReap()) {
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "pid ", pid_, " still runs after ", absl::FormatDuration(timeout)));
    }
    usleep(2000);
  }
  // The pipes reach EOF once the child is gone: wait for the readers so
  // that out() and err() hold everything.
  JoinReaders();
  return wait_status_;
}

std::string ServerProcess::out() const {
  absl::MutexLock lock(&mu_);
  return out_;
}

std::string ServerProcess::err() const {
  absl::MutexLock lock(&mu_);
  return err_;
}

int ListeningPort(const std::string& listening, const std::string& name) {
  const size_t at = listening.find(name + "=");
  if (at == std::string::npos) return 0;
  const size_t colon = listening.find(':', at);
  if (colon == std::string::npos) return 0;
  const size_t end = listening.find_first_not_of("0123456789", colon + 1);
  int port = 0;
  if (!absl::SimpleAtoi(listening.substr(colon + 1, end - colon - 1), &port))
    return 0;
  return port;
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status))
    return absl::StrCat("exited with ", WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return absl::StrCat("killed by signal ", WTERMSIG(status));
  return absl::StrCat("wait status ", status);
}

absl::StatusOr<std::string> MakeTempDir(const std::string& prefix,
                                        const std::string& parent) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = !parent.empty()
                              ? parent
                              : (tmp != nullptr && *tmp != '\0' ? tmp : "/tmp");
  std::string pattern = absl::StrCat(dir, "/", prefix, ".XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(
        absl::StrCat("mkdtemp ", pattern, ": ", std::strerror(errno)));
  }
  return pattern;
}

void RemoveTree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  return static_cast<bool>(out);
}

}  // namespace speakers::testing
