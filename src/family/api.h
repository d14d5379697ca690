#pragma once

#include <string>

#include "account/service.h"
#include "http/router.h"
#include "people/id_vault.h"
#include "store/db.h"

namespace xiaoan::family {

// Routes for family links, letters and the family's own pages. `public_url` is the address
// families open (e.g. https://xiaoan.example.gov.cn); empty: taken from the request's Host.
void register_api(http::Router& r, store::Db& db, auth::AuthService& auth,
                  const people::IdVault* vault, std::string public_url);

}  // namespace xiaoan::family
