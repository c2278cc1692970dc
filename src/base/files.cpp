#include "base/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <thread>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/parallel.h"
#include "base/tr.h"

namespace l10n {

std::string read_file(const std::string& fs_path, const std::string& display_path) {
  int fd = ::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(display_path, 0, 0, format(tr("cannot read: %s"), std::strerror(errno)));
  // Read straight into the string, sized from fstat (plus one byte, so that
  // the common case needs no second read to see the end).
  std::string data;
  struct stat st;
  std::size_t size = ::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
  data.resize(size + 1 < 4096 ? 4096 : size + 1);
  std::size_t len = 0;
  for (;;) {
    if (len == data.size()) data.resize(data.size() * 2);
    ssize_t got = ::read(fd, data.data() + len, data.size() - len);
    if (got < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw Error(display_path, 0, 0, format(tr("cannot read: %s"), std::strerror(err)));
    }
    if (got == 0) break;
    len += static_cast<std::size_t>(got);
  }
  data.resize(len);
  ::close(fd);
  return data;
}

std::string write_temp_file(const std::string& fs_path, std::string_view data) {
  std::string tmp = fs_path + ".l10n-tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(fs_path, 0, 0, format(tr("cannot write: %s"), std::strerror(errno)));
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw Error(fs_path, 0, 0, format(tr("cannot write: %s"), std::strerror(err)));
  };
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t put = ::write(fd, data.data() + done, data.size() - done);
    if (put < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    done += static_cast<std::size_t>(put);
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error(fs_path, 0, 0, format(tr("cannot write: %s"), std::strerror(err)));
  }
  return tmp;
}

void discard_temp_files(const std::vector<std::pair<std::string, std::string>>& temps, std::size_t from) {
  for (std::size_t i = from; i < temps.size(); ++i)
    if (!temps[i].first.empty()) ::unlink(temps[i].first.c_str());
}

void commit_temp_files(const std::vector<std::pair<std::string, std::string>>& temps) {
  for (std::size_t i = 0; i < temps.size(); ++i) {
    if (::rename(temps[i].first.c_str(), temps[i].second.c_str()) != 0) {
      int err = errno;
      discard_temp_files(temps, i);
      throw Error(temps[i].second, 0, 0, format(tr("cannot write: %s"), std::strerror(err)));
    }
  }
}

void write_file_atomic(const std::string& fs_path, std::string_view data) { write_files_atomic({{fs_path, data}}); }

void write_files_atomic(const std::vector<std::pair<std::string, std::string_view>>& files) {
  // The temp files are written on every core: on a site of thousands of
  // pages the system calls are most of the work. Each thread takes one run
  // of consecutive files, so that threads seldom create files in the same
  // directory at once (the file system locks a directory per creation).
  std::vector<std::pair<std::string, std::string>> temps(files.size());
  std::vector<std::optional<Error>> failures(files.size());
  const std::size_t runs = std::min<std::size_t>(files.size(), std::max(1u, std::thread::hardware_concurrency()));
  parallel_for(runs, 0, [&](std::size_t run) {
    for (std::size_t i = files.size() * run / runs; i < files.size() * (run + 1) / runs; ++i) {
      try {
        temps[i] = {write_temp_file(files[i].first, files[i].second), files[i].first};
      } catch (const Error& e) {
        failures[i] = e;
      }
    }
  });
  for (auto& f : failures)
    if (f) {
      discard_temp_files(temps);
      throw *f;
    }
  commit_temp_files(temps);
}

}  // namespace l10n
