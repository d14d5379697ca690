// Storage on two engines behind one interface. SQL is written once with $1…$n placeholders.
// Failures of the database itself are exceptions (DbError): they are unexpected. A unique-key
// violation is reported as DbError with kind kUnique so services can turn it into a conflict.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace xiaoan::store {

enum class Engine { kSqlite, kPostgres };
std::string_view engine_name(Engine e);

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

// Helper to pass an optional as a parameter.
template <class T>
Value opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Value(*v);
}

class DbError : public std::runtime_error {
 public:
  enum class Kind { kOther, kUnique, kForeignKey, kConnection };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Row {
 public:
  explicit Row(std::vector<Value> v) : v_(std::move(v)) {}
  bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(v_.at(i)); }
  int64_t i64(size_t i) const;
  double f64(size_t i) const;
  std::string str(size_t i) const;
  std::optional<int64_t> opt_i64(size_t i) const;
  std::optional<std::string> opt_str(size_t i) const;
  size_t size() const { return v_.size(); }

 private:
  std::vector<Value> v_;
};

using Rows = std::vector<Row>;

class Conn {
 public:
  virtual ~Conn() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement and returns the number of rows changed.
  virtual int64_t exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  virtual Engine engine() const = 0;
  // Appends rows to a table in bulk, in the order given, for seeding and imports: PostgreSQL
  // streams them in one COPY … FROM STDIN (one round trip for the whole call); the default
  // (SQLite, in process) runs one prepared single-row INSERT per row, bound by index. `table` and
  // `columns` are identifiers written in code, never input; every row holds one value per column
  // (throws std::invalid_argument otherwise). A failing row (a unique or foreign-key violation)
  // throws DbError as exec() does; rows before it may be in the transaction, which the thrown
  // exception rolls back as any other (a write job's savepoint).
  virtual void insert_rows(std::string_view table, const std::vector<std::string_view>& columns,
                           const std::vector<Params>& rows);

  std::optional<Row> query_one(std::string_view sql, const Params& params = {});

 protected:
  // insert_rows' " (a, b, c)" after checking that every row has one value per column
  // (std::invalid_argument otherwise).
  static std::string insert_columns(const std::vector<std::string_view>& columns,
                                    const std::vector<Params>& rows);
};

// A unit of work that runs inside one transaction. Returning an error rolls it back.
using TxFn = std::function<Status(Conn&)>;
using ReadFn = std::function<Status(Conn&)>;

// Called once when a write_async job is over: with fn's Status after COMMIT returned (the
// write is durable) or after its rollback (fn returned an error).
using WriteDone = std::function<void(Status)>;
// Called instead of WriteDone when fn, or BEGIN/COMMIT of its transaction, threw: with what was
// thrown (a DbError of kind kUnique for a unique violation, …). Nothing of fn's work is committed.
using WriteFailed = std::function<void(std::exception_ptr)>;

// A histogram with fixed upper bounds; observe() and snapshot() may be called from any thread.
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double value);
  struct Snapshot {
    std::vector<double> bounds;    // ascending upper bounds (le); +Inf is implied after them
    std::vector<uint64_t> counts;  // per bucket, NOT cumulative: bounds.size() + 1 (last: > bounds)
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot snapshot() const;

 private:
  const std::vector<double> bounds_;
  mutable std::mutex mu_;
  std::vector<uint64_t> counts_;
  double sum_ = 0;
  uint64_t count_ = 0;
};

// How the write path of one Db performs (rendered at GET /metrics by app/). Observed by the
// writer threads of both engines.
struct WriteStats {
  Histogram batch_size;          // jobs per transaction (group commit)
  Histogram queue_wait_seconds;  // write_async() / write() called → the job's fn starts
  Histogram job_seconds;         // the job's fn (and its savepoint) on the writer
  Histogram commit_seconds;      // COMMIT sent → returned, i.e. durable
  WriteStats();
};

class Db {
 public:
  virtual ~Db() = default;
  virtual Engine engine() const = 0;
  // Runs fn on a pooled read connection (no transaction guarantees beyond a consistent statement).
  virtual Status read(const ReadFn& fn) = 0;
  // Runs fn in a write transaction and returns once it is durable (or rolled back); rethrows what
  // fn (or the transaction) threw. Called from inside a write job on the writer thread (a nested
  // write), fn runs inline in the caller's transaction. The engines implement it on write_async.
  virtual Status write(const TxFn& fn) = 0;
  // Queues fn to run in a write transaction and returns at once, never blocking the caller (no
  // lock held for longer than a queue push). Exactly one of done/failed runs exactly once: after
  // COMMIT has returned (SQLite synchronous=FULL, PostgreSQL commit acknowledged), after fn's
  // rollback, or with what was thrown. When `failed` is empty an exception is passed to `done` as
  // Error::internal(what()). The engines group queued jobs into one transaction with a SAVEPOINT
  // per job, so a job's error or exception rolls back only that job.
  // The callbacks run on the engine's writer thread, after the transaction: they must be quick and
  // must not block (hand off to another thread); they may call write_async, never write() (that
  // would wait for the thread it runs on: it throws DbError instead). fn must have no effects
  // outside the connection but its outputs: PostgreSQL may run it again, alone, when the database
  // aborted it for a deadlock with another writer's batch. Jobs still queued when the Db is
  // destroyed are run and committed first.
  // The default (for test doubles) runs write() on the caller's thread.
  virtual void write_async(TxFn fn, WriteDone done, WriteFailed failed = {});
  // write_async for a write that touches the rows of `key` (the hot paths pass the school): the
  // writes of one key run on one writer, batch after batch, so two batches never wait for each
  // other's locks on those rows (PostgreSQL's writer connections; SQLite has one writer anyway).
  virtual void write_async_on(uint64_t key, TxFn fn, WriteDone done, WriteFailed failed = {}) {
    (void)key;
    write_async(std::move(fn), std::move(done), std::move(failed));
  }
  // Writes waiting in the queue; 0 where there is no queue.
  virtual size_t writer_queue_depth() const { return 0; }
  // Online backup to a file (SQLite); an error for engines that use their own tools.
  virtual Status backup_to(const std::string& path) = 0;
  // Histograms of the write path (empty for test doubles).
  const WriteStats& write_stats() const { return stats_; }
  // Durability tests only (xiaoan --test-hold-write-batches): from now on the first batch of two
  // or more jobs is held, its changes made but not committed, until the process is killed; the
  // writer says so on stderr ("holding a batch of N writes"), so a test can kill -9 mid-batch.
  void hold_batches_for_test() { hold_batches_ = true; }

 protected:
  // Called by the engines between a batch's last job and its COMMIT (see hold_batches_for_test).
  void hold_if_testing(size_t jobs) const;
  // write() for engines with a queue: write_async and a wait for its outcome.
  Status write_and_wait(const TxFn& fn);
  // Runs a finished job's callbacks; an exception thrown by one is swallowed (the writer goes on).
  static void deliver(const WriteDone& done, const WriteFailed& failed, Status st,
                      std::exception_ptr error);
  WriteStats stats_;
  std::atomic<bool> hold_batches_{false};
};

struct DbOptions {
  std::string url;          // sqlite:PATH or postgresql://…
  int readers = 4;          // pooled read connections
  int writers = 8;          // PostgreSQL: pooled write connections (SQLite has one writer)
  int group_commit_max = 256;
};

// Opens the database named by the URL. Throws DbError when it cannot.
std::unique_ptr<Db> open_db(const DbOptions& options);

}  // namespace xiaoan::store
