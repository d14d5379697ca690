#include "auth/crypto.h"

#include <gtest/gtest.h>

namespace xiaoan::auth {
namespace {

TEST(Crypto, Argon2idHashVerifies) {
  crypto_init();
  std::string h = hash_password("xiaoan2026");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
  EXPECT_TRUE(verify_password(h, "xiaoan2026"));
  EXPECT_FALSE(verify_password(h, "xiaoan2027"));
  EXPECT_NE(hash_password("xiaoan2026"), h);  // salted
}

TEST(Crypto, TokensAreRandomAndHashed) {
  crypto_init();
  std::string a = random_token(), b = random_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(token_hash(a).size(), 64u);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), token_hash(b));
}

}  // namespace
}  // namespace xiaoan::auth
