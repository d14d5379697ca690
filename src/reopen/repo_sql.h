// Statements shared by the return-to-school use cases (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace xiaoan::reopen::sql {

// The number of enrolled pupils of a class.
inline constexpr std::string_view kEnrolledInClass =
    "SELECT COUNT(*) FROM people WHERE class_id = $1 AND status = 'enrolled'";

// The materialised path of an org node.
inline constexpr std::string_view kNodePath =
    "SELECT path FROM org_nodes WHERE id = $1";

// The name of an org node.
inline constexpr std::string_view kNodeName =
    "SELECT name FROM org_nodes WHERE id = $1";

// Statements whose shape varies (an IN list, a set of subtrees): built in repo.cpp, values bound
// with store::SqlBuilder, never written into the text.

// The count of people in the subtree at `path` by kind, return state, reason and whether they are
// expected in school on `today`.
store::Rows return_counts_under(store::Conn& c, const std::string& path, const std::string& today);
// The enrolled/active people of a school within `paths` who are not back on `today` (not returned,
// or expected and unaccounted for), with class, return status and their batch's day (at most 2000).
store::Rows not_returned_people(store::Conn& c, int64_t school_id, const std::vector<std::string>& paths,
                                const std::string& today);
// Which of `person_ids` are already marked returned.
store::Rows returned_among(store::Conn& c, const std::vector<int64_t>& person_ids);
// The letter templates of the nodes `org_ids`, newest first.
store::Rows templates_of_nodes(store::Conn& c, const std::vector<int64_t>& org_ids);

}  // namespace xiaoan::reopen::sql
