#include "store/db.h"

#include <string>

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

std::optional<Row> Conn::query_one(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
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
