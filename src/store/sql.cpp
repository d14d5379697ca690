#include "store/sql.h"

namespace xiaoan::store {

std::string subtree_end(std::string_view path) {
  std::string end(path);
  if (!end.empty()) end.back() = '0';
  return end;
}

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

std::string SqlBuilder::bind(Value v) {
  params_.push_back(std::move(v));
  return "$" + std::to_string(params_.size());
}

std::string SqlBuilder::in_subtrees(const std::string& column, const std::vector<std::string>& paths) {
  if (paths.empty()) return "1 = 0";
  std::string out = "(";
  for (size_t i = 0; i < paths.size(); ++i) {
    if (i) out += " OR ";
    out += "(" + column + " >= " + bind(paths[i]) + " AND " + column + " < " +
           bind(subtree_end(paths[i])) + ")";
  }
  return out + ")";
}

}  // namespace xiaoan::store
