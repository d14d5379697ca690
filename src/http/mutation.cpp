#include "http/mutation.h"
#include "http/repo_sql.h"

#include "auth/audit.h"
#include "core/time.h"

namespace xiaoan::http {
namespace {

struct Stored {
  std::string method, path;
  int status;
  std::string body;
  bool secret = false;
};

std::optional<Stored> find_key(store::Conn& c, int64_t user, const std::string& key, int64_t now) {
  auto r = c.query_one(sql::kIdempotencyKey, {user, key, now - kIdempotencyWindowMs});
  if (!r) return std::nullopt;
  return Stored{r->str(0), r->str(1), static_cast<int>(r->i64(2)), r->str(3), r->i64(4) != 0};
}

std::optional<Stored> find_key(store::Db& db, int64_t user, const std::string& key, int64_t now) {
  std::optional<Stored> out;
  Status st = db.read([&](store::Conn& c) -> Status {
    out = find_key(c, user, key, now);
    return ok_status();
  });
  (void)st;
  return out;
}

Response replay(const Stored& s, const Request& req) {
  if (s.method != req.method || s.path != req.path)
    return Response::error({ErrorCode::kRuleViolation, "Idempotency-Key", "idempotency_mismatch", {}},
                           req.lang);
  if (s.secret)  // done once; its secret was shown once and is not kept
    return Response::error(Error::conflict("Idempotency-Key", "idempotency_secret_replay"), req.lang)
        .header("Idempotent-Replayed", "true");
  Response r;
  r.status = s.status;
  r.body = s.body;
  if (s.body.empty()) r.content_type.clear();
  r.header("Idempotent-Replayed", "true");
  return r;
}

// What a keyed write needs of its request, copied: a write answered later outlives the request.
struct Call {
  std::string key, method, path, ip;
  int64_t user = 0;
  int64_t now = 0;
  Lang lang = Lang::kZh;
  std::shared_ptr<const auth::Principal> principal;  // null on public routes
};

Result<Call> call_of(const Ctx& ctx) {
  const Request& req = ctx.req;
  Call k{req.header("idempotency-key"), req.method, req.path, req.remote_ip, 0, now_millis(), req.lang,
         ctx.principal ? std::make_shared<const auth::Principal>(*ctx.principal) : nullptr};
  // Keys are per caller: a staff account, or a family's phone (negative: family sessions have no
  // user), so that one family can never replay another's answer.
  k.user = !ctx.principal ? 0
           : ctx.principal->family_session_id ? -*ctx.principal->family_session_id
                                               : ctx.principal->user_id;
  if (!k.key.empty()) {
    bool visible = k.key.size() <= 128;
    for (unsigned char ch : k.key) visible = visible && ch > 0x20 && ch < 0x7f;
    if (!visible) return Error::invalid("Idempotency-Key", "idempotency_key_format");
  }
  return k;
}

Response replay(const Stored& s, const Call& k) {
  Request req;
  req.method = k.method;
  req.path = k.path;
  req.lang = k.lang;
  return replay(s, req);
}

// The write's transaction: the stored answer of a repeated key, or fn's change with its answer
// stored under the key. Sets `out` (an answer) or `err` (fn's error; the change is rolled back).
Status keyed_write(store::Conn& c, const Call& k, const std::function<Result<Response>(store::Conn&)>& fn,
                   std::optional<Response>& out, std::optional<Error>& err) {
  // The stored answer is looked up in the write's own transaction: one round trip on
  // PostgreSQL instead of a read transaction of its own before every keyed write.
  if (!k.key.empty())
    if (auto s = find_key(c, k.user, k.key, k.now)) {
      out = replay(*s, k);
      if (s->secret && k.principal) {
        auto [org_id, org_path] = auth::user_org(k.principal->grants);
        auth::audit(c, k.principal.get(), k.ip,
                    {"idempotency.secret_replay", "request", "", org_id, org_path, nullptr,
                     {{"method", k.method}, {"path", s->path}}});
      }
      return ok_status();
    }
  auto r = fn(c);
  if (!r.ok()) {
    err = r.error();
    return r.error();  // roll back
  }
  if (!k.key.empty()) {
    c.exec(sql::kDeleteStaleIdempotencyKey, {k.user, k.key, k.now - kIdempotencyWindowMs});
    c.exec(sql::kInsertIdempotencyKey,
           {k.user, k.key, k.method, k.path, static_cast<int64_t>(r->status),
            r->secret ? std::string() : r->body, k.now, int64_t{r->secret ? 1 : 0}});
  }
  out = std::move(r).value();
  return ok_status();
}

}  // namespace

Response mutate(Ctx& ctx, store::Db& db, const MutationFn& fn) {
  auto call = call_of(ctx);
  if (!call.ok()) return Response::error(call.error(), ctx.req.lang);
  const Call& k = *call;
  std::optional<Response> out;
  std::optional<Error> err;
  try {
    (void)db.write([&](store::Conn& c) { return keyed_write(c, k, fn, out, err); });
  } catch (const store::DbError& e) {
    // A concurrent request with the same key committed first: answer with its response.
    if (e.kind() == store::DbError::Kind::kUnique && !k.key.empty()) {
      if (auto s = find_key(db, k.user, k.key, k.now)) return replay(*s, k);
    }
    throw;
  }
  if (err) return Response::error(*err, k.lang);
  return std::move(*out);
}

Response mutate_later(Ctx& ctx, store::Db& db, LaterMutationFn fn, std::optional<uint64_t> affinity) {
  auto call = call_of(ctx);
  if (!call.ok()) return Response::error(call.error(), ctx.req.lang);
  if (!call->principal) return Response::error(Error::internal("mutate_later needs a caller"), ctx.req.lang);
  struct State {
    Call k;
    LaterMutationFn fn;
    std::optional<Response> out;
    std::optional<Error> err;
    std::shared_ptr<Pending> pending = std::make_shared<Pending>();
  };
  auto st = std::make_shared<State>(State{std::move(*call), std::move(fn), {}, {}});
  auto job = [st](store::Conn& c) -> Status {
    st->out.reset();  // PostgreSQL may run a job again (a deadlock victim)
    st->err.reset();
    return keyed_write(c, st->k, [&](store::Conn& conn) { return st->fn(conn, *st->k.principal); },
                       st->out, st->err);
  };
  auto done = [st](Status) {
    if (st->err) st->pending->complete(Response::error(*st->err, st->k.lang));
    else if (st->out) st->pending->complete(std::move(*st->out));
    else st->pending->complete(Response::error(Error::internal("write"), st->k.lang));
  };
  auto failed = [st, &db](std::exception_ptr e) {
    auto unique = [&] {
      try {
        std::rethrow_exception(e);
      } catch (const store::DbError& d) {
        return d.kind() == store::DbError::Kind::kUnique;
      } catch (...) {
        return false;
      }
    }();
    if (unique && !st->k.key.empty()) {
      // A concurrent request with the same key committed first: its answer is stored now. Looked
      // up by another queued job, so that this callback does not wait for a connection.
      auto found = std::make_shared<std::optional<Stored>>();
      db.write_async(
          [st, found](store::Conn& c) -> Status {
            *found = find_key(c, st->k.user, st->k.key, st->k.now);
            return ok_status();
          },
          [st, found](Status) {
            st->pending->complete(*found ? replay(**found, st->k)
                                         : Response::error(Error::conflict("", "conflict_retry"), st->k.lang));
          },
          [st](std::exception_ptr) { st->pending->complete(Response::error(Error::internal("storage"), st->k.lang)); });
      return;
    }
    // As the pipeline answers a storage failure of a blocking write.
    st->pending->complete(unique ? Response::error(Error::conflict("", "conflict_retry"), st->k.lang)
                                 : Response::error(Error::internal("storage"), st->k.lang));
  };
  if (affinity) db.write_async_on(*affinity, std::move(job), std::move(done), std::move(failed));
  else db.write_async(std::move(job), std::move(done), std::move(failed));
  return Response::later(st->pending);
}

}  // namespace xiaoan::http
