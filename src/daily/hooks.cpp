#include "daily/hooks.h"

#include <stdexcept>

namespace xiaoan::daily {
namespace {

ReturnHooks& hooks() {
  static ReturnHooks h;
  return h;
}

template <typename Fn>
const Fn& registered(const Fn& fn, const char* name) {
  if (!fn) throw std::logic_error(std::string("daily hook not registered: ") + name);
  return fn;
}

}  // namespace

void set_return_hooks(ReturnHooks h) { hooks() = std::move(h); }

namespace hook {

Json return_decision(store::Conn& c, int64_t person_id, const std::string& day, Lang lang) {
  return registered(hooks().decision, "return_decision")(c, person_id, day, lang);
}

Json plan_of_person(store::Conn& c, int64_t person_id) {
  return registered(hooks().plan_of_person, "plan_of_person")(c, person_id);
}

void mark_returned(store::Conn& c, const std::vector<int64_t>& person_ids, const std::string& day,
                   Millis now) {
  registered(hooks().mark_returned, "mark_returned")(c, person_ids, day, now);
}

}  // namespace hook
}  // namespace xiaoan::daily
