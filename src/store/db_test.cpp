// Storage tests: run once per engine (ctest prefixes store.sqlite. and store.postgresql.).
#include "store/db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "store/migrate.h"
#include "support/engines.h"

namespace xiaoan::store {
namespace {

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DbOptions o;
    o.url = url_ = testing::fresh_database_url();
    o.readers = 4;
    db_ = open_db(o);
    migrate(*db_);
    ASSERT_EQ(std::string(engine_name(db_->engine())), testing::test_engine());
  }
  std::string url_;
  std::unique_ptr<Db> db_;
};

TEST_F(DbTest, MigrationsAreRecordedAndIdempotent) {
  EXPECT_TRUE(migrate(*db_).empty());  // second run applies nothing
  int64_t n = 0;
  ASSERT_TRUE(db_->read([&](Conn& c) -> Status {
    n = c.query_one("SELECT COUNT(*) FROM schema_migrations")->i64(0);
    return ok_status();
  }).ok());
  int64_t expected = 0;
  for (const auto& m : embedded_migrations())
    expected += m.engine.empty() || m.engine == engine_name(db_->engine());
  EXPECT_EQ(n, expected);
  EXPECT_GE(n, 3);
}

TEST_F(DbTest, WriteCommitsAndErrorRollsBack) {
  ASSERT_TRUE(db_->write([](Conn& c) -> Status {
    c.exec("INSERT INTO idempotency_keys (user_id, idem_key, method, path, status, body, created_at) "
           "VALUES ($1,$2,'POST','/x',201,'{}',$3)",
           {int64_t{1}, std::string("a"), int64_t{5}});
    return ok_status();
  }).ok());
  Status failed = db_->write([](Conn& c) -> Status {
    c.exec("INSERT INTO idempotency_keys (user_id, idem_key, method, path, status, body, created_at) "
           "VALUES ($1,$2,'POST','/x',201,'{}',$3)",
           {int64_t{1}, std::string("b"), int64_t{5}});
    return Error::invalid("x", "required");
  });
  EXPECT_FALSE(failed.ok());
  int64_t n = 0;
  ASSERT_TRUE(db_->read([&](Conn& c) -> Status {
    n = c.query_one("SELECT COUNT(*) FROM idempotency_keys")->i64(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(n, 1);
}

TEST_F(DbTest, UniqueViolationIsClassified) {
  auto insert = [](Conn& c) -> Status {
    c.exec("INSERT INTO idempotency_keys (user_id, idem_key, method, path, status, body, created_at) "
           "VALUES (1,'k','POST','/x',201,'{}',1)");
    return ok_status();
  };
  ASSERT_TRUE(db_->write(insert).ok());
  try {
    (void)db_->write(insert);
    FAIL() << "expected a unique violation";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnique);
  }
}

TEST_F(DbTest, ConcurrentWritesAllLandOnce) {
  // Many threads writing at once: on SQLite they are grouped into shared commits; every one of
  // them must be acknowledged and present exactly once.
  constexpr int kThreads = 8, kPer = 25;
  std::atomic<int> acked{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < kPer; ++i) {
        Status st = db_->write([&](Conn& c) -> Status {
          c.exec("INSERT INTO idempotency_keys (user_id, idem_key, method, path, status, body, "
                 "created_at) VALUES ($1,$2,'POST','/x',201,'{}',1)",
                 {int64_t{t + 1}, std::to_string(i)});
          return ok_status();
        });
        if (st.ok()) acked++;
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(acked.load(), kThreads * kPer);
  int64_t n = 0;
  ASSERT_TRUE(db_->read([&](Conn& c) -> Status {
    n = c.query_one("SELECT COUNT(*) FROM idempotency_keys")->i64(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(n, kThreads * kPer);
}

TEST_F(DbTest, TypesRoundTrip) {
  std::optional<Row> row;
  ASSERT_TRUE(db_->write([&](Conn& c) -> Status {
    row = c.query_one("SELECT $1 || 'x', $2 + 1, $3, $4 * 2",
                      {std::string("中文"), int64_t{41}, nullptr, 1.25});
    return ok_status();
  }).ok());
  ASSERT_TRUE(row);
  EXPECT_EQ(row->str(0), "中文x");
  EXPECT_EQ(row->i64(1), 42);
  EXPECT_TRUE(row->is_null(2));
  EXPECT_DOUBLE_EQ(row->f64(3), 2.5);
}

TEST_F(DbTest, AuditLogIsAppendOnly) {
  ASSERT_TRUE(db_->write([](Conn& c) -> Status {
    c.exec("INSERT INTO audit_log (at, actor_name, action, target_type, org_path, ip) "
           "VALUES (1, 'a', 'x', 'y', '/', '127.0.0.1')");
    return ok_status();
  }).ok());
  EXPECT_THROW((void)db_->write([](Conn& c) -> Status {
    c.exec("UPDATE audit_log SET action = 'z'");
    return ok_status();
  }), DbError);
  EXPECT_THROW((void)db_->write([](Conn& c) -> Status {
    c.exec("DELETE FROM audit_log");
    return ok_status();
  }), DbError);
}

// The writer does not checkpoint below 4,000 WAL pages (its commits would carry the copy and the
// fsync); the checkpointer thread must copy the WAL back into the database file. ~3,000 pages
// stay below the writer's own threshold, so this fails if the checkpointer does nothing.
TEST_F(DbTest, SqliteWalIsCopiedBackIntoTheDatabase) {
  if (db_->engine() != Engine::kSqlite) GTEST_SKIP() << "SQLite only";
  const std::string file = url_.substr(std::string("sqlite:").size());
  const auto before = std::filesystem::file_size(file);
  ASSERT_TRUE(db_->write([](Conn& c) -> Status {
    c.exec_script("CREATE TABLE wal_fill (b TEXT NOT NULL)");
    return ok_status();
  }).ok());
  const std::string blob(4000, 'x');
  for (int t = 0; t < 30; ++t)  // ~3,000 pages: three times the checkpoint threshold
    ASSERT_TRUE(db_->write([&](Conn& c) -> Status {
      for (int i = 0; i < 100; ++i) c.exec("INSERT INTO wal_fill (b) VALUES ($1)", {blob});
      return ok_status();
    }).ok());
  const auto wanted = before + 10'000'000;
  for (int i = 0; i < 150 && std::filesystem::file_size(file) < wanted; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_GE(std::filesystem::file_size(file), wanted) << "the WAL was not copied back";
  int64_t rows = 0;
  ASSERT_TRUE(db_->read([&](Conn& c) -> Status {
    rows = c.query_one("SELECT COUNT(*) FROM wal_fill")->i64(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(rows, 3000);
}

}  // namespace
}  // namespace xiaoan::store
