#ifndef SPEAKERS_TESTS_TESTING_TEST_APP_H_
#define SPEAKERS_TESTS_TESTING_TEST_APP_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "server/app/app.h"
#include "server/app/metrics.h"
#include "server/app/token_store.h"
#include "server/domain/engine.h"
#include "server/domain/session.h"
#include "server/platform/asio_scheduler.h"
#include "server/platform/replay_clock.h"
#include "server/platform/steady_clock.h"
#include "server/storage/sqlite_command_log.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/faulty_log.h"

namespace speakers::testing {

// Tokens every test app knows ("TOKEN ROLE [SCOPE]").
inline constexpr char kTestTokens[] =
    "secretariat-token-0001 secretariat\n"
    "display-token-00000001 display\n"
    "chair-plenary-token-01 chair plenary\n"
    "chair-experts-token-01 chair experts\n"
    "delegation-aut-token-1 delegation AUT\n"
    "delegation-ken-token-1 delegation KEN\n";

// The whole durable command path in-process, as the server runs it: the
// built-in session on a fake clock (through a ReplayClock), an SQLite log
// in a fresh temporary directory, the group committer, the runners, a real
// Asio scheduler and steady clock, its own Metrics. Tests of the app layer
// and of both transports build on it.
class TestApp {
 public:
  struct Options {
    absl::Time start = absl::FromCivil(absl::CivilSecond(2017, 11, 6, 10, 0, 0),
                                       absl::UTCTimeZone());
    AppOptions app;
    std::string tokens = kTestTokens;
    // Reuse this database file (a restart); empty: a fresh one.
    std::string db_path;
    // The meeting clock to use instead of the app's own (must outlive it).
    FakeClock* clock = nullptr;
    // Run the app over a FaultyLog around the SQLite log (see faulty()).
    bool faulty = false;
  };

  // Starts it; a failure is a test failure (check ok()).
  static absl::StatusOr<std::unique_ptr<TestApp>> Start(Options options);
  static absl::StatusOr<std::unique_ptr<TestApp>> Start() {
    return Start(Options());
  }
  ~TestApp();

  App& app() { return *app_; }
  FakeClock& clock() { return *clock_; }
  Engine& engine() { return *engine_; }
  Metrics& metrics() { return metrics_; }
  const TokenStore& tokens() const { return *tokens_; }
  const MonotonicClock& monotonic() const { return steady_; }
  SqliteCommandLog& log() { return *log_; }
  // The failpoints between the app and its log (Options::faulty).
  FaultyLog& faulty() { return *faulty_; }
  const std::string& db_path() const { return db_path_; }

  // Stops everything, keeping the database file (for a restart).
  void Stop();

  // Calls `method` through the app with `token` (empty: none) and waits
  // for its reply, of type Reply, or its refusal.
  template <typename Reply>
  absl::StatusOr<Reply> Call(const std::string& method,
                             const std::string& token,
                             const google::protobuf::Message& request) {
    absl::Notification done;
    absl::StatusOr<Reply> result;
    app_->Call(method, token.empty() ? "" : "Bearer " + token, request,
               [&](App::Reply reply) {
                 if (reply.ok()) {
                   result = static_cast<const Reply&>(**reply);
                 } else {
                   result = reply.status();
                 }
                 done.Notify();
               });
    done.WaitForNotification();
    return result;
  }

 private:
  TestApp(absl::Time start, FakeClock* clock)
      : own_clock_(start),
        clock_(clock != nullptr ? clock : &own_clock_),
        replay_(clock_) {}

  FakeClock own_clock_;
  FakeClock* clock_;
  ReplayClock replay_;
  SteadyClock steady_;
  Metrics metrics_;
  std::shared_ptr<const Session> session_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<TokenStore> tokens_;
  std::string dir_;
  std::string db_path_;
  std::unique_ptr<SqliteCommandLog> log_;
  std::unique_ptr<FaultyLog> faulty_;
  std::unique_ptr<AsioScheduler> scheduler_;
  std::unique_ptr<App> app_;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_TESTING_TEST_APP_H_
