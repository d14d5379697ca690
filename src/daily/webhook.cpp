#include "daily/webhook.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "core/time.h"

namespace xiaoan::daily {

bool valid_webhook_flavor(const std::string& f) { return f == "dingtalk" || f == "wecom"; }

Json webhook_payload(const std::string& flavor, const std::string& title, const std::string& body,
                     const std::string& link) {
  std::string text = "### " + title + "\n\n" + body;
  if (link.rfind("http", 0) == 0) text += "\n\n[" + std::string("查看详情") + "](" + link + ")";
  if (flavor == "dingtalk")
    return {{"msgtype", "markdown"}, {"markdown", {{"title", title}, {"text", text}}}};
  return {{"msgtype", "markdown"}, {"markdown", {{"content", text}}}};
}

namespace {
size_t discard(char*, size_t size, size_t n, void*) { return size * n; }
}  // namespace

std::string post_json(const std::string& url, const std::string& body, long timeout_ms) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* h = curl_easy_init();
  if (!h) return "curl_easy_init failed";
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  if (rc != CURLE_OK) return curl_easy_strerror(rc);
  if (status >= 300) return "HTTP " + std::to_string(status);
  return "";
}

int deliver_webhooks(store::Db& db, int max) {
  struct Due {
    int64_t id;
    std::string url, payload;
    int64_t attempts;
  };
  std::vector<Due> due;
  Millis now = now_millis();
  Status st = db.read([&](store::Conn& c) -> Status {
    for (const auto& r : c.query(
             "SELECT d.id, w.url, d.payload, d.attempts FROM webhook_deliveries d "
             "JOIN webhooks w ON w.id = d.webhook_id WHERE d.status = 'pending' AND d.next_at <= $1 "
             "ORDER BY d.next_at LIMIT $2",
             {now, static_cast<int64_t>(max)}))
      due.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3)});
    return ok_status();
  });
  if (!st.ok()) return 0;
  int sent = 0;
  for (const auto& d : due) {
    std::string err = post_json(d.url, d.payload);
    int64_t attempts = d.attempts + 1;
    Millis at = now_millis();
    if (err.empty()) ++sent;
    (void)db.write([&](store::Conn& c) -> Status {
      if (err.empty())
        c.exec("UPDATE webhook_deliveries SET status = 'sent', attempts = $1, sent_at = $2, "
               "last_error = '' WHERE id = $3",
               {attempts, at, d.id});
      else
        c.exec("UPDATE webhook_deliveries SET status = $1, attempts = $2, next_at = $3, "
               "last_error = $4 WHERE id = $5",
               {std::string(attempts >= 8 ? "failed" : "pending"), attempts,
                at + (int64_t{60000} << std::min<int64_t>(attempts - 1, 10)), err, d.id});
      return ok_status();
    });
  }
  return sent;
}

}  // namespace xiaoan::daily
