#ifndef SPEAKERS_TESTS_CLIENT_TEST_PROTOS_H_
#define SPEAKERS_TESTS_CLIENT_TEST_PROTOS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "speakers/v1/speakers.pb.h"

namespace speakers::testing {

// 2017-11-06 at h:m:s UTC (12:00 Vienna time is 11:00 UTC).
inline absl::Time Utc(int h, int m, int s) {
  return absl::FromCivil(absl::CivilSecond(2017, 11, 6, h, m, s),
                         absl::UTCTimeZone());
}

inline google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp out;
  const int64_t seconds = absl::ToUnixSeconds(t);
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return out;
}

inline google::protobuf::Duration Dur(absl::Duration d) {
  google::protobuf::Duration out;
  absl::Duration rest;
  out.set_seconds(absl::IDivDuration(d, absl::Seconds(1), &rest));
  out.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(rest)));
  return out;
}

// A message of type T from protobuf text format (fails the test if bad).
template <typename T>
T Proto(absl::string_view text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(std::string(text),
                                                            &message))
      << text;
  return message;
}

// Succeeds when `actual` equals the message of its type written in `text`.
inline ::testing::AssertionResult EqualsProto(
    const google::protobuf::Message& actual, absl::string_view text) {
  std::unique_ptr<google::protobuf::Message> expected(actual.New());
  if (!google::protobuf::TextFormat::ParseFromString(std::string(text),
                                                     expected.get())) {
    return ::testing::AssertionFailure() << "bad text proto: " << text;
  }
  if (google::protobuf::util::MessageDifferencer::Equals(actual, *expected)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "actual:\n"
                                       << actual.DebugString() << "expected:\n"
                                       << expected->DebugString();
}

// A waiting entry.
inline v1::Entry MakeEntry(absl::string_view code, absl::string_view name,
                           absl::string_view speaker,
                           v1::Rank rank = v1::RANK_HEAD_OF_DELEGATION) {
  v1::Entry entry;
  entry.set_delegation(std::string(code));
  entry.set_delegation_name(std::string(name));
  entry.mutable_speaker()->set_name(std::string(speaker));
  entry.mutable_speaker()->set_rank(rank);
  return entry;
}

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_CLIENT_TEST_PROTOS_H_
