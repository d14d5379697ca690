// Storage on two engines behind one interface. SQL is written once with $1…$n placeholders.
// Failures of the database itself are exceptions (DbError): they are unexpected. A unique-key
// violation is reported as DbError with kind kUnique so services can turn it into a conflict.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
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

  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
};

// A unit of work that runs inside one transaction. Returning an error rolls it back.
using TxFn = std::function<Status(Conn&)>;
using ReadFn = std::function<Status(Conn&)>;

class Db {
 public:
  virtual ~Db() = default;
  virtual Engine engine() const = 0;
  // Runs fn on a pooled read connection (no transaction guarantees beyond a consistent statement).
  virtual Status read(const ReadFn& fn) = 0;
  // Runs fn in a write transaction and returns once it is durable (or rolled back).
  virtual Status write(const TxFn& fn) = 0;
  // Writes waiting in the queue (SQLite's single writer); 0 where there is no queue.
  virtual size_t writer_queue_depth() const { return 0; }
  // Online backup to a file (SQLite); an error for engines that use their own tools.
  virtual Status backup_to(const std::string& path) = 0;
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
