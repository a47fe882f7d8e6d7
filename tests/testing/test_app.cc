#include "tests/testing/test_app.h"

#include <stdlib.h>

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/config/session_loader.h"

namespace speakers::testing {

absl::StatusOr<std::unique_ptr<TestApp>> TestApp::Start(Options options) {
  std::unique_ptr<TestApp> t(new TestApp(options.start, options.clock));
  absl::StatusOr<Session> session = LoadBuiltinSession();
  if (!session.ok()) return session.status();
  t->session_ = std::make_shared<const Session>(*std::move(session));
  t->engine_ = std::make_unique<Engine>(t->session_, &t->replay_);
  absl::StatusOr<TokenStore> tokens =
      TokenStore::Parse(options.tokens, "test tokens", *t->session_);
  if (!tokens.ok()) return tokens.status();
  t->tokens_ = std::make_unique<TokenStore>(*std::move(tokens));
  if (options.db_path.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "speakers-app-XXXXXX")
            .string();
    if (mkdtemp(pattern.data()) == nullptr)
      return absl::UnavailableError("mkdtemp failed");
    t->dir_ = pattern;
    t->db_path_ = t->dir_ + "/speakers.db";
  } else {
    t->db_path_ = options.db_path;
  }
  absl::StatusOr<std::unique_ptr<SqliteCommandLog>> log =
      SqliteCommandLog::Open(t->db_path_);
  if (!log.ok()) return log.status();
  t->log_ = *std::move(log);
  CommandLog* app_log = t->log_.get();
  if (options.faulty) {
    t->faulty_ = std::make_unique<FaultyLog>(t->log_.get());
    app_log = t->faulty_.get();
  }
  t->scheduler_ = std::make_unique<AsioScheduler>();
  absl::StatusOr<std::unique_ptr<App>> app =
      App::Start(t->engine_.get(), &t->replay_, app_log, t->tokens_.get(),
                 t->scheduler_.get(), &t->steady_, &t->metrics_, options.app);
  if (!app.ok()) return app.status();
  t->app_ = *std::move(app);
  return t;
}

void TestApp::Stop() {
  if (app_ != nullptr) app_->Shutdown();
  app_.reset();
  if (scheduler_ != nullptr) scheduler_->Stop();
  scheduler_.reset();
  faulty_.reset();
  log_.reset();
}

TestApp::~TestApp() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

}  // namespace speakers::testing
