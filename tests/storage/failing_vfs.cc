#include "tests/storage/failing_vfs.h"

#include <sqlite3.h>

#include <atomic>

namespace speakers::testing {
namespace {

struct State {
  sqlite3_vfs* real = nullptr;
  sqlite3_vfs vfs{};
  std::atomic<FailingVfs::Fault> fault{FailingVfs::Fault::kNone};
  std::atomic<int> writes{0};
  std::atomic<int> syncs{0};
  std::atomic<bool> fired{false};
};
State state;

struct File {
  sqlite3_file base;
  sqlite3_file* real;
  bool wal;
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }
bool IsWal(sqlite3_file* f) { return reinterpret_cast<File*>(f)->wal; }

int Close(sqlite3_file* f) {
  const int rc = Real(f)->pMethods->xClose(Real(f));
  return rc;
}
int Read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int Write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  if (IsWal(f)) {
    ++state.writes;
    const FailingVfs::Fault fault = state.fault.load();
    if (fault == FailingVfs::Fault::kFirstWalWrite && !state.fired) {
      state.fired = true;
      return SQLITE_FULL;
    }
    // A frame header (24 bytes) with a database size after it: a commit.
    const auto* b = static_cast<const unsigned char*>(buf);
    if (fault == FailingVfs::Fault::kCommitFrame && !state.fired && n == 24 &&
        (b[4] | b[5] | b[6] | b[7]) != 0) {
      state.fired = true;
      return SQLITE_IOERR_WRITE;
    }
  }
  return Real(f)->pMethods->xWrite(Real(f), buf, n, off);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (IsWal(f)) {
    ++state.syncs;
    if (state.fault.load() == FailingVfs::Fault::kWalSync && !state.fired) {
      state.fired = true;
      return SQLITE_IOERR_FSYNC;
    }
  }
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int level) {
  return Real(f)->pMethods->xLock(Real(f), level);
}
int Unlock(sqlite3_file* f, int level) {
  return Real(f)->pMethods->xUnlock(Real(f), level);
}
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) {
  return Real(f)->pMethods->xSectorSize(Real(f));
}
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int region, int size, int extend,
           void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int remove) {
  return Real(f)->pMethods->xShmUnmap(Real(f), remove);
}
int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kMethods = {3,
                                     Close,
                                     Read,
                                     Write,
                                     Truncate,
                                     Sync,
                                     FileSize,
                                     Lock,
                                     Unlock,
                                     CheckReservedLock,
                                     FileControl,
                                     SectorSize,
                                     DeviceCharacteristics,
                                     ShmMap,
                                     ShmLock,
                                     ShmBarrier,
                                     ShmUnmap,
                                     Fetch,
                                     Unfetch};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags,
         int* out_flags) {
  File* file = reinterpret_cast<File*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  file->wal = (flags & SQLITE_OPEN_WAL) != 0;
  const int rc =
      state.real->xOpen(state.real, name, file->real, flags, out_flags);
  // On failure SQLite calls no method of the file: none are set.
  file->base.pMethods =
      rc == SQLITE_OK && file->real->pMethods != nullptr ? &kMethods : nullptr;
  return rc;
}

int Delete(sqlite3_vfs*, const char* name, int sync) {
  return state.real->xDelete(state.real, name, sync);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return state.real->xAccess(state.real, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return state.real->xFullPathname(state.real, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) {
  return state.real->xDlOpen(state.real, name);
}
void DlError(sqlite3_vfs*, int n, char* out) {
  state.real->xDlError(state.real, n, out);
}
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return state.real->xDlSym(state.real, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) {
  state.real->xDlClose(state.real, handle);
}
int Randomness(sqlite3_vfs*, int n, char* out) {
  return state.real->xRandomness(state.real, n, out);
}
int Sleep(sqlite3_vfs*, int micros) {
  return state.real->xSleep(state.real, micros);
}
int CurrentTime(sqlite3_vfs*, double* out) {
  return state.real->xCurrentTime(state.real, out);
}
int GetLastError(sqlite3_vfs*, int n, char* out) {
  return state.real->xGetLastError(state.real, n, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return state.real->xCurrentTimeInt64(state.real, out);
}

}  // namespace

FailingVfs::FailingVfs() {
  sqlite3_initialize();
  state.real = sqlite3_vfs_find(nullptr);
  state.vfs = sqlite3_vfs{};
  state.vfs.iVersion = 2;
  state.vfs.szOsFile = static_cast<int>(sizeof(File)) + state.real->szOsFile;
  state.vfs.mxPathname = state.real->mxPathname;
  state.vfs.zName = "speakers-failing";
  state.vfs.xOpen = Open;
  state.vfs.xDelete = Delete;
  state.vfs.xAccess = Access;
  state.vfs.xFullPathname = FullPathname;
  state.vfs.xDlOpen = DlOpen;
  state.vfs.xDlError = DlError;
  state.vfs.xDlSym = DlSym;
  state.vfs.xDlClose = DlClose;
  state.vfs.xRandomness = Randomness;
  state.vfs.xSleep = Sleep;
  state.vfs.xCurrentTime = CurrentTime;
  state.vfs.xGetLastError = GetLastError;
  state.vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  Arm(Fault::kNone);
  sqlite3_vfs_register(&state.vfs, /*makeDflt=*/1);
}

FailingVfs::~FailingVfs() {
  sqlite3_vfs_unregister(&state.vfs);
  sqlite3_vfs_register(state.real, /*makeDflt=*/1);
}

void FailingVfs::Arm(Fault fault) {
  state.fired = false;
  state.writes = 0;
  state.syncs = 0;
  state.fault = fault;
}

int FailingVfs::wal_writes() const { return state.writes; }
int FailingVfs::wal_syncs() const { return state.syncs; }
bool FailingVfs::fired() const { return state.fired; }

}  // namespace speakers::testing
