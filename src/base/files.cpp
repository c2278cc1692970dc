#include "base/files.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/tr.h"

namespace l10n {

namespace {

[[noreturn]] void fail_read(const std::string& display_path, int err) {
  throw Error(display_path, 0, 0, format(tr("cannot read: %s"), system_error_text(err).c_str()));
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// The size fstat gives `fd`, 0 when it gives none.
std::size_t size_of(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
}

// The rest of `fd`, whose size was `size` when asked, into a string.
std::string read_rest(int fd, std::size_t size, const std::string& display_path) {
  // Read straight into the string, sized from fstat (plus one byte, so that
  // the common case needs no second read to see the end).
  std::string data;
  data.resize(size + 1 < 4096 ? 4096 : size + 1);
  std::size_t len = 0;
  for (;;) {
    if (len == data.size()) data.resize(data.size() * 2);
    ssize_t got = ::read(fd, data.data() + len, data.size() - len);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_read(display_path, errno);
    }
    if (got == 0) break;
    len += static_cast<std::size_t>(got);
  }
  data.resize(len);
  return data;
}

long long nanoseconds(const struct timespec& t) { return static_cast<long long>(t.tv_sec) * 1000000000 + t.tv_nsec; }

}  // namespace

std::string read_file(const std::string& fs_path, const std::string& display_path) {
  Fd file{::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) fail_read(display_path, errno);
  return read_rest(file.fd, size_of(file.fd), display_path);
}

MappedFile::MappedFile(int fd, std::size_t size) : fd_(fd), size_(size) {
  struct stat st;
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) != size_ || size_ == 0)
    return;
  mtime_ns_ = nanoseconds(st.st_mtim);
  ctime_ns_ = nanoseconds(st.st_ctim);
  void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (data != MAP_FAILED) data_ = data;
}

MappedFile::~MappedFile() {
  if (!data_) return;
  ::munmap(data_, size_);
  ::close(fd_);
}

bool MappedFile::unchanged() const {
  struct stat st;
  return ::fstat(fd_, &st) == 0 && static_cast<std::size_t>(st.st_size) == size_ &&
         nanoseconds(st.st_mtim) == mtime_ns_ && nanoseconds(st.st_ctim) == ctime_ns_;
}

FileBytes load_file(const std::string& fs_path, const std::string& display_path) {
  Fd file{::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) fail_read(display_path, errno);
  const std::size_t size = size_of(file.fd);
  if (size >= FileBytes::kMapFrom) {
    // The mapping keeps the descriptor, to ask later whether the file changed.
    auto mapped = std::make_shared<MappedFile>(file.fd, size);
    if (mapped->ok()) {
      file.fd = -1;
      return {{}, std::move(mapped)};
    }
  }
  return {read_rest(file.fd, size, display_path), nullptr};
}

FileReader::FileReader(const std::string& fs_path, std::string display_path)
    : display_path_(std::move(display_path)), fd_(::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC)) {
  if (fd_ < 0) fail_read(display_path_, errno);
  size_ = size_of(fd_);
}

FileReader::FileReader(FileReader&& other) noexcept
    : display_path_(std::move(other.display_path_)), fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}

FileReader::~FileReader() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// Up to `n` bytes of `fd` from `at` into `out`; fewer only at the end.
void pread_into(int fd, std::size_t at, std::size_t n, std::string& out, const std::string& display_path) {
  out.resize(n);
  std::size_t len = 0;
  while (len < n) {
    ssize_t got = ::pread(fd, out.data() + len, n - len, static_cast<off_t>(at + len));
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_read(display_path, errno);
    }
    if (got == 0) break;
    len += static_cast<std::size_t>(got);
  }
  out.resize(len);
}

}  // namespace

void FileReader::read(std::size_t at, std::size_t n, std::string& out) const {
  pread_into(fd_, at, n, out, display_path_);
}

ScratchFile::ScratchFile(const std::string& dir)
    : dir_(dir), fd_(::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) {}

ScratchFile::~ScratchFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t ScratchFile::append(std::string_view bytes) {
  if (fd_ < 0) {
    std::lock_guard<std::mutex> lock(memory_mutex_);
    memory_ += bytes;
    return memory_.size() - bytes.size();
  }
  const std::size_t at = end_.fetch_add(bytes.size());
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(at + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(dir_, 0, 0, format(tr("cannot write: %s"), system_error_text(n < 0 ? errno : ENOSPC).c_str()));
    done += static_cast<std::size_t>(n);
  }
  return at;
}

void ScratchFile::read(std::size_t at, std::size_t n, std::string& out) const {
  if (fd_ < 0) {
    std::lock_guard<std::mutex> lock(memory_mutex_);
    out.assign(memory_, at, n);
    return;
  }
  pread_into(fd_, at, n, out, dir_);
  if (out.size() < n) fail_read(dir_, EIO);  // it wrote them: short is broken
}

namespace {

// The mode a new file gets from open(…, 0666): mkostemp makes temps 0600, and
// an output must be as readable as any file the user makes. Read from
// /proc rather than with umask(), which would change it for every thread.
mode_t new_file_mode() {
  static const mode_t mode = [] {
    mode_t mask = 022;
    if (std::FILE* f = std::fopen("/proc/self/status", "re")) {
      char line[256];
      while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "Umask:", 6) == 0) mask = static_cast<mode_t>(std::strtoul(line + 6, nullptr, 8));
      std::fclose(f);
    }
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

// "dir/.name.l10n-tmp.XXXXXX": hidden (Hugo and most tools skip dot files),
// beside its target so that the rename stays on one file system.
std::string temp_template(const std::string& fs_path) {
  std::size_t slash = fs_path.rfind('/');
  std::size_t name = slash == std::string::npos ? 0 : slash + 1;
  return fs_path.substr(0, name) + "." + fs_path.substr(name) + ".l10n-tmp.XXXXXX";
}

}  // namespace

bool is_temp_name(std::string_view name) {
  constexpr std::string_view kMark = ".l10n-tmp.";
  std::size_t at = name.rfind(kMark);
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view tail = name.substr(at + kMark.size());
  if (tail.empty()) return false;
  bool digits = tail.find_first_not_of("0123456789") == std::string_view::npos;
  bool random = name.front() == '.' && tail.size() == 6 &&
                std::all_of(tail.begin(), tail.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  return digits || random;
}

std::size_t remove_stale_temps(const std::string& dir) {
  std::size_t removed = 0;
  std::error_code ec;
  if (!std::filesystem::is_directory(std::filesystem::symlink_status(dir, ec))) return 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_symlink() || !it->is_regular_file() || !is_temp_name(it->path().filename().string())) continue;
    std::error_code rm;
    if (std::filesystem::remove(it->path(), rm)) ++removed;
  }
  return removed;
}

std::string display_path(const std::string& fs_path, const std::string& root) {
  if (root.empty()) return fs_path;
  namespace fs = std::filesystem;
  fs::path rel = fs::path(fs_path).lexically_normal().lexically_relative(fs::path(root).lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return fs_path;
  return rel.generic_string();
}

void require_replaceable(const std::string& fs_path, const std::string& root) {
  struct stat st;
  if (::lstat(fs_path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    throw Error(display_path(fs_path, root), 0, 0, format(tr("cannot write: %s"), system_error_text(errno).c_str()));
  }
  if (!S_ISREG(st.st_mode))
    throw Error(display_path(fs_path, root), 0, 0, tr("cannot write: not a regular file (l10n replaces only regular files; "
                                  "remove it or choose another output)"));
}

TempFile::TempFile(const std::string& fs_path, const std::string& root)
    : target_(fs_path), root_(root), name_(temp_template(fs_path)) {
  require_replaceable(fs_path, root);
  // An unpredictable name, created exclusively: a committed symlink or a
  // file planted under a guessable name cannot redirect the write.
  fd_ = ::mkostemp(name_.data(), O_CLOEXEC);
  if (fd_ < 0) {
    int err = errno;
    name_.clear();
    fail(err);
  }
  if (::fchmod(fd_, new_file_mode()) != 0) fail(errno);
}

TempFile::~TempFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!name_.empty()) ::unlink(name_.c_str());
}

void TempFile::fail(int err) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!name_.empty()) ::unlink(name_.c_str());
  name_.clear();
  throw Error(display_path(target_, root_), 0, 0, format(tr("cannot write: %s"), system_error_text(err).c_str()));
}

void TempFile::write(std::string_view data) {
  if (fd_ < 0) fail(EBADF);
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t put = ::write(fd_, data.data() + done, data.size() - done);
    if (put < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    done += static_cast<std::size_t>(put);
  }
}

std::string TempFile::finish() {
  if (fd_ < 0) fail(EBADF);
  int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) fail(errno);
  return std::exchange(name_, {});
}

std::string write_temp_file(const std::string& fs_path, std::string_view data, const std::string& root) {
  TempFile temp(fs_path, root);
  temp.write(data);
  return temp.finish();
}

void discard_temp_files(const std::vector<std::pair<std::string, std::string>>& temps, std::size_t from) {
  for (std::size_t i = from; i < temps.size(); ++i)
    if (!temps[i].first.empty()) ::unlink(temps[i].first.c_str());
}

void commit_temp_files(const std::vector<std::pair<std::string, std::string>>& temps, const std::string& root) {
  for (std::size_t i = 0; i < temps.size(); ++i) {
    try {
      // Checked again: the target may have become a symlink or a device
      // since its temp was written.
      require_replaceable(temps[i].second, root);
    } catch (const Error&) {
      discard_temp_files(temps, i);
      throw;
    }
    if (::rename(temps[i].first.c_str(), temps[i].second.c_str()) != 0) {
      int err = errno;
      discard_temp_files(temps, i);
      throw Error(display_path(temps[i].second, root), 0, 0, format(tr("cannot write: %s"), system_error_text(err).c_str()));
    }
  }
}

void write_file_atomic(const std::string& fs_path, std::string_view data, const std::string& root) {
  commit_temp_files({{write_temp_file(fs_path, data, root), fs_path}}, root);
}

}  // namespace l10n
