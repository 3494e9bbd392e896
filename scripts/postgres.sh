#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks.
#
#   scripts/postgres.sh install        Debian's postgresql, once (apt-get, as root or with sudo)
#   scripts/postgres.sh run CMD...     CMD with a fresh cluster (initdb) started by pg_ctl on
#                                      127.0.0.1 at a free port; the cluster is stopped and
#                                      removed when CMD ends, and CMD's exit status is kept
#
# CMD sees CALLSHEET_TEST_POSTGRES, the SQLAlchemy URL of the cluster's
# `postgres` database (user `callsheet`, trust authentication on 127.0.0.1
# only); the tests make one database per test on it. The cluster runs with
# fsync off: it is thrown away, and durability is not what is measured.
set -euo pipefail

bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    fi
}

install() {
    if [ -n "$(bindir)" ]; then
        return 0
    fi
    local run=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "postgres.sh: PostgreSQL is not installed, and this is not root and has no sudo:" \
                 "run 'apt-get install postgresql' as root" >&2
            exit 1
        fi
        run=(sudo)
    fi
    "${run[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -q --no-install-recommends postgresql
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

run() {
    install
    local bin root as=() port status
    bin=$(bindir)
    root=$(mktemp -d "${TMPDIR:-/tmp}/callsheet-pg.XXXXXX")
    if [ "$(id -u)" -eq 0 ]; then  # initdb refuses to run as root: the cluster belongs to `postgres`
        chown postgres: "$root"
        as=(runuser -u postgres --)
    fi
    stop() {
        "${as[@]}" "$bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$root"
    }
    trap stop EXIT
    trap 'exit 130' INT TERM
    "${as[@]}" "$bin/initdb" -D "$root/data" -U callsheet --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3; do  # another process may take the free port before the server binds it
        port=$(free_port)
        if "${as[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null; then
            break
        fi
        if [ "$attempt" -eq 3 ]; then
            cat "$root/server.log" >&2
            exit 1
        fi
    done
    echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
    export CALLSHEET_TEST_POSTGRES="postgresql+psycopg://callsheet@127.0.0.1:$port/postgres"
    set +e
    "$@"
    status=$?
    set -e
    exit "$status"
}

case "${1:-}" in
    install) install ;;
    run) shift; [ $# -gt 0 ] || { echo "usage: scripts/postgres.sh run CMD..." >&2; exit 2; }; run "$@" ;;
    *) echo "usage: scripts/postgres.sh install | run CMD..." >&2; exit 2 ;;
esac
