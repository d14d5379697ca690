#include "store/db.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <thread>

namespace xiaoan::store {

std::string_view engine_name(Engine e) { return e == Engine::kSqlite ? "sqlite" : "postgresql"; }

int64_t Row::i64(size_t i) const {
  const Value& v = v_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = v_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
  return 0;
}

std::string Row::str(size_t i) const {
  const Value& v = v_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::optional<std::string> Row::opt_str(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

std::string Conn::insert_columns(const std::vector<std::string_view>& columns,
                                 const std::vector<Params>& rows) {
  for (const auto& row : rows)
    if (row.size() != columns.size())
      throw std::invalid_argument("insert_rows: a row of " + std::to_string(row.size()) +
                                  " values for " + std::to_string(columns.size()) + " columns");
  std::string out = " (";
  for (size_t i = 0; i < columns.size(); ++i) out += (i ? ", " : "") + std::string(columns[i]);
  return out + ")";
}

void Conn::insert_rows(std::string_view table, const std::vector<std::string_view>& columns,
                       const std::vector<Params>& rows) {
  std::string sql = "INSERT INTO " + std::string(table) + insert_columns(columns, rows) + " VALUES (";
  if (rows.empty()) return;
  for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", $" : "$") + std::to_string(i + 1);
  sql += ")";
  for (const auto& row : rows) exec(sql, row);
}

std::optional<Row> Conn::query_one(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::observe(double value) {
  // The first bucket whose upper bound is >= value (Prometheus' le); past the last: +Inf.
  size_t i = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  std::lock_guard lk(mu_);
  counts_[i]++;
  sum_ += value;
  count_++;
}

Histogram::Snapshot Histogram::snapshot() const {
  std::lock_guard lk(mu_);
  return {bounds_, counts_, sum_, count_};
}

namespace {
std::vector<double> seconds_buckets() {
  return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
          0.025,   0.05,   0.1,     0.25,   0.5,   1,      2.5,   5};
}
}  // namespace

WriteStats::WriteStats()
    : batch_size({1, 2, 4, 8, 16, 32, 64, 128, 256, 512}),
      queue_wait_seconds(seconds_buckets()),
      job_seconds(seconds_buckets()),
      commit_seconds(seconds_buckets()) {}

void Db::write_async(TxFn fn, WriteDone done, WriteFailed failed) {
  Status st = ok_status();
  std::exception_ptr error;
  try {
    st = write(fn);
  } catch (...) {
    error = std::current_exception();
  }
  deliver(done, failed, std::move(st), error);
}

void Db::hold_if_testing(size_t jobs) const {
  if (!hold_batches_ || jobs < 2) return;
  std::fprintf(stderr, "store: test: holding a batch of %zu writes before its commit until killed\n", jobs);
  std::fflush(stderr);
  for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}

void Db::deliver(const WriteDone& done, const WriteFailed& failed, Status st,
                 std::exception_ptr error) {
  try {
    if (!error) {
      if (done) done(std::move(st));
    } else if (failed) {
      failed(error);
    } else if (done) {
      std::string what = "write failed";
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      done(Error::internal(what));
    }
  } catch (...) {
  }
}

Status Db::write_and_wait(const TxFn& fn) {
  // fn is referenced, not copied: the caller waits here until the job is over.
  auto promise = std::make_shared<std::promise<Status>>();
  auto future = promise->get_future();
  write_async([&fn](Conn& c) { return fn(c); },
              [promise](Status st) { promise->set_value(std::move(st)); },
              [promise](std::exception_ptr e) { promise->set_exception(e); });
  return future.get();  // rethrows what the job threw
}

std::unique_ptr<Db> open_sqlite(const DbOptions& options, const std::string& path);
std::unique_ptr<Db> open_postgres(const DbOptions& options);

std::unique_ptr<Db> open_db(const DbOptions& options) {
  const std::string& url = options.url;
  if (url.rfind("sqlite:", 0) == 0) return open_sqlite(options, url.substr(7));
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return open_postgres(options);
  throw DbError(DbError::Kind::kConnection,
                "unknown database URL (use sqlite:PATH or postgresql://…): " + url);
}

}  // namespace xiaoan::store
