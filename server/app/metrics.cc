#include "server/app/metrics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace speakers {
namespace {

constexpr absl::string_view kWatcherNames[] = {"grpc_watch", "grpc_delegation",
                                               "browser"};
constexpr absl::string_view kRefusalNames[] = {"stream", "browser_connection"};

}  // namespace

void Metrics::WatcherOpened(Watcher kind) {
  ++watchers_[static_cast<int>(kind)];
}
void Metrics::WatcherClosed(Watcher kind) {
  --watchers_[static_cast<int>(kind)];
}
int64_t Metrics::watchers(Watcher kind) const {
  return watchers_[static_cast<int>(kind)];
}

void Metrics::CommandDone(absl::string_view command, absl::StatusCode code) {
  absl::MutexLock lock(&mu_);
  ++commands_[{std::string(command), static_cast<int>(code)}];
}

void Metrics::Refused(Refusal what) { ++refused_[static_cast<int>(what)]; }

uint64_t Metrics::refused(Refusal what) const {
  return refused_[static_cast<int>(what)];
}

void Metrics::FanOut(absl::Duration latency) {
  const double seconds = absl::ToDoubleSeconds(latency);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  ++buckets_[bucket];
  ++fanout_count_;
  fanout_sum_nanos_ += static_cast<uint64_t>(
      std::max<int64_t>(0, absl::ToInt64Nanoseconds(latency)));
}

void Metrics::Grouped(int commands) {
  ++updates_published_;
  commands_published_ += static_cast<uint64_t>(std::max(commands, 0));
}

std::string Metrics::PrometheusText() const {
  std::string out =
      "# HELP speakers_watchers Open live streams by kind.\n"
      "# TYPE speakers_watchers gauge\n";
  for (int i = 0; i < 3; ++i) {
    absl::StrAppend(&out, "speakers_watchers{kind=\"", kWatcherNames[i], "\"} ",
                    watchers_[i].load(), "\n");
  }
  absl::StrAppend(
      &out,
      "# HELP speakers_commands_total Commands by name and result.\n"
      "# TYPE speakers_commands_total counter\n");
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [key, count] : commands_) {
      absl::StrAppend(
          &out, "speakers_commands_total{command=\"", key.first, "\",code=\"",
          absl::StatusCodeToString(static_cast<absl::StatusCode>(key.second)),
          "\"} ", count, "\n");
    }
  }
  absl::StrAppend(&out,
                  "# HELP speakers_refused_total Streams and browser "
                  "connections refused at admission, by what.\n"
                  "# TYPE speakers_refused_total counter\n");
  for (int i = 0; i < 2; ++i) {
    absl::StrAppend(&out, "speakers_refused_total{what=\"", kRefusalNames[i],
                    "\"} ", refused_[i].load(), "\n");
  }
  absl::StrAppend(
      &out,
      "# HELP speakers_updates_published_total Meeting updates published "
      "(one per group of commands committed together).\n"
      "# TYPE speakers_updates_published_total counter\n"
      "speakers_updates_published_total ",
      updates_published_.load(), "\n",
      "# HELP speakers_commands_published_total Commands those updates "
      "carried.\n"
      "# TYPE speakers_commands_published_total counter\n"
      "speakers_commands_published_total ",
      commands_published_.load(), "\n");
  absl::StrAppend(&out,
                  "# HELP speakers_fanout_seconds From an update's publication "
                  "to the end of "
                  "its write to one stream.\n"
                  "# TYPE speakers_fanout_seconds histogram\n");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load();
    absl::StrAppend(&out, "speakers_fanout_seconds_bucket{le=\"", kBuckets[i],
                    "\"} ", cumulative, "\n");
  }
  cumulative += buckets_[kBuckets.size()].load();
  absl::StrAppend(&out, "speakers_fanout_seconds_bucket{le=\"+Inf\"} ",
                  cumulative, "\n", "speakers_fanout_seconds_sum ",
                  absl::StrFormat("%.9f", fanout_sum_nanos_.load() / 1e9), "\n",
                  "speakers_fanout_seconds_count ", fanout_count_.load(), "\n");
  return out;
}

}  // namespace speakers
