#include "server/gateway/read_access.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "server/gateway/http_errors.h"

namespace speakers {

void ReadAccess::Check(absl::string_view meeting, absl::string_view authorization,
                       JsonCommands::Done done) {
  std::string key = absl::StrCat(meeting, "|", authorization);
  bool known = false;
  {
    absl::MutexLock lock(&mu_);
    known = allowed_.contains(key);
  }
  if (known) {
    done({200, "{}"});
    return;
  }
  commands_->Call("GetMeeting", absl::StrCat("{\"meeting\":", JsonQuote(meeting), "}"),
                  authorization,
                  [this, key = std::move(key), done = std::move(done)](JsonCommands::Result r) {
                    if (r.http_status == 200) {
                      absl::MutexLock lock(&mu_);
                      if (allowed_.size() >= kMaxRemembered) allowed_.clear();
                      allowed_.insert(key);
                      r.json = "{}";
                    }
                    done(std::move(r));
                  });
}

}  // namespace speakers
