#include "org/repo.h"

#include <algorithm>

#include "org/rules.h"
#include "store/sql.h"

namespace xiaoan::org::repo {
namespace {

constexpr const char* kCols = "id, parent_id, kind, name, code, path, depth";

Node from_row(const store::Row& r) {
  return Node{r.i64(0), r.opt_i64(1), r.str(2), r.str(3), r.str(4), r.str(5),
              static_cast<int>(r.i64(6))};
}

}  // namespace

std::optional<Node> find(store::Conn& c, int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kCols + " FROM org_nodes WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::optional<Node> find_by_code(store::Conn& c, const std::string& code) {
  auto r = c.query_one(std::string("SELECT ") + kCols + " FROM org_nodes WHERE code = $1", {code});
  if (!r) return std::nullopt;
  return from_row(*r);
}

int64_t count_children(store::Conn& c, int64_t id) {
  return c.query_one("SELECT COUNT(*) FROM org_nodes WHERE parent_id = $1", {id})->i64(0);
}

std::vector<Node> subtrees(store::Conn& c, const std::vector<std::string>& paths) {
  std::vector<Node> out;
  if (paths.empty()) return out;
  store::SqlBuilder b;
  std::string sql = std::string("SELECT ") + kCols + " FROM org_nodes WHERE " + b.in_subtrees("path", paths);
  sql += " ORDER BY depth, code";
  for (const auto& r : c.query(sql, b.params())) out.push_back(from_row(r));
  // Grades and classes by their number (name_sort_key): their codes end in -G<level> and
  // -C<level>-<number>, which sort 1, 10, 11, 2 as text. Other nodes keep their code order.
  auto graded = [](const Node& n) { return n.kind == "grade" || n.kind == "class"; };
  std::stable_sort(out.begin(), out.end(), [&](const Node& x, const Node& y) {
    if (x.depth != y.depth) return x.depth < y.depth;
    if (graded(x) != graded(y)) return !graded(x);
    return graded(x) && name_order_less(x.name, y.name);
  });
  return out;
}

Node insert(store::Conn& c, const std::optional<Node>& parent, const std::string& kind,
            const std::string& name, const std::string& code, int64_t now) {
  // The path holds the node's own id, known only after the insert.
  auto r = c.query_one(
      "INSERT INTO org_nodes (parent_id, kind, name, code, path, depth, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, '/', $5, $6, $6) RETURNING id",
      {parent ? store::Value(parent->id) : store::Value(nullptr), kind, name, code,
       static_cast<int64_t>(parent ? parent->depth + 1 : 0), now});
  int64_t id = r->i64(0);
  std::string path = child_path(parent ? parent->path : "", id);
  c.exec("UPDATE org_nodes SET path = $1 WHERE id = $2", {path, id});
  return Node{id, parent ? std::optional<int64_t>(parent->id) : std::nullopt, kind, name, code,
              path, parent ? parent->depth + 1 : 0};
}

void update(store::Conn& c, int64_t id, const std::string& name, const std::string& code,
            int64_t now) {
  c.exec("UPDATE org_nodes SET name = $1, code = $2, updated_at = $3 WHERE id = $4",
         {name, code, now, id});
}

void move(store::Conn& c, const Node& node, const Node& new_parent, int64_t now) {
  std::string new_path = child_path(new_parent.path, node.id);
  int64_t delta = new_parent.depth + 1 - node.depth;
  c.exec(
      "UPDATE org_nodes SET path = $1 || substr(path, length($2) + 1), depth = depth + $3, "
      "updated_at = $4 WHERE path >= $2 AND path < $5",
      {new_path, node.path, delta, now, store::subtree_end(node.path)});
  c.exec("UPDATE org_nodes SET parent_id = $1 WHERE id = $2", {new_parent.id, node.id});
}

}  // namespace xiaoan::org::repo
