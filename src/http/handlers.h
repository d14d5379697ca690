// Small helpers that keep handlers thin: parse → service → serialize.
#pragma once

#include <functional>

#include "http/mutation.h"
#include "http/router.h"
#include "store/db.h"

namespace xiaoan::http {

inline Response fail(const Ctx& ctx, const Error& e) { return Response::error(e, ctx.lang()); }

Result<Json> body_object(const Ctx& ctx);
Result<int64_t> path_id(const Ctx& ctx, const char* name = "id");
// Optional id from the query string (an error names the parameter when it is malformed).
Result<std::optional<int64_t>> query_id(const Ctx& ctx, const char* name);
// An integer query parameter clamped to [min, max], `dflt` when absent.
Result<int> query_int(const Ctx& ctx, const char* name, int dflt, int min, int max);

// Runs a read and answers 200 with its JSON (or the error).
Response read_json(const Ctx& ctx, store::Db& db,
                   const std::function<Result<Json>(store::Conn&)>& fn);
// Runs a write through mutate() and answers `status` with its JSON (204 when status is 204).
// `secret`: the answer carries a secret, so it is not kept for an idempotent replay.
Response write_json(Ctx& ctx, store::Db& db, int status,
                    const std::function<Result<Json>(store::Conn&)>& fn, bool secret = false);

// The common shapes of a handler: the route's {id} (when `with_id`) and JSON body (writes)
// parsed, then `fn` run in a read or through mutate().
using IdReadFn = std::function<Result<Json>(store::Conn&, int64_t id)>;
using IdWriteFn = std::function<Result<Json>(store::Conn&, int64_t id, const Json& body)>;
using BodyWriteFn = std::function<Result<Json>(store::Conn&, const Json& body)>;
Response read_by_id(const Ctx& ctx, store::Db& db, const IdReadFn& fn);
Response write_by_id(Ctx& ctx, store::Db& db, int status, const IdWriteFn& fn);
Response write_body(Ctx& ctx, store::Db& db, int status, const BodyWriteFn& fn);
// A query parameter's value, "" when absent.
std::string query_str(const Ctx& ctx, const char* name);

// Schema shorthands for OpenAPI fragments.
Json ref(const std::string& schema);
Json array_of(const Json& item);
Json object_schema(const Json& properties, const std::vector<std::string>& required);
// An object whose fields are all known (additionalProperties: false): every property is required
// except those named in `optional`.
Json closed_object(const Json& properties, const std::vector<std::string>& optional = {});
// `schema` or null (OpenAPI 3.1: a type array, or oneOf with null for a $ref).
Json nullable(const Json& schema);
// A string from a closed code set.
Json enum_of(const std::vector<std::string>& values);
// An object whose content is really free-form (x-free-form); `why` says what it holds and why.
Json free_form(const std::string& why);

}  // namespace xiaoan::http
