// Calls of the daily loop into the return to school (reopen), a module above daily that daily may
// not include (src/modules.txt). The implementations are registered once, in app/app.cpp
// (register_hooks), before any request or job runs; the open-day hook (on_open_day, service.h)
// is registered there too. Calling a hook that was never registered throws std::logic_error.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/json_input.h"
#include "core/messages.h"
#include "core/time.h"
#include "store/db.h"

namespace xiaoan::daily {

struct ReturnHooks {
  // A person's return decision on `day` for the gate (reopen::return_decision).
  std::function<Json(store::Conn&, int64_t person_id, const std::string& day, Lang lang)> decision;
  // A person's batch, return date, arrival window, gate and meal time (reopen::plan_of_person).
  std::function<Json(store::Conn&, int64_t person_id)> plan_of_person;
  // Records that these people were seen in school on `day` (reopen::mark_returned).
  std::function<void(store::Conn&, const std::vector<int64_t>& person_ids, const std::string& day,
                     Millis now)>
      mark_returned;
};
void set_return_hooks(ReturnHooks hooks);

// The registered hooks, called by the gate, the class and staff checks and isolation.
namespace hook {
Json return_decision(store::Conn& c, int64_t person_id, const std::string& day, Lang lang);
Json plan_of_person(store::Conn& c, int64_t person_id);
void mark_returned(store::Conn& c, const std::vector<int64_t>& person_ids, const std::string& day,
                   Millis now);
}  // namespace hook

}  // namespace xiaoan::daily
