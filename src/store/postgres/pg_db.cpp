// PostgreSQL engine: a pool of libpq connections for reads, and one writer thread per write
// connection (so that reads never wait for a connection held by a write waiting for its commit).
//
// Threading of the write path:
//  - Each writer thread owns one connection and one queue. write_async() (any thread) pushes a
//    Job onto the shortest queue under qmu_ and returns at once; write_async_on(key, …) onto the
//    queue of writer key % writers, so that the writes of one key (the hot paths use the school)
//    run one batch after another on one connection and never wait for each other's row locks.
//  - A writer takes its queued jobs (at most group_commit_max) and runs them in ONE transaction: BEGIN, per job SAVEPOINT … RELEASE (ROLLBACK TO on the job's error
//    or exception, so that only that job is undone), COMMIT. A lone job runs without a savepoint.
//    Its done/failed callbacks run on that writer thread after COMMIT has returned, i.e. once the
//    commit is acknowledged (synchronous_commit as the server is configured). A failed COMMIT, or
//    one PostgreSQL turned into a ROLLBACK, fails every job of the batch.
//  - Jobs of different batches hold their row locks until their batch commits, so two batches can
//    deadlock; PostgreSQL then aborts one job (40P01). Such a job (or a serialization failure,
//    40001) is rolled back to its savepoint and, after its batch commits, run again alone in its
//    own transaction, where the outcome is final as it was before batching.
//  - write() is write_async plus a wait (Db::write_and_wait); a write() from inside a job runs
//    inline on the job's connection, in its savepoint; one from a callback throws.
//  - The destructor stops the writers only once the queue is empty, so queued jobs still commit.
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/db.h"

namespace xiaoan::store {
namespace {

constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700, kBool = 16, kOidOid = 26;

class PgConn final : public Conn {
 public:
  explicit PgConn(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError(DbError::Kind::kConnection, "cannot connect to PostgreSQL: " + msg);
    }
    PQclear(PQexec(conn_, "SET client_min_messages TO warning"));
  }
  ~PgConn() override { PQfinish(conn_); }

  Engine engine() const override { return Engine::kPostgres; }

  Rows query(std::string_view sql, const Params& params) override {
    PGresult* r = run(sql, params);
    Rows rows;
    int n = PQntuples(r), cols = PQnfields(r);
    rows.reserve(n);
    for (int i = 0; i < n; ++i) {
      std::vector<Value> row;
      row.reserve(cols);
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(r, i, c)) {
          row.emplace_back(nullptr);
          continue;
        }
        const char* s = PQgetvalue(r, i, c);
        switch (PQftype(r, c)) {
          case kInt8: case kInt2: case kInt4: case kOidOid:
            row.emplace_back(static_cast<int64_t>(std::strtoll(s, nullptr, 10)));
            break;
          case kFloat4: case kFloat8: case kNumeric:
            row.emplace_back(std::strtod(s, nullptr));
            break;
          case kBool:
            row.emplace_back(static_cast<int64_t>(s[0] == 't'));
            break;
          default:
            row.emplace_back(std::string(s, PQgetlength(r, i, c)));
        }
      }
      rows.emplace_back(std::move(row));
    }
    PQclear(r);
    return rows;
  }

  int64_t exec(std::string_view sql, const Params& params) override {
    PGresult* r = run(sql, params);
    const char* n = PQcmdTuples(r);
    int64_t changed = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
    PQclear(r);
    return changed;
  }

  void exec_script(std::string_view sql) override {
    std::string s(sql);
    PGresult* r = PQexec(conn_, s.c_str());
    check(r);
    PQclear(r);
  }

  // COPY table (columns) FROM STDIN in text format: the rows stream in buffers of ~256 KiB and
  // the server answers once, at the end.
  void insert_rows(std::string_view table, const std::vector<std::string_view>& columns,
                   const std::vector<Params>& rows) override {
    std::string sql = "COPY " + std::string(table) + insert_columns(columns, rows) + " FROM STDIN";
    if (rows.empty()) return;
    PGresult* r = PQexec(conn_, sql.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
      check(r);  // throws: the COPY was refused (unknown table or column…)
      PQclear(r);
      throw DbError(DbError::Kind::kOther, "COPY did not start: " + sql);
    }
    PQclear(r);
    std::string buf;
    buf.reserve(kCopyChunk + 4096);
    bool sent = true;
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) buf.push_back('\t');
        append_copy_value(buf, row[i]);
      }
      buf.push_back('\n');
      if (buf.size() >= kCopyChunk) {
        sent = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
        buf.clear();
        if (!sent) break;
      }
    }
    if (sent && !buf.empty()) sent = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
    if (sent) sent = PQputCopyEnd(conn_, nullptr) == 1;
    // Every result is read, so that the connection is ready for the next statement; the first
    // failure is thrown (classified as check() does).
    PGresult* failed = nullptr;
    while (PGresult* res = PQgetResult(conn_)) {
      auto st = PQresultStatus(res);
      if (st != PGRES_COMMAND_OK && !failed) failed = res;
      else PQclear(res);
    }
    if (failed) check(failed);
    if (!sent)
      throw DbError(DbError::Kind::kConnection, std::string("COPY failed: ") + PQerrorMessage(conn_));
  }

  // COMMIT, and a DbError when the server did not commit (an aborted transaction "commits" as
  // ROLLBACK without an error).
  void commit() {
    PGresult* r = PQexec(conn_, "COMMIT");
    check(r);
    std::string tag = PQcmdStatus(r);
    PQclear(r);
    if (tag != "COMMIT") throw DbError(DbError::Kind::kOther, "the transaction was rolled back: " + tag);
  }

  // The SQLSTATE of the last error this connection threw ("" if none).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  void clear_sqlstate() { last_sqlstate_.clear(); }

  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  void reset() {
    PQreset(conn_);
    prepared_.clear();  // a new session has none of them
  }

 private:
  PGresult* run(std::string_view sql, const Params& params) {
    std::vector<Oid> types(params.size());
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (auto p = std::get_if<int64_t>(&v)) {
        types[i] = kInt8;
        texts[i] = std::to_string(*p);
        values[i] = texts[i].c_str();
      } else if (auto p = std::get_if<double>(&v)) {
        types[i] = kFloat8;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *p);
        texts[i] = buf;
        values[i] = texts[i].c_str();
      } else if (auto p = std::get_if<std::string>(&v)) {
        types[i] = kText;
        values[i] = p->c_str();
      } else {
        types[i] = 0;
        values[i] = nullptr;
      }
    }
    // Each statement is prepared once per connection (keyed by its text and parameter types) and
    // executed by name after that: PostgreSQL parses and plans it once, not on every call.
    std::string key(sql);
    key.push_back('\0');
    for (Oid t : types) key += std::to_string(t) + ",";
    const int n = static_cast<int>(params.size());
    auto it = prepared_.find(key);
    if (it == prepared_.end() && prepared_.size() < kMaxPrepared) {
      std::string name = "xa" + std::to_string(prepared_.size() + 1);
      std::string s(sql);
      check(PQprepare(conn_, name.c_str(), s.c_str(), n, types.data()), true);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    PGresult* r = it != prepared_.end()
                      ? PQexecPrepared(conn_, it->second.c_str(), n, values.data(), nullptr, nullptr, 0)
                      : PQexecParams(conn_, std::string(sql).c_str(), n, types.data(), values.data(),
                                     nullptr, nullptr, 0);
    check(r);
    return r;
  }

  // Throws DbError unless r succeeded; frees r when it throws, or when `release` is set.
  void check(PGresult* r, bool release = false) {
    auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
      if (release) PQclear(r);
      return;
    }
    const char* state_p = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string state = state_p ? state_p : "";
    last_sqlstate_ = state;
    std::string msg = PQresultErrorMessage(r);
    if (msg.empty()) msg = PQerrorMessage(conn_);
    PQclear(r);
    DbError::Kind kind = DbError::Kind::kOther;
    if (state == "23505") kind = DbError::Kind::kUnique;
    else if (state == "23503") kind = DbError::Kind::kForeignKey;
    else if (PQstatus(conn_) != CONNECTION_OK) kind = DbError::Kind::kConnection;
    throw DbError(kind, msg);
  }

  // COPY's text format: \N for NULL; backslash, tab, newline and carriage return escaped.
  static void append_copy_value(std::string& buf, const Value& v) {
    if (auto p = std::get_if<int64_t>(&v)) {
      buf += std::to_string(*p);
    } else if (auto p = std::get_if<double>(&v)) {
      char num[64];
      std::snprintf(num, sizeof num, "%.17g", *p);
      buf += num;
    } else if (auto p = std::get_if<std::string>(&v)) {
      for (char ch : *p) {
        switch (ch) {
          case '\\': buf += "\\\\"; break;
          case '\t': buf += "\\t"; break;
          case '\n': buf += "\\n"; break;
          case '\r': buf += "\\r"; break;
          default: buf.push_back(ch);
        }
      }
    } else {
      buf += "\\N";
    }
  }
  static constexpr size_t kCopyChunk = 256 * 1024;

  PGconn* conn_ = nullptr;
  std::string last_sqlstate_;
  // Statements built with a variable number of terms (IN lists) could grow this without end.
  static constexpr size_t kMaxPrepared = 2000;
  std::unordered_map<std::string, std::string> prepared_;  // text and types → statement name
};

// Set on a writer thread: its Db, and the connection of the job running now (nullptr between jobs).
thread_local const Db* tl_writer_of = nullptr;
thread_local PgConn* tl_job_conn = nullptr;

class PgDb final : public Db {
 public:
  explicit PgDb(const DbOptions& options)
      : url_(options.url), group_max_(std::max(1, options.group_commit_max)) {
    for (int i = 0; i < std::max(1, options.readers); ++i) readers_.free.push_back(std::make_unique<PgConn>(url_));
    for (int i = 0; i < std::max(1, options.writers); ++i) writer_conns_.push_back(std::make_unique<PgConn>(url_));
    queues_.resize(writer_conns_.size());
    for (size_t i = 0; i < writer_conns_.size(); ++i) cvs_.push_back(std::make_unique<std::condition_variable>());
    for (size_t i = 0; i < writer_conns_.size(); ++i)
      writers_.emplace_back([this, i] { writer_loop(*writer_conns_[i], i); });
  }

  ~PgDb() override {
    {
      std::lock_guard lk(qmu_);
      stopping_ = true;
    }
    for (auto& cv : cvs_) cv->notify_all();
    for (auto& t : writers_) t.join();  // each drains its queue first
  }

  Engine engine() const override { return Engine::kPostgres; }

  Status read(const ReadFn& fn) override {
    return with_conn(readers_, [&](PgConn& c) -> Status {
      c.exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        Status st = fn(c);
        c.exec_script("COMMIT");
        return st;
      } catch (...) {
        try {
          c.exec_script("ROLLBACK");
        } catch (...) {
        }
        throw;
      }
    });
  }

  Status write(const TxFn& fn) override {
    if (tl_writer_of == this) {
      if (tl_job_conn) return fn(*tl_job_conn);  // nested: inline, in the caller's savepoint
      throw DbError(DbError::Kind::kOther, "write() from a write_async callback would deadlock");
    }
    return write_and_wait(fn);
  }

  void write_async(TxFn fn, WriteDone done, WriteFailed failed) override {
    size_t i;
    {
      std::lock_guard lk(qmu_);
      i = 0;
      for (size_t k = 1; k < queues_.size(); ++k)
        if (queues_[k].size() < queues_[i].size()) i = k;
      queues_[i].push_back({std::move(fn), std::move(done), std::move(failed), Clock::now()});
    }
    cvs_[i]->notify_one();
  }

  void write_async_on(uint64_t key, TxFn fn, WriteDone done, WriteFailed failed) override {
    const size_t i = key % queues_.size();
    {
      std::lock_guard lk(qmu_);
      queues_[i].push_back({std::move(fn), std::move(done), std::move(failed), Clock::now()});
    }
    cvs_[i]->notify_one();
  }

  size_t writer_queue_depth() const override {
    std::lock_guard lk(qmu_);
    size_t n = 0;
    for (const auto& q : queues_) n += q.size();
    return n;
  }

  Status backup_to(const std::string&) override {
    return Error::invalid("engine", "invalid_value", {{"value", "postgresql: use pg_dump"}});
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Job {
    TxFn fn;
    WriteDone done;
    WriteFailed failed;
    Clock::time_point queued;
  };
  struct Outcome {
    Status status = ok_status();
    std::exception_ptr error;
    bool retry = false;  // aborted by a deadlock or serialization failure: run again alone
  };
  static double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

  void writer_loop(PgConn& c, size_t index) {
    tl_writer_of = this;
    std::deque<Job>& queue = queues_[index];
    std::vector<Job> batch;
    for (;;) {
      {
        std::unique_lock lk(qmu_);
        cvs_[index]->wait(lk, [&] { return stopping_ || !queue.empty(); });
        if (queue.empty() && stopping_) return;
        while (!queue.empty() && batch.size() < group_max_) {
          batch.push_back(std::move(queue.front()));
          queue.pop_front();
        }
      }
      if (!c.healthy()) c.reset();
      if (batch.size() == 1) run_alone(c, batch.front());
      else run_batch(c, batch);
      batch.clear();
    }
  }

  // Runs fn with tl_job_conn set (for nested writes) and its time observed.
  Status run_job(PgConn& c, Job& j) {
    struct Scope {
      explicit Scope(PgConn& c) { tl_job_conn = &c; }
      ~Scope() { tl_job_conn = nullptr; }
    } scope(c);
    return j.fn(c);
  }

  // One job in its own transaction (no savepoint): its outcome is final.
  void run_alone(PgConn& c, Job& j) {
    stats_.batch_size.observe(1);
    const auto start = Clock::now();
    stats_.queue_wait_seconds.observe(seconds(start - j.queued));
    Status st = ok_status();
    std::exception_ptr error;
    try {
      c.exec_script("BEGIN");
      try {
        st = run_job(c, j);
      } catch (...) {
        stats_.job_seconds.observe(seconds(Clock::now() - start));
        throw;
      }
      stats_.job_seconds.observe(seconds(Clock::now() - start));
      if (st.ok()) {
        const auto commit_start = Clock::now();
        c.commit();
        stats_.commit_seconds.observe(seconds(Clock::now() - commit_start));
      } else {
        c.exec_script("ROLLBACK");
      }
    } catch (...) {
      error = std::current_exception();
      try {
        c.exec_script("ROLLBACK");
      } catch (...) {
      }
    }
    deliver(j.done, j.failed, std::move(st), error);
  }

  // One transaction for the batch, each job in a savepoint; callbacks after COMMIT.
  void run_batch(PgConn& c, std::vector<Job>& batch) {
    std::vector<Outcome> results(batch.size());
    stats_.batch_size.observe(static_cast<double>(batch.size()));
    try {
      c.exec_script("BEGIN");
    } catch (...) {
      auto e = std::current_exception();
      for (Job& j : batch) deliver(j.done, j.failed, ok_status(), e);
      return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      Job& j = batch[i];
      const auto start = Clock::now();
      stats_.queue_wait_seconds.observe(seconds(start - j.queued));
      try {
        c.exec_script("SAVEPOINT job");
        c.clear_sqlstate();
        Status st = run_job(c, j);
        if (st.ok()) c.exec_script("RELEASE job");
        else c.exec_script("ROLLBACK TO job; RELEASE job");
        results[i].status = std::move(st);
      } catch (...) {
        const std::string& state = c.last_sqlstate();
        results[i].retry = state == "40P01" || state == "40001";
        results[i].error = std::current_exception();
        // If this fails too, the transaction stays aborted and COMMIT fails the whole batch.
        try {
          c.exec_script("ROLLBACK TO job; RELEASE job");
        } catch (...) {
        }
      }
      stats_.job_seconds.observe(seconds(Clock::now() - start));
    }
    hold_if_testing(batch.size());
    const auto commit_start = Clock::now();
    try {
      c.commit();
    } catch (...) {
      auto e = std::current_exception();
      try {
        c.exec_script("ROLLBACK");
      } catch (...) {
      }
      for (Job& j : batch) deliver(j.done, j.failed, ok_status(), e);
      return;
    }
    stats_.commit_seconds.observe(seconds(Clock::now() - commit_start));
    for (size_t i = 0; i < batch.size(); ++i) {
      if (results[i].retry) {
        batch[i].queued = Clock::now();
        run_alone(c, batch[i]);
      } else {
        deliver(batch[i].done, batch[i].failed, std::move(results[i].status), results[i].error);
      }
    }
  }

  struct Pool {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<std::unique_ptr<PgConn>> free;
  };

  template <class F>
  static Status with_conn(Pool& pool, F&& f) {
    std::unique_ptr<PgConn> c;
    {
      std::unique_lock lk(pool.mu);
      pool.cv.wait(lk, [&] { return !pool.free.empty(); });
      c = std::move(pool.free.back());
      pool.free.pop_back();
    }
    if (!c->healthy()) c->reset();
    struct Return {
      Pool& pool;
      std::unique_ptr<PgConn>& c;
      ~Return() {
        {
          std::lock_guard lk(pool.mu);
          pool.free.push_back(std::move(c));
        }
        pool.cv.notify_one();
      }
    } give_back{pool, c};
    return f(*c);
  }

  std::string url_;
  size_t group_max_;
  Pool readers_;
  std::vector<std::unique_ptr<PgConn>> writer_conns_;
  std::vector<std::thread> writers_;
  mutable std::mutex qmu_;
  std::vector<std::deque<Job>> queues_;  // one per writer
  std::vector<std::unique_ptr<std::condition_variable>> cvs_;
  bool stopping_ = false;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const DbOptions& options) {
  return std::make_unique<PgDb>(options);
}

}  // namespace xiaoan::store
