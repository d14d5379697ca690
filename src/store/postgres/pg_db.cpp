// PostgreSQL engine: pools of libpq connections, one for reads and one for writes (so that reads
// never wait for a connection held by a write waiting for its commit); each write is one
// transaction on one connection.
#include <libpq-fe.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
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
    std::string msg = PQresultErrorMessage(r);
    if (msg.empty()) msg = PQerrorMessage(conn_);
    PQclear(r);
    DbError::Kind kind = DbError::Kind::kOther;
    if (state == "23505") kind = DbError::Kind::kUnique;
    else if (state == "23503") kind = DbError::Kind::kForeignKey;
    else if (PQstatus(conn_) != CONNECTION_OK) kind = DbError::Kind::kConnection;
    throw DbError(kind, msg);
  }

  PGconn* conn_ = nullptr;
  // Statements built with a variable number of terms (IN lists) could grow this without end.
  static constexpr size_t kMaxPrepared = 2000;
  std::unordered_map<std::string, std::string> prepared_;  // text and types → statement name
};

class PgDb final : public Db {
 public:
  explicit PgDb(const DbOptions& options) : url_(options.url) {
    for (int i = 0; i < std::max(1, options.readers); ++i) readers_.free.push_back(std::make_unique<PgConn>(url_));
    for (int i = 0; i < std::max(1, options.writers); ++i) writers_.free.push_back(std::make_unique<PgConn>(url_));
  }

  Engine engine() const override { return Engine::kPostgres; }

  Status read(const ReadFn& fn) override {
    return with_conn(readers_, [&](PgConn& c) -> Status {
      c.exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      return finish(c, fn);
    });
  }

  Status write(const TxFn& fn) override {
    return with_conn(writers_, [&](PgConn& c) -> Status {
      c.exec_script("BEGIN");
      return finish(c, fn);
    });
  }

  Status backup_to(const std::string&) override {
    return Error::invalid("engine", "invalid_value", {{"value", "postgresql: use pg_dump"}});
  }

 private:
  static Status finish(PgConn& c, const TxFn& fn) {
    try {
      Status st = fn(c);
      c.exec_script(st.ok() ? "COMMIT" : "ROLLBACK");
      return st;
    } catch (...) {
      try {
        c.exec_script("ROLLBACK");
      } catch (...) {
      }
      throw;
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
  Pool readers_, writers_;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const DbOptions& options) {
  return std::make_unique<PgDb>(options);
}

}  // namespace xiaoan::store
