#ifndef SPEAKERS_TESTS_STORAGE_FAILING_VFS_H_
#define SPEAKERS_TESTS_STORAGE_FAILING_VFS_H_

namespace speakers::testing {

// Failpoints under SQLite: a VFS over the default one that fails a chosen
// write or sync of the write-ahead log, the way a full or failing disk
// does. Installed as the default VFS while an object lives (one at a time).
class FailingVfs {
 public:
  enum class Fault {
    kNone,
    kFirstWalWrite,  // the next write to the WAL: SQLITE_FULL
    kCommitFrame,    // the header of the next commit frame: IOERR_WRITE
    kWalSync,        // the next fsync of the WAL: SQLITE_IOERR_FSYNC
  };

  FailingVfs();
  ~FailingVfs();
  FailingVfs(const FailingVfs&) = delete;
  FailingVfs& operator=(const FailingVfs&) = delete;

  // Arms `fault` (once).
  void Arm(Fault fault);
  // WAL writes and syncs seen since the last Arm.
  int wal_writes() const;
  int wal_syncs() const;
  // Whether the armed fault has fired.
  bool fired() const;
};

}  // namespace speakers::testing

#endif  // SPEAKERS_TESTS_STORAGE_FAILING_VFS_H_
