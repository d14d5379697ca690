// The people registry over HTTP: roster import in every encoding, re-import, bad files, scopes,
// ID protection (encrypted at rest, masked, audited reveal), search, transfers and history.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/harness.h"
#include "people/idcard.h"
#include "people/tabular.h"
#include "store/db.h"
#include "support/engines.h"

namespace xiaoan::testing {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(XIAOAN_FIXTURES) + "/rosters/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

HttpResponse import(Client& c, const std::string& school, const std::string& body,
                    const std::string& query) {
  return c.request("POST", "/api/schools/" + school + "/roster-import?" + query, body,
                   {{"Content-Type", "application/octet-stream"}});
}

int64_t count_people(Client& c, const std::string& org) {
  return c.get("/api/people?org_id=" + org + "&limit=1").json()["total"].get<int64_t>();
}

const char* const kRosters[] = {"roster_utf8.csv", "roster_utf8_bom.csv", "roster_gbk.csv",
                                "roster_libreoffice.xlsx"};

TEST(People, EveryRosterEncodingReadsTheSameAndReimportChangesNothing) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  int64_t before = count_people(c, school);
  for (const char* f : kRosters) {
    auto r = import(c, school, fixture(f), "dry_run=1&filename=" + std::string(f));
    ASSERT_EQ(r.status, 200) << f << ": " << r.body;
    Json rep = r.json();
    EXPECT_EQ(rep["rows"], 12) << f;
    EXPECT_EQ(rep["invalid"], 0) << f << ": " << rep["errors"].dump();
    EXPECT_EQ(rep["created"], 12) << f;
    EXPECT_FALSE(rep["written"].get<bool>());
  }
  EXPECT_EQ(count_people(c, school), before);  // dry runs write nothing

  auto r = import(c, school, fixture("roster_utf8.csv"), "dry_run=0");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["written"].get<bool>());
  EXPECT_EQ(r.json()["created"], 12);
  EXPECT_GE(r.json()["classes_created"], 5);  // 一年级1班 already existed
  EXPECT_EQ(count_people(c, school), before + 12);
  for (const char* f : kRosters) {
    r = import(c, school, fixture(f), "dry_run=0&filename=" + std::string(f));
    ASSERT_EQ(r.status, 200) << f;
    EXPECT_EQ(r.json()["created"], 0) << f;
    EXPECT_EQ(r.json()["updated"], 0) << f << r.body;
    EXPECT_EQ(r.json()["unchanged"], 12) << f;
  }
  EXPECT_EQ(count_people(c, school), before + 12);

  // A changed guardian phone is an update of that one pupil, found by student number.
  std::string csv = fixture("roster_utf8.csv");
  auto pos = csv.find("13805391201");
  csv.replace(pos, 11, "13805391299");
  r = import(c, school, csv, "dry_run=0");
  EXPECT_EQ(r.json()["updated"], 1);
  EXPECT_EQ(r.json()["unchanged"], 11);
  auto found = c.get("/api/people?q=13805391299").json();
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["name"], "王梓涵");
}

TEST(People, ABadFileReportsExactRowsAndWritesNothing) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  int64_t before = count_people(c, school);
  auto r = import(c, school, fixture("roster_bad.csv"), "dry_run=0");
  ASSERT_EQ(r.status, 200) << r.body;
  Json rep = r.json();
  EXPECT_FALSE(rep["written"].get<bool>());
  EXPECT_EQ(rep["invalid"], 3);
  EXPECT_EQ(rep["valid"], 9);
  std::map<int, std::string> by_row;
  for (const auto& e : rep["errors"]) by_row[e["row"].get<int>()] = e["column"].get<std::string>();
  EXPECT_EQ(by_row, (std::map<int, std::string>{{4, "身份证号"}, {6, "姓名"}, {8, "出生日期"}}))
      << rep["errors"].dump();
  std::string msg = rep["errors"][0]["message"];
  EXPECT_NE(msg.find("校验位"), std::string::npos) << msg;
  EXPECT_EQ(count_people(c, school), before);
  // The user chooses to import the valid rows only.
  r = import(c, school, fixture("roster_bad.csv"), "dry_run=0&valid_only=1");
  EXPECT_TRUE(r.json()["written"].get<bool>());
  EXPECT_EQ(r.json()["created"], 9);
  EXPECT_EQ(count_people(c, school), before + 9);
}

TEST(People, FileLevelErrorsNameTheProblem) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  auto r = import(c, school, "姓名,性别\n张三,男\n", "dry_run=1");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("年级"), std::string::npos) << r.body;
  r = import(c, school, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'),
             "filename=old.xls");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(".xlsx"), std::string::npos);
  r = import(c, school, "\xFF\xFE\xFD\xFC", "");
  EXPECT_EQ(r.status, 400) << r.body;
  // Bigger than 20 MiB.
  r = import(c, school, std::string(21 << 20, 'a'), "");
  EXPECT_EQ(r.status, 413);
}

TEST(People, ImportIsScoped) {
  Server s;
  std::string school = node_id(s.port(), "2137000101");
  std::string other = node_id(s.port(), "2137000201");
  Client ht(s.port());
  ht.login("headteacher");
  auto r = import(ht, other, fixture("roster_utf8.csv"), "dry_run=1");
  EXPECT_EQ(r.status, 403);
  // Into the own school: only the rows of the head teacher's class are allowed.
  r = import(ht, school, fixture("roster_utf8.csv"), "dry_run=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["valid"], 2);  // the two pupils of 一年级1班
  EXPECT_EQ(r.json()["invalid"], 10);
  Client teacher(s.port());
  teacher.login("teacher");
  EXPECT_EQ(import(teacher, school, fixture("roster_utf8.csv"), "dry_run=1").status, 403);
}

TEST(People, IdNumbersAreEncryptedMaskedAndRevealedWithAudit) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  ASSERT_EQ(import(c, school, fixture("roster_utf8.csv"), "dry_run=0").status, 200);
  const std::string id = "37130220171208528X";  // 陈思雨
  // Search by the full ID number finds her, shown masked.
  auto found = c.get("/api/people?q=" + id).json();
  ASSERT_EQ(found["total"], 1) << found.dump();
  EXPECT_EQ(found["items"][0]["name"], "陈思雨");
  EXPECT_EQ(found["items"][0]["id_masked"], "371***************");
  std::string pid = found["items"][0]["id"];
  auto detail = c.get("/api/people/" + pid);
  EXPECT_EQ(detail.body.find(id), std::string::npos);
  EXPECT_TRUE(detail.json()["can_reveal_id"].get<bool>());
  // Nowhere in the database in clear text.
  {
    store::DbOptions o;
    o.url = s.db_url();
    o.readers = 1;
    auto db = store::open_db(o);
    int rows = 0;
    Status st = db->read([&](store::Conn& conn) -> Status {
      for (const auto& r : conn.query("SELECT name, id_cipher, id_hash, id_masked FROM people")) {
        ++rows;
        for (size_t i = 0; i < r.size(); ++i) EXPECT_EQ(r.str(i).find(id), std::string::npos);
      }
      return ok_status();
    });
    ASSERT_TRUE(st.ok());
    EXPECT_GT(rows, 12);
  }
  if (test_engine() == "sqlite") {
    std::string path = s.db_url().substr(7);
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(path + suffix, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      EXPECT_EQ(ss.str().find(id), std::string::npos) << "plain ID number in " << path << suffix;
    }
  }
  // The teacher may not reveal; the doctor may, and it is audited.
  Client teacher(s.port());
  teacher.login("teacher");
  EXPECT_EQ(teacher.request("POST", "/api/people/" + pid + "/reveal-id").status, 403);
  Client doctor(s.port());
  doctor.login("doctor");
  auto r = doctor.request("POST", "/api/people/" + pid + "/reveal-id");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["id_number"], id);
  auto audit = c.get("/api/audit?action=person.id_reveal").json()["items"];
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0]["actor_name"], "doctor");
  EXPECT_EQ(audit[0]["target_id"], pid);
  EXPECT_EQ(audit[0].dump().find(id), std::string::npos);  // the audit row holds only the mask
}

TEST(People, StaffRosterCreatesAccountsWithGrants) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  auto r = import(c, school, fixture("staff_utf8.csv"), "kind=staff&dry_run=0&accounts=1");
  ASSERT_EQ(r.status, 200) << r.body;
  Json rep = r.json();
  EXPECT_EQ(rep["created"], 4);
  ASSERT_EQ(rep["accounts"].size(), 3u) << rep.dump();  // the cleaner has no phone
  std::map<std::string, std::string> roles, passwords;
  for (const auto& a : rep["accounts"]) {
    roles[a["username"]] = a["role"];
    passwords[a["username"]] = a["password"];
  }
  EXPECT_EQ(roles["13905391001"], "head_teacher");
  EXPECT_EQ(roles["13905391002"], "gate_guard");
  EXPECT_EQ(roles["13905391003"], "school_doctor");
  // The doctor signs in with the first password and must change it.
  Client doctor(s.port());
  auto login = doctor.login("13905391003", passwords["13905391003"]);
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.json()["user"]["must_change_password"].get<bool>());
  EXPECT_EQ(login.json()["user"]["grants"][0]["org_name"], "临沂第一实验小学");
  // Importing again creates no second account and shows no password.
  r = import(c, school, fixture("staff_utf8.csv"), "kind=staff&dry_run=0&accounts=1");
  EXPECT_EQ(r.json()["accounts"].size(), 0u);
  EXPECT_EQ(r.json()["created"], 0);
  EXPECT_EQ(r.json()["unchanged"], 4) << r.body;
  // A head teacher may import neither staff nor accounts.
  Client ht(s.port());
  ht.login("headteacher");
  EXPECT_EQ(import(ht, school, fixture("staff_utf8.csv"), "kind=staff&dry_run=1").status, 403);
  EXPECT_EQ(import(c, school, fixture("roster_utf8.csv"), "accounts=1").status, 400);
}

TEST(People, ListsExportToCsvAndXlsxWithMaskedIds) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  ASSERT_EQ(import(c, school, fixture("roster_utf8.csv"), "dry_run=0").status, 200);
  auto csv = c.get("/api/people/export?org_id=" + school + "&kind=student");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.headers["content-disposition"].find("people.csv"), std::string::npos);
  EXPECT_NE(csv.body.find("371***************"), std::string::npos);
  EXPECT_EQ(csv.body.find("37130220171208528X"), std::string::npos);
  auto xlsx = c.get("/api/people/export?org_id=" + school + "&kind=student&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto table = people::read_xlsx(xlsx.body);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header[0], "姓名");
  EXPECT_EQ(table->rows.size(), 20u);  // the tiny demo's 8 pupils and the 12 imported
  auto tpl = c.get("/api/roster-template?format=xlsx");
  ASSERT_EQ(tpl.status, 200);
  auto t = people::read_xlsx(tpl.body);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header[0], "姓名");
  EXPECT_EQ(c.get("/api/people/export?format=pdf").status, 400);
}

TEST(People, CreateValidatesEveryField) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  std::string klass = c.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  Json base = {{"kind", "student"}, {"school_id", school}, {"class_id", klass}, {"name", "周小雨"},
               {"gender", "F"}, {"student_no", "T0001"},
               {"guardians", {{{"name", "周强"}, {"relation", "父亲"}, {"phone", "13905390000"}}}}};
  struct Case {
    const char* field;
    Json value;
    const char* error_field;
  };
  std::string first17 = "37130220190315002";
  char right = people::cn_id_check_char(first17);
  std::string future17 = "37130220300315002";
  const Case cases[] = {
      {"id_number", first17 + (right == '0' ? '1' : '0'), "id_number"},  // wrong check digit
      {"id_number", "371302190315002", "id_number"},                     // 15-digit legacy
      {"id_number", future17 + people::cn_id_check_char(future17), "id_number"},  // born later
      {"gender", "X", "gender"},
      {"birth_date", "2019-02-30", "birth_date"},
      {"tags", Json::array({"学霸"}), "tags"},
      {"guardians", Json::array({{{"name", "周强"}, {"phone", "12345"}}}), "guardians"},
      {"class_id", node_id(s.port(), "2137000201"), "class_id"},
  };
  for (const auto& k : cases) {
    Json b = base;
    b[k.field] = k.value;
    auto r = c.post("/api/people", b);
    EXPECT_EQ(r.status, 400) << k.field << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], k.error_field) << r.body;
  }
  auto r = c.post("/api/people", base);
  ASSERT_EQ(r.status, 201) << r.body;
  r = c.post("/api/people", base);
  EXPECT_EQ(r.status, 409);  // the student number is taken
  EXPECT_EQ(r.json()["error"]["field"], "student_no");
}

TEST(People, TransfersKeepTheTrail) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  ASSERT_EQ(import(c, school, fixture("roster_utf8.csv"), "dry_run=0").status, 200);
  Json sch = c.get("/api/schools/" + school).json();
  std::string grade1_class2;
  std::string grade1 = sch["grades"][0]["id"];
  grade1_class2 = c.post("/api/classes", {{"grade_id", grade1}, {"number", 2}}).json()["id"];
  std::string pid = c.get("/api/people?q=2026010101").json()["items"][0]["id"];
  auto r = c.post("/api/people/" + pid + "/transfer", {{"to_id", grade1_class2}, {"note", "分班调整"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["class"]["name"], "一年级2班");
  r = c.post("/api/people/" + pid + "/status", {{"status", "suspended"}, {"note", "休学"}});
  EXPECT_EQ(r.json()["status"], "suspended");
  auto history = c.get("/api/people/" + pid).json()["history"];
  ASSERT_EQ(history.size(), 3u) << history.dump();
  EXPECT_EQ(history[0]["kind"], "enrol");
  EXPECT_EQ(history[1]["kind"], "transfer_class");
  EXPECT_EQ(history[1]["to"]["name"], "一年级2班");
  EXPECT_EQ(history[1]["note"], "分班调整");
  EXPECT_EQ(history[2]["to_status"], "suspended");
  // The head teacher of 一年级1班 no longer sees her.
  Client ht(s.port());
  ht.login("headteacher");
  EXPECT_EQ(ht.get("/api/people/" + pid).status, 403);
}

TEST(Schools, StructureCalendarAndSchoolDays) {
  Server s;
  Client c(s.port());
  c.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  auto r = c.post("/api/schools/" + school + "/grades", {{"level", 7}});
  EXPECT_EQ(r.status, 400);  // a primary school has no 初一
  r = c.post("/api/schools/" + school + "/grades", {{"level", 3}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["name"], "三年级");
  r = c.post("/api/schools/" + school + "/places", {{"kind", "isolation_room"}, {"name", "临时隔离室"}});
  EXPECT_EQ(r.status, 201);
  r = c.post("/api/schools/" + school + "/places", {{"kind", "spaceship"}, {"name", "x"}});
  EXPECT_EQ(r.json()["error"]["field"], "kind");
  r = c.post("/api/schools/" + school + "/status-periods",
             {{"status", "closed"}, {"start_date", "2026-11-10"}, {"end_date", "2026-11-05"}});
  EXPECT_EQ(r.json()["error"]["field"], "end_date");
  r = c.post("/api/schools/" + school + "/status-periods",
             {{"status", "closed"}, {"start_date", "2026-11-02"}, {"end_date", "2026-11-04"}, {"note", "停课"}});
  ASSERT_EQ(r.status, 201);
  auto days = c.get("/api/schools/" + school + "/school-days?from=2026-09-30&to=2026-11-04").json()["days"];
  std::map<std::string, std::string> reason;
  for (const auto& d : days) reason[d["date"]] = d["reason"];
  EXPECT_EQ(reason["2026-09-30"], "school_day");
  EXPECT_EQ(reason["2026-10-01"], "holiday");   // the demo city's calendar: 国庆节
  EXPECT_EQ(reason["2026-10-10"], "workday");   // a make-up Saturday
  EXPECT_EQ(reason["2026-10-11"], "weekend");
  EXPECT_EQ(reason["2026-11-03"], "closed");
  // A county tightens nothing here but may add its own calendar; only the bureau may.
  EXPECT_EQ(c.post("/api/org/nodes/" + school + "/calendars",
                   {{"name", "x"}, {"start_date", "2027-02-20"}, {"end_date", "2027-07-01"}})
                .status,
            403);
}

}  // namespace
}  // namespace xiaoan::testing
