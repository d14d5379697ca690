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

}  // namespace

Response mutate(Ctx& ctx, store::Db& db, const MutationFn& fn) {
  const Request& req = ctx.req;
  std::string key = req.header("idempotency-key");
  // Keys are per caller: a staff account, or a family's phone (negative: family sessions have no
  // user), so that one family can never replay another's answer.
  int64_t user = !ctx.principal ? 0
                 : ctx.principal->family_session_id ? -*ctx.principal->family_session_id
                                                     : ctx.principal->user_id;
  int64_t now = now_millis();
  if (!key.empty()) {
    bool visible = key.size() <= 128;
    for (unsigned char ch : key) visible = visible && ch > 0x20 && ch < 0x7f;
    if (!visible)
      return Response::error(Error::invalid("Idempotency-Key", "idempotency_key_format"), req.lang);
  }
  std::optional<Response> out;
  std::optional<Error> err;
  try {
    // The stored answer is looked up in the write's own transaction: one round trip on
    // PostgreSQL instead of a read transaction of its own before every keyed write.
    Status st = db.write([&](store::Conn& c) -> Status {
      if (!key.empty())
        if (auto s = find_key(c, user, key, now)) {
          out = replay(*s, req);
          if (s->secret && ctx.principal) {
            auto [org_id, org_path] = auth::user_org(ctx.principal->grants);
            auth::audit(c, ctx.principal, req.remote_ip,
                        {"idempotency.secret_replay", "request", "", org_id, org_path, nullptr,
                         {{"method", req.method}, {"path", s->path}}});
          }
          return ok_status();
        }
      auto r = fn(c);
      if (!r.ok()) {
        err = r.error();
        return r.error();  // roll back
      }
      if (!key.empty()) {
        c.exec(sql::kDeleteStaleIdempotencyKey, {user, key, now - kIdempotencyWindowMs});
        c.exec(sql::kInsertIdempotencyKey,
               {user, key, req.method, req.path, static_cast<int64_t>(r->status),
                r->secret ? std::string() : r->body, now, int64_t{r->secret ? 1 : 0}});
      }
      out = std::move(r).value();
      return ok_status();
    });
    (void)st;
  } catch (const store::DbError& e) {
    // A concurrent request with the same key committed first: answer with its response.
    if (e.kind() == store::DbError::Kind::kUnique && !key.empty()) {
      if (auto s = find_key(db, user, key, now)) return replay(*s, req);
    }
    throw;
  }
  if (err) return Response::error(*err, req.lang);
  return std::move(*out);
}

}  // namespace xiaoan::http
