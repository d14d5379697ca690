// Passwords (argon2id), random tokens and token hashes, all from libsodium.
#pragma once

#include <string>
#include <string_view>

namespace xiaoan::auth {

void crypto_init();  // sodium_init; call once at start-up
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// A URL-safe random token with `bytes` bytes of entropy.
std::string random_token(size_t bytes = 32);
// Hex of BLAKE2b-256: how tokens are stored (the token itself is never stored).
std::string token_hash(std::string_view token);
// Hex of SHA-256: fingerprints of signed texts and uploaded files.
std::string sha256_hex(std::string_view data);
// Standard base64 with padding (binary uploads kept in a text column), and back.
std::string base64_encode(std::string_view data);
std::string base64_decode(std::string_view text);

}  // namespace xiaoan::auth
