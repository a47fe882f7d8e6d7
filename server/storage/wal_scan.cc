#include "server/storage/wal_scan.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"

namespace speakers {
namespace {

constexpr size_t kHeaderBytes = 32;
constexpr size_t kFrameHeaderBytes = 24;
constexpr uint32_t kMagic = 0x377f0682;  // | 1: big-endian checksums
constexpr uint32_t kVersion = 3007000;

uint32_t BigEndian32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) |
         (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

uint32_t LittleEndian32(const unsigned char* p) {
  return (uint32_t{p[3]} << 24) | (uint32_t{p[2]} << 16) |
         (uint32_t{p[1]} << 8) | uint32_t{p[0]};
}

// SQLite's WAL checksum (walChecksumBytes) over `n` bytes (a multiple of 8),
// continuing from `sum`.
void Checksum(bool big_endian, const unsigned char* data, size_t n,
              uint32_t sum[2]) {
  uint32_t s1 = sum[0], s2 = sum[1];
  for (size_t i = 0; i + 8 <= n; i += 8) {
    const uint32_t a =
        big_endian ? BigEndian32(data + i) : LittleEndian32(data + i);
    const uint32_t b =
        big_endian ? BigEndian32(data + i + 4) : LittleEndian32(data + i + 4);
    s1 += a + s2;
    s2 += b + s1;
  }
  sum[0] = s1;
  sum[1] = s2;
}

// Whether the frame at `frame` checks after `sum` (updated to its checksum
// when it does).
bool FrameChecks(bool big_endian, const unsigned char* frame, size_t page_size,
                 uint32_t salt1, uint32_t salt2, uint32_t sum[2]) {
  if (BigEndian32(frame) == 0) return false;  // page number
  if (BigEndian32(frame + 8) != salt1 || BigEndian32(frame + 12) != salt2)
    return false;
  uint32_t s[2] = {sum[0], sum[1]};
  Checksum(big_endian, frame, 8, s);
  Checksum(big_endian, frame + kFrameHeaderBytes, page_size, s);
  if (s[0] != BigEndian32(frame + 16) || s[1] != BigEndian32(frame + 20))
    return false;
  sum[0] = s[0];
  sum[1] = s[1];
  return true;
}

}  // namespace

absl::StatusOr<WalScan> ScanWal(const std::string& wal_path) {
  WalScan scan;
  std::ifstream in(wal_path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return scan;
    return absl::UnavailableError(
        absl::StrCat("cannot read ", wal_path, ": ", std::strerror(errno)));
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  scan.bytes = bytes.size();
  if (bytes.size() < kHeaderBytes) return scan;  // nothing written yet
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const uint32_t magic = BigEndian32(data);
  const bool big_endian = (magic & 1) != 0;
  const uint32_t page_size = BigEndian32(data + 8);
  uint32_t sum[2] = {0, 0};
  Checksum(big_endian, data, 24, sum);
  const bool header_ok =
      (magic & ~1u) == kMagic && BigEndian32(data + 4) == kVersion &&
      page_size >= 512 && page_size <= 65536 &&
      (page_size & (page_size - 1)) == 0 && sum[0] == BigEndian32(data + 24) &&
      sum[1] == BigEndian32(data + 28);
  const size_t frame_bytes = kFrameHeaderBytes + page_size;
  if (!header_ok) {
    if (bytes.size() <= kHeaderBytes) return scan;
    return absl::DataLossError(
        absl::StrCat("the write-ahead log ", wal_path,
                     " is damaged: its header does not "
                     "check, so SQLite would drop all of its ",
                     bytes.size(), " bytes of commands"));
  }
  const uint32_t salt1 = BigEndian32(data + 16);
  const uint32_t salt2 = BigEndian32(data + 20);
  const uint64_t whole = (bytes.size() - kHeaderBytes) / frame_bytes;
  uint64_t applied_bytes = kHeaderBytes;
  uint64_t frame = 0;
  uint64_t frames_since_commit = 0;
  for (; frame < whole; ++frame) {
    const unsigned char* f = data + kHeaderBytes + frame * frame_bytes;
    if (!FrameChecks(big_endian, f, page_size, salt1, salt2, sum)) break;
    ++frames_since_commit;
    if (BigEndian32(f + 4) != 0) {  // a commit frame
      scan.frames += frames_since_commit;
      frames_since_commit = 0;
      ++scan.commits;
      applied_bytes = kHeaderBytes + (frame + 1) * frame_bytes;
    }
  }
  if (frame < whole) {
    const unsigned char* bad = data + kHeaderBytes + frame * frame_bytes;
    const bool this_generation =
        BigEndian32(bad + 8) == salt1 && BigEndian32(bad + 12) == salt2;
    if (this_generation) {
      // Do later frames check against the bad frame's stored checksum, up
      // to a commit? Then they were written after it, whole: it was
      // damaged later.
      uint32_t after[2] = {BigEndian32(bad + 16), BigEndian32(bad + 20)};
      for (uint64_t next = frame + 1; next < whole; ++next) {
        const unsigned char* f = data + kHeaderBytes + next * frame_bytes;
        if (!FrameChecks(big_endian, f, page_size, salt1, salt2, after)) break;
        if (BigEndian32(f + 4) != 0) {
          return absl::DataLossError(absl::StrCat(
              "the write-ahead log ", wal_path, " is damaged at frame ",
              frame + 1, " (byte ", kHeaderBytes + frame * frame_bytes,
              "): it does not check, but committed frames follow it, which "
              "SQLite would drop with it"));
        }
      }
    }
  }
  // What follows the last commit in this generation: an unfinished
  // transaction (frames of an older generation are SQLite's leftovers).
  uint64_t end = applied_bytes;
  for (uint64_t at = applied_bytes; at + kFrameHeaderBytes <= bytes.size();
       at += frame_bytes) {
    if (BigEndian32(data + at + 8) != salt1 ||
        BigEndian32(data + at + 12) != salt2)
      break;
    end = std::min<uint64_t>(at + frame_bytes, bytes.size());
  }
  if (end == applied_bytes && applied_bytes < bytes.size() &&
      bytes.size() - applied_bytes < kFrameHeaderBytes) {
    end = bytes.size();  // a frame header cut short
  }
  scan.discarded_bytes = end - applied_bytes;
  return scan;
}

}  // namespace speakers
