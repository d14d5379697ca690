// SQL statements of the idempotency store of mutating requests.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::http::sql {

// A stored idempotent answer of a user's key, if still fresh.
inline constexpr std::string_view kIdempotencyKey =
    "SELECT method, path, status, body, secret FROM idempotency_keys "
    "WHERE user_id = $1 AND idem_key = $2 AND created_at >= $3";

// Deletes a user's expired idempotency key.
inline constexpr std::string_view kDeleteStaleIdempotencyKey =
    "DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2 AND created_at < $3";

// Stores the answer to an idempotent request.
inline constexpr std::string_view kInsertIdempotencyKey =
    "INSERT INTO idempotency_keys (user_id, idem_key, method, path, status, body, "
    "created_at, secret) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)";

}  // namespace xiaoan::http::sql
