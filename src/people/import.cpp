#include "people/import.h"

#include <map>
#include <set>
#include <unordered_map>

#include "auth/audit.h"
#include "auth/repo.h"
#include "auth/rules.h"
#include "core/time.h"
#include "org/repo.h"
#include "org/school.h"
#include "org/service.h"
#include "people/rules.h"

namespace xiaoan::people {
namespace {

// Header aliases → field. Matching ignores case, spaces and a trailing "*" (required marks).
const std::vector<std::pair<std::string, std::vector<std::string>>>& aliases() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> k = {
      {"name", {"姓名", "学生姓名", "教职工姓名", "name"}},
      {"gender", {"性别", "gender", "sex"}},
      {"birth_date", {"出生日期", "出生年月", "生日", "birth_date", "birthday", "date_of_birth"}},
      {"doc_type", {"证件类型", "doc_type", "document_type"}},
      {"id_number", {"身份证号", "身份证号码", "证件号码", "证件号", "id_number", "id_no", "id"}},
      {"student_no", {"学号", "学籍号", "student_no", "student_number"}},
      {"grade", {"年级", "grade"}},
      {"class", {"班级", "班", "class"}},
      {"guardian", {"监护人", "监护人姓名", "家长姓名", "guardian", "guardian_name"}},
      {"relation", {"关系", "与学生关系", "监护人关系", "relation"}},
      {"guardian_phone", {"联系电话", "监护人电话", "家长电话", "phone", "guardian_phone"}},
      {"guardian2", {"监护人2", "guardian2"}},
      {"relation2", {"关系2", "relation2"}},
      {"guardian2_phone", {"联系电话2", "监护人2电话", "guardian2_phone"}},
      {"boarding", {"住宿", "是否住校", "寄宿", "boarding"}},
      {"tags", {"特殊群体", "特殊群体标记", "tags", "special_groups"}},
      {"bus_route", {"校车路线", "bus_route"}},
      {"dorm_room", {"宿舍", "宿舍号", "dorm_room"}},
      {"staff_role", {"岗位", "职务", "staff_role", "role"}},
      {"staff_phone", {"手机号", "本人电话", "mobile", "staff_phone"}},
      {"outsourced", {"外包", "是否外包", "outsourced"}},
  };
  return k;
}

std::string norm_header(std::string h) {
  std::string out;
  for (char ch : h)
    if (ch != ' ' && ch != '*' && ch != '\t') out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// Staff roles as schools write them.
std::optional<std::string> parse_staff_role(const std::string& s) {
  static const std::pair<const char*, const char*> k[] = {
      {"教师", "teacher"}, {"任课教师", "teacher"}, {"班主任", "head_teacher"}, {"校医", "doctor"},
      {"保健老师", "doctor"}, {"门卫", "guard"}, {"保安", "guard"}, {"食堂", "canteen"},
      {"厨师", "canteen"}, {"保洁", "cleaner"}, {"宿管", "dorm_manager"}, {"司机", "driver"},
      {"行政", "admin"}};
  for (const auto& [zh, role] : k)
    if (s == zh) return role;
  for (const auto& r : staff_roles())
    if (s == r) return r;
  return std::nullopt;
}

// The role a staff member's account gets on the school; none for roles without a page.
std::optional<auth::Role> staff_account_role(const std::string& staff_role) {
  if (staff_role == "teacher") return auth::Role::kTeacher;
  if (staff_role == "head_teacher") return auth::Role::kHeadTeacher;
  if (staff_role == "doctor") return auth::Role::kSchoolDoctor;
  if (staff_role == "guard") return auth::Role::kGateGuard;
  if (staff_role == "canteen" || staff_role == "dorm_manager") return auth::Role::kCanteenManager;
  return std::nullopt;
}

bool same_person(const Person& a, const Person& b) {
  auto guardians_equal = [](const std::vector<Guardian>& x, const std::vector<Guardian>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (x[i].name != y[i].name || x[i].relation != y[i].relation || x[i].phone != y[i].phone)
        return false;
    return true;
  };
  return a.name == b.name && a.gender == b.gender && a.birth_date == b.birth_date &&
         a.class_id == b.class_id && a.id_hash == b.id_hash && a.student_no == b.student_no &&
         a.staff_role == b.staff_role && a.outsourced == b.outsourced && a.phone == b.phone &&
         a.boarding == b.boarding && a.bus_route == b.bus_route && a.dorm_room == b.dorm_room &&
         a.tags == b.tags && a.user_id == b.user_id && guardians_equal(a.guardians, b.guardians);
}

struct Parsed {
  int row;
  PersonInput input;
  std::optional<int> level, class_number;
};

}  // namespace

std::vector<std::string> template_headers(const std::string& kind) {
  if (kind == "staff")
    return {"姓名", "性别", "出生日期", "证件类型", "身份证号", "岗位", "手机号", "外包"};
  return {"姓名", "性别", "出生日期", "证件类型", "身份证号", "学号", "年级", "班级",
          "监护人", "关系", "联系电话", "住宿", "特殊群体", "校车路线", "宿舍"};
}

std::vector<std::string> template_example(const std::string& kind) {
  if (kind == "staff")
    return {"王老师", "女", "1988-05-12", "居民身份证", "", "班主任", "13905391234", "否"};
  return {"张小明", "男", "2019-03-15", "居民身份证", "", "2025001", "一年级", "1班",
          "张建国", "父亲", "13805391234", "否", "留守儿童", "", ""};
}

Result<ImportReport> import_roster(store::Conn& c, const Caller& caller, int64_t school_id,
                                   const Table& table, const ImportOptions& options) {
  XA_ASSIGN(org::Node school, org::require_node(c, school_id));
  if (school.kind != "school") return Error::not_found("school");
  // The caller must hold people.import on the school or on something inside it (a class).
  XA_TRY(auth::authorize_any(caller.who, "people.import"));
  bool reach = false;
  for (const auto& p : auth::scope_paths(caller.who, "people.import"))
    reach = reach || auth::path_within(school.path, p) || auth::path_within(p, school.path);
  if (!reach) return Error::forbidden("out_of_scope");
  if (options.kind != "student" && options.kind != "staff")
    return Error::invalid("kind", "invalid_value", {{"value", options.kind}});
  bool students = options.kind == "student";
  if (!students) XA_TRY(auth::authorize(caller.who, "people.import", school.path));
  if (options.create_accounts) {
    if (students) return Error::invalid("accounts", "accounts_staff_only");
    XA_TRY(auth::authorize(caller.who, "users.write", school.path));
  }

  // Map the header.
  std::map<std::string, size_t> col;
  ImportReport rep;
  for (size_t i = 0; i < table.header.size(); ++i) {
    std::string h = norm_header(table.header[i]);
    bool matched = false;
    for (const auto& [field, names] : aliases())
      for (const auto& n : names)
        if (!matched && h == norm_header(n) && !col.count(field)) {
          col[field] = i;
          matched = true;
        }
    if (!matched && !h.empty()) rep.ignored_columns.push_back(table.header[i]);
  }
  std::vector<std::string> required = {"name"};
  if (students) required.insert(required.end(), {"grade", "class"});
  else required.push_back("staff_role");
  for (const auto& f : required)
    if (!col.count(f))
      return Error::invalid("file", "import_column_missing",
                            {{"column", f == "name" ? "姓名" : f == "grade" ? "年级" : f == "class" ? "班级" : "岗位"}});
  if (students && !col.count("student_no") && !col.count("id_number"))
    return Error::invalid("file", "import_column_missing", {{"column", "学号 / 身份证号"}});

  auto cell = [&](const std::vector<std::string>& row, const char* field) -> std::string {
    auto it = col.find(field);
    if (it == col.end() || it->second >= row.size()) return "";
    return row[it->second];
  };
  auto header_of = [&](const char* field) -> std::string {
    auto it = col.find(field);
    return it == col.end() ? "" : table.header[it->second];
  };
  // Which column an error of a PersonInput field belongs to.
  auto column_for = [&](const std::string& field) -> std::string {
    if (field == "guardians") return header_of("guardian_phone");
    if (field == "class_id") return header_of("class");
    if (field == "phone") return header_of("staff_phone");
    return header_of(field.c_str());
  };

  // Existing people of the school, by what identifies them.
  auto existing = repo::of_school(c, school.id, options.kind);
  // Staff have no student number: their phone, else name and birth date, identify them too.
  std::unordered_map<std::string, size_t> by_no, by_hash, by_phone, by_name_birth;
  auto name_birth = [](const Person& p) { return p.name + "|" + p.birth_date.value_or(""); };
  for (size_t i = 0; i < existing.size(); ++i) {
    if (existing[i].student_no) by_no[*existing[i].student_no] = i;
    if (existing[i].id_hash) by_hash[*existing[i].id_hash] = i;
    if (!students && existing[i].phone) by_phone[*existing[i].phone] = i;
    if (!students) by_name_birth[name_birth(existing[i])] = i;
  }
  // Classes that exist: (level, number) → class node.
  std::map<std::pair<int, int>, int64_t> classes;
  auto grades = org::school_repo::grades(c, school.id);
  for (const auto& k : org::school_repo::classes(c, school.id))
    for (const auto& g : grades)
      if (g.id == k.grade_id) classes[{g.level, k.number}] = k.id;
  auto [lo, hi] = org::grade_range(org::school_repo::details(c, school.id).school_type);
  std::map<int64_t, std::string> class_paths;
  auto class_path = [&](int64_t id) -> const std::string& {
    auto it = class_paths.find(id);
    if (it == class_paths.end()) it = class_paths.emplace(id, org::repo::find(c, id)->path).first;
    return it->second;
  };

  struct Good {
    Person person;
    std::optional<std::string> plain_id;
    std::optional<int> level, number;
    int row;
  };
  std::vector<Good> good;
  std::set<std::string> seen_no, seen_hash;
  int conflicts = 0;
  // Rows valid in themselves, checked against other schools' ID numbers in a second pass (one
  // query per 500 numbers rather than one per row); the report keeps the rows' order.
  struct Pending {
    Good good;
    size_t index;  // in table.rows
  };
  std::vector<Pending> pending;
  std::vector<size_t> error_index;  // table.rows index of each rep.errors entry
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    int line = table.row_numbers[r];
    ++rep.rows;
    size_t errors_before = rep.errors.size();
    auto bad = [&](const std::string& column, Error e) {
      rep.errors.push_back({line, column, std::move(e)});
      error_index.push_back(r);
    };
    PersonInput in;
    in.kind = options.kind;
    in.school_id = school.id;
    in.name = cell(row, "name");
    std::string g = cell(row, "gender");
    if (!g.empty()) {
      auto pg = parse_gender(g);
      if (!pg) bad(header_of("gender"), Error::invalid("gender", "invalid_value", {{"value", g}}));
      else in.gender = *pg;
    }
    std::string b = cell(row, "birth_date");
    if (!b.empty()) {
      auto d = parse_date(b);
      if (!d) bad(header_of("birth_date"), Error::invalid("birth_date", "invalid_date"));
      else in.birth_date = d;
    }
    std::string dt = cell(row, "doc_type");
    if (!dt.empty() && dt != "居民身份证" && dt != "身份证") {
      static const std::pair<const char*, const char*> kDocs[] = {
          {"港澳居民来往内地通行证", "hk_mo_permit"}, {"港澳居民居住证", "hk_mo_permit"},
          {"台湾居民来往大陆通行证", "tw_permit"},   {"护照", "passport"},
          {"外国人永久居留身份证", "foreign_permanent"}, {"其他", "other"}};
      in.doc_type = dt;
      for (const auto& [zh, code] : kDocs)
        if (dt == zh) in.doc_type = code;
    }
    std::string id = cell(row, "id_number");
    if (!id.empty()) in.id_number = id;
    std::string no = cell(row, "student_no");
    if (!no.empty()) in.student_no = no;
    if (students) {
      std::string gr = cell(row, "grade"), cl = cell(row, "class");
      auto level = parse_grade(gr);
      auto number = parse_class_number(cl);
      if (!level || *level < lo || *level > hi)
        bad(header_of("grade"), Error::invalid("grade", "grade_not_in_school", {{"value", gr}}));
      if (!number) bad(header_of("class"), Error::invalid("class", "invalid_value", {{"value", cl}}));
      for (const char* gf : {"guardian", "guardian2"}) {
        std::string name = cell(row, gf);
        std::string rel = cell(row, gf == std::string("guardian") ? "relation" : "relation2");
        std::string phone = cell(row, gf == std::string("guardian") ? "guardian_phone" : "guardian2_phone");
        if (name.empty() && phone.empty()) continue;
        in.guardians.push_back({name, rel.empty() ? "监护人" : rel, phone});
      }
      auto yn = parse_yes_no(cell(row, "boarding"));
      if (!yn) bad(header_of("boarding"), Error::invalid("boarding", "invalid_value", {{"value", cell(row, "boarding")}}));
      else in.boarding = *yn;
      auto tags = parse_tags(cell(row, "tags"));
      if (!tags.ok()) bad(header_of("tags"), tags.error());
      else in.tags = *tags;
      std::string bus = cell(row, "bus_route"), dorm = cell(row, "dorm_room");
      if (!bus.empty()) in.bus_route = bus;
      if (!dorm.empty()) in.dorm_room = dorm;
      if (rep.errors.size() == errors_before) {
        // The class must be inside the caller's scope (a head teacher imports only their class).
        auto it = classes.find({*level, *number});
        // A class still to be created lies directly under the school.
        std::string path = it != classes.end() ? class_path(it->second) : school.path;
        if (it != classes.end()) in.class_id = it->second;
        if (!auth::authorize(caller.who, "people.import", path).ok())
          bad(header_of("class"), Error::forbidden("import_class_out_of_scope"));
      }
    } else {
      std::string role = cell(row, "staff_role");
      auto pr = parse_staff_role(role);
      if (!pr) bad(header_of("staff_role"), Error::invalid("staff_role", "invalid_value", {{"value", role}}));
      else in.staff_role = pr;
      std::string phone = cell(row, "staff_phone");
      if (!phone.empty()) in.phone = phone;
      auto yn = parse_yes_no(cell(row, "outsourced"));
      if (!yn) bad(header_of("outsourced"), Error::invalid("outsourced", "invalid_value", {{"value", cell(row, "outsourced")}}));
      else in.outsourced = *yn;
    }
    if (rep.errors.size() != errors_before) continue;
    std::optional<std::string> plain;
    auto person = validate_fields(in, caller.today, caller.vault, plain);
    if (!person.ok()) {
      bad(column_for(person.error().field), person.error());
      continue;
    }
    Person p = std::move(person).value();
    // Duplicates inside the file and against other schools.
    if (p.student_no && !seen_no.insert(*p.student_no).second) {
      bad(header_of("student_no"), Error::invalid("student_no", "import_duplicate", {{"value", *p.student_no}}));
      continue;
    }
    if (p.id_hash && !seen_hash.insert(*p.id_hash).second) {
      bad(header_of("id_number"), Error::invalid("id_number", "import_duplicate", {{"value", *p.id_masked}}));
      continue;
    }
    pending.push_back({{std::move(p), plain, students ? parse_grade(cell(row, "grade")) : std::nullopt,
                        students ? parse_class_number(cell(row, "class")) : std::nullopt, line},
                       r});
  }
  // ID numbers this school does not hold: are they registered elsewhere?
  std::vector<std::string> foreign;
  for (const auto& e : pending)
    if (e.good.person.id_hash && !by_hash.count(*e.good.person.id_hash))
      foreign.push_back(*e.good.person.id_hash);
  auto holders = repo::ids_by_id_hash(c, foreign);
  std::vector<std::pair<size_t, RowError>> late_errors;  // (table.rows index, error)
  for (auto& e : pending) {
    Person& p = e.good.person;
    int line = e.good.row;
    auto bad = [&](const std::string& column, Error err) {
      late_errors.push_back({e.index, {line, column, std::move(err)}});
    };
    if (p.id_hash && !by_hash.count(*p.id_hash)) {
      auto held = holders.find(*p.id_hash);
      if (held != holders.end()) {
        std::optional<int64_t> other = held->second;
        auto o = repo::find(c, *other);
        bool same = o && p.student_no && o->person.school_id == school.id && o->person.student_no == p.student_no;
        if (!same) {
          // Named only within the caller's scope; counted and audited (issue 15).
          Error taken = id_taken_error(c, caller, *other);
          if (caller.conflicts) {
            caller.conflicts->push_back({*p.id_hash, "import", school.id, school.path, std::nullopt, line});
            if (taken.message_key == "id_number_taken") caller.conflicts->back().holder_id = *other;
          }
          ++conflicts;
          bad(header_of("id_number"), std::move(taken));
          continue;
        }
      }
    }
    // A row matching a person the caller may not import (a pupil of another class, for a head
    // teacher) is refused like a number registered elsewhere: never updated, never moved.
    std::optional<size_t> mine;
    if (p.student_no && by_no.count(*p.student_no)) mine = by_no[*p.student_no];
    else if (p.id_hash && by_hash.count(*p.id_hash)) mine = by_hash[*p.id_hash];
    if (mine && !auth::authorize(caller.who, "people.import", existing[*mine].org_path).ok()) {
      if (p.student_no && by_no.count(*p.student_no)) {
        bad(header_of("student_no"),
            Error::conflict("student_no", "student_no_taken", {{"value", *p.student_no}}));
        continue;
      }
      Error taken = id_taken_error(c, caller, existing[*mine].id);
      if (caller.conflicts)
        caller.conflicts->push_back({*p.id_hash, "import", school.id, school.path, std::nullopt, line});
      ++conflicts;
      bad(header_of("id_number"), std::move(taken));
      continue;
    }
    p.school_id = school.id;
    good.push_back(std::move(e.good));
  }
  if (!late_errors.empty()) {  // merge by row: a row has errors of one pass only
    std::vector<RowError> merged;
    merged.reserve(rep.errors.size() + late_errors.size());
    size_t i = 0, j = 0;
    while (i < rep.errors.size() || j < late_errors.size()) {
      if (j == late_errors.size() || (i < rep.errors.size() && error_index[i] < late_errors[j].first))
        merged.push_back(std::move(rep.errors[i++]));
      else
        merged.push_back(std::move(late_errors[j++].second));
    }
    rep.errors = std::move(merged);
  }
  // Too many numbers registered elsewhere: the whole file is refused, dry run or not, and none
  // of them is listed.
  if (conflicts) XA_TRY(check_id_conflict_budget(c, caller, conflicts));
  rep.valid = static_cast<int>(good.size());
  rep.invalid = rep.rows - rep.valid;

  // Dry run, or a file with errors the user did not choose to skip: count what would happen.
  bool write = !options.dry_run && (rep.invalid == 0 || options.valid_only);
  std::set<std::pair<int, int>> new_classes;
  int64_t now = now_millis();
  std::vector<repo::NewPerson> fresh;  // people to create, in the file's order
  for (auto& g : good) {
    Person& p = g.person;
    if (students) {
      auto key = std::make_pair(*g.level, *g.number);
      auto it = classes.find(key);
      if (it == classes.end()) {
        new_classes.insert(key);
        if (write) {
          XA_ASSIGN(int64_t id, org::ensure_class(c, school, *g.level, *g.number));
          it = classes.emplace(key, id).first;
        }
      }
      if (it != classes.end()) {
        p.class_id = it->second;
        p.org_path = class_path(it->second);
      }
    } else {
      p.org_path = school.path;
    }
    std::optional<size_t> match;
    if (p.student_no && by_no.count(*p.student_no)) match = by_no[*p.student_no];
    else if (p.id_hash && by_hash.count(*p.id_hash)) match = by_hash[*p.id_hash];
    else if (!students && p.phone && by_phone.count(*p.phone)) match = by_phone[*p.phone];
    else if (!students && by_name_birth.count(name_birth(p))) match = by_name_birth[name_birth(p)];
    if (options.create_accounts && p.phone && staff_account_role(*p.staff_role) &&
        !(match && existing[*match].user_id)) {
      auto user = auth::repo::find_user_by_name(c, *p.phone);
      auto secret = options.secrets.find(*p.phone);
      if (user) {
        p.user_id = user->id;  // the account exists already (e.g. staff of another school)
      } else if (!write || secret == options.secrets.end()) {
        rep.accounts_needed.push_back(*p.phone);
      } else {
        auth::Role role = *staff_account_role(*p.staff_role);
        p.user_id = auth::repo::insert_user(c, *p.phone, p.name, p.phone, secret->second.second, true, now);
        auth::repo::insert_grant(c, *p.user_id, role, school.id, now);
        rep.accounts.push_back({{"name", p.name}, {"username", *p.phone},
                                {"password", secret->second.first},
                                {"role", std::string(auth::role_name(role))}});
      }
    }
    if (!match) {
      ++rep.created;
      if (write)  // written together after the loop (repo::insert_many)
        fresh.push_back({std::move(p), g.plain_id ? caller.vault.encrypt(*g.plain_id) : "",
                         caller.who.user_id, true});
      continue;
    }
    const Person& old = existing[*match];
    p.id = old.id;
    p.status = old.status;
    if (old.user_id) p.user_id = old.user_id;
    if (!p.class_id && students) p.class_id = old.class_id;  // a class still to be created (dry run)
    if (same_person(p, old)) {
      ++rep.unchanged;
      continue;
    }
    ++rep.updated;
    if (write) {
      repo::update(c, p, g.plain_id ? std::optional<std::string>(caller.vault.encrypt(*g.plain_id)) : std::nullopt, now);
      repo::replace_guardians(c, p.id, p.guardians);
      if (p.class_id != old.class_id)
        repo::add_event(c, p.id, "transfer_class", old.class_id, p.class_id, std::nullopt,
                        std::nullopt, "import", caller.who.user_id, now);
    }
  }
  if (write) repo::insert_many(c, fresh, now);
  rep.classes_created = static_cast<int>(new_classes.size());
  rep.written = write;
  if (write)
    auth::audit(c, &caller.who, caller.ip,
                {"person.import", "school", id_str(school.id), school.id, school.path, nullptr,
                 {{"kind", options.kind}, {"rows", rep.rows}, {"created", rep.created},
                  {"updated", rep.updated}, {"unchanged", rep.unchanged}, {"invalid", rep.invalid}}});
  return rep;
}

Json report_json(const ImportReport& r, Lang lang) {
  Json errors = Json::array();
  for (const auto& e : r.errors) {
    // Name the column as the file does ("姓名", not the generic label of the field).
    Error err = e.error;
    if (!e.column.empty() && !err.params.count("label")) err.params["label"] = e.column;
    errors.push_back({{"row", e.row}, {"column", e.column}, {"field", err.field},
                      {"code", code_name(err.code)}, {"message", localize(err, lang)}});
  }
  return {{"rows", r.rows},           {"valid", r.valid},     {"invalid", r.invalid},
          {"created", r.created},     {"updated", r.updated}, {"unchanged", r.unchanged},
          {"classes_created", r.classes_created}, {"written", r.written},
          {"errors", errors},         {"ignored_columns", r.ignored_columns},
          {"accounts", r.accounts}};
}

}  // namespace xiaoan::people
