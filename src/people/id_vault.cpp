#include "people/id_vault.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace xiaoan::people {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "xaidvalt";
constexpr uint64_t kBoxSubkeyId = 1;
constexpr uint64_t kHashSubkeyId = 2;
constexpr int kB64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

static_assert(crypto_kdf_KEYBYTES == IdVault::kMasterKeyBytes);
static_assert(crypto_secretbox_KEYBYTES == 32);
static_assert(crypto_generichash_KEYBYTES == 32);

using MasterKey = std::array<unsigned char, IdVault::kMasterKeyBytes>;

Error key_error(std::string key, const std::string& path, std::string detail = {}) {
  Error e{ErrorCode::kInternal, "", std::move(key), {{"path", path}}};
  if (!detail.empty()) e.with("detail", std::move(detail));
  return e;
}

// Creates a new key file. Returns false (with errno EEXIST) when the file already exists.
Result<bool> create_key_file(const std::string& path, MasterKey& master) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    return key_error("id_vault_key_io", path, std::strerror(errno));
  }
  crypto_kdf_keygen(master.data());
  bool written = ::write(fd, master.data(), master.size()) == static_cast<ssize_t>(master.size()) &&
                 ::fsync(fd) == 0;
  int saved_errno = errno;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return key_error("id_vault_key_io", path, std::strerror(saved_errno));
  }
  return true;
}

Status load_key_file(const std::string& path, MasterKey& master) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return key_error("id_vault_key_io", path, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int saved_errno = errno;
    ::close(fd);
    return key_error("id_vault_key_io", path, std::strerror(saved_errno));
  }
  if (!S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return key_error("id_vault_key_mode", path).with("mode", mode);
  }
  if (st.st_size != static_cast<off_t>(master.size())) {
    ::close(fd);
    return key_error("id_vault_key_size", path)
        .with("size", std::to_string(st.st_size))
        .with("expected", std::to_string(master.size()));
  }
  ssize_t n = ::read(fd, master.data(), master.size());
  int saved_errno = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(master.size())) {
    return key_error("id_vault_key_io", path, n < 0 ? std::strerror(saved_errno) : "short read");
  }
  return ok_status();
}

}  // namespace

Result<IdVault> IdVault::open(const std::string& key_path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  MasterKey master{};
  XA_ASSIGN(bool created, create_key_file(key_path, master));
  if (!created) XA_TRY(load_key_file(key_path, master));
  IdVault vault(master);
  sodium_memzero(master.data(), master.size());
  return vault;
}

IdVault::IdVault(const MasterKey& master) {
  crypto_kdf_derive_from_key(box_key_.data(), box_key_.size(), kBoxSubkeyId, kKdfContext,
                             master.data());
  crypto_kdf_derive_from_key(hash_key_.data(), hash_key_.size(), kHashSubkeyId, kKdfContext,
                             master.data());
}

IdVault::~IdVault() {
  sodium_memzero(box_key_.data(), box_key_.size());
  sodium_memzero(hash_key_.data(), hash_key_.size());
}

std::string IdVault::encrypt(std::string_view plain) const {
  std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                    plain.size());
  unsigned char* nonce = sealed.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        box_key_.data());
  std::string out(sodium_base64_encoded_len(sealed.size(), kB64Variant), '\0');
  sodium_bin2base64(out.data(), out.size(), sealed.data(), sealed.size(), kB64Variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Result<std::string> IdVault::decrypt(std::string_view stored) const {
  auto corrupt = [] { return Error{ErrorCode::kInternal, "", "id_vault_corrupt", {}}; };
  if (stored.empty()) return corrupt();
  std::vector<unsigned char> sealed(stored.size());
  size_t len = 0;
  if (sodium_base642bin(sealed.data(), sealed.size(), stored.data(), stored.size(), nullptr, &len,
                        nullptr, kB64Variant) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return corrupt();
  }
  const unsigned char* nonce = sealed.data();
  const unsigned char* cipher = nonce + crypto_secretbox_NONCEBYTES;
  size_t cipher_len = len - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), cipher, cipher_len,
                                 nonce, box_key_.data()) != 0) {
    return corrupt();
  }
  return plain;
}

std::string IdVault::lookup_hash(std::string_view normalized) const {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(normalized.data()), normalized.size(),
                     hash_key_.data(), hash_key_.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

}  // namespace xiaoan::people
