// Storage tests: run once per engine (ctest prefixes store.sqlite. and store.postgresql.).
#include "store/db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
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

TEST_F(DbTest, InsertRowsAppendsEveryRowAsWritten) {
  // Values COPY's text format must escape, NULLs, numbers and more rows than one 256 KiB chunk.
  const std::string tricky = "tab\there\nnew line\\back\\N\r中文";
  std::vector<Params> rows;
  for (int64_t i = 1; i <= 6000; ++i)
    rows.push_back({i, i % 3 == 0 ? Value(nullptr) : Value(tricky + std::to_string(i)),
                    i % 2 ? Value(i * 0.5) : Value(nullptr), std::string(80, 'x')});
  ASSERT_TRUE(db_->write([&](Conn& c) -> Status {
    c.exec_script("CREATE TABLE bulk_rows (id BIGINT PRIMARY KEY, name TEXT, score DOUBLE PRECISION, "
                  "pad TEXT NOT NULL)");
    c.insert_rows("bulk_rows", {"id", "name", "score", "pad"}, rows);
    c.insert_rows("bulk_rows", {"id", "pad"}, {});  // nothing to do
    return ok_status();
  }).ok());
  ASSERT_TRUE(db_->read([&](Conn& c) -> Status {
    EXPECT_EQ(c.query_one("SELECT COUNT(*) FROM bulk_rows")->i64(0), 6000);
    auto r = c.query_one("SELECT name, score, pad FROM bulk_rows WHERE id = 1");
    EXPECT_EQ(r->str(0), tricky + "1");
    EXPECT_DOUBLE_EQ(r->f64(1), 0.5);
    EXPECT_EQ(r->str(2), std::string(80, 'x'));
    r = c.query_one("SELECT name, score FROM bulk_rows WHERE id = 6000");
    EXPECT_TRUE(r->is_null(0));
    EXPECT_TRUE(r->is_null(1));
    EXPECT_EQ(c.query_one("SELECT COUNT(*) FROM bulk_rows WHERE name IS NULL")->i64(0), 2000);
    return ok_status();
  }).ok());

  // A duplicate key is a unique violation; the write rolls back and the connection goes on.
  EXPECT_THROW(
      {
        try {
          (void)db_->write([&](Conn& c) -> Status {
            c.insert_rows("bulk_rows", {"id", "pad"}, {{int64_t{7001}, std::string("a")},
                                                       {int64_t{5}, std::string("dup")}});
            return ok_status();
          });
        } catch (const DbError& e) {
          EXPECT_EQ(e.kind(), DbError::Kind::kUnique);
          throw;
        }
      },
      DbError);
  EXPECT_THROW((void)db_->write([&](Conn& c) -> Status {
    c.insert_rows("bulk_rows", {"id", "pad"}, {{int64_t{7002}}});
    return ok_status();
  }),
               std::invalid_argument);
  ASSERT_TRUE(db_->write([&](Conn& c) -> Status {
    c.insert_rows("bulk_rows", {"id", "pad"}, {{int64_t{7003}, std::string("after")}});
    return ok_status();
  }).ok());
  ASSERT_TRUE(db_->read([&](Conn& c) -> Status {
    EXPECT_EQ(c.query_one("SELECT COUNT(*) FROM bulk_rows")->i64(0), 6001);
    EXPECT_FALSE(c.query_one("SELECT id FROM bulk_rows WHERE id = 7001"));
    return ok_status();
  }).ok());
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

// Counts finished write_async jobs and lets a test wait for a number of them.
class Completions {
 public:
  void add() {
    {
      std::lock_guard lk(mu_);
      ++n_;
    }
    cv_.notify_all();
  }
  // False when they did not arrive (a generous guard against a hang, not a timing assertion).
  bool wait_for(int n) {
    std::unique_lock lk(mu_);
    return cv_.wait_for(lk, std::chrono::minutes(2), [&] { return n_ >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int n_ = 0;
};

Status insert_key(Conn& c, int64_t user, const std::string& key) {
  c.exec("INSERT INTO idempotency_keys (user_id, idem_key, method, path, status, body, created_at) "
         "VALUES ($1,$2,'POST','/x',201,'{}',1)",
         {user, key});
  return ok_status();
}

int64_t count_keys(Db& db, const std::string& where = "1 = 1") {
  int64_t n = -1;
  EXPECT_TRUE(db.read([&](Conn& c) -> Status {
    n = c.query_one("SELECT COUNT(*) FROM idempotency_keys WHERE " + where)->i64(0);
    return ok_status();
  }).ok());
  return n;
}

// Many threads queue writes without waiting: every job's callback runs exactly once, and when it
// runs the row is already committed (a reader connection sees it).
TEST_F(DbTest, AsyncWritesCompleteOnceAfterCommit) {
  constexpr int kThreads = 4, kPer = 100, kTotal = kThreads * kPer;
  std::vector<std::atomic<int>> calls(kTotal);
  std::atomic<int> visible{0}, ok{0};
  Completions finished;
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < kPer; ++i) {
        const int id = t * kPer + i;
        db_->write_async([id](Conn& c) { return insert_key(c, 7, std::to_string(id)); },
                         [&, id](Status st) {
                           calls[id]++;
                           if (st.ok()) ok++;
                           if (count_keys(*db_, "idem_key = '" + std::to_string(id) + "'") == 1)
                             visible++;
                           finished.add();
                         });
      }
    });
  for (auto& t : ts) t.join();
  ASSERT_TRUE(finished.wait_for(kTotal));
  for (int i = 0; i < kTotal; ++i) EXPECT_EQ(calls[i].load(), 1) << i;
  EXPECT_EQ(ok.load(), kTotal);
  EXPECT_EQ(visible.load(), kTotal);
  EXPECT_EQ(count_keys(*db_), kTotal);
}

// Writes of one key run in the order they were queued, on one writer (PostgreSQL has four here:
// without the key, jobs queued from four threads would interleave across connections); writes
// of other keys and unkeyed ones go on beside them, and every one commits.
TEST_F(DbTest, WritesOfOneKeyRunInQueueOrder) {
  DbOptions o;
  o.url = url_;
  o.writers = 4;
  auto db = open_db(o);
  constexpr int kPer = 150;
  std::mutex mu;
  std::map<uint64_t, std::vector<int>> ran;  // key → job numbers in the order their fn ran
  Completions finished;
  std::vector<std::thread> ts;
  for (uint64_t key = 1; key <= 3; ++key)
    ts.emplace_back([&, key] {
      for (int i = 0; i < kPer; ++i)
        db->write_async_on(
            key,
            [&, key, i](Conn& c) {
              {
                std::lock_guard lk(mu);
                ran[key].push_back(i);
              }
              return insert_key(c, static_cast<int64_t>(key), std::to_string(i));
            },
            [&](Status) { finished.add(); });
    });
  ts.emplace_back([&] {
    for (int i = 0; i < kPer; ++i)
      db->write_async([i](Conn& c) { return insert_key(c, 99, std::to_string(i)); },
                      [&](Status) { finished.add(); });
  });
  for (auto& t : ts) t.join();
  ASSERT_TRUE(finished.wait_for(4 * kPer));
  for (uint64_t key = 1; key <= 3; ++key) {
    std::vector<int> expected(kPer);
    for (int i = 0; i < kPer; ++i) expected[i] = i;
    EXPECT_EQ(ran[key], expected) << "key " << key;  // a job re-run after a deadlock would repeat
  }
  EXPECT_EQ(count_keys(*db), 4 * kPer);
}

// Jobs queued behind a busy writer go into one transaction: a job that returns an error, one that
// throws and one that violates a unique key roll back alone; their neighbours commit.
TEST_F(DbTest, FailingJobsInABatchRollBackAlone) {
  DbOptions o;
  o.url = url_;
  o.writers = 1;  // PostgreSQL: one writer connection, so the queued jobs form one batch
  auto db = open_db(o);
  std::promise<void> gate;
  std::shared_future<void> opened = gate.get_future().share();
  Completions finished;
  std::promise<void> started;
  db->write_async([opened, &started](Conn&) {
                    started.set_value();
                    opened.wait();
                    return ok_status();
                  },
                  [&](Status) { finished.add(); });
  started.get_future().wait();  // the writer is busy: what follows queues up behind it
  const auto batches_before = db->write_stats().batch_size.snapshot();
  std::vector<Status> status(6, ok_status());
  std::vector<std::exception_ptr> thrown(6);
  auto queue = [&](int i, TxFn fn, bool with_failed = true) {
    db->write_async(std::move(fn),
                    [&, i](Status st) { status[i] = std::move(st); finished.add(); },
                    with_failed ? WriteFailed([&, i](std::exception_ptr e) { thrown[i] = e; finished.add(); })
                                : WriteFailed());
  };
  queue(0, [](Conn& c) { return insert_key(c, 8, "a"); });
  queue(1, [](Conn& c) -> Status {
    (void)insert_key(c, 8, "b");
    return Error::invalid("x", "required");
  });
  queue(2, [](Conn& c) -> Status {
    (void)insert_key(c, 8, "c");
    throw std::runtime_error("job failed");
  });
  queue(3, [](Conn& c) { return insert_key(c, 8, "a"); });  // duplicate of job 0
  queue(4, [](Conn& c) -> Status {
    (void)insert_key(c, 8, "d");
    throw std::runtime_error("no failed callback");
  }, /*with_failed=*/false);
  queue(5, [](Conn& c) { return insert_key(c, 8, "e"); });
  gate.set_value();
  ASSERT_TRUE(finished.wait_for(7));

  EXPECT_TRUE(status[0].ok());
  EXPECT_FALSE(thrown[0]);
  EXPECT_FALSE(status[1].ok());
  EXPECT_FALSE(thrown[1]);
  ASSERT_TRUE(thrown[2]);
  EXPECT_THROW(std::rethrow_exception(thrown[2]), std::runtime_error);
  ASSERT_TRUE(thrown[3]);
  try {
    std::rethrow_exception(thrown[3]);
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnique);
  }
  EXPECT_FALSE(status[4].ok());  // the exception, as an internal error
  EXPECT_EQ(status[4].error().code, ErrorCode::kInternal);
  EXPECT_TRUE(status[5].ok());
  EXPECT_EQ(count_keys(*db, "user_id = 8"), 2);
  EXPECT_EQ(count_keys(*db, "user_id = 8 AND idem_key IN ('a', 'e')"), 2);
  // The six queued jobs shared one transaction.
  const auto batches = db->write_stats().batch_size.snapshot();
  EXPECT_EQ(batches.count, batches_before.count + 1);
  EXPECT_DOUBLE_EQ(batches.sum, batches_before.sum + 6);
}

TEST_F(DbTest, NestedWriteRunsInlineInTheOuterTransaction) {
  auto nested = [&](bool outer_ok, const std::string& key) {
    return db_->write([&](Conn& c) -> Status {
      (void)insert_key(c, 9, key + "-outer");
      Status inner = db_->write([&](Conn& c2) { return insert_key(c2, 9, key + "-inner"); });
      if (!inner.ok()) return inner;
      if (!outer_ok) return Error::invalid("x", "required");
      return ok_status();
    });
  };
  EXPECT_TRUE(nested(true, "k1").ok());
  EXPECT_FALSE(nested(false, "k2").ok());
  EXPECT_EQ(count_keys(*db_, "user_id = 9 AND idem_key LIKE 'k1-%'"), 2);
  EXPECT_EQ(count_keys(*db_, "user_id = 9 AND idem_key LIKE 'k2-%'"), 0);  // rolled back together
}

TEST_F(DbTest, WriteFromACallbackThrowsInsteadOfDeadlocking) {
  Completions finished;
  bool threw = false;
  db_->write_async([](Conn& c) { return insert_key(c, 10, "x"); }, [&](Status) {
    try {
      (void)db_->write([](Conn& c) { return insert_key(c, 10, "y"); });
    } catch (const DbError&) {
      threw = true;
    }
    finished.add();
  });
  ASSERT_TRUE(finished.wait_for(1));
  EXPECT_TRUE(threw);
  EXPECT_EQ(count_keys(*db_, "user_id = 10"), 1);
}

// Jobs still queued when the Db is destroyed are committed, and their callbacks run, first.
TEST_F(DbTest, DestructionDrainsTheQueue) {
  constexpr int kJobs = 50;
  Completions finished;
  std::atomic<int> ok{0};
  {
    DbOptions o;
    o.url = url_;
    o.writers = 1;
    auto db = open_db(o);
    std::promise<void> gate;
    std::shared_future<void> opened = gate.get_future().share();
    db->write_async([opened](Conn&) { opened.wait(); return ok_status(); },
                    [&](Status) { finished.add(); });
    for (int i = 0; i < kJobs; ++i)
      db->write_async([i](Conn& c) { return insert_key(c, 11, std::to_string(i)); },
                      [&](Status st) { ok += st.ok(); finished.add(); });
    // Opens the gate once the destructor below has (most likely) begun; either way every queued
    // job must be committed before the Db is gone.
    std::thread opener([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      gate.set_value();
    });
    db.reset();
    opener.join();
  }
  ASSERT_TRUE(finished.wait_for(kJobs + 1));
  EXPECT_EQ(ok.load(), kJobs);
  EXPECT_EQ(count_keys(*db_, "user_id = 11"), kJobs);
}

// The write path's histograms count every batch, job and commit.
TEST_F(DbTest, WriteStatsCountBatchesJobsAndCommits) {
  const WriteStats& ws = db_->write_stats();
  const auto batches = ws.batch_size.snapshot().count, waits = ws.queue_wait_seconds.snapshot().count,
             jobs = ws.job_seconds.snapshot().count, commits = ws.commit_seconds.snapshot().count;
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(db_->write([&](Conn& c) { return insert_key(c, 12, std::to_string(i)); }).ok());
  EXPECT_EQ(ws.queue_wait_seconds.snapshot().count, waits + 3);
  EXPECT_EQ(ws.job_seconds.snapshot().count, jobs + 3);
  EXPECT_EQ(ws.batch_size.snapshot().count, batches + 3);  // sequential writes: one job a batch
  EXPECT_EQ(ws.commit_seconds.snapshot().count, commits + 3);
}

// A flag one thread raises and others wait for.
class Flag {
 public:
  void raise() {
    {
      std::lock_guard lk(mu_);
      up_ = true;
    }
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock lk(mu_);
    cv_.wait(lk, [&] { return up_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool up_ = false;
};

// PostgreSQL: a job of a batch that the server aborts for a deadlock (40P01) is rolled back to its
// savepoint and, after the batch commits, run again alone: it succeeds then, and its neighbour in
// the batch commits as usual.
TEST_F(DbTest, PostgresDeadlockedJobOfABatchIsRunAgainAlone) {
  if (db_->engine() != Engine::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  ASSERT_TRUE(db_->write([](Conn& c) -> Status {
    c.exec_script("CREATE TABLE dl (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);"
                  "INSERT INTO dl VALUES (1, 0), (2, 0)");
    return ok_status();
  }).ok());
  DbOptions o;
  o.url = url_;
  o.writers = 1;
  auto batcher = open_db(o);  // its jobs below share one transaction
  auto other = open_db(o);    // holds row 2, then wants row 1
  Flag batch_has_1, other_has_2, gate_open;
  std::atomic<int> runs{0};
  std::atomic<int64_t> batch_pid{0};
  Completions finished;
  std::promise<void> started;
  batcher->write_async([&](Conn&) {
                         started.set_value();
                         gate_open.wait();
                         return ok_status();
                       },
                       [&](Status) { finished.add(); });
  started.get_future().wait();
  Status job_status = Error::internal("not run"), neighbour_status = Error::internal("not run");
  batcher->write_async(
      [&](Conn& c) -> Status {
        runs++;
        batch_pid = c.query_one("SELECT pg_backend_pid()")->i64(0);
        c.exec("UPDATE dl SET v = 10 WHERE id = 1");
        batch_has_1.raise();
        other_has_2.wait();
        c.exec("UPDATE dl SET v = 10 WHERE id = 2");  // waits for `other`: the first to wait
        return ok_status();
      },
      [&](Status st) { job_status = std::move(st); finished.add(); },
      [&](std::exception_ptr) { finished.add(); });
  batcher->write_async([](Conn& c) { return insert_key(c, 13, "neighbour"); },
                       [&](Status st) { neighbour_status = std::move(st); finished.add(); });
  Status other_status = Error::internal("not run");
  other->write_async(
      [&](Conn& c) -> Status {
        c.exec("UPDATE dl SET v = 20 WHERE id = 2");
        other_has_2.raise();
        // Waits until the batch's job waits for row 2 (its backend, not any other), so that it
        // is the first to wait and so the deadlock's victim.
        while (c.query_one("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
                           {batch_pid.load()})->i64(0) == 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        c.exec("UPDATE dl SET v = 20 WHERE id = 1");
        return ok_status();
      },
      [&](Status st) { other_status = std::move(st); finished.add(); },
      [&](std::exception_ptr) { finished.add(); });
  gate_open.raise();
  ASSERT_TRUE(finished.wait_for(4));
  EXPECT_TRUE(other_status.ok());
  EXPECT_TRUE(neighbour_status.ok());
  EXPECT_TRUE(job_status.ok());
  EXPECT_EQ(runs.load(), 2);  // aborted once, then run again alone
  int64_t sum = 0;
  ASSERT_TRUE(db_->read([&](Conn& c) -> Status {
    sum = c.query_one("SELECT SUM(v) FROM dl")->i64(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(sum, 20);  // the retried job wrote both rows last
  EXPECT_EQ(count_keys(*db_, "user_id = 13"), 1);
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
