// xiaoan-bench: drives one benchmark run against a running server and writes its figures.
//   xiaoan-bench run    --port P --server-pid PID --engine E --out FILE …   (see --help)
//   xiaoan-bench report --results bench/results --out docs/benchmarks.md
// The load that wrk can express (the ceiling and the morning wave) is wrk's; this program sets
// up the signed-in families and guards through the public API, runs what wrk cannot (gate checks
// at a fixed rate, the dashboard probe during the wave, the roster import) and measures RSS.
#include <signal.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "bench/report.h"
#include "bench/stats.h"
#include "core/json_input.h"
#include "people/idcard.h"
#include "support/http_client.h"

namespace fs = std::filesystem;
using namespace xiaoan;
using namespace xiaoan::bench;
using testing::Client;
using testing::HttpResponse;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  uint16_t port = 0;        // an app server, for set-up and the probes
  uint16_t load_port = 0;   // where wrk sends the ceiling and the wave (nginx); default: port
  int server_pid = 0;
  std::string engine, scale, label, out, work = "bench/work", wrk_script = "bench/wave.lua";
  std::string phases = "ceiling,wave,gate,import";
  std::string day;          // the school day of the run (YYYY-MM-DD), as the server's clock has it
  int ceiling_seconds = 10, wave_seconds = 20, families = 30000, connections = 64, wrk_threads = 2;
  int gate_rate = 2000, gate_seconds = 20, gate_connections = 64, guards = 64;
  int import_rows = 50000, probe_ms = 250;
  std::string profile_dir;  // when set: `perf record -a -g` during the wave and the gate phase
  double seed_seconds = 0;  // how long the demo city took to create (recorded, not measured here)
};

[[noreturn]] void die(const std::string& what, const HttpResponse& r) {
  std::cerr << "xiaoan-bench: " << what << ": HTTP " << r.status << " " << r.body.substr(0, 400) << "\n";
  std::exit(1);
}

HttpResponse must(HttpResponse r, int want, const std::string& what) {
  if (r.status != want) die(what, r);
  return r;
}

double rss_mb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

std::string run_command(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

Json machine() {
  Json m;
  std::ifstream cpu("/proc/cpuinfo");
  std::string line;
  int cores = 0;
  while (std::getline(cpu, line)) {
    if (line.rfind("model name", 0) == 0 && !m.contains("cpu")) m["cpu"] = line.substr(line.find(':') + 2);
    if (line.rfind("processor", 0) == 0) ++cores;
  }
  m["cores"] = cores;
  std::ifstream mem("/proc/meminfo");
  while (std::getline(mem, line))
    if (line.rfind("MemTotal:", 0) == 0) m["memory_gb"] = std::round(std::stod(line.substr(9)) / 1048576.0 * 10) / 10;
  utsname u{};
  uname(&u);
  m["kernel"] = std::string(u.sysname) + " " + u.release;
  return m;
}

// Records every process's stacks for the length of a phase (perf record -a: the server, the
// database and the load generator share the cores), in the background.
struct Profile {
  std::thread t;
  Profile(const Options& o, const std::string& phase, int seconds) {
    if (o.profile_dir.empty()) return;
    std::string cmd = "perf record -F 499 -g -a -o " + o.profile_dir +
                      "/perf-" + o.engine + "-" + phase + ".data -- sleep " + std::to_string(seconds) +
                      " >/dev/null 2>&1";
    t = std::thread([cmd] { run_command(cmd); });
  }
  ~Profile() {
    if (t.joinable()) t.join();
  }
};

// --- the city as the API shows it ---

struct City {
  std::string city_id;
  std::vector<std::string> counties;                        // ids, by code
  std::map<std::string, std::vector<std::string>> schools;  // county id → school ids, by code
  std::map<std::string, std::string> school_county;
};

City read_city(Client& admin) {
  Json nodes = must(admin.get("/api/org/tree"), 200, "org tree").json()["nodes"];
  City c;
  std::map<std::string, Json> by_id;
  for (const auto& n : nodes) by_id[n["id"]] = n;
  std::vector<Json> sorted(nodes.begin(), nodes.end());
  std::sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) { return a["code"] < b["code"]; });
  for (const auto& n : sorted) {
    if (n["kind"] == "city" && c.city_id.empty()) c.city_id = n["id"];
    if (n["kind"] == "county") c.counties.push_back(n["id"]);
  }
  for (const auto& n : sorted) {
    if (n["kind"] != "school") continue;
    Json p = n;
    while (p["kind"] != "county" && p["parent_id"].is_string()) p = by_id[p["parent_id"]];
    if (p["kind"] != "county") continue;
    c.schools[p["id"]].push_back(n["id"]);
    c.school_county[n["id"]] = p["id"];
  }
  if (c.city_id.empty() || c.counties.size() < 2) {
    std::cerr << "xiaoan-bench: the demo city needs a city and at least two counties\n";
    std::exit(1);
  }
  return c;
}

std::vector<std::string> pupils_of(Client& admin, const std::string& school, int limit) {
  std::vector<std::string> out;
  for (int offset = 0; static_cast<int>(out.size()) < limit; offset += 500) {
    Json page = must(admin.get("/api/people?org_id=" + school + "&kind=student&status=enrolled&limit=500&offset=" +
                               std::to_string(offset)),
                     200, "people")
                    .json();
    for (const auto& p : page["items"])
      if (static_cast<int>(out.size()) < limit) out.push_back(p["id"]);
    if (page["items"].size() < 500) break;
  }
  return out;
}

// --- families ---

struct Family {
  std::string child, cookie, csrf;
};

// Signs in one family per pupil through the family link, as a parent's phone does.
std::vector<Family> sign_in_families(uint16_t port, const std::vector<std::string>& pupils, int threads) {
  std::vector<Family> out(pupils.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t)
    ts.emplace_back([&] {
      Client admin(port);
      admin.set_keep_alive(true);
      must(admin.login("admin"), 200, "admin sign-in");
      for (size_t i = next++; i < pupils.size(); i = next++) {
        auto link = must(admin.request("POST", "/api/people/" + pupils[i] + "/family-link"), 201, "family link");
        std::string url = link.json()["url"];
        Client phone(port);
        auto s = must(phone.post("/api/family/session", {{"token", url.substr(url.find("/f/") + 3)}}), 200,
                      "family sign-in");
        out[i] = {pupils[i], phone.cookie("xa_family"), s.json()["csrf_token"]};
      }
    });
  for (auto& t : ts) t.join();
  return out;
}

const Json& report_body() {
  static const Json body = {{"temperature", 36.6}, {"symptoms", Json::array()}, {"code_color", "green"},
                            {"household_fever", false}, {"left_city", false}, {"attending", true}};
  return body;
}

// --- the phases ---

Json wrk_json(const std::string& out, const std::string& marker) {
  auto at = out.find(marker);
  if (at == std::string::npos) {
    std::cerr << "xiaoan-bench: wrk printed no " << marker << ":\n" << out << "\n";
    std::exit(1);
  }
  auto end = out.find('\n', at);
  return Json::parse(out.substr(at + marker.size(), end - at - marker.size()));
}

Json ceiling(const Options& o) {
  std::string cmd = "wrk -t" + std::to_string(o.wrk_threads) + " -c" + std::to_string(o.connections) + " -d" +
                    std::to_string(o.ceiling_seconds) + "s -s " + o.wrk_script + " http://127.0.0.1:" +
                    std::to_string(o.load_port) + "/api/health -- ceiling 2>&1";
  std::cerr << "ceiling: " << cmd << "\n";
  Json j = wrk_json(run_command(cmd), "XA_WRK ");
  std::cerr << "ceiling: " << j.dump() << "\n";
  return j;
}

// Day figures of the dashboard: the city's roll-up of today, and the family reports of one county.
struct Dash {
  double ms = 0;
  int64_t total_reports = -1, county_reports = -1;
};

Dash read_dashboard(Client& viewer, const std::string& city, const std::string& county, const std::string& day) {
  auto t0 = Clock::now();
  auto r = viewer.get("/api/rollup?org_id=" + city + "&day=" + day);
  Dash d;
  d.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (r.status != 200) die("dashboard", r);
  Json j = r.json();
  d.total_reports = j["figures"]["reports"];
  for (const auto& c : j["children"])
    if (c["id"] == county) d.county_reports = c["figures"]["reports"];
  return d;
}

Json wave(const Options& o, const City& city, const std::vector<Family>& families,
          const std::vector<Family>& probes, const std::string& probe_county) {
  std::string file = o.work + "/families.tsv";
  {
    std::ofstream f(file);
    for (const auto& fam : families) f << fam.child << '\t' << fam.cookie << '\t' << fam.csrf << '\n';
  }
  Client viewer(o.port);
  viewer.set_keep_alive(true);
  must(viewer.login("admin"), 200, "admin sign-in");
  Dash before = read_dashboard(viewer, city.city_id, probe_county, o.day);

  // The probe: while wrk runs, a family of the probe county (which the wave does not touch)
  // reports, and the dashboard is read until it shows that report. Staleness is the time from
  // the report's acknowledgement to the first dashboard answer that includes it.
  std::atomic<bool> stop{false};
  std::vector<double> dash_ms, stale_ms;
  int64_t probe_reports = 0;
  std::thread probe([&] {
    size_t next = 0;
    int64_t seen = before.county_reports;
    while (!stop && next < probes.size()) {
      auto tick = Clock::now() + std::chrono::milliseconds(o.probe_ms);
      Client phone(o.port);
      phone.set_csrf(probes[next].csrf);
      auto r = phone.request("PUT", "/api/family/children/" + probes[next].child + "/report",
                             report_body().dump(),
                             {{"Cookie", "xa_family=" + probes[next].cookie},
                              {"Idempotency-Key", "probe-" + o.day + "-" + probes[next].child}});
      ++next;
      if (r.status != 200) die("probe report", r);
      ++probe_reports;
      auto acked = Clock::now();
      for (;;) {
        Dash d = read_dashboard(viewer, city.city_id, probe_county, o.day);
        dash_ms.push_back(d.ms);
        if (d.county_reports >= seen + 1) {
          seen = d.county_reports;
          stale_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - acked).count());
          break;
        }
        if (stop) break;
        // Poll, not spin: a busy loop here took a sixth of the machine from the wave.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      std::this_thread::sleep_until(tick);
    }
  });
  std::string cmd = "wrk -t" + std::to_string(o.wrk_threads) + " -c" + std::to_string(o.connections) + " -d" +
                    std::to_string(o.wave_seconds) + "s --timeout 10s -s " + o.wrk_script +
                    " http://127.0.0.1:" + std::to_string(o.load_port) + " -- wave " + file + " " + o.day + " " + std::to_string(o.wrk_threads) + " 2>&1";
  std::cerr << "wave: " << cmd << "\n";
  Profile profile(o, "wave", o.wave_seconds);
  Json j = wrk_json(run_command(cmd), "XA_WRK ");
  stop = true;
  probe.join();
  // Every acknowledged report is in the roll-up: the wave's counties gained at least the
  // acknowledged distinct reports and at most the requests wrk sent. Read it after the
  // dashboard's max age (500 ms by default), so that it is computed after the wave.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  Dash after = read_dashboard(viewer, city.city_id, probe_county, o.day);
  int64_t gained = (after.total_reports - after.county_reports) - (before.total_reports - before.county_reports);
  int64_t acked = j["ok"], sent = j["requests"];
  bool wrapped = j["wrapped"];
  j["reports_gained"] = gained;
  // When a thread used all its families, each has reported at least once: exactly one report each.
  // Requests in flight when wrk stopped may have committed unacknowledged: one per connection.
  j["verified"] = wrapped ? gained == static_cast<int64_t>(families.size())
                          : gained >= acked && gained <= sent + o.connections;
  j["families"] = families.size();
  j["dashboard"] = {{"reads", dash_ms.size()},
                    {"p50_ms", percentile(dash_ms, 50)},
                    {"p99_ms", percentile(dash_ms, 99)},
                    {"max_ms", percentile(dash_ms, 100)},
                    {"probe_reports", probe_reports},
                    {"staleness_p50_ms", percentile(stale_ms, 50)},
                    {"staleness_max_ms", percentile(stale_ms, 100)}};
  std::cerr << "wave: " << j.dump() << "\n";
  return j;
}

// Gate checks at a fixed rate from `gate_connections` kept-alive connections. Request i is due at
// t0 + i/rate; its latency counts from when it was due, so a stalled server is not hidden by
// requests that were never sent (no coordinated omission).
Json gate(const Options& o, const std::vector<std::pair<std::string, std::string>>& guard_tokens,
          const std::map<std::string, std::vector<std::string>>& pupils_by_school) {
  const int64_t total = static_cast<int64_t>(o.gate_rate) * o.gate_seconds;
  const int m = o.gate_connections;
  std::vector<std::vector<double>> lat(m);
  std::atomic<int64_t> errors{0};
  std::mutex err_mu;
  std::string first_error;
  auto t0 = Clock::now() + std::chrono::milliseconds(200);
  Profile profile(o, "gate", o.gate_seconds);
  std::vector<std::thread> ts;
  for (int c = 0; c < m; ++c)
    ts.emplace_back([&, c] {
      const auto& [school, token] = guard_tokens[c % guard_tokens.size()];
      const auto& pupils = pupils_by_school.at(school);
      Client guard(o.port);
      guard.set_keep_alive(true);
      guard.set_bearer(token);
      int64_t k = 0;
      for (int64_t i = c; i < total; i += m, ++k) {
        auto due = t0 + std::chrono::nanoseconds(i * 1'000'000'000LL / o.gate_rate);
        std::this_thread::sleep_until(due);
        Json body = {{"person_id", pupils[static_cast<size_t>(k) % pupils.size()]},
                     {"code_color", "green"},
                     {"temperature", 36.2 + 0.1 * static_cast<double>(i % 6)}};
        auto r = guard.post("/api/schools/" + school + "/gate/passes", body);
        lat[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - due).count());
        if (r.status != 201) {
          ++errors;
          std::lock_guard<std::mutex> l(err_mu);
          if (first_error.empty()) first_error = std::to_string(r.status) + " " + r.body.substr(0, 200);
        }
      }
    });
  for (auto& t : ts) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  Json j = {{"rate", o.gate_rate},
            {"requests", all.size()},
            {"errors", errors.load()},
            {"achieved_rps", static_cast<double>(all.size()) / secs},
            {"p50_ms", percentile(all, 50)},
            {"p99_ms", percentile(all, 99)},
            {"p999_ms", percentile(all, 99.9)},
            {"max_ms", percentile(all, 100)},
            {"first_error", first_error}};
  std::cerr << "gate: " << j.dump() << "\n";
  return j;
}

// A roster of `rows` pupils for a nine-year school: valid ID numbers (regions outside the demo
// city, so none collides with a demo pupil), grades 1–9, classes 1–99.
std::string roster_csv(int rows, int year) {
  static const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  static const char* const kGiven[] = {"子涵", "浩然", "欣怡", "梓萱", "宇轩", "雨桐", "俊杰", "思远"};
  static const char* const kRegions[] = {"370102", "370103", "370104", "370105", "370112"};
  static const char* const kGrades[] = {"一年级", "二年级", "三年级", "四年级", "五年级",
                                        "六年级", "七年级", "八年级", "九年级"};
  std::ostringstream out;
  out << "姓名,性别,出生日期,证件类型,身份证号,学号,年级,班级,监护人,关系,联系电话\n";
  using namespace std::chrono;
  for (int i = 0; i < rows; ++i) {
    int level = 1 + i % 9;
    int cls = 1 + (i / 9) % 99;
    int day = (i / 5) % 365, seq = (i / 1825) % 1000;
    bool male = seq % 2 == 1;
    // Grade 1 of the school year starting in September `year` was born Sep (year−7) – Aug (year−6).
    sys_days born = sys_days{std::chrono::year{year - 6 - level} / September / 1} + days{day};
    year_month_day ymd{born};
    char date[16], id17[24], phone[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    std::snprintf(id17, sizeof id17, "%s%04d%02u%02u%03d", kRegions[i % 5], static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), seq);
    std::snprintf(phone, sizeof phone, "139%08d", i);
    std::string surname = kSurnames[i % 10];
    out << surname << kGiven[(i / 10) % 8] << ',' << (male ? "男" : "女") << ',' << date << ",居民身份证,"
        << id17 << people::cn_id_check_char(id17) << ",B" << 100000 + i << ',' << kGrades[level - 1] << ','
        << cls << "班," << surname << "建国,父亲," << phone << '\n';
  }
  return out.str();
}

Json import(const Options& o, const std::string& school) {
  std::string csv = roster_csv(o.import_rows, std::stoi(o.day.substr(0, 4)) - (o.day.substr(5, 2) < "09" ? 1 : 0));
  Client admin(o.port);
  must(admin.login("admin"), 200, "admin sign-in");
  auto t0 = Clock::now();
  auto r = admin.request("POST", "/api/schools/" + school + "/roster-import?dry_run=0&filename=bench.csv", csv,
                         {{"Content-Type", "text/csv"}});
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (r.status != 200) die("roster import", r);
  Json rep = r.json();
  Json j = {{"rows", o.import_rows},
            {"bytes", csv.size()},
            {"seconds", secs},
            {"rows_per_s", o.import_rows / secs},
            {"created", rep["created"]},
            {"invalid", rep["invalid"]}};
  std::cerr << "import: " << j.dump() << "\n";
  if (rep["created"] != o.import_rows) die("roster import created fewer rows than sent", r);
  return j;
}

int run(Options o) {
  if (o.load_port == 0) o.load_port = o.port;
  fs::create_directories(o.work);
  auto has = [&](const std::string& phase) { return ("," + o.phases + ",").find("," + phase + ",") != std::string::npos; };
  Json result = {{"engine", o.engine}, {"scale", o.scale}, {"label", o.label}, {"machine", machine()},
                 {"phases", o.phases}};
  result["started_at"] = run_command("date -u +%Y-%m-%dT%H:%M:%SZ").substr(0, 20);
  Client admin(o.port);
  admin.set_keep_alive(true);
  must(admin.login("admin"), 200, "admin sign-in");
  Json health = must(admin.get("/api/health"), 200, "health").json();
  result["version"] = health["version"];
  result["day"] = o.day;
  result["seed_seconds"] = o.seed_seconds;
  result["rss_loaded_mb"] = rss_mb(o.server_pid);

  City city = read_city(admin);
  const std::string probe_county = city.counties.back();
  const auto& probe_schools = city.schools[probe_county];
  std::cerr << "city: " << city.school_county.size() << " schools in " << city.counties.size() << " counties\n";

  // Pupils of the wave: from every county but the probe county, school by school.
  auto setup0 = Clock::now();
  std::vector<std::string> wave_pupils;
  if (has("wave")) {
    for (size_t k = 0; static_cast<int>(wave_pupils.size()) < o.families; ++k) {
      bool any = false;
      for (size_t ci = 0; ci + 1 < city.counties.size() && static_cast<int>(wave_pupils.size()) < o.families; ++ci) {
        const auto& schools = city.schools[city.counties[ci]];
        if (k >= schools.size()) continue;
        any = true;
        for (auto& p : pupils_of(admin, schools[k], o.families - static_cast<int>(wave_pupils.size())))
          wave_pupils.push_back(std::move(p));
      }
      if (!any) break;
    }
  }
  std::vector<std::string> probe_pupils;
  for (const auto& s : probe_schools) {
    if (probe_pupils.size() >= 400 || !has("wave")) break;
    for (auto& p : pupils_of(admin, s, 400)) probe_pupils.push_back(std::move(p));
  }
  // Families of the whole city report at the same time, not school by school.
  std::shuffle(wave_pupils.begin(), wave_pupils.end(), std::mt19937(2026));
  auto families = sign_in_families(o.port, wave_pupils, 8);
  auto probes = sign_in_families(o.port, probe_pupils, 2);
  result["setup_seconds"] = std::chrono::duration<double>(Clock::now() - setup0).count();
  std::cerr << "setup: " << families.size() << " families, " << probes.size() << " probe families\n";

  if (has("ceiling")) result["ceiling"] = ceiling(o);
  if (has("wave")) {
    result["wave"] = wave(o, city, families, probes, probe_county);
    result["rss_after_wave_mb"] = rss_mb(o.server_pid);
  }
  if (has("gate")) {
    // Gate guards of the first schools of each county, with API tokens for their kiosks.
    std::vector<std::pair<std::string, std::string>> tokens;
    std::map<std::string, std::vector<std::string>> pupils;
    const int guards = std::min<int>(o.guards, static_cast<int>(city.school_county.size()));
    for (int g = 0; g < guards; ++g) {
      const auto& schools = city.schools[city.counties[g % city.counties.size()]];
      std::string school = schools[(g / city.counties.size()) % schools.size()];
      std::string user = "benchguard" + std::to_string(g) + "x" + std::to_string(getpid());
      must(admin.post("/api/users", {{"username", user}, {"display_name", "门卫" + std::to_string(g)},
                                     {"password", "Bench-Guard-2026"},
                                     {"grants", Json::array({{{"role", "gate_guard"}, {"org_id", school}}})}}),
           201, "guard account");
      Client guard(o.port);
      must(guard.login(user, "Bench-Guard-2026"), 200, "guard sign-in");
      auto ch = guard.post("/api/auth/password", {{"old_password", "Bench-Guard-2026"}, {"new_password", "Bench-Guard-2027"}});
      if (ch.status != 204) die("guard password change", ch);
      must(guard.login(user, "Bench-Guard-2027"), 200, "guard sign-in");
      tokens.push_back({school, must(guard.post("/api/tokens", {{"name", "kiosk"}}), 201, "token").json()["token"]});
      if (!pupils.count(school)) pupils[school] = pupils_of(admin, school, 500);
    }
    result["gate"] = gate(o, tokens, pupils);
  }
  if (has("import")) {
    // A nine-year school (grades 1–9) takes the roster: the first of the probe county, else of
    // the city.
    std::string school;
    std::vector<std::string> candidates(probe_schools.begin(), probe_schools.end());
    for (const auto& [s, county] : city.school_county)
      if (county != probe_county) candidates.push_back(s);
    for (const auto& s : candidates)
      if (must(admin.get("/api/schools/" + s), 200, "school").json()["details"].value("school_type", "") == "nine_year") {
        school = s;
        break;
      }
    if (school.empty()) {
      std::cerr << "xiaoan-bench: no nine-year school for the import\n";
      return 1;
    }
    result["import"] = import(o, school);
  }
  result["rss_end_mb"] = rss_mb(o.server_pid);

  result["summary"] = summary(result);
  std::string line = result["summary"].dump();
  std::cout << format_summary(result) << "\n" << line << "\n";
  if (!o.out.empty()) {
    fs::create_directories(fs::path(o.out).parent_path());
    std::ofstream(o.out) << result.dump(2) << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  CLI::App cli{"xiaoan-bench — benchmark driver (see bench/README.md)"};
  cli.require_subcommand(1);
  Options o;
  auto* r = cli.add_subcommand("run", "Set up, run the phases against a running server, write the figures");
  r->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // bench/run appends overrides
  r->add_option("--port", o.port, "App server port (set-up, probes, gate, import)")->required();
  r->add_option("--load-port", o.load_port, "Port for the ceiling and the wave (e.g. nginx); default --port");
  r->add_option("--server-pid", o.server_pid, "PID of the app server, for RSS");
  r->add_option("--engine", o.engine)->required();
  r->add_option("--scale", o.scale);
  r->add_option("--label", o.label, "What this run is (e.g. 'nginx, 2 app servers')");
  r->add_option("--day", o.day, "The school day of the run (YYYY-MM-DD)")->required();
  r->add_option("--phases", o.phases, "Comma list of ceiling,wave,gate,import");
  r->add_option("--work", o.work, "Scratch directory");
  r->add_option("--wrk-script", o.wrk_script);
  r->add_option("--out", o.out, "Write the JSON result here");
  r->add_option("--ceiling-seconds", o.ceiling_seconds);
  r->add_option("--wave-seconds", o.wave_seconds);
  r->add_option("--families", o.families, "Distinct signed-in families of the wave");
  r->add_option("--connections", o.connections, "wrk connections");
  r->add_option("--wrk-threads", o.wrk_threads);
  r->add_option("--gate-rate", o.gate_rate, "Gate checks per second");
  r->add_option("--gate-seconds", o.gate_seconds);
  r->add_option("--gate-connections", o.gate_connections);
  r->add_option("--guards", o.guards, "Gate guards, one school each (at most one per school of the city)");
  r->add_option("--import-rows", o.import_rows);
  r->add_option("--profile-dir", o.profile_dir, "perf record the machine during the wave and the gate phase");
  r->add_option("--seed-seconds", o.seed_seconds, "How long seeding the demo city took");
  std::string results = "bench/results", doc = "docs/benchmarks.md";
  auto* rep = cli.add_subcommand("report", "Regenerate docs/benchmarks.md from bench/results/*.json");
  rep->add_option("--results", results);
  rep->add_option("--out", doc);
  CLI11_PARSE(cli, argc, argv);
  if (r->parsed()) return run(o);
  return write_report(results, doc);
}
