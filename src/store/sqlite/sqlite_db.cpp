// SQLite engine: WAL, foreign keys, busy timeout, pooled readers, a single writer thread that
// commits queued write transactions in groups (one fsync for many acknowledged writes), and a
// checkpointer thread that copies the WAL back into the database outside the writer's commits.
//
// Threading of the write path:
//  - write_async() (any thread) pushes a Job onto queue_ under qmu_ and returns at once.
//  - The writer thread (writer_loop) is the only user of writer_conn_. It takes up to
//    group_commit_max jobs, runs them in ONE transaction (BEGIN IMMEDIATE … COMMIT), each job in
//    its own SAVEPOINT so that a job's error or exception rolls back only that job, and then runs
//    each job's done/failed callback on the writer thread, after COMMIT has returned (synchronous
//    = FULL: durable). A failed COMMIT fails every job of the batch. Callbacks must not block.
//  - write() is write_async plus a wait (Db::write_and_wait); a write() from inside a job (the
//    writer thread, in_job_) runs inline in that job's savepoint; one from a callback throws.
//  - The destructor stops the writer only once the queue is empty, so queued jobs still commit.
//  - Readers are a pool of query_only connections, each used by one thread at a time.
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/db.h"

namespace xiaoan::store {
namespace {

enum class Role { kWriter, kReader, kCheckpointer };

class SqliteConn final : public Conn {
 public:
  SqliteConn(const std::string& path, Role role) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw DbError(DbError::Kind::kConnection, "cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec_script("PRAGMA foreign_keys=ON");
    // On a city's 1.6 GB database SQLite's 2 MB page cache makes every transaction read its
    // B-tree pages back from the OS with pread (bench/run --profile): the writer keeps 64 MB of
    // pages, each reader 32 MB. (Mapping the file instead made every write that grew it remap
    // the readers' views: TLB shootdowns halved the wave.)
    switch (role) {
      case Role::kWriter:
        exec_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;");
        break;
      case Role::kReader: exec_script("PRAGMA query_only=ON; PRAGMA cache_size=-32768;"); break;
      case Role::kCheckpointer: exec_script("PRAGMA synchronous=FULL; PRAGMA cache_size=-1024;"); break;
    }
  }
  ~SqliteConn() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st.st);
    sqlite3_close(db_);
  }

  Engine engine() const override { return Engine::kSqlite; }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    Rows rows;
    int cols = sqlite3_column_count(st);
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(st, rc);
      std::vector<Value> row;
      row.reserve(cols);
      for (int i = 0; i < cols; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, i))); break;
          case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(st, i)); break;
          case SQLITE_NULL: row.emplace_back(nullptr); break;
          default: {
            auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            row.emplace_back(std::string(p, sqlite3_column_bytes(st, i)));
          }
        }
      }
      rows.emplace_back(std::move(row));
    }
    sqlite3_reset(st);
    return rows;
  }

  int64_t exec(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc = sqlite3_step(st);
    while (rc == SQLITE_ROW) rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) fail(st, rc);
    sqlite3_reset(st);
    return sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw DbError(classify(sqlite3_extended_errcode(db_)), msg);
    }
  }

  sqlite3* handle() { return db_; }

 private:
  static DbError::Kind classify(int rc) {
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
      return DbError::Kind::kUnique;
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return DbError::Kind::kForeignKey;
    return DbError::Kind::kOther;
  }

  [[noreturn]] void fail(sqlite3_stmt* st, int) {
    int ext = sqlite3_extended_errcode(db_);
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(st);
    throw DbError(classify(ext), msg);
  }

  // A prepared statement and, for each parameter number $1…$n, its SQLite bind index (0 when the
  // statement does not use it): found once at prepare, so a call binds by index.
  struct Stmt {
    sqlite3_stmt* st;
    std::vector<int> index_of;
  };
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(sql);  // no copy of the text on a hit
    if (it == cache_.end()) {
      sqlite3_stmt* st;
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
        throw DbError(DbError::Kind::kOther,
                      std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
      Stmt entry{st, {}};
      for (int idx = 1, n = sqlite3_bind_parameter_count(st); idx <= n; ++idx) {
        const char* name = sqlite3_bind_parameter_name(st, idx);
        if (!name || name[0] != '$') continue;
        long number = std::strtol(name + 1, nullptr, 10);
        if (number < 1) continue;
        if (entry.index_of.size() < static_cast<size_t>(number)) entry.index_of.resize(number, 0);
        entry.index_of[number - 1] = idx;
      }
      it = cache_.emplace(std::string(sql), std::move(entry)).first;
    }
    sqlite3_stmt* st = it->second.st;
    const std::vector<int>& index_of = it->second.index_of;
    sqlite3_clear_bindings(st);
    for (size_t i = 0; i < params.size() && i < index_of.size(); ++i) {
      int idx = index_of[i];
      if (idx == 0) continue;  // placeholder not used by this statement
      const Value& v = params[i];
      if (auto p = std::get_if<int64_t>(&v)) sqlite3_bind_int64(st, idx, *p);
      else if (auto p = std::get_if<double>(&v)) sqlite3_bind_double(st, idx, *p);
      else if (auto p = std::get_if<std::string>(&v))
        sqlite3_bind_text(st, idx, p->data(), static_cast<int>(p->size()), SQLITE_TRANSIENT);
      else sqlite3_bind_null(st, idx);
    }
    return st;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Stmt, TextHash, std::equal_to<>> cache_;
};

class SqliteDb final : public Db {
 public:
  SqliteDb(const DbOptions& options, std::string path)
      : path_(std::move(path)), group_max_(std::max(1, options.group_commit_max)) {
    writer_conn_ = std::make_unique<SqliteConn>(path_, Role::kWriter);
    for (int i = 0; i < std::max(1, options.readers); ++i)
      free_readers_.push_back(std::make_unique<SqliteConn>(path_, Role::kReader));
    // Replaces SQLite's auto-checkpoint, which would run inside the commit that crosses the
    // threshold: copying ~1,000 pages into the database file and its fsync then sat in the
    // latency of every write of that group (the gate checks' p99, docs/benchmarks.md).
    checkpoint_conn_ = std::make_unique<SqliteConn>(path_, Role::kCheckpointer);
    sqlite3_wal_hook(writer_conn_->handle(), &SqliteDb::on_wal_commit, this);
    checkpointer_ = std::thread([this] { checkpoint_loop(); });
    writer_ = std::thread([this] { writer_loop(); });
  }

  ~SqliteDb() override {
    {
      std::lock_guard lk(qmu_);
      stopping_ = true;
    }
    qcv_.notify_all();
    writer_.join();  // drains the queue first
    {
      std::lock_guard lk(cmu_);
      checkpoint_stop_ = true;
    }
    ccv_.notify_all();
    checkpointer_.join();
  }

  Engine engine() const override { return Engine::kSqlite; }

  Status read(const ReadFn& fn) override {
    std::unique_ptr<SqliteConn> conn;
    {
      std::unique_lock lk(rmu_);
      rcv_.wait(lk, [&] { return !free_readers_.empty(); });
      conn = std::move(free_readers_.back());
      free_readers_.pop_back();
    }
    struct Return {
      SqliteDb* self;
      std::unique_ptr<SqliteConn>& c;
      ~Return() {
        {
          std::lock_guard lk(self->rmu_);
          self->free_readers_.push_back(std::move(c));
        }
        self->rcv_.notify_one();
      }
    } give_back{this, conn};
    conn->exec("BEGIN", {});  // one snapshot for the whole read
    try {
      Status st = fn(*conn);
      conn->exec("COMMIT", {});
      return st;
    } catch (...) {
      conn->exec("ROLLBACK", {});
      throw;
    }
  }

  Status write(const TxFn& fn) override {
    if (std::this_thread::get_id() == writer_.get_id()) {
      if (in_job_) return fn(*writer_conn_);  // nested: inline, in the caller's savepoint
      throw DbError(DbError::Kind::kOther, "write() from a write_async callback would deadlock");
    }
    return write_and_wait(fn);
  }

  void write_async(TxFn fn, WriteDone done, WriteFailed failed) override {
    {
      std::lock_guard lk(qmu_);
      queue_.push_back({std::move(fn), std::move(done), std::move(failed), Clock::now()});
    }
    qcv_.notify_one();
  }

  size_t writer_queue_depth() const override {
    std::lock_guard lk(qmu_);
    return queue_.size();
  }

  // Online backup: copies every page in one step from a fresh connection, i.e. from one
  // consistent snapshot, while the server keeps writing (WAL).
  Status backup_to(const std::string& dest) override {
    sqlite3* src = nullptr;
    sqlite3* out = nullptr;
    Status result = ok_status();
    if (sqlite3_open_v2(path_.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
        sqlite3_open(dest.c_str(), &out) != SQLITE_OK) {
      result = Error::internal("cannot open the backup source or destination");
    } else if (sqlite3_backup* b = sqlite3_backup_init(out, "main", src, "main")) {
      int rc = sqlite3_backup_step(b, -1);
      if (rc != SQLITE_DONE) result = Error::internal(sqlite3_errstr(rc));
      if (sqlite3_backup_finish(b) != SQLITE_OK && result.ok())
        result = Error::internal(sqlite3_errmsg(out));
    } else {
      result = Error::internal(sqlite3_errmsg(out));
    }
    sqlite3_close(src);
    sqlite3_close(out);
    return result;
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Job {
    TxFn fn;
    WriteDone done;
    WriteFailed failed;
    Clock::time_point queued;
  };
  static double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

  // Called on the writer thread after each commit with the WAL's size in pages. The checkpointer
  // is woken once per kCheckpointPages of new WAL. While writes keep coming it never catches the
  // WAL's end, so the WAL would grow without end: past kWriterCheckpointPages the writer copies
  // the short remainder itself, and its next transaction starts the WAL over.
  static int on_wal_commit(void* self, sqlite3* conn, const char*, int pages) {
    auto* db = static_cast<SqliteDb*>(self);
    if (pages < db->signalled_pages_) db->signalled_pages_ = 0;  // the WAL started over
    if (pages >= kWriterCheckpointPages) {
      sqlite3_wal_checkpoint_v2(conn, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      db->signalled_pages_ = 0;
    } else if (pages >= db->signalled_pages_ + kCheckpointPages) {
      db->signalled_pages_ = pages;
      {
        std::lock_guard lk(db->cmu_);
        db->checkpoint_due_ = true;
      }
      db->ccv_.notify_one();
    }
    return SQLITE_OK;
  }

  // PASSIVE checkpoints never block the writer or the readers; they copy what no reader still
  // needs, and the writer starts the WAL over once all of it is copied. A WAL below the threshold
  // is copied after a quiet second, so the file does not keep an old tail.
  void checkpoint_loop() {
    sqlite3* db = checkpoint_conn_->handle();
    for (;;) {
      {
        std::unique_lock lk(cmu_);
        ccv_.wait_for(lk, std::chrono::seconds(1), [&] { return checkpoint_stop_ || checkpoint_due_; });
        if (checkpoint_stop_) return;
        checkpoint_due_ = false;
      }
      sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
  }

  void writer_loop() {
    std::vector<Job> batch;
    for (;;) {
      {
        std::unique_lock lk(qmu_);
        qcv_.wait(lk, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        while (!queue_.empty() && static_cast<int>(batch.size()) < group_max_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      run_batch(batch);
      batch.clear();
    }
  }

  // One transaction for the batch; each job in its own savepoint so one failure rolls back
  // only that job. Callbacks run after COMMIT returns, i.e. once durable. The transaction
  // statements are prepared once (the connection's statement cache), not parsed per job.
  void run_batch(std::vector<Job>& batch) {
    struct Outcome {
      Status status = ok_status();
      std::exception_ptr error;
    };
    std::vector<Outcome> results(batch.size());
    SqliteConn& c = *writer_conn_;
    stats_.batch_size.observe(static_cast<double>(batch.size()));
    try {
      c.exec("BEGIN IMMEDIATE", {});
    } catch (...) {
      auto e = std::current_exception();
      for (Job& j : batch) deliver(j.done, j.failed, ok_status(), e);
      return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      Job& j = batch[i];
      const auto start = Clock::now();
      stats_.queue_wait_seconds.observe(seconds(start - j.queued));
      in_job_ = true;
      try {
        c.exec("SAVEPOINT job", {});
        Status st = j.fn(c);
        if (st.ok()) {
          c.exec("RELEASE job", {});
        } else {
          c.exec("ROLLBACK TO job", {});
          c.exec("RELEASE job", {});
        }
        results[i].status = std::move(st);
      } catch (...) {
        results[i].error = std::current_exception();
        try {
          c.exec("ROLLBACK TO job", {});
          c.exec("RELEASE job", {});
        } catch (...) {
        }
      }
      in_job_ = false;
      stats_.job_seconds.observe(seconds(Clock::now() - start));
    }
    hold_if_testing(batch.size());
    const auto commit_start = Clock::now();
    try {
      c.exec("COMMIT", {});
    } catch (...) {
      auto e = std::current_exception();
      try {
        c.exec("ROLLBACK", {});
      } catch (...) {
      }
      for (Job& j : batch) deliver(j.done, j.failed, ok_status(), e);
      return;
    }
    stats_.commit_seconds.observe(seconds(Clock::now() - commit_start));
    for (size_t i = 0; i < batch.size(); ++i)
      deliver(batch[i].done, batch[i].failed, std::move(results[i].status), results[i].error);
  }

  static constexpr int kCheckpointPages = 1000;  // SQLite's own auto-checkpoint threshold
  static constexpr int kWriterCheckpointPages = 4000;

  std::string path_;
  int group_max_;
  std::unique_ptr<SqliteConn> writer_conn_;
  std::unique_ptr<SqliteConn> checkpoint_conn_;
  std::thread writer_;
  std::thread checkpointer_;
  std::mutex cmu_;
  std::condition_variable ccv_;
  bool checkpoint_due_ = false;
  bool checkpoint_stop_ = false;
  int signalled_pages_ = 0;  // writer thread only
  mutable std::mutex qmu_;
  std::condition_variable qcv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  bool in_job_ = false;  // writer thread only: a job's fn is running
  std::mutex rmu_;
  std::condition_variable rcv_;
  std::vector<std::unique_ptr<SqliteConn>> free_readers_;
};

}  // namespace

std::unique_ptr<Db> open_sqlite(const DbOptions& options, const std::string& path) {
  return std::make_unique<SqliteDb>(options, path);
}

}  // namespace xiaoan::store
