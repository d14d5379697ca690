#include "people/repo.h"

#include <algorithm>
#include <map>

#include "people/repo_sql.h"
#include "store/sql.h"
#include "people/rules.h"

namespace xiaoan::people::repo {
namespace {

constexpr const char* kSelect =
    "SELECT p.id, p.kind, p.school_id, p.class_id, p.org_path, p.name, p.gender, p.birth_date, "
    "p.doc_type, p.id_masked, p.id_hash, p.student_no, p.staff_role, p.outsourced, p.phone, "
    "p.boarding, p.bus_route, p.dorm_room, p.tags, p.status, p.user_id, s.name, k.name "
    "FROM people p JOIN org_nodes s ON s.id = p.school_id "
    "LEFT JOIN org_nodes k ON k.id = p.class_id ";

Row from_row(const store::Row& r) {
  Person p;
  p.id = r.i64(0);
  p.kind = r.str(1);
  p.school_id = r.i64(2);
  p.class_id = r.opt_i64(3);
  p.org_path = r.str(4);
  p.name = r.str(5);
  p.gender = r.str(6);
  p.birth_date = r.opt_str(7);
  p.doc_type = r.opt_str(8);
  p.id_masked = r.opt_str(9);
  p.id_hash = r.opt_str(10);
  p.student_no = r.opt_str(11);
  p.staff_role = r.opt_str(12);
  p.outsourced = r.i64(13) != 0;
  p.phone = r.opt_str(14);
  p.boarding = r.i64(15) != 0;
  p.bus_route = r.opt_str(16);
  p.dorm_room = r.opt_str(17);
  p.tags = split_tags(r.str(18));
  p.status = r.str(19);
  p.user_id = r.opt_i64(20);
  return Row{std::move(p), r.str(21), r.is_null(22) ? "" : r.str(22)};
}

std::vector<Guardian> guardians_of(store::Conn& c, int64_t id) {
  std::vector<Guardian> out;
  for (const auto& r : c.query(
           "SELECT name, relation, phone FROM guardians WHERE person_id = $1 ORDER BY position, id",
           {id}))
    out.push_back({r.str(0), r.str(1), r.str(2)});
  return out;
}

store::Params person_params(const Person& p) {
  return {p.kind,
          p.school_id,
          store::opt(p.class_id),
          p.org_path,
          p.name,
          p.gender,
          store::opt(p.birth_date),
          store::opt(p.doc_type),
          store::opt(p.id_masked),
          store::opt(p.id_hash),
          store::opt(p.student_no),
          store::opt(p.staff_role),
          static_cast<int64_t>(p.outsourced),
          store::opt(p.phone),
          static_cast<int64_t>(p.boarding),
          store::opt(p.bus_route),
          store::opt(p.dorm_room),
          join_tags(p.tags),
          p.status,
          store::opt(p.user_id)};
}

}  // namespace

std::optional<Row> find(store::Conn& c, int64_t id) {
  auto r = c.query_one(std::string(kSelect) + "WHERE p.id = $1", {id});
  if (!r) return std::nullopt;
  Row row = from_row(*r);
  row.person.guardians = guardians_of(c, id);
  return row;
}

std::vector<Person> of_school(store::Conn& c, int64_t school_id, const std::string& kind) {
  std::vector<Person> out;
  std::map<int64_t, size_t> index;
  for (const auto& r : c.query(std::string(kSelect) + "WHERE p.school_id = $1 AND p.kind = $2",
                               {school_id, kind})) {
    index[r.i64(0)] = out.size();
    out.push_back(from_row(r).person);
  }
  for (const auto& r : c.query(
           "SELECT g.person_id, g.name, g.relation, g.phone FROM guardians g "
           "JOIN people p ON p.id = g.person_id WHERE p.school_id = $1 AND p.kind = $2 "
           "ORDER BY g.person_id, g.position, g.id",
           {school_id, kind})) {
    auto it = index.find(r.i64(0));
    if (it != index.end()) out[it->second].guardians.push_back({r.str(1), r.str(2), r.str(3)});
  }
  return out;
}

std::optional<int64_t> find_by_id_hash(store::Conn& c, const std::string& hash, int64_t except_id) {
  auto r = c.query_one("SELECT id FROM people WHERE id_hash = $1 AND id <> $2", {hash, except_id});
  if (!r) return std::nullopt;
  return r->i64(0);
}

int64_t insert(store::Conn& c, const Person& p, const std::string& cipher, int64_t now) {
  store::Params params = person_params(p);
  params.push_back(cipher.empty() ? store::Value(nullptr) : store::Value(cipher));
  params.push_back(now);
  return c
      .query_one(
          "INSERT INTO people (kind, school_id, class_id, org_path, name, gender, birth_date, "
          "doc_type, id_masked, id_hash, student_no, staff_role, outsourced, phone, boarding, "
          "bus_route, dorm_room, tags, status, user_id, id_cipher, created_at, updated_at) VALUES "
          "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$22) "
          "RETURNING id",
          params)
      ->i64(0);
}

void update(store::Conn& c, const Person& p, const std::optional<std::string>& cipher, int64_t now) {
  store::Params params = person_params(p);
  params.push_back(now);
  params.push_back(p.id);
  c.exec(
      "UPDATE people SET kind=$1, school_id=$2, class_id=$3, org_path=$4, name=$5, gender=$6, "
      "birth_date=$7, doc_type=$8, id_masked=$9, id_hash=$10, student_no=$11, staff_role=$12, "
      "outsourced=$13, phone=$14, boarding=$15, bus_route=$16, dorm_room=$17, tags=$18, "
      "status=$19, user_id=$20, updated_at=$21 WHERE id=$22",
      params);
  if (cipher) c.exec("UPDATE people SET id_cipher = $1 WHERE id = $2", {*cipher, p.id});
}

void insert_many(store::Conn& c, std::vector<NewPerson>& people, int64_t now) {
  if (people.empty()) return;
  const auto n = static_cast<int64_t>(people.size());
  std::vector<int64_t> ids;
  ids.reserve(people.size());
  if (c.engine() == store::Engine::kPostgres) {
    for (const auto& r : c.query(sql::kNextPersonIdsPg, {n})) ids.push_back(r.i64(0));
    std::sort(ids.begin(), ids.end());
  } else {
    int64_t last = c.query_one(sql::kLastPersonIdSqlite)->i64(0);
    for (int64_t i = 1; i <= n; ++i) ids.push_back(last + i);
  }
  if (static_cast<int64_t>(ids.size()) != n) throw store::DbError(store::DbError::Kind::kOther, "person ids not reserved");
  static const std::vector<std::string_view> kPeopleColumns = {
      "id", "kind", "school_id", "class_id", "org_path", "name", "gender", "birth_date",
      "doc_type", "id_masked", "id_hash", "student_no", "staff_role", "outsourced", "phone",
      "boarding", "bus_route", "dorm_room", "tags", "status", "user_id", "id_cipher",
      "created_at", "updated_at"};
  std::vector<store::Params> rows, guardians, events;
  rows.reserve(people.size());
  for (size_t i = 0; i < people.size(); ++i) {
    NewPerson& np = people[i];
    Person& p = np.person;
    p.id = ids[i];
    store::Params row;
    row.reserve(kPeopleColumns.size());
    row.push_back(p.id);
    for (auto& v : person_params(p)) row.push_back(std::move(v));
    row.push_back(np.cipher.empty() ? store::Value(nullptr) : store::Value(np.cipher));
    row.push_back(now);
    row.push_back(now);
    rows.push_back(std::move(row));
    int64_t pos = 0;
    for (const auto& g : p.guardians) guardians.push_back({p.id, g.name, g.relation, g.phone, pos++});
    if (np.enrol_event)
      events.push_back({p.id, now, std::string("enrol"), nullptr,
                        p.class_id ? *p.class_id : p.school_id, nullptr, p.status,
                        std::string("import"), store::opt(np.enrol_actor)});
  }
  c.insert_rows("people", kPeopleColumns, rows);
  c.insert_rows("guardians", {"person_id", "name", "relation", "phone", "position"}, guardians);
  c.insert_rows("enrolment_events", {"person_id", "at", "kind", "from_org", "to_org", "from_status",
                                     "to_status", "note", "actor_id"},
                events);
}

std::unordered_map<std::string, int64_t> ids_by_id_hash(store::Conn& c,
                                                       const std::vector<std::string>& hashes) {
  // One statement text for every chunk (the last one padded with its first hash), so the
  // PostgreSQL driver prepares it once.
  constexpr size_t kChunk = 500;
  static const std::string kSql = [] {
    std::string s = "SELECT id_hash, id FROM people WHERE id_hash IN (";
    for (size_t i = 0; i < kChunk; ++i) s += (i ? ", $" : "$") + std::to_string(i + 1);
    return s + ")";
  }();
  std::unordered_map<std::string, int64_t> out;
  for (size_t at = 0; at < hashes.size(); at += kChunk) {
    store::Params params;
    params.reserve(kChunk);
    for (size_t i = 0; i < kChunk; ++i)
      params.push_back(hashes[at + i < hashes.size() ? at + i : at]);
    for (const auto& r : c.query(kSql, params)) {
      auto [it, added] = out.emplace(r.str(0), r.i64(1));
      if (!added && r.i64(1) < it->second) it->second = r.i64(1);
    }
  }
  return out;
}

void replace_guardians(store::Conn& c, int64_t person_id, const std::vector<Guardian>& gs,
                       bool fresh) {
  if (!fresh) c.exec("DELETE FROM guardians WHERE person_id = $1", {person_id});
  int64_t pos = 0;
  for (const auto& g : gs)
    c.exec("INSERT INTO guardians (person_id, name, relation, phone, position) VALUES ($1,$2,$3,$4,$5)",
           {person_id, g.name, g.relation, g.phone, pos++});
}

std::optional<std::string> id_cipher(store::Conn& c, int64_t id) {
  auto r = c.query_one("SELECT id_cipher FROM people WHERE id = $1", {id});
  if (!r || r->is_null(0)) return std::nullopt;
  return r->str(0);
}

std::pair<std::vector<Row>, int64_t> list(store::Conn& c, const Query& q) {
  std::vector<Row> rows;
  if (q.scope_paths.empty()) return {rows, 0};
  store::SqlBuilder b;
  auto bind = [&](store::Value v) { return b.bind(std::move(v)); };
  std::string where = b.in_subtrees("p.org_path", q.scope_paths);
  if (!q.subtree.empty()) where += " AND " + b.in_subtrees("p.org_path", {q.subtree});
  if (!q.kind.empty()) where += " AND p.kind = " + bind(q.kind);
  if (!q.status.empty()) where += " AND p.status = " + bind(q.status);
  if (!q.tag.empty()) {
    where += " AND p.tags LIKE " + bind(store::like_contains(q.tag)) + store::kLikeEscape;
  }
  if (!q.id_hash.empty()) {
    where += " AND p.id_hash = " + bind(q.id_hash);
  } else if (!q.text.empty()) {
    std::string like = bind(store::like_contains(q.text)), exact = bind(q.text);
    where += " AND (p.name LIKE " + like + store::kLikeEscape + " OR p.student_no = " + exact + " OR p.phone = " + exact +
             " OR p.id IN (SELECT person_id FROM guardians WHERE phone = " + exact + "))";
  }
  int64_t total = c.query_one("SELECT COUNT(*) FROM people p WHERE " + where, b.params())->i64(0);
  std::string sql = std::string(kSelect) + "WHERE " + where +
                    " ORDER BY p.org_path, p.student_no, p.id LIMIT " +
                    bind(static_cast<int64_t>(q.limit)) + " OFFSET " +
                    bind(static_cast<int64_t>(q.offset));
  for (const auto& r : c.query(sql, b.params())) rows.push_back(from_row(r));
  for (auto& row : rows) row.person.guardians = guardians_of(c, row.person.id);
  return {rows, total};
}

void add_event(store::Conn& c, int64_t person_id, const std::string& kind,
               std::optional<int64_t> from_org, std::optional<int64_t> to_org,
               const std::optional<std::string>& from_status,
               const std::optional<std::string>& to_status, const std::string& note,
               std::optional<int64_t> actor, int64_t now) {
  c.exec(
      "INSERT INTO enrolment_events (person_id, at, kind, from_org, to_org, from_status, "
      "to_status, note, actor_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
      {person_id, now, kind, store::opt(from_org), store::opt(to_org), store::opt(from_status),
       store::opt(to_status), note, store::opt(actor)});
}

std::vector<Event> events(store::Conn& c, int64_t person_id) {
  std::vector<Event> out;
  for (const auto& r : c.query(
           "SELECT e.at, e.kind, e.from_org, e.to_org, f.name, t.name, e.from_status, "
           "e.to_status, e.note, u.username FROM enrolment_events e "
           "LEFT JOIN org_nodes f ON f.id = e.from_org LEFT JOIN org_nodes t ON t.id = e.to_org "
           "LEFT JOIN users u ON u.id = e.actor_id WHERE e.person_id = $1 ORDER BY e.at, e.id",
           {person_id}))
    out.push_back({r.i64(0), r.str(1), r.opt_i64(2), r.opt_i64(3), r.is_null(4) ? "" : r.str(4),
                   r.is_null(5) ? "" : r.str(5), r.opt_str(6), r.opt_str(7), r.str(8),
                   r.is_null(9) ? "system" : r.str(9)});
  return out;
}

}  // namespace xiaoan::people::repo
