// Small helpers that keep handlers thin: parse → service → serialize.
#pragma once

#include <functional>
#include <type_traits>

#include "core/json_input.h"
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

// A write answered after its commit without a thread waiting for it (mutate_later): fn runs on
// the writer with the caller's principal, after the handler has returned, so it owns what it uses.
using LaterJsonFn = std::function<Result<Json>(store::Conn&, const auth::Principal&)>;
Response write_json_later(Ctx& ctx, store::Db& db, int status, LaterJsonFn fn,
                          std::optional<uint64_t> affinity = std::nullopt);
// The same write when its preparation failed with `e`: a retry of a request whose answer is stored
// under its Idempotency-Key replays that answer; otherwise `e` is the answer.
Response later_error(Ctx& ctx, store::Db& db, const Error& e);

// A write in two steps, for the hot paths: `prepare(conn)` runs in a read (lookups, policy,
// validation, authorization; nothing is written) and gives a Plan, then `apply(conn, principal,
// plan)` runs on the writer through mutate_later and answers `status` once committed. The plan is
// moved into the writer's job and must own everything apply needs (never the request); apply is
// copied there too. What prepare read may change before apply runs: apply reads again what its
// writes depend on (docs/decisions/0014-prepared-writes.md). When `write_affinity(plan)` is
// declared beside the plan's type, the write goes to that key's writer (store::Db::write_async_on).
template <class Plan, class Prepare, class Apply>
Response prepared_write(Ctx& ctx, store::Db& db, int status, Prepare&& prepare, Apply apply) {
  std::optional<Result<Plan>> plan;
  Status st = db.read([&](store::Conn& c) -> Status {
    plan.emplace(prepare(c));
    return ok_status();
  });
  if (!st.ok()) return fail(ctx, st.error());
  if (!plan->ok()) return later_error(ctx, db, plan->error());
  auto owned = std::make_shared<const Plan>(std::move(**plan));
  std::optional<uint64_t> affinity;
  if constexpr (requires(const Plan& p) { write_affinity(p); }) affinity = write_affinity(*owned);
  return write_json_later(
      ctx, db, status, [owned, apply](store::Conn& c, const auth::Principal& who) { return apply(c, who, *owned); },
      affinity);
}

// The common shapes of a handler: the route's {id} (when `with_id`) and JSON body (writes)
// parsed, then `fn` run in a read or through mutate().
using IdReadFn = std::function<Result<Json>(store::Conn&, int64_t id)>;
using IdWriteFn = std::function<Result<Json>(store::Conn&, int64_t id, const Json& body)>;
using BodyWriteFn = std::function<Result<Json>(store::Conn&, const Json& body)>;
Response read_by_id(const Ctx& ctx, store::Db& db, const IdReadFn& fn);
Response write_by_id(Ctx& ctx, store::Db& db, int status, const IdWriteFn& fn);
Response write_body(Ctx& ctx, store::Db& db, int status, const BodyWriteFn& fn);
// A write on the route's {id} that reads no body: fn(conn, id) through mutate().
Response write_on_id(Ctx& ctx, store::Db& db, int status, const IdReadFn& fn, bool secret = false);

// A request's typed input: the JSON body read by `parse` (Result<In>(const Json&)).
template <class Parse>
auto body_input(const Ctx& ctx, Parse&& parse) -> std::invoke_result_t<Parse&, const Json&> {
  XA_ASSIGN(Json body, body_object(ctx));
  return parse(body);
}
// A write on the route's {id} with the input `parse` reads from the JSON body before the
// transaction (a malformed id, body or field answers at once): fn(conn, id, input) through mutate().
template <class Parse, class F>
Response write_input_by_id(Ctx& ctx, store::Db& db, int status, Parse&& parse, F&& fn) {
  auto id = path_id(ctx);
  if (!id.ok()) return fail(ctx, id.error());
  auto in = body_input(ctx, parse);
  if (!in.ok()) return fail(ctx, in.error());
  return write_json(ctx, db, status, [&](store::Conn& c) { return fn(c, *id, *in); });
}

// A query parameter's value, "" when absent.
std::string query_str(const Ctx& ctx, const char* name);
// A read on the org node named by the required org_id query parameter.
Response read_by_org(const Ctx& ctx, store::Db& db, const IdReadFn& fn);

// Handlers made from a module's service functions, for the routes that only pass on what the
// request carries: the caller (`as(ctx)`: a module's actor, or the principal), the language
// where the function takes it, the route's {id} or org_id, the JSON body. Reads run in a read,
// writes through mutate() answering `status`. A route that needs more keeps its own lambda.
//   const http::Services<Actor> svc(db, actor);
//   r.add({..., svc.write_id(201, add_staff_check)});
template <class A>
class Services {
 public:
  template <class... Args>
  using Fn = Result<Json> (*)(store::Conn&, const A&, Args...);
  template <class Name>
  using QueryValue = const std::string&;  // one per query parameter's name

  Services(store::Db& db, A (*as)(const Ctx&)) : db_(&db), as_(as) {}

  Handler read(Fn<> fn) const {
    return in_read([fn](store::Conn& c, const A& a, const Ctx&) { return fn(c, a); });
  }
  Handler read(Fn<Lang> fn) const {
    return in_read([fn](store::Conn& c, const A& a, const Ctx& ctx) { return fn(c, a, ctx.lang()); });
  }
  // `q...`: names of query parameters whose values ("" when absent) follow the id / org.
  template <class... Names>
  Handler read_id(Fn<int64_t, QueryValue<Names>...> fn, Names... q) const {
    return on_id([fn, q...](store::Conn& c, const A& a, const Ctx& ctx, int64_t id) {
      return fn(c, a, id, query_str(ctx, q)...);
    });
  }
  Handler read_id(Fn<Lang, int64_t> fn) const {
    return on_id([fn](store::Conn& c, const A& a, const Ctx& ctx, int64_t id) {
      return fn(c, a, ctx.lang(), id);
    });
  }
  template <class... Names>
  Handler read_org(Fn<int64_t, QueryValue<Names>...> fn, Names... q) const {
    return on_org([fn, q...](store::Conn& c, const A& a, const Ctx& ctx, int64_t org) {
      return fn(c, a, org, query_str(ctx, q)...);
    });
  }
  Handler write(int status, Fn<const Json&> fn) const {
    return with_body(status, [fn](store::Conn& c, const A& a, const Ctx&, const Json& b) {
      return fn(c, a, b);
    });
  }
  Handler write(int status, Fn<Lang, const Json&> fn) const {
    return with_body(status, [fn](store::Conn& c, const A& a, const Ctx& ctx, const Json& b) {
      return fn(c, a, ctx.lang(), b);
    });
  }
  Handler write_id(int status, Fn<int64_t, const Json&> fn) const {
    return with_id_body(status, [fn](store::Conn& c, const A& a, const Ctx&, int64_t id, const Json& b) {
      return fn(c, a, id, b);
    });
  }
  Handler write_id(int status, Fn<Lang, int64_t, const Json&> fn) const {
    return with_id_body(status,
                        [fn](store::Conn& c, const A& a, const Ctx& ctx, int64_t id, const Json& b) {
                          return fn(c, a, ctx.lang(), id, b);
                        });
  }

  // A prepared write (prepared_write): `prepare(conn, caller, [id,] body)` in a read, then
  // `apply(conn, principal, plan)` on the writer, answered once committed.
  template <class Plan>
  Handler write_id_later(int status, Result<Plan> (*prepare)(store::Conn&, const A&, int64_t, const Json&),
                         Result<Json> (*apply)(store::Conn&, const auth::Principal&, const Plan&)) const {
    return [db = db_, as = as_, prepare, apply, status](Ctx& ctx) {
      auto id = path_id(ctx);
      if (!id.ok()) return fail(ctx, id.error());
      auto body = body_object(ctx);
      if (!body.ok()) return fail(ctx, body.error());
      return prepared_write<Plan>(
          ctx, *db, status, [&](store::Conn& c) { return prepare(c, as(ctx), *id, *body); }, apply);
    };
  }
  template <class Plan>
  Handler write_later(int status, Result<Plan> (*prepare)(store::Conn&, const A&, const Json&),
                      Result<Json> (*apply)(store::Conn&, const auth::Principal&, const Plan&)) const {
    return [db = db_, as = as_, prepare, apply, status](Ctx& ctx) {
      auto body = body_object(ctx);
      if (!body.ok()) return fail(ctx, body.error());
      return prepared_write<Plan>(
          ctx, *db, status, [&](store::Conn& c) { return prepare(c, as(ctx), *body); }, apply);
    };
  }

 private:
  // `call(conn, caller, ctx, ...)` run by read_json / read_by_id / read_by_org / write_body /
  // write_by_id.
  template <class Call>
  Handler in_read(Call call) const {
    return [db = db_, as = as_, call](Ctx& ctx) {
      return read_json(ctx, *db, [&](store::Conn& c) { return call(c, as(ctx), ctx); });
    };
  }
  template <class Call>
  Handler on_id(Call call) const {
    return [db = db_, as = as_, call](Ctx& ctx) {
      return read_by_id(ctx, *db, [&](store::Conn& c, int64_t id) { return call(c, as(ctx), ctx, id); });
    };
  }
  template <class Call>
  Handler on_org(Call call) const {
    return [db = db_, as = as_, call](Ctx& ctx) {
      return read_by_org(ctx, *db, [&](store::Conn& c, int64_t org) { return call(c, as(ctx), ctx, org); });
    };
  }
  template <class Call>
  Handler with_body(int status, Call call) const {
    return [db = db_, as = as_, call, status](Ctx& ctx) {
      return write_body(ctx, *db, status,
                        [&](store::Conn& c, const Json& b) { return call(c, as(ctx), ctx, b); });
    };
  }
  template <class Call>
  Handler with_id_body(int status, Call call) const {
    return [db = db_, as = as_, call, status](Ctx& ctx) {
      return write_by_id(ctx, *db, status, [&](store::Conn& c, int64_t id, const Json& b) {
        return call(c, as(ctx), ctx, id, b);
      });
    };
  }

  store::Db* db_;
  A (*as_)(const Ctx&);
};

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
