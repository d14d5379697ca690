// The command line on a real database: org roots and first accounts for a fresh deployment,
// migrations, and backup.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "api/harness.h"
#include "support/engines.h"

namespace xiaoan::testing {
namespace {

struct Run {
  int status;
  std::string out;
};

Run xiaoan(const std::string& db, const std::string& args) {
  std::string cmd = std::string("XIAOAN_DB='") + db + "' " + XIAOAN_BIN + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int st = pclose(p);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

TEST(Cli, FreshDeploymentFromTheCommandLine) {
  std::string db = fresh_database_url();
  auto r = xiaoan(db, "migrate");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("up to date"), std::string::npos);
  r = xiaoan(db, "admin create-org --kind province --name 河南省 --code 410000");
  ASSERT_EQ(r.status, 0) << r.out;
  r = xiaoan(db, "admin create-org --kind city --name 郑州市 --code 410100 --parent 410000");
  ASSERT_EQ(r.status, 0) << r.out;
  r = xiaoan(db, "admin create-org --kind city --name 错误 --code 12 --parent 410000");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("6 digits"), std::string::npos) << r.out;
  r = xiaoan(db, "admin create --username zz.admin --password Henan2026 --role bureau_admin --org 410100");
  ASSERT_EQ(r.status, 0) << r.out;
  r = xiaoan(db, "admin create --username zz.admin --password Henan2026 --role bureau_admin --org 410100");
  EXPECT_NE(r.status, 0);  // taken
  r = xiaoan(db, "admin create --username weak --password 123 --role bureau_admin --org 410100");
  EXPECT_NE(r.status, 0);

  Server s({}, db);  // the demo is not added to a database that already has an org tree
  Client c(s.port());
  ASSERT_EQ(c.login("zz.admin", "Henan2026").status, 200);
  Json tree = c.get("/api/org/tree").json();
  ASSERT_EQ(tree["nodes"].size(), 1u) << tree.dump();
  EXPECT_EQ(tree["nodes"][0]["name"], "郑州市");
  EXPECT_EQ(c.login("admin").status, 401);
}

TEST(Cli, ImportRosterSharesTheWizardsChecks) {
  Server s;
  std::string dir = std::string(XIAOAN_FIXTURES) + "/rosters/";
  s.kill_hard();  // the command line writes to the same database
  std::string key = "--key-file " + s.data_dir() + "/xiaoan-id.key ";
  auto r = xiaoan(s.db_url(), key + "import roster --school 2137000101 --dry-run " + dir + "roster_bad.csv");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("roster_bad.csv:4: [身份证号]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("roster_bad.csv:6: [姓名]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("roster_bad.csv:8: [出生日期]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invalid 3"), std::string::npos) << r.out;
  r = xiaoan(s.db_url(), key + "import roster --school 2137000101 " + dir + "roster_bad.csv");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("would write"), std::string::npos) << r.out;  // nothing written
  r = xiaoan(s.db_url(), key + "import roster --school 2137000101 " + dir + "roster_gbk.csv");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("written: 12 new"), std::string::npos) << r.out;
  r = xiaoan(s.db_url(), key + "import roster --school 2137000101 " + dir + "roster_libreoffice.xlsx");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("0 new, 0 updated, 12 unchanged"), std::string::npos) << r.out;
  r = xiaoan(s.db_url(), key + "import roster --school NOPE " + dir + "roster_gbk.csv");
  EXPECT_EQ(r.status, 2);
}

TEST(Cli, Backup) {
  Server s;
  Client c(s.port());
  c.login("admin");
  ASSERT_EQ(c.post("/api/org/nodes", {{"parent_id", node_id(s.port(), "371302")}, {"kind", "township"},
                                      {"name", "备份街道"}, {"code", "371302888"}})
                .status,
            201);
  std::string file = temp_dir() + "/backup.db";
  auto r = xiaoan(s.db_url(), "backup " + file);
  ASSERT_EQ(r.status, 0) << r.out;
  if (test_engine() == "postgresql") {
    EXPECT_NE(r.out.find("pg_dump"), std::string::npos) << r.out;
    return;
  }
  // The copy is a complete database: a server on it has the node written before the backup.
  s.kill_hard();
  Server restored({}, "sqlite:" + file);
  Client rc(restored.port());
  rc.login("admin");
  EXPECT_NE(rc.get("/api/org/tree").body.find("备份街道"), std::string::npos);
}

}  // namespace
}  // namespace xiaoan::testing
