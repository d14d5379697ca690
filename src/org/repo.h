// Storage of the org tree. Subtrees are byte ranges of the materialised path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "org/model.h"
#include "store/db.h"

namespace xiaoan::org::repo {

std::optional<Node> find(store::Conn& c, int64_t id);
std::optional<Node> find_by_code(store::Conn& c, const std::string& code);
int64_t count_children(store::Conn& c, int64_t id);
// Every node in the union of the subtrees rooted at `paths`, ordered by depth then code.
std::vector<Node> subtrees(store::Conn& c, const std::vector<std::string>& paths);
Node insert(store::Conn& c, const std::optional<Node>& parent, const std::string& kind,
            const std::string& name, const std::string& code, int64_t now);
void update(store::Conn& c, int64_t id, const std::string& name, const std::string& code,
            int64_t now);
// Moves `node` under `new_parent`, rewriting the paths and depths of its whole subtree.
void move(store::Conn& c, const Node& node, const Node& new_parent, int64_t now);

}  // namespace xiaoan::org::repo
