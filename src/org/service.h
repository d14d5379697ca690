// Use cases of the org tree: validate → authorize → rules → repo, inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "core/result.h"
#include "org/model.h"
#include "store/db.h"

namespace xiaoan::org {

struct CreateInput {
  std::optional<int64_t> parent_id;  // none only for a root created by the CLI
  std::string kind, name, code;
  std::string school_type = {};  // for kind "school"; default primary
};

struct UpdateInput {
  std::optional<std::string> name, code;
  std::optional<int64_t> parent_id;  // move
};

// `who` is null for the command line (system actor); HTTP callers always pass the principal.
Result<Node> create_node(store::Conn& c, const auth::Principal* who, const std::string& ip,
                         const CreateInput& in);
Result<Node> update_node(store::Conn& c, const auth::Principal& who, const std::string& ip,
                         int64_t id, const UpdateInput& in);
Result<Node> get_node(store::Conn& c, const auth::Principal& who, int64_t id);
// Every node in the caller's scope; grades and classes only when asked for (or when the caller's
// own scope is one).
std::vector<Node> tree(store::Conn& c, const auth::Principal& who, bool include_classes);
// The node's path, for other modules' scope checks; not_found when it does not exist.
Result<Node> require_node(store::Conn& c, int64_t id);
// The node for an id when the caller may perform `action` on it (not_found, then forbidden).
Result<Node> require_node(store::Conn& c, const auth::Principal& who, int64_t id,
                          const char* action);

}  // namespace xiaoan::org
