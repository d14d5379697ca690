// Issue 16: grades and classes are listed by their number (一, 二, 三 … not by the code points of
// their names, which give 一, 三, 二, 五, 六, 四; (2)班 before (10)班), in the listings the server
// orders itself: the absences of a day and the return-to-school summary of a school.
#include <gtest/gtest.h>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

TEST(ClassOrder, AbsencesAndSummaryListClassesByNumber) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port()), principal(s.port()), doctor(s.port());
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(doctor.login("doctor").status, 200);
  std::string school = node_id(s.port(), "2137000101");
  // The tiny demo school has 一年级1班 only: add 一年级10班 and 一年级2班, then grades 六 … 二
  // (last first) with a class each, and a pupil in every new class.
  Json grades = principal.get("/api/schools/" + school).json()["grades"];
  ASSERT_EQ(grades.size(), 1u) << grades;
  std::string first_grade = grades[0]["id"];
  std::vector<std::string> new_classes;
  auto add_class = [&](const std::string& grade, int number) {
    auto r = principal.post("/api/classes", {{"grade_id", grade}, {"number", number}});
    ASSERT_EQ(r.status, 201) << r.body;
    new_classes.push_back(r.json()["id"]);
  };
  add_class(first_grade, 10);
  add_class(first_grade, 2);
  for (int level = 6; level >= 2; --level) {
    auto r = principal.post("/api/schools/" + school + "/grades", {{"level", level}});
    ASSERT_EQ(r.status, 201) << r.body;
    add_class(r.json()["id"], 1);
  }
  int n = 0;
  for (const auto& klass : new_classes) {
    auto r = principal.post("/api/people", {{"kind", "student"}, {"school_id", school}, {"class_id", klass},
                                            {"name", "排序学生" + std::to_string(n)}, {"gender", "F"},
                                            {"student_no", "ORDER" + std::to_string(n)}});
    ASSERT_EQ(r.status, 201) << r.body;
    ++n;
  }
  const std::vector<std::string> expected = {"一年级1班", "一年级2班", "一年级10班", "二年级1班",
                                             "三年级1班", "四年级1班", "五年级1班", "六年级1班"};

  // The morning check marks one pupil absent in every class, the last class first.
  set_clock(clock, "2026-11-25T07:50:00+08:00");
  Json detail = principal.get("/api/schools/" + school).json();
  std::vector<std::string> class_ids, listed;
  for (const auto& g : detail["grades"])
    for (const auto& k : g["classes"]) class_ids.push_back(k["id"]), listed.push_back(k["name"]);
  EXPECT_EQ(listed, expected);  // the school's own listing (grade level, class number)
  for (auto it = class_ids.rbegin(); it != class_ids.rend(); ++it) {
    Json roster = doctor.get("/api/classes/" + *it + "/check?session=morning").json()["roster"];
    ASSERT_FALSE(roster.empty()) << *it;
    auto r = put(doctor, "/api/classes/" + *it + "/check",
                 {{"session", "morning"},
                  {"marks", {{{"person_id", roster[0]["id"]}, {"status", "absent"}, {"absence_reason", "sick"}}}}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  std::vector<std::string> got;
  Json absences = doctor.get("/api/absences?org_id=" + school).json();
  for (const auto& a : absences["items"]) got.push_back(a["class_name"]);
  EXPECT_EQ(got, expected) << "absences";

  // The return-to-school summary of the school: one row per class, in the same order.
  got.clear();
  Json summary = principal.get("/api/reopen/summary?org_id=" + school).json();
  for (const auto& row : summary["rows"]) got.push_back(row["name"]);
  EXPECT_EQ(got, expected) << "reopen summary";
}

}  // namespace
}  // namespace xiaoan::testing
