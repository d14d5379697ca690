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

// The same write, answered when it is durable without a thread waiting for the commit (the
// response is Response::later). fn runs later on the writer, after the handler has returned: it
// must own everything it uses (capture by value, never the Ctx or the request) and gets the
// caller's principal, copied. It may run more than once (PostgreSQL retries a deadlock victim).
// `affinity`: the key of the rows it writes (store::Db::write_async_on), e.g. the school.
using LaterMutationFn = std::function<Result<Response>(store::Conn&, const auth::Principal&)>;
Response mutate_later(Ctx& ctx, store::Db& db, LaterMutationFn fn,
                      std::optional<uint64_t> affinity = std::nullopt);

// How long a key is remembered.
constexpr int64_t kIdempotencyWindowMs = 24LL * 3600 * 1000;

}  // namespace xiaoan::http
