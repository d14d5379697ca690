// Result<T> and Error: expected failures are values, not exceptions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace xiaoan {

enum class ErrorCode {
  kInvalid,                 // 400
  kUnauthenticated,         // 401
  kBadCredentials,          // 401
  kForbidden,               // 403
  kCsrf,                    // 403
  kPasswordChangeRequired,  // 403
  kNotFound,                // 404
  kConflict,                // 409
  kTooLarge,                // 413
  kRuleViolation,           // 422
  kLocked,                  // 423
  kRateLimited,             // 429
  kInternal,                // 500
};

// An expected failure: a code, the field it concerns (may be empty), a message key from the
// catalogue in messages.cpp and the parameters the message interpolates.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string field;
  std::string message_key;
  std::map<std::string, std::string> params;

  static Error invalid(std::string field, std::string key,
                       std::map<std::string, std::string> params = {}) {
    return {ErrorCode::kInvalid, std::move(field), std::move(key), std::move(params)};
  }
  static Error not_found(std::string what) {
    return {ErrorCode::kNotFound, "", "not_found", {{"what", std::move(what)}}};
  }
  static Error forbidden(std::string key = "forbidden") {
    return {ErrorCode::kForbidden, "", std::move(key), {}};
  }
  static Error conflict(std::string field, std::string key,
                        std::map<std::string, std::string> params = {}) {
    return {ErrorCode::kConflict, std::move(field), std::move(key), std::move(params)};
  }
  static Error unauthenticated(std::string key = "unauthenticated") {
    return {ErrorCode::kUnauthenticated, "", std::move(key), {}};
  }
  static Error rule(std::string field, std::string key,
                    std::map<std::string, std::string> params = {}) {
    return {ErrorCode::kRuleViolation, std::move(field), std::move(key), std::move(params)};
  }
  static Error internal(std::string detail) {
    return {ErrorCode::kInternal, "", "internal", {{"detail", std::move(detail)}}};
  }
  Error& with(std::string k, std::string v) {
    params[std::move(k)] = std::move(v);
    return *this;
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace xiaoan

// Propagate an error from an expression returning Result<…>.
#define XA_TRY(expr)                          \
  do {                                        \
    auto xa_try_r_ = (expr);                  \
    if (!xa_try_r_.ok()) return xa_try_r_.error(); \
  } while (0)

#define XA_CONCAT_INNER(a, b) a##b
#define XA_CONCAT(a, b) XA_CONCAT_INNER(a, b)
#define XA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.error();             \
  lhs = std::move(tmp).value()
// XA_ASSIGN(auto x, f()); declares x from a successful Result or returns its error.
#define XA_ASSIGN(lhs, expr) XA_ASSIGN_OR_RETURN_IMPL(XA_CONCAT(xa_r_, __LINE__), lhs, expr)
