// Security regressions of issue 15 ("Trust first"), on both engines:
//  - finding 2: nothing shown to a role without the reveal right (lists, details, exports)
//    determines an ID number; exports are audited; stored masks of old databases are migrated;
//  - finding 3: an ID number registered elsewhere is no oracle across scopes (the holder is named
//    only within scope), every conflict is audited and conflicts are rate limited, dry runs too;
//  - item 8: % and _ in searches are literal characters, not wildcards.
// See docs/decisions/0010-id-number-exposure.md.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/harness.h"
#include "core/time.h"
#include "people/idcard.h"
#include "people/tabular.h"
#include "store/db.h"
#include "store/migrate.h"
#include "support/engines.h"

namespace xiaoan::testing {
namespace {

constexpr const char* kSchoolA = "2137000101";  // 临沂第一实验小学 (principal, headteacher)
constexpr const char* kSchoolB = "2137000201";  // 银雀山小学: outside the principal's scope
constexpr const char* kRegion = "371302";       // 兰山区: the attacker knows the region

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : k[m - 1];
}

// What a caller was shown of one person.
struct Shown {
  std::string name, mask, gender;
  std::string birth;  // YYYY-MM-DD, YYYY or empty
};

// The attack of issue 15: every 18-character number consistent with what was shown — the mask's
// visible characters, the birth date (or year), the gender (parity of the 17th digit) and the
// check digit — with the region of the school taken as known. Counts up to `cap`.
int64_t candidates(const Shown& s, int64_t cap = 1000000) {
  if (s.mask.size() != 18) return cap;  // not a citizen ID: nothing to rebuild from
  auto fits = [&](const std::string& id) {
    for (size_t i = 0; i < 18; ++i)
      if (s.mask[i] != '*' && s.mask[i] != id[i]) return false;
    return true;
  };
  std::vector<std::string> dates;
  if (s.birth.size() == 10) {
    dates.push_back(s.birth.substr(0, 4) + s.birth.substr(5, 2) + s.birth.substr(8, 2));
  } else {
    std::vector<int> years;
    if (s.birth.size() == 4) years.push_back(std::stoi(s.birth));
    else for (int y = 1950; y <= 2025; ++y) years.push_back(y);
    for (int y : years)
      for (int m = 1; m <= 12; ++m)
        for (int d = 1; d <= days_in(y, m); ++d) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
          dates.push_back(buf);
        }
  }
  std::string region = s.mask.substr(0, 6).find('*') == std::string::npos ? s.mask.substr(0, 6)
                                                                           : kRegion;
  int64_t n = 0;
  for (const auto& date : dates) {
    for (int seq = 0; seq < 1000; ++seq) {
      if (!s.gender.empty() && (seq % 2 == 1) != (s.gender == "M")) continue;
      char buf[4];
      std::snprintf(buf, sizeof buf, "%03d", seq);
      std::string first17 = region + date + buf;
      std::string id = first17 + people::cn_id_check_char(first17);
      if (fits(id) && ++n >= cap) return n;
    }
  }
  return n;
}

// Every person a caller can list, as shown.
std::vector<Shown> listed(Client& c) {
  std::vector<Shown> out;
  for (int offset = 0;; offset += 500) {
    auto r = c.get("/api/people?limit=500&offset=" + std::to_string(offset));
    EXPECT_EQ(r.status, 200) << r.body;
    Json j = r.json();
    for (const auto& p : j["items"]) {
      Shown s{p["name"], p["id_masked"].is_null() ? "" : p["id_masked"].get<std::string>(),
              p["gender"], ""};
      if (!p["birth_date"].is_null()) s.birth = p["birth_date"];
      else if (!p["birth_year"].is_null()) s.birth = std::to_string(p["birth_year"].get<int>());
      out.push_back(s);
    }
    if (offset + 500 >= j["total"].get<int64_t>()) break;
  }
  return out;
}

// The same people as an export (CSV: name, kind, gender, birth, masked ID, …).
std::vector<Shown> exported(Client& c, const std::string& query) {
  auto r = c.get("/api/people/export?" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  auto table = people::read_table(r.body, "people.csv");
  EXPECT_TRUE(table.ok());
  std::vector<Shown> out;
  if (!table.ok()) return out;
  EXPECT_EQ(table->header[3], "出生日期");
  for (const auto& row : table->rows)
    out.push_back({row[0], row[4], row[2] == "男" ? "M" : "F", row[3]});
  return out;
}

// The head teacher's class (一年级1班 of school A), from their grant.
std::string head_teacher_class(uint16_t port) {
  Client c(port);
  return c.login("headteacher").json()["user"]["grants"][0]["org_id"];
}

void expect_not_rebuildable(const std::vector<Shown>& people, const std::string& who) {
  ASSERT_FALSE(people.empty()) << who;
  int with_id = 0;
  for (const auto& p : people) {
    if (p.mask.empty()) continue;
    ++with_id;
    EXPECT_NE(p.birth.size(), 10u) << who << " sees the birth date of " << p.name;
    // The decision's figure: ≥ 10^4 candidates per person (the test's enumeration ignores the
    // grade, which the decision's worst case of 61,000 accounts for).
    EXPECT_GE(candidates(p, 10000), 10000) << who << " can narrow " << p.name << " (" << p.mask
                                           << ", " << p.birth << ") to few numbers";
  }
  EXPECT_GT(with_id, 0) << who;
}

TEST(IdExposure, RolesWithoutRevealCannotRebuildIdNumbersFromListsOrExports) {
  Server s;
  std::string school = node_id(s.port(), kSchoolA);
  std::string county = node_id(s.port(), kRegion);
  for (const char* who : {"headteacher", "viewer"}) {
    Client c(s.port());
    c.login(who);
    expect_not_rebuildable(listed(c), who);
    expect_not_rebuildable(exported(c, ""), std::string(who) + " export");
  }
  // A class export and a county export, each audited with who, scope and row count.
  Client ht(s.port());
  ht.login("headteacher");
  std::string klass = head_teacher_class(s.port());
  auto class_rows = exported(ht, "org_id=" + klass + "&kind=student");
  expect_not_rebuildable(class_rows, "headteacher class export");
  Client viewer(s.port());
  viewer.login("viewer");
  auto county_rows = exported(viewer, "org_id=" + county + "&format=csv");
  Client admin(s.port());
  admin.login("admin");
  auto audit = admin.get("/api/audit?action=people.export&limit=50").json()["items"];
  std::map<std::string, std::vector<Json>> by_actor;
  for (const auto& a : audit) by_actor[a["actor_name"]].push_back(a);
  ASSERT_EQ(by_actor["headteacher"].size(), 2u) << audit.dump();
  ASSERT_EQ(by_actor["viewer"].size(), 2u) << audit.dump();
  const Json& last_ht = by_actor["headteacher"][0];  // newest first
  EXPECT_EQ(last_ht["target_id"], klass);
  EXPECT_EQ(last_ht["after"]["rows"], class_rows.size());
  EXPECT_EQ(last_ht["after"]["full_birth_dates"], 0);
  EXPECT_EQ(last_ht["after"]["format"], "csv");
  EXPECT_EQ(by_actor["viewer"][0]["after"]["rows"], county_rows.size());
  EXPECT_EQ(by_actor["viewer"][0]["org_id"], county);

  // The control: a role with the reveal right sees the birth date (and may reveal the number).
  Client principal(s.port());
  principal.login("principal");
  auto all = listed(principal);
  ASSERT_FALSE(all.empty());
  for (const auto& p : all) EXPECT_EQ(p.birth.size(), 10u) << p.name;
  // The head teacher's detail page of a pupil shows the year only.
  auto pupils = ht.get("/api/people?org_id=" + klass + "&limit=1").json()["items"];
  ASSERT_EQ(pupils.size(), 1u);
  auto detail = ht.get("/api/people/" + pupils[0]["id"].get<std::string>()).json();
  EXPECT_TRUE(detail["birth_date"].is_null());
  EXPECT_TRUE(detail["birth_year"].is_number_integer());
  EXPECT_FALSE(detail["can_reveal_id"].get<bool>());
}

TEST(IdExposure, HeadTeacherEditWithoutBirthDateKeepsTheStoredOne) {
  Server s;
  Client ht(s.port());
  ht.login("headteacher");
  std::string klass = head_teacher_class(s.port());
  Json p = ht.get("/api/people?org_id=" + klass + "&limit=1").json()["items"][0];
  std::string id = p["id"];
  Json body = {{"kind", "student"}, {"school_id", p["school"]["id"]}, {"class_id", klass},
               {"name", p["name"]}, {"gender", p["gender"]}, {"birth_date", nullptr},
               {"student_no", p["student_no"]}};
  auto r = ht.request("PUT", "/api/people/" + id, body.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  Client principal(s.port());
  principal.login("principal");
  auto full = principal.get("/api/people/" + id).json();
  EXPECT_EQ(full["birth_date"].get<std::string>().substr(0, 4),
            std::to_string(p["birth_year"].get<int>()));
}

// A database written before the new mask serves the new one after migrating.
TEST(IdExposure, OldMasksAreRewrittenByTheMigration) {
  Server s;
  Client principal(s.port());
  principal.login("principal");
  Json p = principal.get("/api/people?kind=student&limit=1").json()["items"][0];
  std::string mask = p["id_masked"];
  ASSERT_EQ(mask.size(), 18u);
  const store::Migration* m = nullptr;
  for (const auto& x : store::embedded_migrations())
    if (x.name == "0008_id_mask.sql") m = &x;
  ASSERT_NE(m, nullptr);
  {
    store::DbOptions o;
    o.url = s.db_url();
    o.readers = 1;
    auto db = store::open_db(o);
    Status st = db->write([&](store::Conn& c) -> Status {
      // The old forms: 6 + 4 of a citizen ID, 2 + 2 of a passport.
      c.exec("UPDATE people SET id_masked = $1 WHERE id = $2",
             {"371302********528X", std::stoll(p["id"].get<std::string>())});
      c.exec("UPDATE people SET id_masked = 'E1*****78' WHERE id <> $1 AND kind = 'staff'",
             {std::stoll(p["id"].get<std::string>())});
      c.exec_script(store::render_migration(
          m->sql.substr(0, m->sql.find("CREATE INDEX")), db->engine()));
      return ok_status();
    });
    ASSERT_TRUE(st.ok());
  }
  auto after = principal.get("/api/people/" + p["id"].get<std::string>()).json();
  EXPECT_EQ(after["id_masked"], "371***************");
  auto staff = principal.get("/api/people?kind=staff&limit=1").json()["items"][0];
  EXPECT_EQ(staff["id_masked"], "E*******8");
}

// A valid citizen ID of 兰山区 born on `date` (YYYYMMDD) with sequence `seq`.
std::string make_id(const std::string& date, int seq) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%03d", seq);
  std::string first17 = std::string(kRegion) + date + buf;
  return first17 + people::cn_id_check_char(first17);
}

HttpResponse import(Client& c, const std::string& school, const std::string& body,
                    const std::string& query) {
  return c.request("POST", "/api/schools/" + school + "/roster-import?" + query, body,
                   {{"Content-Type", "application/octet-stream"}});
}

std::string roster(const std::vector<std::string>& ids) {
  std::string csv = "姓名,身份证号,年级,班级\r\n";
  for (size_t i = 0; i < ids.size(); ++i)
    csv += "试探" + std::to_string(i) + "," + ids[i] + ",一年级,1班\r\n";
  return csv;
}

TEST(IdExposure, RegisteredNumbersNameNoOneOutsideScopeAndConflictsAreAuditedAndLimited) {
  Server s;
  std::string a = node_id(s.port(), kSchoolA), b = node_id(s.port(), kSchoolB);
  Client admin(s.port());
  admin.login("admin");
  // School B's staff, registered by the city admin with numbers the test knows.
  std::vector<std::string> taken;
  for (int i = 0; i < 14; ++i) {
    std::string id = make_id("198503" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1), 101 + 2 * i);
    auto r = admin.post("/api/people", {{"kind", "staff"}, {"school_id", b}, {"name", "银雀" + std::to_string(i)},
                                       {"staff_role", "teacher"}, {"id_number", id}});
    ASSERT_EQ(r.status, 201) << r.body;
    taken.push_back(id);
  }
  Client principal(s.port());
  principal.login("principal");
  std::string klass = head_teacher_class(s.port());
  auto create = [&](Client& c, const std::string& id) {
    return c.post("/api/people", {{"kind", "student"}, {"school_id", a}, {"class_id", klass},
                                 {"name", "试探"}, {"id_number", id}});
  };
  auto names_holder = [](const HttpResponse& r) {
    return r.body.find("银雀") != std::string::npos;  // the school 银雀山小学 or a holder 银雀N
  };

  // A dry run with more taken numbers than the hourly limit is refused whole: nothing listed.
  std::vector<std::string> eleven(taken.begin(), taken.begin() + 11);
  auto r = import(principal, a, roster(eleven), "dry_run=1");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.error_code(), "rate_limited");
  EXPECT_FALSE(names_holder(r)) << r.body;
  EXPECT_EQ(r.body.find("\"errors\""), std::string::npos);
  // Within the limit a dry run lists the rows, saying only that the number is registered.
  r = import(principal, a, roster({taken[0], taken[1], taken[2]}), "dry_run=1");
  ASSERT_EQ(r.status, 200) << r.body;
  Json errors = r.json()["errors"];
  ASSERT_EQ(errors.size(), 3u) << r.body;
  for (const auto& e : errors) {
    EXPECT_EQ(e["code"], "conflict");
    EXPECT_NE(e["message"].get<std::string>().find("已登记"), std::string::npos);
  }
  EXPECT_FALSE(names_holder(r)) << r.body;

  // Creating: 409 without B's school or holder; the number is not echoed either.
  r = create(principal, taken[3]);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_FALSE(names_holder(r)) << r.body;
  EXPECT_EQ(r.body.find(taken[3]), std::string::npos);
  // Within scope (the city admin reads school B) the holder is named.
  auto named = create(admin, taken[3]);
  EXPECT_EQ(named.status, 409);
  EXPECT_NE(named.body.find("银雀山小学 银雀3"), std::string::npos) << named.body;

  // Each conflict is audited, without the number.
  auto audit = admin.get("/api/audit?action=person.id_conflict&limit=100").json()["items"];
  int of_principal = 0, refused = 0;
  for (const auto& x : audit) {
    for (const auto& id : taken) EXPECT_EQ(x.dump().find(id), std::string::npos);
    if (x["action"] == "person.id_conflict" && x["actor_name"] == "principal") ++of_principal;
    if (x["action"] == "person.id_conflict_refused") ++refused;
  }
  EXPECT_EQ(of_principal, 4);  // 3 in the dry run, 1 create
  EXPECT_EQ(refused, 11);      // the refused dry run's rows

  // The limit (10 an hour): 6 more answers, then 429 and nothing done.
  for (int i = 4; i < 10; ++i) EXPECT_EQ(create(principal, taken[i]).status, 409) << i;
  r = create(principal, taken[10]);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_FALSE(names_holder(r));
  r = import(principal, a, roster({taken[11]}), "dry_run=1");
  EXPECT_EQ(r.status, 429) << r.body;
  // A number nobody holds still works for the limited account.
  EXPECT_EQ(create(principal, make_id("20190405", 123)).status, 201);
  // Another account has its own budget.
  Client lanshan(s.port());
  lanshan.login("lanshan");
  EXPECT_EQ(create(lanshan, taken[12]).status, 409);
}

// Item 8: % and _ are literal characters in searches (people, accounts, gate), on both engines.
// A head teacher's import may neither update nor move into their class a pupil of another class
// found by student number or ID number: the row is refused (the pupil is not named).
TEST(IdExposure, HeadTeacherImportCannotTakeAPupilOfAnotherClass) {
  Server s;
  Client principal(s.port());
  principal.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  std::string fixture = std::string(XIAOAN_FIXTURES) + "/rosters/roster_utf8.csv";
  std::ifstream in(fixture, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  ASSERT_EQ(import(principal, school, ss.str(), "dry_run=0").status, 200);
  Client ht(s.port());
  ASSERT_EQ(ht.login("headteacher").status, 200);
  // 张一诺 is in 二年级2班: by student number, and by ID number without one.
  const std::string by_no = "姓名,学号,年级,班级\r\n张一诺,2025010201,一年级,1班\r\n";
  const std::string by_id = "姓名,身份证号,年级,班级\r\n张一诺,371312201810213102,一年级,1班\r\n";
  for (const std::string& csv : {by_no, by_id}) {
    auto r = import(ht, school, csv, "dry_run=0&valid_only=1");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["invalid"], 1) << r.body;
    EXPECT_EQ(r.json()["updated"], 0) << r.body;
    EXPECT_EQ(r.body.find("二年级"), std::string::npos) << r.body;
  }
  auto found = principal.get("/api/people?kind=student&q=%E5%BC%A0%E4%B8%80%E8%AF%BA").json();
  ASSERT_EQ(found["items"].size(), 1u) << found.dump();
  EXPECT_NE(found["items"][0].dump().find("二年级2班"), std::string::npos) << found.dump();
}

TEST(IdExposure, PercentAndUnderscoreAreNoWildcards) {
  Server s;
  Client principal(s.port());
  principal.login("principal");
  std::string a = node_id(s.port(), kSchoolA);
  int64_t everyone = principal.get("/api/people?limit=1").json()["total"].get<int64_t>();
  ASSERT_GT(everyone, 2);
  for (const char* q : {"%25", "_", "%25%25", "__"}) {
    auto r = principal.get(std::string("/api/people?limit=1&q=") + q);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["total"], 0) << q;
  }
  std::string klass = head_teacher_class(s.port());
  auto r = principal.post("/api/people", {{"kind", "student"}, {"school_id", a}, {"class_id", klass},
                                          {"name", "百分%号_生"}, {"gender", "F"}, {"student_no", "PCT1"}});
  ASSERT_EQ(r.status, 201) << r.body;
  for (const char* q : {"%25", "_", "%25%E5%8F%B7_"}) {
    auto found = principal.get(std::string("/api/people?q=") + q).json();
    ASSERT_EQ(found["total"], 1) << q;
    EXPECT_EQ(found["items"][0]["name"], "百分%号_生");
  }
  EXPECT_EQ(principal.get("/api/people?tag=%25").json()["total"], 0);

  Client admin(s.port());
  admin.login("admin");
  int64_t users = admin.get("/api/users?limit=1").json()["total"].get<int64_t>();
  ASSERT_GT(users, 2);
  EXPECT_EQ(admin.get("/api/users?q=%25").json()["total"], 0);
  EXPECT_EQ(admin.get("/api/users?q=_").json()["total"], 0);

  Client guard(s.port());
  guard.login("guard");
  auto g = guard.get("/api/schools/" + a + "/gate/lookup?q=_");
  ASSERT_EQ(g.status, 200) << g.body;
  ASSERT_EQ(g.json()["items"].size(), 1u) << g.body;  // only the literal match
  EXPECT_EQ(guard.get("/api/schools/" + a + "/gate/lookup?q=%25%25").json()["items"].size(), 0u);
}

}  // namespace
}  // namespace xiaoan::testing
