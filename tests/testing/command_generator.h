#ifndef SPEAKERS_TESTS_TESTING_COMMAND_GENERATOR_H_
#define SPEAKERS_TESTS_TESTING_COMMAND_GENERATOR_H_

#include <cstdint>
#include <random>
#include <string>

#include "absl/time/time.h"
#include "server/domain/command.h"
#include "server/domain/engine.h"

namespace speakers::testing {

// Random commands, valid and not, against the state of `engine` (which must
// outlive it): mostly for delegations that are on the target list, lists of
// the plenary ("1 (f)", "2", "reply"), the experts ("1") and sometimes of
// no meeting or item at all, bad texts and durations. The weights favour
// inscriptions and calls, so that lists fill and drain; every command type
// is drawn. Deterministic for a seed and a sequence of states.
class CommandGenerator {
 public:
  CommandGenerator(uint32_t seed, const Engine* engine)
      : rng_(seed), engine_(engine) {}

  // The next command, against the engine's state now.
  Command Next();

  // How far to move the clock before it: mostly up to a minute, sometimes
  // hours.
  absl::Duration ClockStep();

 private:
  int Uniform(int lo, int hi);
  bool OneIn(int n);
  const SpeakersList* List() const;
  std::string Item(bool allow_reply);
  ListTarget Target();
  std::string Code();
  // Mostly a delegation that is waiting on (or speaking to) the target list.
  std::string Present();
  // A point of order command, mostly on a point that is waiting.
  cmd::PointOfOrder PointOfOrder();
  std::string Current();
  Speaker RandomSpeaker();
  std::string Group();
  absl::Duration Duration();
  ListSettings Settings();

  std::mt19937 rng_;
  const Engine* engine_;
  std::string meeting_;
  std::string item_;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_TESTING_COMMAND_GENERATOR_H_
