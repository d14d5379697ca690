#include "people/id_vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace xiaoan::people {
namespace {

namespace fs = std::filesystem;

class Vault : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("xiaoan_vault_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

TEST_F(Vault, RoundTrip) {
  auto v = IdVault::open(path("id.key"));
  ASSERT_TRUE(v.ok()) << v.error().message_key;
  for (std::string plain : {"11010519491231002X", "", "H1234567801"}) {
    std::string stored = v->encrypt(plain);
    EXPECT_EQ(stored.find_first_of("+/="), std::string::npos) << stored;
    auto back = v->decrypt(stored);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, plain);
  }
}

TEST_F(Vault, EncryptionsOfTheSameValueDiffer) {
  auto v = IdVault::open(path("id.key"));
  ASSERT_TRUE(v.ok());
  EXPECT_NE(v->encrypt("11010519491231002X"), v->encrypt("11010519491231002X"));
}

TEST_F(Vault, TamperedCiphertextFails) {
  auto v = IdVault::open(path("id.key"));
  ASSERT_TRUE(v.ok());
  std::string stored = v->encrypt("11010519491231002X");
  std::string tampered = stored;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {tampered, stored.substr(0, 20), std::string("!!not base64!!"), std::string()}) {
    auto r = v->decrypt(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message_key, "id_vault_corrupt");
  }
  auto other = IdVault::open(path("other.key"));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->decrypt(stored).ok());
}

TEST_F(Vault, LookupHashIsStableAndKeyDependent) {
  auto a = IdVault::open(path("a.key"));
  auto b = IdVault::open(path("b.key"));
  ASSERT_TRUE(a.ok() && b.ok());
  std::string h = a->lookup_hash("11010519491231002X");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a->lookup_hash("11010519491231002X"), h);
  EXPECT_NE(a->lookup_hash("110105194912310021"), h);
  EXPECT_NE(b->lookup_hash("11010519491231002X"), h);
}

TEST_F(Vault, KeyFileCreatedPrivateAndReused) {
  std::string key = path("id.key");
  auto first = IdVault::open(key);
  ASSERT_TRUE(first.ok());
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, static_cast<off_t>(IdVault::kMasterKeyBytes));

  auto again = IdVault::open(key);
  ASSERT_TRUE(again.ok());
  std::string stored = first->encrypt("11010519491231002X");
  auto back = again->decrypt(stored);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "11010519491231002X");
  EXPECT_EQ(again->lookup_hash("x"), first->lookup_hash("x"));
}

TEST_F(Vault, RefusesLooseOrWrongSizedKeyFile) {
  std::string key = path("id.key");
  ASSERT_TRUE(IdVault::open(key).ok());
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  auto loose = IdVault::open(key);
  ASSERT_FALSE(loose.ok());
  EXPECT_EQ(loose.error().message_key, "id_vault_key_mode");
  EXPECT_EQ(loose.error().params.at("mode"), "0644");

  std::string short_key = path("short.key");
  std::ofstream(short_key) << "too short";
  ASSERT_EQ(::chmod(short_key.c_str(), 0600), 0);
  auto wrong = IdVault::open(short_key);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message_key, "id_vault_key_size");

  auto missing_dir = IdVault::open(path("no/such/dir/id.key"));
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_EQ(missing_dir.error().message_key, "id_vault_key_io");
}

}  // namespace
}  // namespace xiaoan::people
