// The in-app notification centre and the webhook channels per org node.
#include "daily/common.h"
#include "daily/repo_dynamic.h"
#include "daily/repo_sql_notifications.h"
#include "daily/webhook.h"
#include "store/sql.h"

#include <algorithm>

namespace xiaoan::daily {
namespace {

// The caller's grants as notifications are addressed.
repo::Addressees addressees(const auth::Principal& who) {
  repo::Addressees to;
  for (const auto& g : who.grants)
    to.emplace_back(std::string(auth::role_name(g.role)), g.org_path);
  return to;
}

}  // namespace

Result<Json> list_notifications(store::Conn& c, const Actor& a, bool unread_only) {
  auto page = repo::notifications(c, a.who.user_id, addressees(a.who),
                                  a.now - int64_t{30} * 24 * 3600 * 1000, unread_only);
  Json items = Json::array();
  for (const auto& r : page.rows)
    items.push_back({{"id", id_str(r.i64(0))}, {"kind", r.str(1)}, {"title", r.str(2)},
                     {"body", r.str(3)}, {"link", r.str(4)}, {"created_at", iso_utc(r.i64(5))},
                     {"read", !r.is_null(6)}, {"org_name", r.str(7)}});
  return Json{{"unread", page.unread}, {"items", items}};
}

Result<Json> mark_notifications_read(store::Conn& c, const Actor& a, std::optional<int64_t> id) {
  int64_t n = repo::mark_notifications_read(c, a.who.user_id, addressees(a.who), a.now, id);
  if (id && n == 0 && !c.query_one(sql::kNotificationRead, {*id, a.who.user_id}))
    return Error::not_found("notification");
  return Json{{"marked", n}};
}

Result<Json> list_webhooks(store::Conn& c, const Actor& a, int64_t org_id) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "webhooks.write"));
  Json items = Json::array();
  for (const auto& r : c.query(sql::kWebhooksOfNode, {node.id})) {
    int64_t id = r.i64(0);
    // The latest delivery that was tried: its status and the robot's error.
    Json last = nullptr;
    if (auto d = c.query_one(sql::kLastWebhookDelivery, {id}))
      last = {{"status", d->str(0)}, {"attempts", d->i64(1)}, {"error", d->str(2)},
              {"sent_at", d->is_null(3) ? Json(nullptr) : Json(iso_utc(d->i64(3)))},
              {"next_at", d->str(0) == "pending" ? Json(iso_utc(d->i64(4))) : Json(nullptr)}};
    int64_t pending = r.i64(7), failed = r.i64(8);
    // The robot's access token is a secret: only the end of each query value is shown.
    items.push_back({{"id", id_str(id)}, {"flavor", r.str(1)}, {"url", mask_webhook_url(r.str(2))},
                     {"enabled", r.i64(3) != 0}, {"created_at", iso_utc(r.i64(4))},
                     {"has_secret", !r.str(5).empty()}, {"sent", r.i64(6)}, {"pending", pending},
                     {"failed", failed}, {"pending_or_failed", pending + failed},
                     {"last_delivery", last}});
  }
  return Json{{"org", {{"id", id_str(node.id)}, {"name", node.name}}}, {"items", items}};
}

Result<Json> add_webhook(store::Conn& c, const Actor& a, const Json& body,
                         const people::IdVault* vault) {
  JsonFields f(body);
  XA_ASSIGN(int64_t org_id, f.id("org_id"));
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "webhooks.write"));
  XA_ASSIGN(std::string flavor, f.str("flavor", 1, 20));
  if (!valid_webhook_flavor(flavor))
    return Error::invalid("flavor", "invalid_value", {{"value", flavor}});
  XA_ASSIGN(std::string url, f.str("url", 10, 500));
  // The URL rules again inside the transaction (the handler also resolved the host before it).
  XA_TRY(check_webhook_url(flavor, url, webhook_allow()));
  XA_ASSIGN(auto secret, f.opt_str("secret", 200));
  std::string sealed;
  if (secret && !secret->empty()) {
    if (flavor != "dingtalk") return Error::invalid("secret", "webhook_secret_dingtalk_only");
    bool printable = std::all_of(secret->begin(), secret->end(),
                                 [](char ch) { return ch > 0x20 && ch < 0x7f; });
    if (secret->rfind("SEC", 0) != 0 || secret->size() < 10 || !printable)
      return Error::invalid("secret", "webhook_secret_invalid");
    if (!vault) return Error::internal("no key to seal the webhook secret");
    sealed = vault->encrypt(*secret);
  }
  int64_t id = c.query_one(sql::kInsertWebhook, {node.id, node.path, flavor, url, a.now, sealed})
                   ->i64(0);
  Json out = {{"id", id_str(id)}, {"flavor", flavor}, {"org_id", id_str(node.id)},
              {"has_secret", !sealed.empty()}};
  audit_write(c, a, "webhook.create", "webhook", id, node.id, node.path, out);
  return out;
}

Result<WebhookForTest> webhook_for_test(store::Conn& c, const Actor& a, int64_t id) {
  auto r = c.query_one(sql::kWebhookById, {id});
  if (!r) return Error::not_found("webhook");
  XA_ASSIGN(NodeRef node, require_node(c, a, r->i64(0), "webhooks.write"));
  return WebhookForTest{id, node.id, node.path, node.name, r->str(1), r->str(2), r->str(3)};
}

void audit_webhook_test(store::Conn& c, const Actor& a, const WebhookForTest& w, const Json& answer) {
  audit_write(c, a, "webhook.test", "webhook", w.id, w.org_id, w.org_path, answer);
}

Status remove_webhook(store::Conn& c, const Actor& a, int64_t id) {
  auto r = c.query_one(sql::kWebhookNode, {id});
  if (!r) return Error::not_found("webhook");
  XA_ASSIGN(NodeRef node, require_node(c, a, r->i64(0), "webhooks.write"));
  c.exec(sql::kDeleteWebhookDeliveries, {id});
  c.exec(sql::kDeleteWebhook, {id});
  audit_write(c, a, "webhook.delete", "webhook", id, node.id, node.path, nullptr,
              {{"id", id_str(id)}});
  return ok_status();
}

}  // namespace xiaoan::daily
