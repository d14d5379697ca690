// xiaoan command line: serve | migrate | demo | admin (create, create-org) | backup | openapi | ears
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/repo.h"
#include "auth/rules.h"
#include "account/service.h"
#include "core/time.h"
#include "daily/webhook.h"
#include "demo/demo.h"
#include "org/repo.h"
#include "org/service.h"
#include "people/import.h"
#include "people/tabular.h"
#include "surveillance/ears.h"
#include "surveillance/ears_csv.h"

namespace fs = std::filesystem;
using namespace xiaoan;

namespace {

std::string env_or(const char* name, std::string dflt) {
  const char* v = std::getenv(name);
  return v && *v ? v : dflt;
}

void add_server_options(CLI::App* cmd, app::Config& cfg) {
  // A later occurrence of an option wins (scripts append overrides).
  cmd->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  cmd->add_option("--address", cfg.server.address, "Listen address");
  cmd->add_option("--port", cfg.server.port, "Listen port (0 picks a free one)");
  cmd->add_option("--port-file", cfg.port_file, "Write the bound port to this file");
  cmd->add_option("--web-root", cfg.web_root, "Directory of the built web app (web/dist)");
  cmd->add_option("--public-url", cfg.public_url,
                  "Address families open, e.g. https://xiaoan.example.gov.cn (default: this server's own address)");
  cmd->add_option("--threads", cfg.server.io_threads, "I/O threads (default: cores)");
  cmd->add_option("--workers", cfg.server.workers, "Handler threads for writes (default: 4 per core)");
  cmd->add_option("--read-workers", cfg.server.read_workers, "Handler threads for GET (default: 2 per core)");
  cmd->add_option("--body-limit", cfg.server.body_limit, "Request body limit in bytes");
  cmd->add_option("--request-timeout", cfg.server.request_timeout_s, "Seconds per request");
  cmd->add_option("--login-rate", cfg.pipeline.login_per_minute, "Sign-ins per minute per IP");
  cmd->add_option("--login-burst", cfg.pipeline.login_burst, "Sign-in burst per IP");
  cmd->add_flag("--trust-proxy", cfg.pipeline.trust_proxy, "Client address from X-Real-IP");
  cmd->add_option_function<int64_t>(
      "--session-idle", [&cfg](int64_t s) { cfg.auth.idle_timeout_ms = s * 1000; },
      "Seconds of inactivity before a session ends (default 43200 = 12 h)");
  cmd->add_flag("--secure-cookies", cfg.auth.secure_cookies, "Mark cookies Secure (HTTPS)");
  cmd->add_flag("!--no-access-log", cfg.pipeline.access_log, "Do not log every request");
  cmd->add_option("--webhook-allow", cfg.webhook_allow,
                  "Extra hosts group-robot webhooks may post to, HOST[:PORT][,...] (a listed host may "
                  "use plain http and a private address; default: only the DingTalk and WeCom robot "
                  "hosts over https)")
      ->envname("XIAOAN_WEBHOOK_ALLOW")
      ->check([](const std::string& v) {
        auto r = daily::parse_webhook_allow(v);
        return r.ok() ? std::string() : localize(r.error(), Lang::kEn);
      });
  cmd->add_option("--scheduler-interval", cfg.scheduler_interval_s,
                  "Seconds between scheduler runs (reminders, compile, late marking; 0 = off)");
  cmd->add_option("--dashboard-max-age-ms", cfg.dashboard_max_age_ms,
                  "Milliseconds a computed roll-up is shared by later dashboard reads (0: never; default 500)");
  cmd->add_flag("--test-clock", cfg.test_clock,
                "API tests only: POST /api/test/clock moves the clock and runs due jobs");
  cmd->add_flag("--test-hold-write-batches", cfg.test_hold_write_batches,
                "Durability tests only (with --test-clock): hold the first write batch of two or more "
                "jobs uncommitted until the process is killed")
      ->needs("--test-clock");
}

// `xiaoan import roster`: the web wizard's code path with the command line as a system actor.
int run_import(const app::Config& cfg, store::Db& db, const std::string& school_code,
               const std::string& file, const std::string& kind, bool dry_run, bool valid_only) {
  const char* env_lang = std::getenv("LANG");
  Lang lang = env_lang && std::string(env_lang).rfind("zh", 0) == 0 ? Lang::kZh : Lang::kEn;
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto table = people::read_table(bytes.str(), file);
  if (!table.ok()) {
    std::cerr << file << ": " << localize(table.error(), lang) << "\n";
    return 2;
  }
  auth::Principal system;
  system.username = "cli";
  system.grants.push_back({0, auth::Role::kBureauAdmin, 0, "/", "", ""});
  auto vault = app::open_vault(cfg);
  people::ImportOptions options{kind, dry_run, valid_only};
  std::optional<people::ImportReport> report;
  auto run = [&](store::Conn& c) -> Status {
    auto school = org::repo::find_by_code(c, school_code);
    if (!school) return Error::invalid("school", "invalid_value", {{"value", school_code}});
    people::Caller caller{system, "cli", local_date(now_millis()), vault};
    XA_ASSIGN(auto r, people::import_roster(c, caller, school->id, *table, options));
    report = std::move(r);
    return ok_status();
  };
  Status st = dry_run ? db.read(run) : db.write(run);
  if (!st.ok()) {
    std::cerr << localize(st.error(), lang) << "\n";
    return 2;
  }
  for (const auto& e : report->errors)
    std::cerr << file << ":" << e.row << ": " << (e.column.empty() ? "" : "[" + e.column + "] ")
              << localize(e.error, lang) << "\n";
  std::cout << "rows " << report->rows << ", valid " << report->valid << ", invalid "
            << report->invalid << "; " << (report->written ? "written: " : "would write: ")
            << report->created << " new, " << report->updated << " updated, " << report->unchanged
            << " unchanged, " << report->classes_created << " new classes\n";
  return report->invalid > 0 && !(report->written && valid_only) ? 1 : 0;
}

// `xiaoan ears FILE.csv`: EARS C1/C2/C3 of a day,count series as CSV on stdout. Bad input: the
// line and what is wrong on stderr, nothing on stdout, exit status 2.
int run_ears(const std::string& file, const std::string& baseline, const std::string& z) {
  surveillance::EarsPolicy policy;
  auto refuse = [&](const surveillance::EarsInputError& e) {
    std::cerr << "xiaoan ears: " << (e.line > 0 ? file + ": " : "") << e.describe() << "\n";
    return 2;
  };
  if (auto e = surveillance::parse_ears_baseline(baseline, policy.baseline)) return refuse(*e);
  if (auto e = surveillance::parse_ears_z(z, policy.z)) return refuse(*e);
  std::ifstream in(file, std::ios::binary);
  if (!in) return refuse({0, file + ": cannot be read"});
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto csv = surveillance::read_ears_csv(bytes.str());
  if (csv.error) return refuse(*csv.error);
  std::cout << surveillance::write_ears_csv(surveillance::compute_ears(csv.rows, policy)) << std::flush;
  return 0;
}

void write_accounts(const std::string& path, const std::vector<demo::DemoAccount>& accounts) {
  Json arr = Json::array();
  for (const auto& a : accounts)
    arr.push_back({{"username", a.username}, {"password", a.password}, {"role", a.role}, {"scope", a.scope}});
  std::ofstream(path) << arr.dump(2) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  auth::crypto_init();
  CLI::App cli{"xiaoan (校安) — school epidemic-prevention and reopening platform"};
  cli.require_subcommand(1);
  app::Config cfg;
  cfg.db_url = env_or("XIAOAN_DB", "sqlite:xiaoan.db");
  cfg.web_root = env_or("XIAOAN_WEB_ROOT", fs::exists("web/dist/index.html") ? "web/dist" : "");
  cfg.key_file = env_or("XIAOAN_KEY_FILE", "");
  cli.add_option("--db", cfg.db_url, "sqlite:PATH or postgresql://… (env XIAOAN_DB)");
  cli.add_option("--key-file", cfg.key_file,
                 "ID-number key file (created 0600; default beside the SQLite file; env XIAOAN_KEY_FILE)");

  auto* serve = cli.add_subcommand("serve", "Run the HTTP server");
  add_server_options(serve, cfg);

  cli.add_subcommand("migrate", "Apply pending migrations and exit");

  std::string demo_dir = "demo-data";
  auto* demo = cli.add_subcommand("demo", "Create the demo city if absent, print sign-ins, serve");
  demo->add_option("--data", demo_dir, "Directory for the demo database and accounts file");
  std::string scale = "small";
  int history_days = 14;
  demo->add_option("--history-days", history_days,
                   "School days of daily-loop history to invent for the small demo (0: none)");
  demo->add_option("--scale", scale, "tiny (tests), small (~24 schools, ~10k people), city (seed 004)")
      ->check(CLI::IsMember({"tiny", "small", "city"}));
  bool seed_only = false;
  demo->add_flag("--seed-only", seed_only,
                 "Create the demo data and the accounts file, then exit (deployments and benchmarks)");
  add_server_options(demo, cfg);

  auto* admin = cli.add_subcommand("admin", "Administration");
  admin->require_subcommand(1);
  std::string username, password, display_name, role = "bureau_admin", org_code;
  auto* admin_create = admin->add_subcommand("create", "Create an account with one grant");
  admin_create->add_option("--username", username)->required();
  admin_create->add_option("--password", password)->required();
  admin_create->add_option("--name", display_name);
  admin_create->add_option("--role", role);
  admin_create->add_option("--org", org_code, "Code of the org node of the grant")->required();
  std::string kind, name, code, parent_code;
  auto* admin_org = admin->add_subcommand("create-org", "Create an org node (a root when no parent)");
  admin_org->add_option("--kind", kind)->required();
  admin_org->add_option("--name", name)->required();
  admin_org->add_option("--code", code)->required();
  admin_org->add_option("--parent", parent_code, "Code of the parent node");

  std::string backup_file;
  auto* backup = cli.add_subcommand("backup", "Online backup (SQLite) or the pg_dump command");
  backup->add_option("file", backup_file, "Destination file")->required();

  cli.add_subcommand("openapi", "Print the OpenAPI document");

  std::string ears_file, ears_baseline = "7", ears_z = "3";
  auto* ears = cli.add_subcommand(
      "ears", "EARS C1/C2/C3 of a CSV with the header day,count (one row per school day, in order)");
  ears->add_option("file", ears_file, "The day,count CSV")->required();
  ears->add_option("--baseline", ears_baseline, "Baseline days b (2..365, default 7)");
  ears->add_option("--z", ears_z, "Threshold z in standard deviations (> 0, default 3)");

  auto* import_cmd = cli.add_subcommand("import", "Import data files");
  import_cmd->require_subcommand(1);
  std::string school_code, roster_file, import_kind = "student";
  bool dry_run = false, valid_only = false;
  auto* import_roster = import_cmd->add_subcommand(
      "roster", "Import a roster (CSV in UTF-8/GBK or XLSX); the same checks as the web wizard");
  import_roster->add_option("--school", school_code, "School code")->required();
  import_roster->add_option("file", roster_file, "The .csv or .xlsx file")->required()->check(CLI::ExistingFile);
  import_roster->add_option("--kind", import_kind, "student (default) or staff")
      ->check(CLI::IsMember({"student", "staff"}));
  import_roster->add_flag("--dry-run", dry_run, "Check every row, write nothing");
  import_roster->add_flag("--valid-only", valid_only, "Write the valid rows even if others are bad");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (ears->parsed()) return run_ears(ears_file, ears_baseline, ears_z);
    if (cli.got_subcommand("openapi")) {
      std::cout << app::openapi_document().dump(2) << "\n";
      return 0;
    }
    if (cli.got_subcommand("backup") && cfg.db_url.rfind("sqlite:", 0) != 0) {
      std::cout << "pg_dump --format=custom --file=" << backup_file << " '" << cfg.db_url << "'\n";
      return 0;
    }
    if (cli.got_subcommand("demo")) {
      fs::create_directories(demo_dir);
      if (std::getenv("XIAOAN_DB") == nullptr && cfg.db_url == "sqlite:xiaoan.db")
        cfg.db_url = "sqlite:" + (fs::path(demo_dir) / "xiaoan.db").string();
      if (cfg.key_file.empty()) cfg.key_file = (fs::path(demo_dir) / "xiaoan-id.key").string();
      auto db = app::open_and_migrate(cfg);
      auto vault = app::open_vault(cfg);
      auto accounts = demo::ensure_demo(
          *db, vault,
          scale == "tiny" ? demo::Scale::kTiny : scale == "city" ? demo::Scale::kCity : demo::Scale::kSmall,
          history_days);
      std::string file = (fs::path(demo_dir) / "demo-accounts.json").string();
      write_accounts(file, accounts);
      if (seed_only) {
        std::cout << "demo data ready in " << cfg.db_url << "; accounts in " << file << "\n";
        return 0;
      }
      std::cout << "\n校安 xiaoan demo — sign in with any of these (accounts also in " << file << "):\n";
      for (const auto& a : accounts)
        std::cout << "  " << a.username << " / " << a.password << "   " << a.role << " @ " << a.scope << "\n";
      std::cout << "Open http://" << (cfg.server.address == "0.0.0.0" ? "localhost" : cfg.server.address)
                << ":" << cfg.server.port << "/ once the server says it is listening.\n\n"
                << std::flush;
      return app::serve(cfg, *db, vault);
    }
    auto db = app::open_and_migrate(cfg);
    if (cli.got_subcommand("migrate")) {
      std::cout << "database is up to date (" << store::engine_name(db->engine()) << ")\n";
      return 0;
    }
    if (cli.got_subcommand("serve")) return app::serve(cfg, *db, app::open_vault(cfg));
    if (cli.got_subcommand("backup")) {
      Status st = db->backup_to(backup_file);
      if (!st.ok()) {
        auto detail = st.error().params.find("detail");
        std::cerr << "backup failed: "
                  << (detail != st.error().params.end() ? detail->second : localize(st.error(), Lang::kEn))
                  << "\n";
        return 1;
      }
      std::cout << "backup written to " << backup_file << "\n";
      return 0;
    }
    if (import_roster->parsed()) return run_import(cfg, *db, school_code, roster_file, import_kind,
                                                   dry_run, valid_only);
    if (admin_create->parsed()) {
      auto r = auth::parse_role(role);
      if (!r) {
        std::cerr << "unknown role " << role << "\n";
        return 2;
      }
      if (auto st = auth::validate_username(username); !st.ok()) {
        std::cerr << localize(st.error(), Lang::kEn) << "\n";
        return 2;
      }
      if (!auth::password_strong_enough(password, username)) {
        std::cerr << "password: at least 8 characters with letters and digits\n";
        return 2;
      }
      std::string hash = auth::hash_password(password);
      Status st = db->write([&](store::Conn& c) -> Status {
        auto node = org::repo::find_by_code(c, org_code);
        if (!node) return Error::invalid("org", "invalid_value", {{"value", org_code}});
        if (auth::repo::find_user_by_name(c, username))
          return Error::conflict("username", "username_taken", {{"value", username}});
        int64_t now = now_millis();
        int64_t id = auth::repo::insert_user(c, username, display_name.empty() ? username : display_name,
                                             std::nullopt, hash, false, now);
        auth::repo::insert_grant(c, id, *r, node->id, now);
        auth::audit(c, nullptr, "cli", {"user.create", "user", id_str(id), node->id, node->path, nullptr,
                                        {{"username", username}, {"role", role}}},
                    "system");
        return ok_status();
      });
      if (!st.ok()) {
        std::cerr << localize(st.error(), Lang::kEn) << "\n";
        return 1;
      }
      std::cout << "created " << username << " (" << role << " @ " << org_code << ")\n";
      return 0;
    }
    if (admin_org->parsed()) {
      Status st = db->write([&](store::Conn& c) -> Status {
        org::CreateInput in{std::nullopt, kind, name, code};
        if (!parent_code.empty()) {
          auto p = org::repo::find_by_code(c, parent_code);
          if (!p) return Error::invalid("parent", "invalid_value", {{"value", parent_code}});
          in.parent_id = p->id;
        }
        XA_TRY(org::create_node(c, nullptr, "cli", in));
        return ok_status();
      });
      if (!st.ok()) {
        std::cerr << localize(st.error(), Lang::kEn) << "\n";
        return 1;
      }
      std::cout << "created " << kind << " " << name << " (" << code << ")\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "xiaoan: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
