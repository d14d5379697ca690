// Protects ID numbers at rest: authenticated encryption for storage and a keyed hash for
// exact-match lookup, so the database never holds a number in clear text.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/result.h"

namespace xiaoan::people {

// Key file: 32 random bytes, a master key only this process reads (mode 0600). Two independent
// subkeys are derived from it with crypto_kdf (context "xaidvalt"): subkey 1 for
// crypto_secretbox (XSalsa20-Poly1305), subkey 2 for the keyed BLAKE2b lookup hash. Losing the
// file makes every stored number unreadable: back it up separately from the database.
class IdVault {
 public:
  static constexpr size_t kMasterKeyBytes = 32;

  // Creates the key file (O_CREAT|O_EXCL, mode 0600) if it does not exist, else loads it. Refuses
  // a file readable or writable by group or others, or of the wrong size.
  static Result<IdVault> open(const std::string& key_path);

  IdVault(const IdVault&) = default;
  IdVault& operator=(const IdVault&) = default;
  ~IdVault();

  // URL-safe base64 without padding of nonce || ciphertext; a fresh random nonce every call.
  std::string encrypt(std::string_view plain) const;
  // The plain text, or an error if the value was not produced by this key or was altered.
  Result<std::string> decrypt(std::string_view stored) const;
  // Hex of BLAKE2b-256 keyed with the hash subkey: deterministic, for an indexed exact match.
  // Pass the normalised number (validate_cn_id / validate_document) so equal numbers match.
  std::string lookup_hash(std::string_view normalized) const;

 private:
  explicit IdVault(const std::array<unsigned char, kMasterKeyBytes>& master);

  std::array<unsigned char, 32> box_key_{};
  std::array<unsigned char, 32> hash_key_{};
};

}  // namespace xiaoan::people
