#include "demo/demo.h"

#include <spdlog/spdlog.h>

#include <map>
#include <random>

#include "auth/audit.h"
#include "demo/daily_history.h"
#include "demo/repo.h"
#include "demo/repo_sql.h"
#include "demo/return_seed.h"
#include "auth/crypto.h"
#include "auth/repo.h"
#include "auth/rules.h"
#include "core/messages.h"
#include "core/time.h"
#include "org/repo.h"
#include "org/school.h"
#include "org/service.h"
#include "people/idcard.h"
#include "people/repo.h"

namespace xiaoan::demo {

const char* const kDemoPassword = "xiaoan2026";

namespace {

struct SchoolSeed {
  const char* name;
  const char* code;
  const char* type;
  bool boarding = false;
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
         {{"临沂第一实验小学", "2137000101", "primary"},
          {"兰山区第一实验幼儿园", "2137000102", "kindergarten"},
          {"临沂第三中学", "2137000103", "complete_secondary", true},
          {"兰山区实验中学", "2137000104", "junior"}}},
        {"银雀山街道", "371302002",
         {{"银雀山小学", "2137000201", "primary"},
          {"临沂第二十中学", "2137000202", "junior"},
          {"银雀山街道中心幼儿园", "2137000203", "kindergarten"},
          {"临沂市特殊教育学校", "2137000204", "special", true}}},
        {"金雀山街道", "371302003",
         {{"金雀山小学", "2137000301", "primary"},
          {"临沂第一中学", "2137000302", "senior", true},
          {"临沂市理工学校", "2137000303", "vocational", true},
          {"金雀山九年一贯制学校", "2137000304", "nine_year"}}},
        {"柳青街道", "371302004",
         {{"柳青小学", "2137000401", "primary"},
          {"柳青中学", "2137000402", "junior"},
          {"柳青中心幼儿园", "2137000403", "kindergarten"}}},
        {"白沙埠镇", "371302103",
         {{"白沙埠中心小学", "2137000501", "primary"},
          {"白沙埠中学", "2137000502", "junior", true},
          {"白沙埠镇中心幼儿园", "2137000503", "kindergarten"},
          {"诸葛完全中学", "2137000504", "complete_secondary", true},
          {"白沙埠镇第二小学", "2137000505", "primary"}}}}},
      {"罗庄区", "371311",
       {{"罗庄街道", "371311001",
         {{"罗庄区实验小学", "2137110101", "primary"},
          {"罗庄区第一中学", "2137110102", "senior", true}}},
        {"盛庄街道", "371311002",
         {{"盛庄小学", "2137110201", "primary"},
          {"盛庄中心幼儿园", "2137110202", "kindergarten"}}}}},
  };
  return k;
}

// The twelve counties of 临沂 (GB/T 2260) for the city-sized demo.
const std::vector<std::pair<const char*, const char*>>& linyi_counties() {
  static const std::vector<std::pair<const char*, const char*>> k = {
      {"兰山区", "371302"}, {"罗庄区", "371311"}, {"河东区", "371312"}, {"沂南县", "371321"},
      {"郯城县", "371322"}, {"沂水县", "371323"}, {"兰陵县", "371324"}, {"费县", "371325"},
      {"平邑县", "371326"}, {"莒南县", "371327"}, {"蒙阴县", "371328"}, {"临沭县", "371329"}};
  return k;
}

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                 "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
                                 "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
                                 "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
                                 "颜", "孔", "庞", "葛", "诸葛", "卢", "蒋", "蔡", "贾", "丁"};
const char* const kBoyChars[] = {"浩", "宇", "轩", "子", "涵", "博", "文", "泽", "俊", "杰",
                                 "明", "睿", "辰", "嘉", "航", "昊", "然", "铭", "晨", "凯",
                                 "鹏", "磊", "强", "志", "伟", "天", "一", "翔", "瑞", "鑫"};
const char* const kGirlChars[] = {"欣", "怡", "梓", "涵", "诗", "雨", "萱", "佳", "琪", "思",
                                  "彤", "婷", "悦", "妍", "可", "馨", "雅", "静", "雪", "丽",
                                  "晓", "安", "宁", "月", "芳", "露", "舒", "语", "心", "若"};

class Names {
 public:
  explicit Names(std::mt19937& rng) : rng_(rng) {}
  std::string surname() { return pick(kSurnames); }
  std::string given(bool male) {
    std::string g = male ? pick(kBoyChars) : pick(kGirlChars);
    if (rng_() % 3) g += male ? pick(kBoyChars) : pick(kGirlChars);
    return g;
  }
  std::string phone() {
    static const char* const kPrefixes[] = {"138", "139", "135", "136", "150", "151", "152",
                                            "157", "158", "159", "182", "187", "188", "177"};
    std::string p = pick(kPrefixes);
    for (int i = 0; i < 8; ++i) p += static_cast<char>('0' + rng_() % 10);
    return p;
  }

 private:
  template <size_t N>
  std::string pick(const char* const (&arr)[N]) {
    return arr[rng_() % N];
  }
  std::mt19937& rng_;
};

// Valid citizen ID numbers with matching region and birth date, unique within the demo.
class IdMaker {
 public:
  std::string make(const std::string& region, const std::string& birth, bool male) {
    std::string base = region + birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
    int& seq = next_[base];
    // The 17th digit is odd for men, even for women.
    int n = seq * 2 + (male ? 1 : 0);
    ++seq;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%03d", n % 1000);
    std::string first17 = base + buf;
    return first17 + people::cn_id_check_char(first17);
  }

 private:
  std::map<std::string, int> next_;
};

struct Plan {
  int classes_per_grade;
  int pupils_per_class;
};

Plan plan_for(const std::string& type, Scale scale) {
  if (scale == Scale::kTiny) return {1, 8};
  if (type == "kindergarten") return {2, 28};
  if (type == "special") return {1, 10};
  if (type == "primary" || type == "nine_year") return {2, 40};
  if (type == "vocational") return {2, 42};
  return {3, 45};
}

struct Generator {
  store::Conn& c;
  const people::IdVault& vault;
  Scale scale;
  std::mt19937 rng{2026};
  Names names{rng};
  IdMaker ids{};
  int64_t now = now_millis();
  std::string today = local_date(now_millis());
  int people = 0;

  // A birth date that fits the grade: pupils of grade 1 (and of 小班 at 3) have reached the age
  // by 31 August of the school year that started this September.
  std::string birth_for_level(int level) {
    int year = std::stoi(today.substr(0, 4)) - (today.substr(5, 2) < "09" ? 1 : 0);
    int age = level > 0 ? 5 + level : 6 + level;  // grade 1 → 6, 小班 (-3) → 3
    int month = 1 + static_cast<int>(rng() % 12);
    int birth_year = year - age - (month >= 9 ? 1 : 0);
    int day = 1 + static_cast<int>(rng() % 28);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", birth_year, month, day);
    return buf;
  }

  std::vector<std::string> tags() {
    std::vector<std::string> t;
    int r = static_cast<int>(rng() % 1000);
    if (r < 80) t.push_back("left_behind");
    if (r >= 80 && r < 110) t.push_back("poor");
    if (r >= 110 && r < 120) t.push_back("disabled");
    if (r >= 120 && r < 160) t.push_back("single_parent");
    if (r >= 160 && r < 180) t.push_back("medical_family");
    return t;
  }

  Status school(const org::Node& node, const std::string& type, bool boarding,
                const std::string& region) {
    org::SchoolDetails d{node.id, type, boarding, "临沂市" + node.name + "路" + std::to_string(node.id % 300 + 1) + "号",
                         names.surname() + names.given(rng() % 2), "0539-" + std::to_string(8000000 + node.id)};
    org::school_repo::save_details(c, d, now);
    c.exec(sql::kInsertGates, {node.id});
    static const std::pair<const char*, const char*> kPlaces[] = {
        {"clinic", "医务室"}, {"isolation_room", "临时隔离室"}, {"canteen", "学生食堂"},
        {"toilet", "教学楼卫生间"}, {"garbage_station", "垃圾站"}, {"library", "图书馆"}};
    for (const auto& [kind, name] : kPlaces)
      c.exec(sql::kInsertPlace, {node.id, std::string(kind), std::string(name)});
    if (boarding)
      c.exec(sql::kInsertDormitory, {node.id});
    auto [lo, hi] = org::grade_range(type);
    Plan plan = plan_for(type, scale);
    if (scale == Scale::kTiny) hi = lo;  // one grade, one class
    int seq = 0;
    int year = std::stoi(today.substr(0, 4));
    // The school's people are written together at the end (ids in the order made).
    std::vector<people::repo::NewPerson> made;
    size_t classes = 0;
    for (int level = lo; level <= hi; ++level) {
      if (level == 0) continue;
      for (int k = 1; k <= plan.classes_per_grade; ++k) {
        XA_ASSIGN(int64_t class_id, org::ensure_class(c, node, level, k));
        ++classes;
        std::string path = org::repo::find(c, class_id)->path;
        for (int i = 0; i < plan.pupils_per_class; ++i) {
          bool male = rng() % 2;
          people::Person p;
          p.kind = "student";
          p.school_id = node.id;
          p.class_id = class_id;
          p.org_path = path;
          std::string surname = names.surname();
          p.name = surname + names.given(male);
          p.gender = male ? "M" : "F";
          p.birth_date = birth_for_level(level);
          std::string id = ids.make(region, *p.birth_date, male);
          p.doc_type = "cn_id";
          p.id_hash = vault.lookup_hash(id);
          p.id_masked = people::mask_id(id);
          p.student_no = std::to_string(year) + std::to_string(100000 + (++seq)).substr(1);
          p.boarding = boarding && level >= 7 && rng() % 3 != 0;
          if (p.boarding) p.dorm_room = std::to_string(100 + rng() % 400);
          else if (rng() % 8 == 0) p.bus_route = "校车" + std::to_string(1 + rng() % 6) + "号线";
          p.tags = tags();
          p.status = "enrolled";
          std::string father = surname + names.given(true);
          std::string mother = names.surname() + names.given(false);
          p.guardians = {{father, "父亲", names.phone()}, {mother, "母亲", names.phone()}};
          if (std::find(p.tags.begin(), p.tags.end(), "left_behind") != p.tags.end())
            p.guardians = {{surname + names.given(true), "祖父", names.phone()}};
          made.push_back({std::move(p), vault.encrypt(id)});
          ++people;
        }
      }
    }
    // Staff: a teacher per class, the doctor, guards, canteen and cleaning staff. (The school is
    // new: its classes are the ones made above.)
    std::vector<std::pair<std::string, bool>> roles;
    for (size_t i = 0; i < classes; ++i) roles.push_back({"head_teacher", false});
    for (size_t i = 0; i < std::max<size_t>(1, classes / 2); ++i)
      roles.push_back({"teacher", false});
    roles.insert(roles.end(), {{"admin", false}, {"doctor", false}, {"guard", true}, {"guard", true}, {"canteen", true},
                               {"canteen", true}, {"cleaner", true}});
    for (const auto& [role, outsourced] : roles) {
      bool male = rng() % 2;
      people::Person s;
      s.kind = "staff";
      s.school_id = node.id;
      s.org_path = node.path;
      s.name = names.surname() + names.given(male);
      s.gender = male ? "M" : "F";
      char birth[16];
      std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", 1965 + static_cast<int>(rng() % 35),
                    1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
      s.birth_date = birth;
      std::string id = ids.make(region, birth, male);
      s.doc_type = "cn_id";
      s.id_hash = vault.lookup_hash(id);
      s.id_masked = people::mask_id(id);
      s.staff_role = role;
      s.outsourced = outsourced;
      s.phone = names.phone();
      s.status = "active";
      made.push_back({std::move(s), vault.encrypt(id)});
      ++people;
    }
    people::repo::insert_many(c, made, now);
    return ok_status();
  }
};

}  // namespace

constexpr const char* kSmallSeatSchool = "2137000101";
constexpr const char* kCitySeatSchool = "23713020102";  // 兰山第1街道第2学校, a primary school
constexpr const char* kCitySeatSchoolName = "兰山第1街道第2学校";

std::vector<DemoAccount> ensure_demo(store::Db& db, const people::IdVault& vault, Scale scale,
                                     int history_days) {
  struct Seat {
    const char* username;
    const char* role;
    const char* scope;  // shown to people
    const char* code;   // the org node's code
  };
  static const Seat kSeats[] = {
      {"admin", "bureau_admin", "临沂市", "371300"},
      {"lanshan", "bureau_admin", "兰山区", "371302"},
      {"viewer", "bureau_viewer", "兰山区", "371302"},
      {"inspector", "inspector", "兰山区", "371302"},
      {"principal", "school_admin", "临沂第一实验小学", "2137000101"},
      {"doctor", "school_doctor", "临沂第一实验小学", "2137000101"},
      {"headteacher", "head_teacher", "临沂第一实验小学 一年级1班", "2137000101-C1-1"},
      {"teacher", "teacher", "临沂第一实验小学", "2137000101"},
      {"guard", "gate_guard", "临沂第一实验小学", "2137000101"},
      {"canteen", "canteen_manager", "临沂第一实验小学", "2137000101"},
  };
  // The city of seed 004 has none of the small city's schools: its school seats sit on the first
  // primary school of 兰山区 instead.
  auto seat_code = [scale](const Seat& s) {
    std::string code = s.code;
    if (scale == Scale::kCity && code.rfind(kSmallSeatSchool, 0) == 0)
      code = kCitySeatSchool + code.substr(std::string_view(kSmallSeatSchool).size());
    return code;
  };
  auto seat_scope = [scale](const Seat& s) {
    std::string scope = s.scope;
    if (scale == Scale::kCity && scope.rfind("临沂第一实验小学", 0) == 0)
      scope = kCitySeatSchoolName + scope.substr(std::string_view("临沂第一实验小学").size());
    return scope;
  };
  std::vector<DemoAccount> accounts;
  for (const auto& s : kSeats) accounts.push_back({s.username, kDemoPassword, s.role, seat_scope(s)});
  bool empty = false;
  Status st = db.read([&](store::Conn& c) -> Status {
    empty = c.query_one(sql::kOrgNodeCount)->i64(0) == 0;
    return ok_status();
  });
  if (!st.ok() || !empty) return accounts;

  std::string hash = auth::hash_password(kDemoPassword);
  int schools = 0, people = 0;
  st = db.write([&](store::Conn& c) -> Status {
    Generator gen{c, vault, scale};
    // Every person is new: load them without their secondary indexes, then build those once.
    std::vector<repo::IndexDef> indexes = repo::drop_people_indexes(c);
    auto make = [&](std::optional<int64_t> parent, const char* kind, const std::string& name,
                    const std::string& code, const std::string& type = "") -> Result<org::Node> {
      return org::create_node(c, nullptr, "127.0.0.1", {parent, kind, name, code, type});
    };
    XA_ASSIGN(org::Node province, make(std::nullopt, "province", "山东省", "370000"));
    XA_ASSIGN(org::Node city, make(province.id, "city", "临沂市", "371300"));
    // The autumn term with National Day and New Year off and a make-up Saturday (调休).
    auto cal = c.query_one(sql::kInsertTermCalendar, {city.id, gen.now});
    int64_t cal_id = cal->i64(0);
    for (int d = 1; d <= 7; ++d)
      c.exec(sql::kInsertNationalHoliday, {cal_id, "2026-10-0" + std::to_string(d)});
    c.exec(sql::kInsertMakeupWorkday, {cal_id});
    c.exec(sql::kInsertNewYearHoliday, {cal_id});
    if (scale == Scale::kCity) {
      // Seed 004: ~5,600 schools and ~2.7 M pupils and staff over the twelve counties.
      static const char* const kTypes[] = {"kindergarten", "primary", "primary", "junior", "senior",
                                           "nine_year", "kindergarten", "primary"};
      for (const auto& [cname, ccode] : linyi_counties()) {
        XA_ASSIGN(org::Node cn, make(city.id, "county", cname, ccode));
        for (int t = 1; t <= 12; ++t) {
          char tcode[16];
          std::snprintf(tcode, sizeof tcode, "%s%03d", ccode, t);
          XA_ASSIGN(org::Node tn, make(cn.id, "township", std::string(cname).substr(0, 6) + "第" + std::to_string(t) + "街道", tcode));
          for (int s = 1; s <= 39; ++s) {
            std::string type = kTypes[(t * 39 + s) % 8];
            char scode[24];
            std::snprintf(scode, sizeof scode, "2%s%02d%02d", ccode, t, s);
            XA_ASSIGN(org::Node sn, make(tn.id, "school", tn.name + "第" + std::to_string(s) + "学校", scode, type));
            XA_TRY(gen.school(sn, type, type == "senior", ccode));
            ++schools;
          }
          if (t == 1 && schools == 39) repo::refresh_org_statistics(c);  // the first township
        }
        repo::refresh_org_statistics(c);
      }
    } else {
      for (const auto& county : seeds()) {
        XA_ASSIGN(org::Node cn, make(city.id, "county", county.name, county.code));
        for (const auto& town : county.towns) {
          XA_ASSIGN(org::Node tn, make(cn.id, "township", town.name, town.code));
          for (const auto& school : town.schools) {
            XA_ASSIGN(org::Node sn, make(tn.id, "school", school.name, school.code, school.type));
            ++schools;
            // The tiny demo gives pupils only to the first school, for fast tests.
            if (scale == Scale::kTiny && std::string(school.code) != "2137000101") continue;
            XA_TRY(gen.school(sn, school.type, school.boarding, county.code));
          }
        }
      }
    }
    repo::create_indexes(c, indexes);
    people = gen.people;
    seed_letter_templates(c, city.id, gen.now);
    seed_addresses(c);
    for (const auto& seat : kSeats) {
      auto node = org::repo::find_by_code(c, seat_code(seat));
      if (!node) return Error::internal("demo scope missing: " + seat_code(seat));
      int64_t uid = auth::repo::insert_user(c, seat.username, seat.username, std::nullopt, hash, false, gen.now);
      auth::repo::insert_grant(c, uid, *auth::parse_role(seat.role), node->id, gen.now);
      if (node->kind == "class")
        c.exec(sql::kSetHeadTeacher, {uid, node->id});
      // School accounts belong to a staff member of the school (their own daily report).
      static const std::map<std::string, std::string> kStaffRole = {
          {"school_admin", "admin"}, {"school_doctor", "doctor"}, {"head_teacher", "head_teacher"},
          {"teacher", "teacher"},      {"gate_guard", "guard"},     {"canteen_manager", "canteen"}};
      if (auto r = kStaffRole.find(seat.role); r != kStaffRole.end()) {
        auto school = c.query_one(sql::kSchoolOfNode, {node->id});
        c.exec(sql::kLinkStaffUser, {uid, school->i64(0), r->second});
      }
      auth::audit(c, nullptr, "127.0.0.1",
                  {"user.create", "user", id_str(uid), node->id, node->path, nullptr,
                   {{"username", seat.username}, {"role", seat.role}}},
                  "system");
    }
    return ok_status();
  });
  if (!st.ok())
    throw std::runtime_error("demo data could not be created: " + localize(st.error(), Lang::kEn) +
                             (st.error().params.count("detail") ? " (" + st.error().params.at("detail") + ")" : ""));
  spdlog::info("created the demo city (临沂市): {} schools, {} people, {} accounts", schools, people,
               accounts.size());
  // The default demo shows two weeks of daily life; tests (tiny) and benchmarks (city) start clean.
  if (scale == Scale::kSmall && history_days > 0) {
    seed_daily_history(db, now_millis(), history_days);
    seed_return_history(db, now_millis());
  }
  return accounts;
}

}  // namespace xiaoan::demo
