#include "auth/rules.h"

#include <algorithm>
#include <array>

namespace xiaoan::auth {
namespace {

struct RoleInfo {
  Role role;
  std::string_view name;
};
constexpr std::array<RoleInfo, 10> kRoles = {{
    {Role::kBureauAdmin, "bureau_admin"},
    {Role::kBureauViewer, "bureau_viewer"},
    {Role::kInspector, "inspector"},
    {Role::kSchoolAdmin, "school_admin"},
    {Role::kSchoolDoctor, "school_doctor"},
    {Role::kHeadTeacher, "head_teacher"},
    {Role::kTeacher, "teacher"},
    {Role::kGateGuard, "gate_guard"},
    {Role::kCanteenManager, "canteen_manager"},
    {Role::kFamily, "family"},
}};

const std::vector<Role> kStaffRoles = {Role::kBureauAdmin,  Role::kBureauViewer, Role::kInspector,
                                       Role::kSchoolAdmin,  Role::kSchoolDoctor, Role::kHeadTeacher,
                                       Role::kTeacher,      Role::kGateGuard,    Role::kCanteenManager};
const std::vector<Role> kAdmins = {Role::kBureauAdmin, Role::kSchoolAdmin};
// Who reads the people registry (一人一档): the bureau, the school's leadership and doctor, and
// teachers for the classes they hold.
const std::vector<Role> kPeopleReaders = {Role::kBureauAdmin,  Role::kBureauViewer,
                                          Role::kInspector,    Role::kSchoolAdmin,
                                          Role::kSchoolDoctor, Role::kHeadTeacher};

}  // namespace

std::string_view role_name(Role r) {
  for (const auto& i : kRoles)
    if (i.role == r) return i.name;
  return "unknown";
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& i : kRoles)
    if (i.name == s) return i.role;
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> k = [] {
    std::vector<Role> v;
    for (const auto& i : kRoles) v.push_back(i.role);
    return v;
  }();
  return k;
}

const std::vector<std::string_view>& org_kinds() {
  static const std::vector<std::string_view> k = {"province", "city",   "county", "township",
                                                  "school",   "grade", "class"};
  return k;
}

bool valid_org_kind(std::string_view kind) {
  const auto& k = org_kinds();
  return std::find(k.begin(), k.end(), kind) != k.end();
}

bool kind_allowed_under(std::string_view parent, std::string_view child) {
  // Schools may hang directly under a county or city (直属学校) as well as under a township.
  if (parent == "province") return child == "city";
  if (parent == "city") return child == "county" || child == "school";
  if (parent == "county") return child == "township" || child == "school";
  if (parent == "township") return child == "school";
  if (parent == "school") return child == "grade";
  if (parent == "grade") return child == "class";
  return false;
}

std::vector<std::string_view> grant_kinds(Role r) {
  switch (r) {
    case Role::kBureauAdmin:
    case Role::kBureauViewer: return {"province", "city", "county", "township"};
    case Role::kInspector: return {"city", "county", "township", "school"};
    case Role::kFamily: return {};  // families sign in through their child's link, not grants
    case Role::kHeadTeacher:
    case Role::kTeacher: return {"school", "class"};
    default: return {"school"};
  }
}

const std::vector<ActionPolicy>& action_policies() {
  static const std::vector<ActionPolicy> k = {
      {"org.read", kStaffRoles},
      {"org.write", {Role::kBureauAdmin}},
      {"users.read", kAdmins},
      {"users.write", kAdmins},
      {"audit.read", kAdmins},
      {"school.write", kAdmins},
      {"calendar.write", {Role::kBureauAdmin}},
      {"people.read", kPeopleReaders},
      {"people.write", {Role::kBureauAdmin, Role::kSchoolAdmin, Role::kHeadTeacher}},
      {"people.reveal_id", {Role::kBureauAdmin, Role::kSchoolAdmin, Role::kSchoolDoctor}},
      {"people.import", {Role::kBureauAdmin, Role::kSchoolAdmin, Role::kHeadTeacher}},
      {"policy.read", kStaffRoles},
      {"policy.write", {Role::kBureauAdmin}},
      // The daily health loop.
      {"daily.read", kPeopleReaders},
      {"daily.check", {Role::kSchoolAdmin, Role::kSchoolDoctor, Role::kHeadTeacher}},
      {"daily.staff_check",
       {Role::kSchoolAdmin, Role::kSchoolDoctor, Role::kGateGuard, Role::kCanteenManager}},
      {"daily.gate", {Role::kGateGuard, Role::kSchoolAdmin, Role::kSchoolDoctor}},
      {"daily.visitor_approve", {Role::kSchoolAdmin}},
      {"daily.isolation", {Role::kSchoolDoctor, Role::kSchoolAdmin}},
      {"daily.absence", {Role::kSchoolDoctor, Role::kSchoolAdmin, Role::kHeadTeacher}},
      {"daily.submit", {Role::kSchoolAdmin}},
      {"daily.reopen", {Role::kBureauAdmin}},
      {"daily.remind", {Role::kBureauAdmin}},
      {"alerts.handle", {Role::kBureauAdmin, Role::kSchoolAdmin, Role::kSchoolDoctor}},
      {"webhooks.write", kAdmins},
      // The return to school.
      {"reopen.read", kPeopleReaders},
      {"reopen.review", {Role::kSchoolAdmin, Role::kSchoolDoctor, Role::kHeadTeacher}},
      {"reopen.plan", {Role::kSchoolAdmin}},
      {"reopen.apply", {Role::kSchoolAdmin}},
      {"reopen.approve", {Role::kBureauAdmin}},
      {"risk.read", kStaffRoles},
      {"risk.write", {Role::kBureauAdmin}},
      {"letters.read", kStaffRoles},
      {"letters.write", kAdmins},
      {"return.mark", {Role::kSchoolAdmin, Role::kSchoolDoctor, Role::kHeadTeacher}},
  };
  return k;
}

bool known_action(std::string_view action) {
  if (action == "public" || action == "authenticated" || action == "family") return true;
  for (const auto& a : action_policies())
    if (a.action == action) return true;
  return false;
}

bool path_within(std::string_view path, std::string_view ancestor) {
  return !ancestor.empty() && path.substr(0, ancestor.size()) == ancestor;
}

namespace {
const ActionPolicy* find_policy(std::string_view action) {
  for (const auto& a : action_policies())
    if (a.action == action) return &a;
  return nullptr;
}
bool role_permits(const ActionPolicy& a, Role r) {
  return std::find(a.roles.begin(), a.roles.end(), r) != a.roles.end();
}
}  // namespace

std::vector<std::string> scope_paths(const Principal& p, std::string_view action) {
  std::vector<std::string> out;
  const ActionPolicy* a = find_policy(action);
  if (!a) return out;
  for (const Grant& g : p.grants)
    if (role_permits(*a, g.role)) out.push_back(g.org_path);
  return out;
}

Status authorize(const Principal& p, std::string_view action, std::string_view target_path) {
  if (action == "authenticated" || action == "family") return authorize_any(p, action);
  for (const std::string& root : scope_paths(p, action))
    if (path_within(target_path, root)) return ok_status();
  return authorize_any(p, action).ok() ? Error::forbidden("out_of_scope") : Error::forbidden();
}

Status authorize_any(const Principal& p, std::string_view action) {
  // "authenticated": any staff account; "family": a family signed in through a child's link.
  if (action == "authenticated") return p.user_id > 0 ? ok_status() : Error::forbidden();
  if (action == "family") return p.family_session_id ? ok_status() : Error::forbidden();
  if (scope_paths(p, action).empty()) return Error::forbidden();
  return ok_status();
}

Status authorize_grant(const Principal& granter, Role role, std::string_view target_path) {
  XA_TRY(authorize(granter, "users.write", target_path));
  // A bureau admin covering the target may grant anything; a school admin only school staff roles.
  static const std::vector<Role> kSchoolGrantable = {Role::kSchoolDoctor, Role::kHeadTeacher,
                                                     Role::kTeacher, Role::kGateGuard,
                                                     Role::kCanteenManager};
  for (const Grant& g : granter.grants) {
    if (!path_within(target_path, g.org_path)) continue;
    if (g.role == Role::kBureauAdmin) return ok_status();
    if (g.role == Role::kSchoolAdmin &&
        std::find(kSchoolGrantable.begin(), kSchoolGrantable.end(), role) !=
            kSchoolGrantable.end())
      return ok_status();
  }
  return Error{ErrorCode::kForbidden, "role", "role_not_grantable",
               {{"role", std::string(role_name(role))}}};
}

namespace {
// Words that make the first part of the passwords people pick first; with digits or symbols after
// them they are still the first guesses of any attacker (password1, admin123, xiaoan2026 …).
constexpr std::string_view kCommonStems[] = {
    "password", "passwd", "passw0rd", "p@ssw0rd", "pass", "qwerty", "qwertyuiop", "qwer", "asdf",
    "asdfgh", "asdfghjkl", "zxcv", "zxcvbn", "zxcvbnm", "qazwsx", "1qaz2wsx", "1q2w3e4r", "1q2w3e",
    "q1w2e3r4", "qaz", "wsx", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "a1b2c3",
    "a1b2c3d4", "aa", "aaa", "aaaa", "aaaaaa", "admin", "administrator", "root", "user", "guest",
    "test", "tester", "login", "welcome", "letmein", "iloveyou", "monkey", "dragon", "master",
    "sunshine", "princess", "football", "baseball", "superman", "hello", "china", "beijing",
    "shanghai", "woaini", "woaini1314", "xiaoan", "school", "student", "teacher", "change",
    "changeme", "default", "secret", "xxx", "xxxx"};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

bool password_strong_enough(std::string_view pw, std::string_view username) {
  bool letter = false, digit = false;
  size_t chars = 0;
  for (unsigned char c : pw) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (std::isalpha(c) || c >= 0x80) letter = true;
    if (std::isdigit(c)) digit = true;
  }
  if (chars < 8 || !letter || !digit) return false;
  const std::string low = lower_ascii(pw);
  // The stem: what is left after trailing digits and symbols are taken off (and leading ones).
  size_t end = low.size();
  while (end > 0 && !std::isalpha(static_cast<unsigned char>(low[end - 1])) &&
         static_cast<unsigned char>(low[end - 1]) < 0x80)
    --end;
  size_t begin = 0;
  while (begin < end && !std::isalpha(static_cast<unsigned char>(low[begin])) &&
         static_cast<unsigned char>(low[begin]) < 0x80)
    ++begin;
  std::string_view stem = std::string_view(low).substr(begin, end - begin);
  for (std::string_view common : kCommonStems)
    if (stem == common || low == common) return false;
  // One character repeated (aaaa1111 has the stem "aaaa"), or the username inside.
  if (!stem.empty() && stem.find_first_not_of(stem[0]) == std::string_view::npos) return false;
  if (username.size() >= 3 && low.find(lower_ascii(username)) != std::string::npos) return false;
  return true;
}

}  // namespace xiaoan::auth
