#pragma once
// Private to store/: the SQL migrations built into the binary. The definition is generated
// at build time from claims_db/migrations/NNNN_*.sql by cmake/embed_migrations.cmake.

#include <string_view>
#include <utility>
#include <vector>

namespace claimtrack::store {

// (file name, SQL) of every migration, sorted by file name ("0001_initial.sql", ...).
const std::vector<std::pair<std::string_view, std::string_view>>& EmbeddedMigrations();

}  // namespace claimtrack::store
