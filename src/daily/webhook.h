// Group-robot webhooks (DingTalk 钉钉 / WeCom 企业微信): the JSON each expects and delivery of
// the outbox rows written beside notifications.
#pragma once

#include <string>

#include "core/json_input.h"
#include "store/db.h"

namespace xiaoan::daily {

bool valid_webhook_flavor(const std::string& f);  // dingtalk | wecom
// The markdown message of a notification in the robot's format.
Json webhook_payload(const std::string& flavor, const std::string& title, const std::string& body,
                     const std::string& link);

// Posts due deliveries (up to `max`), records success or the error, and retries failures with
// back-off (1, 2, 4 … minutes; gives up after 8 attempts). Returns how many were sent.
int deliver_webhooks(store::Db& db, int max = 20);

// One POST of a JSON body; an error message when it failed (status ≥ 300 or transport error).
std::string post_json(const std::string& url, const std::string& body, long timeout_ms = 5000);

}  // namespace xiaoan::daily
