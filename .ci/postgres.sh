# shellcheck shell=bash
# A throwaway PostgreSQL server for the store tests: Debian's `postgresql` package, a cluster in a
# temporary folder, listening on a free loopback port. Source this file, then:
#   pg_start   # installs the package when missing (root or sudo), starts the server and exports
#              # CLAIMCHECK_TEST_PG=postgresql://claimcheck@127.0.0.1:PORT/postgres
#   pg_stop    # stops it and deletes the folder (.ci/run calls it from its EXIT trap)
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.

_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_pg_bindir() {
  find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1
}

pg_start() {
  if [ -z "$(_pg_bindir)" ]; then
    echo "+ apt-get install -y postgresql"
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
    else
      sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends postgresql
    fi
  fi
  local bin port
  bin=$(_pg_bindir)
  PG_WORK=$(mktemp -d "${TMPDIR:-/tmp}/claimcheck-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_WORK"; fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  _pg_as "$bin/initdb" -D "$PG_WORK/data" -U claimcheck -A trust --no-sync -E UTF8 >"$PG_WORK/initdb.log"
  _pg_as "$bin/pg_ctl" -D "$PG_WORK/data" -l "$PG_WORK/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_WORK -c fsync=off -c max_connections=100" >/dev/null
  export PG_WORK PG_BIN="$bin"
  export CLAIMCHECK_TEST_PG="postgresql://claimcheck@127.0.0.1:$port/postgres"
  echo "+ PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_WORK)"
}

pg_stop() {
  if [ -n "${PG_WORK:-}" ] && [ -d "$PG_WORK/data" ]; then
    _pg_as "$PG_BIN/pg_ctl" -D "$PG_WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${PG_WORK:-}" ]; then rm -rf "$PG_WORK"; fi
}
