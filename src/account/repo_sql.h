// Statements of the account services: family sessions and links (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::account::sql {

// A family session by its token's hash.
inline constexpr std::string_view kFamilySession =
    "SELECT id, csrf_token, last_seen_at, ended_at FROM family_sessions WHERE token_hash = $1";

// The children of a family session's live links.
inline constexpr std::string_view kSessionChildren =
    "SELECT l.person_id FROM family_session_links sl JOIN family_links l ON l.id = sl.link_id "
    "WHERE sl.session_id = $1 AND l.revoked_at IS NULL ORDER BY l.person_id";

// Records when a family session was last seen.
inline constexpr std::string_view kTouchFamilySession =
    "UPDATE family_sessions SET last_seen_at = $1 WHERE id = $2";

// A live family link by its token's hash, with the child's school and path.
inline constexpr std::string_view kLiveLinkByHash =
    "SELECT l.id, l.person_id, p.school_id, p.org_path FROM family_links l "
    "JOIN people p ON p.id = l.person_id WHERE l.token_hash = $1 AND l.revoked_at IS NULL";

// An open family session by its token's hash.
inline constexpr std::string_view kOpenFamilySession =
    "SELECT id, last_seen_at FROM family_sessions WHERE token_hash = $1 AND ended_at IS NULL";

// Opens a family session; returns its id.
inline constexpr std::string_view kInsertFamilySession =
    "INSERT INTO family_sessions (token_hash, csrf_token, ip, created_at, last_seen_at) "
    "VALUES ($1,$2,$3,$4,$4) RETURNING id";

// Whether a family session holds a link.
inline constexpr std::string_view kSessionHasLink =
    "SELECT 1 FROM family_session_links WHERE session_id = $1 AND link_id = $2";

// Adds a link to a family session.
inline constexpr std::string_view kInsertSessionLink =
    "INSERT INTO family_session_links (session_id, link_id) VALUES ($1,$2)";

// Records when a family link was last used.
inline constexpr std::string_view kTouchLink =
    "UPDATE family_links SET last_used_at = $1 WHERE id = $2";

// Ends a family session.
inline constexpr std::string_view kEndFamilySession =
    "UPDATE family_sessions SET ended_at = $1 WHERE id = $2";

}  // namespace xiaoan::account::sql
