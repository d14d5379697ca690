// SQL statements of in-app notifications, webhooks and their deliveries.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// Whether a user has read a notification.
inline constexpr std::string_view kNotificationRead =
    "SELECT 1 FROM notification_reads WHERE notification_id = $1 AND user_id = $2";

// The webhooks of an org node with delivery counts.
inline constexpr std::string_view kWebhooksOfNode =
    "SELECT w.id, w.flavor, w.url, w.enabled, w.created_at, w.secret_enc, "
    "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = "
    "'sent'), "
    "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = "
    "'pending'), "
    "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = "
    "'failed') "
    "FROM webhooks w WHERE w.org_id = $1 ORDER BY w.id";

// A webhook's latest attempted delivery.
inline constexpr std::string_view kLastWebhookDelivery =
    "SELECT status, attempts, last_error, sent_at, next_at FROM webhook_deliveries WHERE "
    "webhook_id = $1 AND attempts > 0 ORDER BY id DESC LIMIT 1";

// Adds an enabled webhook; returns its id.
inline constexpr std::string_view kInsertWebhook =
    "INSERT INTO webhooks (org_id, org_path, flavor, url, enabled, created_at, "
    "secret_enc) VALUES ($1, $2, $3, $4, 1, $5, $6) RETURNING id";

// A webhook's node, flavour, URL and encrypted secret.
inline constexpr std::string_view kWebhookById =
    "SELECT org_id, flavor, url, secret_enc FROM webhooks WHERE id = $1";

// A webhook's org node.
inline constexpr std::string_view kWebhookNode = "SELECT org_id FROM webhooks WHERE id = $1";

// Deletes a webhook's deliveries.
inline constexpr std::string_view kDeleteWebhookDeliveries =
    "DELETE FROM webhook_deliveries WHERE webhook_id = $1";

// Deletes a webhook.
inline constexpr std::string_view kDeleteWebhook = "DELETE FROM webhooks WHERE id = $1";

// Pending webhook deliveries that are due.
inline constexpr std::string_view kDueWebhookDeliveries =
    "SELECT d.id, w.flavor, w.url, w.secret_enc, d.payload, d.attempts FROM "
    "webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.status = "
    "'pending' AND d.next_at <= $1 ORDER BY d.next_at LIMIT $2";

// Marks a webhook delivery sent.
inline constexpr std::string_view kWebhookDeliverySent =
    "UPDATE webhook_deliveries SET status = 'sent', attempts = $1, sent_at = $2, "
    "last_error = '' WHERE id = $3";

// Records a failed webhook delivery attempt (retry or give up).
inline constexpr std::string_view kWebhookDeliveryRetry =
    "UPDATE webhook_deliveries SET status = $1, attempts = $2, next_at = $3, "
    "last_error = $4 WHERE id = $5";

}  // namespace xiaoan::daily::sql
