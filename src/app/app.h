// Wiring: storage, modules, pipeline and server from one configuration.
#pragma once

#include <memory>
#include <string>

#include "account/service.h"
#include "http/metrics.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/server.h"
#include "people/id_vault.h"
#include "store/db.h"

namespace xiaoan::app {

struct Config {
  std::string db_url = "sqlite:xiaoan.db";
  std::string web_root;  // built web app; empty: none
  std::string port_file;
  std::string key_file;    // the ID-number key; default: beside the SQLite file, else ./xiaoan-id.key
  std::string public_url;  // the address families open (family links, QR codes); default: our own
  http::ServerOptions server;
  http::PipelineOptions pipeline;
  auth::AuthOptions auth;
  int db_connections = 0;  // 0: derived from the worker count
  int scheduler_interval_s = 30;
  std::string webhook_allow;  // extra webhook hosts, HOST[:PORT][,…] (see daily/webhook.h)
  int dashboard_max_age_ms = 500;  // how long a computed roll-up is shared (0: computed every time)
  bool test_clock = false;
  bool test_hold_write_batches = false;  // durability tests only (store::Db::hold_batches_for_test)
};

extern const char* const kVersion;

std::unique_ptr<store::Db> open_and_migrate(const Config& cfg, bool quiet = false);
// Registers the cross-module hooks, the calls of a lower module into a higher one (daily into
// reopen: daily/hooks.h and daily::on_open_day), once; register_routes calls it first. This is
// the only place hooks are set (docs/architecture.md).
void register_hooks();
// Registers every module's routes on `router` (and the hooks, register_hooks).
void register_routes(http::Router& router, store::Db& db, auth::AuthService& auth,
                     const people::IdVault* vault, const std::string& public_url,
                     bool test_clock = false);
// The ID-number vault named by the configuration (created on first start, mode 0600).
people::IdVault open_vault(const Config& cfg);
// The OpenAPI document (no database needed).
Json openapi_document();
// Serves until SIGTERM/SIGINT. Returns the process exit code.
int serve(const Config& cfg, store::Db& db, const people::IdVault& vault);

}  // namespace xiaoan::app
