// The file system at the edge: reading a whole file, and writing outputs so
// that a failed or interrupted run leaves the previous ones.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace l10n {

// Reads a whole file; throws Error(display_path) when it cannot.
std::string read_file(const std::string& fs_path, const std::string& display_path);

// A large file mapped read-only (MAP_PRIVATE) instead of read: a site's PO
// file runs to hundreds of MB, and reading it costs fresh pages that the
// kernel zeroes (and a fault for each) before copying every byte into them;
// the mapping shares the page cache's pages. A steady extract at 50,000
// pages spent some 0.2 s of CPU on reading its 298 MB PO file, 0.03 s mapped.
//
// Why mapping is safe enough here: what another process does to the file
// while it is mapped shows through. Written in place, the bytes change under
// the reader; unchanged() tells (size and times against those when mapped),
// and the caller refuses to use what it made from them. Truncated, a read
// past the new end is a SIGBUS and the run dies as if killed: the outputs
// are renamed over their targets only at the end, so none is touched, and
// the next run removes the temps. A checkout's files are not rewritten in
// place by git (it replaces them, and a replaced file's mapping keeps the
// old bytes), and reading with read() is no defence against a writer either
// (it reads a half-written file as it is, and no one is told).
class MappedFile {
 public:
  // Maps the regular file open as `fd`, whose size fstat gave as `size`.
  // Mapped (ok()), it owns `fd`; if not (a special file, a size that moved,
  // no address space), `fd` stays the caller's, who reads the file instead.
  MappedFile(int fd, std::size_t size);
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();
  bool ok() const { return data_ != nullptr; }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  // Whether the file has the size and times it had when it was mapped: if
  // not, someone wrote it meanwhile, and its bytes may have changed under us.
  bool unchanged() const;

 private:
  int fd_;
  void* data_ = nullptr;
  std::size_t size_;
  long long mtime_ns_ = 0, ctime_ns_ = 0;
};

// A whole file's bytes: read into a string, or, from kMapFrom bytes on,
// mapped (MappedFile), so that a large one costs neither fresh memory nor a
// copy. Throws Error(display_path) when it cannot be read.
struct FileBytes {
  static constexpr std::size_t kMapFrom = std::size_t{1} << 20;
  std::string text;                          // when read
  std::shared_ptr<const MappedFile> mapped;  // when mapped
  std::string_view view() const { return mapped ? mapped->bytes() : std::string_view(text); }
};
FileBytes load_file(const std::string& fs_path, const std::string& display_path);

// A file read a block at a time: an output compared with the text that
// replaces it (a template is as big as the site's text, and is needed only
// for that) is never held whole.
class FileReader {
 public:
  // Throws Error(display_path) when it cannot be opened.
  FileReader(const std::string& fs_path, std::string display_path);
  FileReader(FileReader&& other) noexcept;
  FileReader& operator=(FileReader&&) = delete;
  ~FileReader();
  std::size_t size() const { return size_; }  // when it was opened
  // Up to `n` bytes from `at` into `out`; fewer only at the end. Throws
  // Error(display_path) when the read fails.
  void read(std::size_t at, std::size_t n, std::string& out) const;

 private:
  std::string display_path_;
  int fd_ = -1;
  std::size_t size_ = 0;
};

// Bytes a run sets aside and reads back: in an unnamed file in `dir`
// (O_TMPFILE), so that the page cache holds them rather than the process and
// nothing is left behind however the run ends; in memory where the file
// system makes no unnamed file. Several threads may append and read at once.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& dir);
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ~ScratchFile();
  bool in_memory() const { return fd_ < 0; }
  // Where `bytes` start. Throws Error(dir) when they cannot be written.
  std::size_t append(std::string_view bytes);
  // The `n` bytes appended at `at` into `out`. Throws Error(dir).
  void read(std::size_t at, std::size_t n, std::string& out) const;

 private:
  std::string dir_;
  int fd_ = -1;
  std::atomic<std::size_t> end_{0};
  mutable std::mutex memory_mutex_;
  std::string memory_;  // without the file
};

// The writers below name a file in their errors as the user knows it: each
// `fs_path` relative to `root` (the site root, as on_disk joined them), or
// whole when `root` is empty or the path is outside it. An absolute path
// the user never typed would hide which of their files it is.

// Writes `data` to `fs_path` atomically: a temp file beside it, then rename.
// On failure the previous file is intact and no temp file is left behind.
void write_file_atomic(const std::string& fs_path, std::string_view data, const std::string& root = "");

// Whether a file name is one of write_temp_file's temps (".page.md.l10n-tmp.Ab3xYz"),
// or of the versions before it ("page.md.l10n-tmp.<pid>").
bool is_temp_name(std::string_view name);
// Removes the temps that a killed run left in `dir` and below (regular
// files only, symlinks not followed); returns how many. Hugo would read them.
std::size_t remove_stale_temps(const std::string& dir);

// Throws Error unless `fs_path` is a regular file or does not exist: an
// output never replaces a symlink, a device, a FIFO or a directory.
void require_replaceable(const std::string& fs_path, const std::string& root = "");

// The two halves of that, for callers that write many files as they go:
// writes `data` to a temp file beside `fs_path` and returns the temp's name
// (on failure removes it and throws) ...
std::string write_temp_file(const std::string& fs_path, std::string_view data, const std::string& root = "");
// ... or, for text made as it goes, a piece at a time: the temp is created
// (exclusively, with an unpredictable name) at construction, and removed on
// destruction unless finish() closed it and handed its name over.
class TempFile {
 public:
  TempFile(const std::string& fs_path, const std::string& root = "");
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();
  void write(std::string_view data);  // on failure removes the temp and throws
  std::string finish();               // closes it; its name

 private:
  [[noreturn]] void fail(int err);
  std::string target_, root_, name_;
  int fd_ = -1;
};
// ... and renames each temp over its target (temp, target), in order. On a
// failure the temps not yet renamed are removed and it throws.
void commit_temp_files(const std::vector<std::pair<std::string, std::string>>& temps, const std::string& root = "");
// Removes the temps from index `from` on (an empty name is none).
void discard_temp_files(const std::vector<std::pair<std::string, std::string>>& temps, std::size_t from = 0);

// `fs_path` as the errors above name it.
std::string display_path(const std::string& fs_path, const std::string& root);

}  // namespace l10n
