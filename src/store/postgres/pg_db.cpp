// PostgreSQL engine: a pool of libpq connections; each write is one transaction on one connection.
#include <libpq-fe.h>

#include <condition_variable>
#include <cstring>
#include <mutex>

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
  void reset() { PQreset(conn_); }

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
    std::string s(sql);
    PGresult* r = PQexecParams(conn_, s.c_str(), static_cast<int>(params.size()), types.data(),
                               values.data(), nullptr, nullptr, 0);
    check(r);
    return r;
  }

  void check(PGresult* r) {
    auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return;
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
};

class PgDb final : public Db {
 public:
  explicit PgDb(const DbOptions& options) : url_(options.url) {
    int n = std::max(1, options.readers);
    for (int i = 0; i < n; ++i) free_.push_back(std::make_unique<PgConn>(url_));
  }

  Engine engine() const override { return Engine::kPostgres; }

  Status read(const ReadFn& fn) override {
    return with_conn([&](PgConn& c) -> Status {
      c.exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      return finish(c, fn);
    });
  }

  Status write(const TxFn& fn) override {
    return with_conn([&](PgConn& c) -> Status {
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

  template <class F>
  Status with_conn(F&& f) {
    std::unique_ptr<PgConn> c;
    {
      std::unique_lock lk(mu_);
      cv_.wait(lk, [&] { return !free_.empty(); });
      c = std::move(free_.back());
      free_.pop_back();
    }
    if (!c->healthy()) c->reset();
    struct Return {
      PgDb* self;
      std::unique_ptr<PgConn>& c;
      ~Return() {
        {
          std::lock_guard lk(self->mu_);
          self->free_.push_back(std::move(c));
        }
        self->cv_.notify_one();
      }
    } give_back{this, c};
    return f(*c);
  }

  std::string url_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConn>> free_;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const DbOptions& options) {
  return std::make_unique<PgDb>(options);
}

}  // namespace xiaoan::store
