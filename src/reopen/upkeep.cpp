// The module's entry points for callers outside it that work below the use cases: app/'s
// open-day hook and the demo (service.h).
#include "reopen/common.h"
#include "reopen/service.h"

namespace xiaoan::reopen {

int refresh_decisions(store::Conn& c, const std::string& path, const std::string& today, Millis now) {
  return repo::refresh_under(c, path, today, now);
}

void store_proposed_plan(store::Conn& c, int64_t school_id, const std::string& school_path,
                         const std::string& first_date, Lang lang) {
  repo::store_plan(c, school_id, repo::proposed_plan(c, school_id, school_path, first_date, lang));
}

}  // namespace xiaoan::reopen
