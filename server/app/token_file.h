#ifndef SPEAKERS_SERVER_APP_TOKEN_FILE_H_
#define SPEAKERS_SERVER_APP_TOKEN_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/app/token_store.h"
#include "server/domain/session.h"

namespace speakers {

// The tokens file on disk (see TokenStore for its lines).
//
// At first start (no file at `path`) it generates a token for the
// secretariat, the display, the chair of each meeting and each delegation,
// writes their hashes to `path` and the tokens themselves to
// new-tokens.txt beside it, both mode 0600 and synced (all or nothing,
// WriteFileDurably), and never prints a token: `*report` says where they
// are. The secretariat hands them out and deletes new-tokens.txt.
//
// An existing file is read; a line that holds a token itself (written by
// an operator) is replaced by its hash, the whole file rewritten 0600, and
// `*report` says how many. UNAVAILABLE when a file cannot be written;
// INVALID_ARGUMENT for a line the store refuses.
absl::StatusOr<TokenStore> LoadOrCreateTokens(const std::string& path,
                                              const Session& session,
                                              std::string* report);

// new-tokens.txt in the directory of `tokens_path`.
std::string NewTokensPath(const std::string& tokens_path);

}  // namespace speakers

#endif  // SPEAKERS_SERVER_APP_TOKEN_FILE_H_
