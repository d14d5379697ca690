#include "demo/demo.h"

#include <spdlog/spdlog.h>

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/repo.h"
#include "auth/rules.h"
#include "core/time.h"
#include "org/repo.h"
#include "org/service.h"

namespace xiaoan::demo {

const char* const kDemoPassword = "xiaoan2026";

namespace {

struct SchoolSeed {
  const char* name;
  const char* code;
};
struct TownSeed {
  const char* name;
  const char* code;
  std::vector<SchoolSeed> schools;
};
struct CountySeed {
  const char* name;
  const char* code;
  std::vector<TownSeed> towns;
};

// Real GB/T 2260 codes for the province, city and districts; township codes follow the
// statistical division scheme (district code + 3 digits). School codes are 10-digit 学校标识码.
const std::vector<CountySeed>& seeds() {
  static const std::vector<CountySeed> k = {
      {"兰山区", "371302",
       {{"兰山街道", "371302001",
         {{"临沂第一实验小学", "2137000101"}, {"兰山区第一实验幼儿园", "2137000102"},
          {"临沂第三中学", "2137000103"}, {"兰山区实验中学", "2137000104"}}},
        {"银雀山街道", "371302002",
         {{"银雀山小学", "2137000201"}, {"临沂第二十中学", "2137000202"},
          {"银雀山街道中心幼儿园", "2137000203"}, {"临沂市特殊教育学校", "2137000204"}}},
        {"金雀山街道", "371302003",
         {{"金雀山小学", "2137000301"}, {"临沂第一中学", "2137000302"},
          {"临沂市理工学校", "2137000303"}, {"金雀山九年一贯制学校", "2137000304"}}},
        {"柳青街道", "371302004",
         {{"柳青小学", "2137000401"}, {"柳青中学", "2137000402"}, {"柳青中心幼儿园", "2137000403"}}},
        {"白沙埠镇", "371302103",
         {{"白沙埠中心小学", "2137000501"}, {"白沙埠中学", "2137000502"},
          {"白沙埠镇中心幼儿园", "2137000503"}, {"诸葛完全中学", "2137000504"},
          {"白沙埠镇第二小学", "2137000505"}}}}},
      {"罗庄区", "371311",
       {{"罗庄街道", "371311001",
         {{"罗庄区实验小学", "2137110101"}, {"罗庄区第一中学", "2137110102"}}},
        {"盛庄街道", "371311002",
         {{"盛庄小学", "2137110201"}, {"盛庄中心幼儿园", "2137110202"}}}}},
  };
  return k;
}

}  // namespace

std::vector<DemoAccount> ensure_demo(store::Db& db) {
  std::vector<DemoAccount> accounts = {
      {"admin", kDemoPassword, "bureau_admin", "临沂市"},
      {"lanshan", kDemoPassword, "bureau_admin", "兰山区"},
      {"viewer", kDemoPassword, "bureau_viewer", "兰山区"},
      {"inspector", kDemoPassword, "inspector", "兰山区"},
      {"principal", kDemoPassword, "school_admin", "临沂第一实验小学"},
      {"doctor", kDemoPassword, "school_doctor", "临沂第一实验小学"},
      {"headteacher", kDemoPassword, "head_teacher", "临沂第一实验小学"},
      {"teacher", kDemoPassword, "teacher", "临沂第一实验小学"},
      {"guard", kDemoPassword, "gate_guard", "临沂第一实验小学"},
      {"canteen", kDemoPassword, "canteen_manager", "临沂第一实验小学"},
  };
  bool empty = false;
  Status st = db.read([&](store::Conn& c) -> Status {
    empty = c.query_one("SELECT COUNT(*) FROM org_nodes")->i64(0) == 0;
    return ok_status();
  });
  if (!st.ok() || !empty) return accounts;

  std::string hash = auth::hash_password(kDemoPassword);
  st = db.write([&](store::Conn& c) -> Status {
    auto make = [&](std::optional<int64_t> parent, const char* kind, const char* name,
                    const char* code) -> Result<org::Node> {
      return org::create_node(c, nullptr, "127.0.0.1", {parent, kind, name, code});
    };
    XA_ASSIGN(org::Node province, make(std::nullopt, "province", "山东省", "370000"));
    XA_ASSIGN(org::Node city, make(province.id, "city", "临沂市", "371300"));
    for (const auto& county : seeds()) {
      XA_ASSIGN(org::Node cn, make(city.id, "county", county.name, county.code));
      for (const auto& town : county.towns) {
        XA_ASSIGN(org::Node tn, make(cn.id, "township", town.name, town.code));
        for (const auto& school : town.schools) XA_TRY(make(tn.id, "school", school.name, school.code));
      }
    }
    int64_t now = now_millis();
    for (const auto& a : accounts) {
      std::optional<int64_t> org_id;
      for (const auto& r : c.query("SELECT id FROM org_nodes WHERE name = $1", {a.scope}))
        org_id = r.i64(0);
      if (!org_id) return Error::internal("demo scope missing: " + a.scope);
      int64_t uid = auth::repo::insert_user(c, a.username, a.username, std::nullopt, hash, false, now);
      auth::repo::insert_grant(c, uid, *auth::parse_role(a.role), *org_id, now);
      auth::audit(c, nullptr, "127.0.0.1",
                  {"user.create", "user", id_str(uid), org_id, org::repo::find(c, *org_id)->path,
                   nullptr, {{"username", a.username}, {"role", a.role}}},
                  "system");
    }
    return ok_status();
  });
  if (!st.ok()) throw std::runtime_error("demo data could not be created: " + st.error().message_key);
  spdlog::info("created the demo city (临沂市: 2 districts, 7 townships, 24 schools) and {} accounts",
               accounts.size());
  return accounts;
}

}  // namespace xiaoan::demo
