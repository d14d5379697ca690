// Family links: one revocable secret link per pupil; letters with QR codes per class; what a
// signed-in family sees.
#pragma once

#include <string>

#include "core/json_input.h"
#include "people/service.h"

namespace xiaoan::family {

// A new link for the pupil (revoking any earlier one). `base_url` is e.g. http://host:8080.
Result<Json> issue_link(store::Conn& c, const people::Caller& caller, int64_t person_id,
                        const std::string& base_url);
Status revoke_link(store::Conn& c, const people::Caller& caller, int64_t person_id);
// Letters for every enrolled pupil of a class, creating links for those who have none.
Result<Json> class_letters(store::Conn& c, const people::Caller& caller, int64_t class_id,
                           const std::string& base_url);
// The children of a signed-in family, with what is due today.
Json family_children(store::Conn& c, const auth::Principal& family);

}  // namespace xiaoan::family
