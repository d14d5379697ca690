// Numbered migrations (src/store/migrations/NNNN_name[.engine].sql), embedded at build time,
// applied in order and recorded in schema_migrations.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace xiaoan::store {

struct Migration {
  int version;
  std::string name;    // file name
  std::string engine;  // "" for both, else "sqlite" / "postgresql"
  std::string sql;
};

const std::vector<Migration>& embedded_migrations();
// Rewrites the {{…}} placeholders for the engine.
std::string render_migration(std::string_view sql, Engine engine);
// Applies pending migrations; returns the names applied. Safe to run from several servers at once.
std::vector<std::string> migrate(Db& db);

}  // namespace xiaoan::store
