#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster, runs a command with REGISTRA_TEST_POSTGRES set to a
# connection string for it, then stops the cluster and deletes its files.
#
#   scripts/with-postgres.sh                 # runs ./test.sh, the whole suite with the PostgreSQL store tests
#   scripts/with-postgres.sh ./test.sh --filter "FullyQualifiedName~Postgres"
#   scripts/with-postgres.sh bash            # a shell with the cluster running; exit stops it
#
# The cluster listens only on a unix socket in its temporary folder, never on a TCP port. It
# needs the PostgreSQL 15 server binaries (Debian: apt-get install postgresql-15) or PGBIN
# pointing at another version's bin folder. As root, the server runs as the user 'postgres'
# (or 'nobody' when that user does not exist), because initdb refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/pg_ctl" ]]; then
    echo "error: no PostgreSQL server binaries in $PGBIN; install them (Debian: apt-get install postgresql-15) or set PGBIN." >&2
    exit 2
fi

if [[ $# -eq 0 ]]; then
    set -- ./test.sh
fi

cluster="$(mktemp -d "${TMPDIR:-/tmp}/registra-pg.XXXXXX")"
run_as=()
if [[ "$(id -u)" -eq 0 ]]; then
    server_user=postgres
    id -u "$server_user" >/dev/null 2>&1 || server_user=nobody
    chown "$server_user" "$cluster"
    run_as=(runuser -u "$server_user" --)
fi

stop_cluster() {
    if [[ -f "$cluster/data/postmaster.pid" ]]; then
        "${run_as[@]}" "$PGBIN/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$cluster"
}
trap stop_cluster EXIT

"${run_as[@]}" "$PGBIN/initdb" -D "$cluster/data" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
    || { cat "$cluster/initdb.log" >&2; exit 2; }

# fsync stays on: the benchmarks run on this cluster too and must measure durable commits.
"${run_as[@]}" "$PGBIN/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w start \
    -o "-c listen_addresses='' -k $cluster -c max_connections=200 -c shared_buffers=256MB" >/dev/null \
    || { cat "$cluster/server.log" >&2; exit 2; }

# The test role is not a superuser, so the revoked UPDATE and DELETE privileges are in force for it.
"$PGBIN/psql" -h "$cluster" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<'SQL'
CREATE ROLE registra LOGIN CREATEDB;
CREATE DATABASE registra_test OWNER registra;
SQL

export REGISTRA_TEST_POSTGRES="Host=$cluster;Username=registra;Database=registra_test"
echo "PostgreSQL cluster running on unix socket $cluster; REGISTRA_TEST_POSTGRES=\"$REGISTRA_TEST_POSTGRES\"" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
