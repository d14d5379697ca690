// The return to school in the demo city: commitment letter templates (every scale), and for the
// default demo a reopening as it went — risk areas, everyone's declarations and decisions (a few
// with conditions, documents and refusals), return plans for 兰山区, approved and pending
// applications, signed letters, and who is not back yet.
#include "demo/repo_sql.h"
#include "demo/return_seed.h"

#include <spdlog/spdlog.h>

#include "auth/crypto.h"
#include "reopen/service.h"

namespace xiaoan::demo {
namespace {

// A 1×1 PNG: the demo's "photo" of a certificate.
const char* const kPngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

Json clean_declaration(const std::string& county, const std::string& place, const std::string& today,
                       int salt) {
  Json daily = Json::array();
  for (int i = 13; i >= 0; --i)
    daily.push_back({{"day", add_days(today, -i)},
                     {"temperature", 36.2 + ((salt + i) % 6) / 10.0},
                     {"symptoms", Json::array()}});
  return {{"residence", {{{"region_code", county}, {"place", place}, {"from", add_days(today, -13)}, {"to", today}}}},
          {"contacts", {{"case_contact", false}, {"risk_area_contact", false}, {"note", ""}}},
          {"daily", daily},
          {"code_color", "green"},
          {"quarantine", {{"status", "none"}, {"end_date", nullptr}}},
          {"abroad", {{"returned", false}, {"country", ""}, {"entry_date", nullptr}}},
          {"test", {{"date", nullptr}, {"result", "none"}}}};
}

void add_document(store::Conn& c, int64_t person, int64_t school, const std::string& kind,
                  const std::string& status, Millis now) {
  std::string bytes = auth::base64_decode(kPngBase64);
  c.exec(sql::kInsertDocument,
         {person, school, kind, kind + ".png", static_cast<int64_t>(bytes.size()),
          auth::sha256_hex(bytes), std::string(kPngBase64), status, now,
          status == "pending" ? store::Value(nullptr) : store::Value(now)});
}

}  // namespace

void seed_letter_templates(store::Conn& c, int64_t city_id, Millis now) {
  struct T {
    const char* level;
    const char* title;
    const char* body;
  };
  static const T kTemplates[] = {
      {"bureau_school", "学校疫情防控责任书",
       "为切实做好{school}开学返校疫情防控工作，学校承诺：校长为第一责任人，落实“一校一案”和“四个凡是”要求，"
       "严格执行晨午检、因病缺勤追踪、每日零报告和消毒通风制度，如实报送师生健康信息，不瞒报、不漏报、不迟报。\n"
       "签订日期：{date}"},
      {"school_family", "学生返校家长承诺书",
       "本人{guardian}是{school}{class}学生{name}的家长。本人承诺：如实填报孩子及共同生活家庭成员近14天的健康状况和"
       "行程，每日按时完成健康打卡；孩子如有发热、干咳等症状，立即就医并报告班主任，不带病上学；"
       "按学校安排的批次、时段和校门错峰返校。如有隐瞒，愿承担相应责任。\n日期：{date}"},
      {"school_staff", "教职工返岗承诺书",
       "本人{name}是{school}教职工。本人承诺：如实申报本人近14天健康状况和行程，每日上报体温，"
       "出现发热等症状立即报告并离岗就医；严格执行学校疫情防控各项制度。\n日期：{date}"},
  };
  for (const auto& t : kTemplates)
    c.exec(sql::kInsertLetterTemplate, {city_id, t.level, t.title, t.body, now});
}

void seed_addresses(store::Conn& c) {
  c.exec(sql::kSetSchoolAddresses);
}

void seed_return_history(store::Db& db, Millis now) {
  std::string today = local_date(now);
  int declarations = 0;
  Status st = db.write([&](store::Conn& c) -> Status {
    auto city = c.query_one(sql::kFirstCity);
    int64_t city_id = city->i64(0);
    // Risk areas: a medium-risk district in Jinan, a street of 罗庄区, and one that has ended.
    auto area = [&](const char* code, const char* street, const char* level,
                    const std::string& from, std::optional<std::string> to) {
      c.exec(sql::kInsertRiskArea, {city_id, std::string(code), std::string(street),
                                    std::string(level), from, store::opt(to), now});
    };
    area("370102", "", "medium", add_days(today, -10), std::nullopt);
    area("371311", "盛庄街道", "medium", add_days(today, -2), std::nullopt);
    area("420106", "", "high", add_days(today, -30), add_days(today, -3));

    // Declarations of everyone, a few with something to check.
    int i = 0;
    for (const auto& r : c.query(sql::kPeopleWithCounty)) {
      ++i;
      if (i % 151 == 0) continue;  // not declared yet
      int64_t person = r.i64(0), school = r.i64(1);
      std::string county = r.str(3).size() == 6 ? r.str(3) : "371302";
      Json d = clean_declaration(county, r.str(5) + r.str(4), today, i);
      if (i % 97 == 0) {  // back from Jinan's medium-risk district a week ago
        d["residence"] = {{{"region_code", "370102"}, {"place", "济南市历下区"}, {"from", add_days(today, -13)},
                           {"to", add_days(today, -7)}},
                          {{"region_code", county}, {"place", r.str(5)}, {"from", add_days(today, -6)}, {"to", today}}};
      } else if (i % 89 == 0) {  // visited Beijing: trajectory report, approved for some
        d["residence"] = {{{"region_code", "110105"}, {"place", "北京市朝阳区"}, {"from", add_days(today, -13)},
                           {"to", add_days(today, -10)}},
                          {{"region_code", county}, {"place", r.str(5)}, {"from", add_days(today, -9)}, {"to", today}}};
        add_document(c, person, school, "trajectory_report", i % 2 ? "approved" : "pending", now);
      } else if (i % 71 == 0) {
        d["code_color"] = "yellow";
      } else if (i % 53 == 0) {  // a cough last week: a medical certificate waiting for review
        d["daily"][6]["symptoms"] = {"cough"};
        add_document(c, person, school, "medical_certificate", "pending", now);
      } else if (i % 211 == 0) {
        d["quarantine"] = {{"status", "home"}, {"end_date", add_days(today, 3)}};
      }
      c.exec(sql::kInsertDeclaration, {person, school, r.str(2), d.dump(), now});
      ++declarations;
    }
    reopen::refresh_decisions(c, "", today, now);

    // 兰山区 reopened in three batches from 11-09 (approved county → city); 罗庄区's schools are
    // still closed, one with an application waiting at the county.
    auto users = [&](const char* name) {
      auto u = c.query_one(sql::kUserByName, {std::string(name)});
      return u ? store::Value(u->i64(0)) : store::Value(nullptr);
    };
    std::string first = "2026-11-09";
    int apps = 0;
    for (const auto& s : c.query(sql::kSchoolsOfApprovedCounty)) {
      reopen::store_proposed_plan(c, s.i64(0), s.str(1), first, Lang::kZh);
      auto app = c.query_one(sql::kInsertApprovedApplication,
                             {s.i64(0), s.str(1), first,
                              "按年级分三批错峰返校，高年级先返校；入校测温、晨午检、错时就餐。",
                              "XA-2026-D" + std::to_string(++apps), now});
      c.exec(sql::kInsertApprovedSteps,
             {app->i64(0), now, s.i64(0), s.i64(3), users("lanshan"), city_id, users("admin")});
    }
    int closed = 0;
    for (const auto& s : c.query(sql::kSchoolsOfClosedCounty)) {
      c.exec(sql::kInsertClosure, {s.i64(0), now});
      if (closed++ == 0) {
        auto app = c.query_one(sql::kInsertPendingApplication,
                               {s.i64(0), s.str(1), add_days(today, 7),
                                "全校师生已完成健康申报，拟分两批返校。", now});
        c.exec(sql::kInsertSubmitStep, {app->i64(0), now, s.i64(0)});
      }
    }

    // Who is back in 兰山区: everyone seen, except a few with reasons and a few not yet accounted for.
    int k = 0;
    for (const auto& p : c.query(sql::kPeopleOfApprovedCounty)) {
      ++k;
      if (k % 157 == 0) continue;  // unaccounted
      static const char* const kReasons[] = {"sick", "abroad", "risk_area", "isolating", "other"};
      bool away = k % 83 == 0;
      c.exec(sql::kInsertReturnStatus,
             {p.i64(0), p.i64(1), p.str(2), away ? "not_returned" : "returned",
              away ? kReasons[(k / 83) % 5] : "",
              away ? store::Value(add_days(today, 3 + k % 7)) : store::Value(nullptr),
              away ? store::Value(nullptr) : store::Value(first), now});
      // Families signed the school–family letter (most of them).
      if (k % 7 != 0) {
        auto t = c.query_one(sql::kFamilyLetterTemplate);
        c.exec(sql::kInsertLetterSignature,
               {t->i64(0), now, auth::sha256_hex(t->str(1)), t->str(1), p.i64(0)});
      }
    }
    return ok_status();
  });
  if (!st.ok()) throw std::runtime_error("return demo: " + st.error().message_key);
  spdlog::info("return to school: {} declarations with decisions, 兰山区 reopened in batches", declarations);
}

}  // namespace xiaoan::demo
