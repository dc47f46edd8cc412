# Sourced by .ci/run before the tests. Installs PostgreSQL from Debian's
# packages when missing, starts it on 127.0.0.1 when not running, creates the
# test role and database, and points the store tests at it:
#   CHRONICLE_TEST_POSTGRES   the database URL (internal/postgres tests)
#   CHRONICLE_REQUIRE_POSTGRES=1  so those tests fail instead of skipping
# Idempotent: running it again reuses the cluster, role and database.
chronicle_pg_setup() {
  local ver port
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    pg_createcluster "$ver" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" && $4 ~ /online/ { found = 1 } END { exit !found }'; then
    pg_ctlcluster "$ver" main start -- -o "-c listen_addresses=127.0.0.1" >/dev/null
  fi
  port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { print $3 }')
  runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 -d postgres >/dev/null <<'SQL'
SELECT 'CREATE ROLE chronicle LOGIN PASSWORD ''chronicle'''
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chronicle') \gexec
SELECT 'CREATE DATABASE chronicle_test OWNER chronicle TEMPLATE template0 ENCODING ''UTF8'' LC_COLLATE ''C'' LC_CTYPE ''C'''
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'chronicle_test') \gexec
SQL
  export CHRONICLE_TEST_POSTGRES="postgres://chronicle:chronicle@127.0.0.1:${port}/chronicle_test?sslmode=disable"
  export CHRONICLE_REQUIRE_POSTGRES=1
}
chronicle_pg_setup
unset -f chronicle_pg_setup
