#include "app/app.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <atomic>
#include <mutex>
#include <thread>

#include "account/api.h"
#include "core/time.h"
#include "http/handlers.h"
#include "org/api.h"
#include "daily/api.h"
#include "daily/hooks.h"
#include "daily/service.h"
#include "daily/webhook.h"
#include "family/api.h"
#include "policy/api.h"
#include "reopen/api.h"
#include "reopen/service.h"
#include "people/api.h"
#include "store/migrate.h"

namespace xiaoan::app {

const char* const kVersion = "0.1.0";

std::unique_ptr<store::Db> open_and_migrate(const Config& cfg, bool quiet) {
  store::DbOptions o;
  o.url = cfg.db_url;
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  // A connection per handler thread: reads for the read pool, writes (PostgreSQL) for the other.
  o.readers = cfg.db_connections > 0 ? cfg.db_connections
                                     : std::max(2, cfg.server.read_workers > 0 ? cfg.server.read_workers
                                                                               : static_cast<int>(cores * 2));
  o.writers = cfg.db_connections > 0 ? cfg.db_connections
                                     : std::max(2, cfg.server.workers > 0 ? cfg.server.workers
                                                                          : static_cast<int>(cores * 4));
  auto db = store::open_db(o);
  auto applied = store::migrate(*db);
  if (cfg.test_hold_write_batches) db->hold_batches_for_test();
  if (!quiet)
    for (const auto& m : applied) spdlog::info("applied migration {}", m);
  return db;
}

namespace {

void register_system(http::Router& r, store::Db* db, const http::Router* self) {
  Json str = {{"type", "string"}};
  r.add_schemas({
      {"Health", http::closed_object({{"status", http::enum_of({"ok"})},
                                      {"version", str},
                                      {"engine", http::enum_of({"sqlite", "postgresql", "none"})}})},
      {"OpenApiDocument",
       http::free_form("This OpenAPI 3.1 document itself (its own schema is the OpenAPI "
                       "specification's, not repeated here).")},
  });
  r.add({"GET", "/api/health", "health", "system", "Liveness, version and storage engine", "public",
         nullptr, http::ref("Health"), 200, {},
         [db](http::Ctx&) {
           std::string engine = db ? std::string(store::engine_name(db->engine())) : "none";
           return http::Response::json(200, {{"status", "ok"}, {"version", kVersion}, {"engine", engine}});
         }});
  r.add({"GET", "/api/openapi.json", "openapi", "system", "This document", "public", nullptr,
         http::ref("OpenApiDocument"), 200, {},
         [self](http::Ctx&) { return http::Response::json(200, self->openapi(kVersion)); }});
}

}  // namespace

void register_hooks() {
  static std::once_flag once;
  std::call_once(once, [] {
    // The gate, the class and staff checks and isolation read return decisions and plans and
    // record who is back (daily/hooks.h).
    daily::set_return_hooks({reopen::return_decision, reopen::plan_of_person, reopen::mark_returned});
    // Decisions move with the date (a quarantine ends, a stay drops out of the 14 days): each
    // school's decisions are recomputed when its day opens.
    daily::on_open_day([](store::Conn& c, const daily::SchoolInfo& school, const std::string& day,
                          Millis now) { reopen::refresh_decisions(c, school.path, day, now); });
  });
}

void register_routes(http::Router& router, store::Db& db, auth::AuthService& auth,
                     const people::IdVault* vault, const std::string& public_url,
                     bool test_clock) {
  register_hooks();
  register_system(router, &db, &router);
  auth::register_api(router, db, auth);
  org::register_api(router, db);
  org::register_school_api(router, db);
  people::register_api(router, db, vault);
  family::register_api(router, db, auth, vault, public_url);
  policy::register_api(
      router, db,
      [](store::Conn& c, const std::string& path, const Json& before, const Json& after) {
        Json impact = daily::policy_impact(c, path, before, after);
        impact["return"] = reopen::policy_return_impact(c, path, before, after);
        return impact;
      },
      reopen::policy_saved);
  daily::register_api(router, db, vault, test_clock);
  reopen::register_api(router, db);
}

people::IdVault open_vault(const Config& cfg) {
  std::string path = cfg.key_file;
  if (path.empty()) {
    path = "xiaoan-id.key";
    if (cfg.db_url.rfind("sqlite:", 0) == 0) {
      auto dir = std::filesystem::path(cfg.db_url.substr(7)).parent_path();
      path = (dir.empty() ? std::filesystem::path("xiaoan-id.key") : dir / "xiaoan-id.key").string();
    }
  }
  auto v = people::IdVault::open(path);
  if (!v.ok()) throw std::runtime_error(localize(v.error(), Lang::kEn));
  return std::move(v).value();
}

Json openapi_document() {
  // Handlers are never called here: the routes only describe themselves.
  struct NoDb final : store::Db {
    store::Engine engine() const override { return store::Engine::kSqlite; }
    Status read(const store::ReadFn&) override { return Error::internal("no db"); }
    Status write(const store::TxFn&) override { return Error::internal("no db"); }
    Status backup_to(const std::string&) override { return Error::internal("no db"); }
  } nodb;
  auth::AuthService auth(nodb, {});
  http::Router router;
  register_routes(router, nodb, auth, nullptr, "");
  return router.openapi(kVersion);
}

int serve(const Config& cfg, store::Db& db, const people::IdVault& vault) {
  auth::AuthService auth(db, cfg.auth);
  daily::set_rollup_max_age(std::chrono::milliseconds(cfg.dashboard_max_age_ms));
  auto allow = daily::parse_webhook_allow(cfg.webhook_allow);
  if (!allow.ok()) {
    spdlog::error("{}", localize(allow.error(), Lang::kEn));
    return 2;
  }
  daily::set_webhook_allow(*allow);
  http::Router router;
  http::Metrics metrics;
  metrics.add_gauge("xiaoan_db_writer_queue_depth", "Write jobs queued for the database writer",
                    [&db] { return static_cast<double>(db.writer_queue_depth()); });
  {
    const std::map<std::string, std::string> engine{
        {"engine", std::string(store::engine_name(db.engine()))}};
    const store::WriteStats& ws = db.write_stats();
    metrics.add_histogram("xiaoan_db_write_batch_size", "Write jobs per committed transaction", engine,
                          [&ws] { return ws.batch_size.snapshot(); });
    metrics.add_histogram("xiaoan_db_write_queue_wait_seconds", "Write queued until its job starts",
                          engine, [&ws] { return ws.queue_wait_seconds.snapshot(); });
    metrics.add_histogram("xiaoan_db_write_job_seconds", "Time of a write job on the writer", engine,
                          [&ws] { return ws.job_seconds.snapshot(); });
    metrics.add_histogram("xiaoan_db_write_commit_seconds", "COMMIT of a write batch until durable",
                          engine, [&ws] { return ws.commit_seconds.snapshot(); });
  }
  std::unique_ptr<http::StaticFiles> files;
  if (!cfg.web_root.empty()) files = std::make_unique<http::StaticFiles>(cfg.web_root);
  http::Pipeline pipeline(router, auth, metrics, std::move(files), cfg.pipeline);
  http::Server server(
      cfg.server, [&](http::Request& req) { return pipeline.handle(req); },
      [](const http::Request& req, size_t limit) {
        return http::Response::error(
            {ErrorCode::kTooLarge, "body", "too_large", {{"limit", std::to_string(limit)}}},
            req.lang);
      },
      [&router](const std::string& method, const std::string& target) -> size_t {
        auto m = router.match(method, target.substr(0, target.find('?')));
        return m.route ? m.route->body_limit : 0;
      });
  uint16_t port = server.listen();
  // Family links and QR codes carry the configured public address, never a request's Host
  // header (which anyone can set). Without --public-url: this server's own address.
  std::string public_url = cfg.public_url;
  if (public_url.empty()) {
    const std::string& a = cfg.server.address;
    std::string host = a == "0.0.0.0" || a == "::" ? "localhost"
                       : a.find(':') != std::string::npos ? "[" + a + "]" : a;
    public_url = "http://" + host + ":" + std::to_string(port);
    spdlog::warn("--public-url is not set: family links point to {}", public_url);
  }
  register_routes(router, db, auth, &vault, public_url, cfg.test_clock);
  if (!cfg.port_file.empty()) {
    std::ofstream(cfg.port_file + ".tmp") << port << "\n";
    std::rename((cfg.port_file + ".tmp").c_str(), cfg.port_file.c_str());
  }
  spdlog::info("xiaoan {} listening on http://{}:{} (engine {}, web root {})", kVersion,
               cfg.server.address, port, store::engine_name(db.engine()),
               cfg.web_root.empty() ? "none" : cfg.web_root);
  // Background work: the scheduler's policy-timed jobs and webhook deliveries.
  std::atomic<bool> stopping{false};
  std::thread background([&] {
    Millis next_run = 0;
    while (!stopping.load()) {
      Millis now = now_millis();
      if (cfg.scheduler_interval_s > 0 && now >= next_run) {
        try {
          auto ran = daily::run_scheduler(db, now);
          if (!ran.empty()) spdlog::info("scheduler ran {} jobs", ran.size());
        } catch (const std::exception& e) {
          spdlog::error("scheduler: {}", e.what());
        }
        next_run = now + cfg.scheduler_interval_s * 1000LL;
      }
      try {
        daily::deliver_webhooks(db, &vault);
      } catch (const std::exception& e) {
        spdlog::error("webhooks: {}", e.what());
      }
      for (int i = 0; i < 10 && !stopping.load(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  server.run();
  stopping = true;
  background.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace xiaoan::app
