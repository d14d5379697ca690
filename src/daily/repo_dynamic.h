// Data access whose statement shape varies with its input (an IN list, one term per grant): the
// placeholders are built with store::SqlBuilder here, in the repo; values are always bound.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/db.h"

namespace xiaoan::daily::repo {

// The class-level counters `names` of `day` in the subtree at `path`:
// (school_id, class_id, name, n) rows.
store::Rows class_counters_under(store::Conn& c, const std::string& path, const std::string& day,
                                 const std::vector<std::string>& names);

// A reader's grants as notifications are addressed: (role name, org path) pairs.
using Addressees = std::vector<std::pair<std::string, std::string>>;

struct NotificationPage {
  int64_t unread = 0;
  // (id, kind, title, body, link, created_at, read_at, org name), newest first, at most 50.
  store::Rows rows;
};

// The notifications since `since` addressed to one of `to` (a role on the grant's node or below),
// with `user_id`'s read marks.
NotificationPage notifications(store::Conn& c, int64_t user_id, const Addressees& to,
                               int64_t since, bool unread_only);

// Marks the notifications addressed to `to` (only `id` when given) read by `user_id` at `now`;
// returns how many were marked.
int64_t mark_notifications_read(store::Conn& c, int64_t user_id, const Addressees& to, int64_t now,
                                std::optional<int64_t> id);

}  // namespace xiaoan::daily::repo
