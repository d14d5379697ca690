// Every write goes through mutate(): one transaction for the change, its audit row and, when the
// client sent an Idempotency-Key, the stored response — so a retry replays it instead of
// writing twice, even if the first attempt's response was lost.
#pragma once

#include <functional>

#include "http/router.h"
#include "store/db.h"

namespace xiaoan::http {

using MutationFn = std::function<Result<Response>(store::Conn&)>;

Response mutate(Ctx& ctx, store::Db& db, const MutationFn& fn);

// How long a key is remembered.
constexpr int64_t kIdempotencyWindowMs = 24LL * 3600 * 1000;

}  // namespace xiaoan::http
