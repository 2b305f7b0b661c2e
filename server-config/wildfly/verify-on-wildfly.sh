#!/usr/bin/env bash
# Proves that catalog-import deploys and imports on WildFly 39: every door writes the catalog.
#
#   server-config/wildfly/verify-on-wildfly.sh [--war FILE | --ref COMMIT] [--source DIR]
#
# What it does, every run from scratch (rerunnable; nothing is left running):
#   1. builds the WARs in a copy of the project's working tree ("./mvnw package": the build in the
#      repository's own target/ is never touched), or takes the WildFly WAR given with --war;
#   2. takes the WildFly distribution zip and the PostgreSQL driver from the local Maven
#      repository, or fetches them there from Maven Central with the project's Maven wrapper,
#      and unpacks a fresh WildFly into <work>/src/target/wildfly-verify/;
#   3. runs server-config/wildfly/configure.cli on it (offline, embedded server), while
#   4. the project's own generator (DemoPackageWriter: 300 products, seed 1, the numbers
#      DemoPackageWriterTest pins) writes a CommerceML package into the import folder, zipped
#      too as 1C zips it;
#   5. starts WildFly with standalone.xml, the port offset and the CATALOG_* variables;
#   6. deploys target/catalog-import-wildfly.war and checks it over real HTTP (curl + jq), see
#      "Checks" below;
#   7. stops WildFly and prints a summary with timings. Exit status 0 only if every check passed.
#
# Why standalone.xml: the WAR needs EJB (@Singleton/@Stateless), Faces, JPA, Jakarta Security,
# MicroProfile Config, Health and OpenAPI. standalone.xml has all of them except MicroProfile Health
# and OpenAPI, which configure.cli adds; standalone-microprofile.xml has those but no ejb3 and no
# jsf subsystem, so the WAR cannot deploy there.
#
# Ports: all derived from ONE offset, PORT_OFFSET (0..999, default 100): HTTP 8080+offset,
# management 9990+offset (health, jboss-cli), and the two TLS ports WildFly shifts with them,
# HTTPS 8443+offset and management HTTPS 9993+offset (unused here, but they must be free). Two
# runs side by side need offsets that differ by at least 4 and keep clear of those four lists.
#
# Options:
#   --war FILE     skip the copy and the build, verify this WAR (target/catalog-import-wildfly.war;
#                  .ci/run passes the one its Maven run built)
#   --ref COMMIT   build that commit (git archive, e.g. --ref HEAD) instead of the working tree:
#                  for when uncommitted edits in progress do not compile yet
#   --source DIR   copy and build this project directory instead of the one holding this script
#                  (a git working tree, or any directory: then everything but target/ is copied)
# configure.cli is always the one next to this script.
#
# Environment (all optional):
#   VERIFY_WORK_DIR         work directory (default ${TMPDIR:-/tmp}/catalog-import-wildfly-verify)
#   WILDFLY_VERSION         default 39.0.1.Final
#   PORT_OFFSET             default 100 (8080 is often busy with the Payara tests)
#   CATALOG_DB_URL          unset: a scratch database catalog_wildfly_verify on
#                           127.0.0.1:5432 (user postgres) is dropped and created on every run.
#                           Set: that database is used as it is, and the checks that import are
#                           skipped (they would write its catalog and empty it between doors).
#   CATALOG_DB_USER / CATALOG_DB_PASSWORD   default postgres / a placeholder (WildFly rejects an
#                           empty datasource password; PostgreSQL trust authentication ignores it)
#   CATALOG_REDIS_ADDRESS   default redis://127.0.0.1:6379/9: database 9 of the machine's Redis
#   CATALOG_REDIS_KEY_PREFIX  default "wildfly-verify:". With the database, this keeps the run's
#                           import lock apart from every other deployment or test on that Redis.
#   CATALOG_ADMIN_USER / CATALOG_ADMIN_PASSWORD        default admin / a random password
#   CATALOG_EXCHANGE_USER / CATALOG_EXCHANGE_PASSWORD  1C's user; default 1c-verify / random
#   VERIFY_START_TIMEOUT / VERIFY_DEPLOY_TIMEOUT / VERIFY_IMPORT_TIMEOUT   seconds, default
#                           240 / 400 / 180
#
# Checks (scratch database): the WAR is the WildFly one (no Hibernate, no driver, the org.postgresql
# module declared, persistence.xml naming jdbc/catalog); configure.cli wrote ${env.*} expressions,
# the datasource at java:/jdbc/catalog and the OpenAPI subsystem; WildFly boots and deploys without
# errors; Flyway migrated; login form, redirects (also behind a TLS proxy), 401/200 on the API,
# Basic without a session cookie, an API token (issued once, Bearer 200, listed with its last use,
# revoked -> 401), a real form login, HttpOnly + SameSite=Lax cookie, the Users page listing a token;
# health UP with postgresql and redis; then
#   - dry run (?dryRun=true) on the empty catalog: COMPLETED, marked dryRun, its change report
#     says 300 products and 632 offers inserted, and the catalog is still empty;
#   - cancel: an import blocked on a held table lock is RUNNING, its lock key is in the configured
#     Redis database under the configured prefix; POST /api/imports/{id}/cancel → 202, CANCELLED
#     within 10 s with who cancelled, lock key gone, catalog still empty;
#   - folder import (POST /api/imports): COMPLETED, the catalog summary exactly the package's
#     (300 products of which 3 inactive, 632 offers of which 624 active, 1869 prices, 1896 stock
#     rows, 25 groups, 10 properties, 100 dictionary values, 3 price types, 3 warehouses, 4 units);
#   - upload (console, a JSF multipart form with its ViewState) of the package zipped, then an
#     import that reads it (uploadId, "upload N"): the same exact summary on an emptied catalog;
#   - a 1C exchange (checkauth → init → the zip in file_limit parts → import polled until success
#     → complete) as the exchange user: windows-1251 answers, the same exact summary on an emptied
#     catalog, the session's source EXCHANGE, GET /api/exchanges with the file's size and parts;
#   - /api/metrics: 401 without credentials; sessions by status exactly 4 completed, 1 cancelled;
#   - /openapi and /openapi/: the same document, equal to the WAR's META-INF/openapi.yaml (what
#     Payara serves) but for the empty contact/license/externalDocs objects WildFly adds;
#   - the console lists the exchange's session; the API writes timestamps as ISO-8601 strings.
#
# Needs: java 17, curl, jq, unzip, zip, rsync, git, psql/createdb/dropdb (PostgreSQL client),
# redis-cli, python3 with PyYAML (Debian python3-yaml; reads openapi.yaml for the comparison).

set -uo pipefail

# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_DIR=""
PREBUILT_WAR=""
GIT_REF=""
while [ $# -gt 0 ]; do
    case "$1" in
        --war) PREBUILT_WAR=$(realpath "$2"); shift 2 ;;
        --source) SOURCE_DIR=$(realpath "$2"); shift 2 ;;
        --ref) GIT_REF=$2; shift 2 ;;
        -h|--help) sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "Unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ -n "$SOURCE_DIR" ] || SOURCE_DIR=$(git -C "$SCRIPT_DIR" rev-parse --show-toplevel)

WORK_DIR=${VERIFY_WORK_DIR:-${TMPDIR:-/tmp}/catalog-import-wildfly-verify}
WILDFLY_VERSION=${WILDFLY_VERSION:-39.0.1.Final}
PORT_OFFSET=${PORT_OFFSET:-100}
if ! [[ "$PORT_OFFSET" =~ ^[0-9]{1,3}$ ]]; then
    echo "PORT_OFFSET must be a number from 0 to 999, was '$PORT_OFFSET'" >&2; exit 2
fi
PORT_OFFSET=$((10#$PORT_OFFSET))
HTTP_PORT=$((8080 + PORT_OFFSET))
MGMT_PORT=$((9990 + PORT_OFFSET))
HTTPS_PORT=$((8443 + PORT_OFFSET))
MGMT_HTTPS_PORT=$((9993 + PORT_OFFSET))
BASE_URL="http://127.0.0.1:${HTTP_PORT}"
HEALTH_URL="http://127.0.0.1:${MGMT_PORT}/health/ready"
START_TIMEOUT=${VERIFY_START_TIMEOUT:-240}
DEPLOY_TIMEOUT=${VERIFY_DEPLOY_TIMEOUT:-400}
IMPORT_TIMEOUT=${VERIFY_IMPORT_TIMEOUT:-180}
SCRATCH_DB=catalog_wildfly_verify
BUILD_DIR="$WORK_DIR/src"
VERIFY_DIR="$BUILD_DIR/target/wildfly-verify"     # fresh WildFly, logs, curl files, package
JBOSS_HOME="$VERIFY_DIR/wildfly-$WILDFLY_VERSION"
SERVER_OUT="$VERIFY_DIR/server.out"
CLI=("$JBOSS_HOME/bin/jboss-cli.sh")
CLI_CONNECT=(--connect "--controller=127.0.0.1:${MGMT_PORT}")
unset JAVA_TOOL_OPTIONS   # why: its "Picked up" banner would pollute parsed CLI output

# The package every door imports, and what the catalog holds after it: DemoPackageWriterTest's
# golden numbers for (300 products, seed 1); units and properties as the package declares them.
DEMO_PRODUCTS=300
DEMO_SEED=1
DEMO_SUMMARY='{"products":300,"activeProducts":297,"inactiveProducts":3,"offers":632,"activeOffers":624,
  "prices":1869,"stock":1896,"groups":25,"properties":10,"propertyValues":100,"priceTypes":3,"warehouses":3,"units":4}'
EMPTY_SUMMARY=$(jq -c 'map_values(0)' <<<"$DEMO_SUMMARY")
# The catalog's tables, emptied between doors so that each door's import lands the whole package
# (TRUNCATE also forgets the imported files' states: V9__import_file_state.sql).
TABLES_TO_EMPTY="offer_stock, offer_price, offer, product, catalog_property_value, catalog_property, catalog_group, price_type, warehouse, unit"
# why 64 KiB: the ~200 KB zip then goes in several parts, as a large one would.
EXCHANGE_FILE_LIMIT=65536

# ---------------------------------------------------------------------------------------------
# Output helpers: every check is recorded; the summary lists them and sets the exit status.
# ---------------------------------------------------------------------------------------------
declare -a RESULTS=()
declare -a TIMINGS=()
FAILED=0
PASSED=0
SKIPPED=0
SERVER_PID=""
TABLE_LOCK_PID=""

log() { printf '\n==> %s\n' "$*"; }
pass() { RESULTS+=("PASS  $1"); PASSED=$((PASSED + 1)); printf '    PASS  %s\n' "$1"; }
fail() { RESULTS+=("FAIL  $1${2:+ -- $2}"); FAILED=$((FAILED + 1)); printf '    FAIL  %s%s\n' "$1" "${2:+ -- $2}" >&2; }
skip() { RESULTS+=("SKIP  $1"); SKIPPED=$((SKIPPED + 1)); printf '    SKIP  %s\n' "$1"; }
check() { # check <description> <detail-if-failed> <command...>: pass or fail by the command's status
    local what=$1 detail=$2; shift 2
    if "$@"; then pass "$what"; else fail "$what" "$detail"; fi
}
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
timing() { TIMINGS+=("$(printf '%-40s %s' "$1" "$(secs "$2")")"); }
# Plain text of the server console (WildFly colours its output).
server_log() { sed 's/\x1b\[[0-9;]*m//g' "$SERVER_OUT" 2>/dev/null; }
# Whether the server console has a line matching the pattern. why not "server_log | grep -q":
# under pipefail, grep -q leaving early can fail the pipe (SIGPIPE to sed) although it matched.
log_has() { server_log | grep -c -- "$1" >/dev/null; }

T_START=$(now_ms)
summary() {
    timing "total (this script)" $(( $(now_ms) - T_START ))
    printf '\n==================== WildFly verification summary ====================\n'
    printf 'WildFly %s, HTTP %s, management %s (PORT_OFFSET %s)\n' "$WILDFLY_VERSION" "$BASE_URL" \
        "http://127.0.0.1:${MGMT_PORT}" "$PORT_OFFSET"
    printf 'WAR: %s\nServer console log: %s\n\n' "${WAR:-<none>}" "$SERVER_OUT"
    printf 'Timings:\n'; [ "${#TIMINGS[@]}" -eq 0 ] || printf '  %s\n' "${TIMINGS[@]}"
    printf '\nChecks:\n'; [ "${#RESULTS[@]}" -eq 0 ] || printf '  %s\n' "${RESULTS[@]}"
    printf '\nWildFly verification: %d passed, %d failed, %d skipped\n' "$PASSED" "$FAILED" "$SKIPPED"
    if [ "$FAILED" -eq 0 ]; then printf 'RESULT: PASSED\n'; else printf 'RESULT: FAILED\n'; fi
}

# Aborts the run: records the reason, stops WildFly (via the EXIT trap), prints the summary.
die() { fail "$1" "${2:-}"; exit 1; }

stop_wildfly() {
    [ -n "$SERVER_PID" ] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        log "Stopping WildFly (pid $SERVER_PID)"
        local t0; t0=$(now_ms)
        timeout 60 "${CLI[@]}" "${CLI_CONNECT[@]}" --command=:shutdown >/dev/null 2>&1
        for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "    WildFly did not stop after :shutdown; terminating its process group $SERVER_PID" >&2
            kill -TERM -- "-$SERVER_PID" 2>/dev/null; sleep 10
            kill -KILL -- "-$SERVER_PID" 2>/dev/null
        fi
        timing "WildFly stop" $(( $(now_ms) - t0 ))
    fi
    SERVER_PID=""
}

on_exit() {
    local status=$?
    release_table_lock
    stop_wildfly
    summary
    [ "$FAILED" -eq 0 ] && exit "$status"
    exit 1
}
trap on_exit EXIT
trap 'fail "interrupted"; exit 1' INT TERM

# ---------------------------------------------------------------------------------------------
# 0. Prerequisites and services
# ---------------------------------------------------------------------------------------------
log "Prerequisites"
for tool in java curl jq unzip zip rsync git psql createdb dropdb redis-cli timeout setsid split iconv; do
    command -v "$tool" >/dev/null || die "prerequisite: $tool is not installed"
done
# A Python that reads YAML: the one on PATH, else Debian's (python3-yaml installs for that one).
PYTHON=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import yaml' 2>/dev/null; then PYTHON=$candidate; break; fi
done
[ -n "$PYTHON" ] || die "prerequisite: no python3 that can import yaml" "apt-get install python3-yaml"
tcp_open() { timeout 5 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }   # host port
port_busy() { tcp_open 127.0.0.1 "$1"; }
for port in "$HTTP_PORT" "$MGMT_PORT" "$HTTPS_PORT" "$MGMT_HTTPS_PORT"; do
    port_busy "$port" && die "prerequisite: port $port (PORT_OFFSET $PORT_OFFSET) is in use" "stop what listens there or choose another PORT_OFFSET"
done
pass "ports $HTTP_PORT, $MGMT_PORT, $HTTPS_PORT and $MGMT_HTTPS_PORT (PORT_OFFSET $PORT_OFFSET) are free"

# Redis: the run's own database and key prefix on the machine's Redis (the WAR reads both).
export CATALOG_REDIS_ADDRESS=${CATALOG_REDIS_ADDRESS:-redis://127.0.0.1:6379/9}
export CATALOG_REDIS_KEY_PREFIX=${CATALOG_REDIS_KEY_PREFIX-wildfly-verify:}
redis_hostport=${CATALOG_REDIS_ADDRESS#*://}; redis_hostport=${redis_hostport##*@}
REDIS_DB=${redis_hostport#*/}; [ "$REDIS_DB" != "$redis_hostport" ] || REDIS_DB=""
redis_hostport=${redis_hostport%%/*}
REDIS_DB=${REDIS_DB:-${CATALOG_REDIS_DATABASE:-0}}
REDIS_HOST=${redis_hostport%:*}; REDIS_PORT=${redis_hostport##*:}
LOCK_KEY="${CATALOG_REDIS_KEY_PREFIX}import_catalog_lock"
redis() { # redis-cli on the run's database. why REDISCLI_AUTH only with a password: set empty,
           # redis-cli sends AUTH "", which fails, and then forgets the -n database too.
    if [ -n "${CATALOG_REDIS_PASSWORD:-}" ]; then
        REDISCLI_AUTH=$CATALOG_REDIS_PASSWORD redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" --no-auth-warning "$@"
    else
        redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$REDIS_DB" "$@"
    fi
}
[ "$(redis ping 2>/dev/null)" = PONG ] || die "prerequisite: Redis does not answer at $CATALOG_REDIS_ADDRESS (database $REDIS_DB)"
[ "$(redis exists "$LOCK_KEY")" = 0 ] \
    || die "prerequisite: $LOCK_KEY exists in Redis database $REDIS_DB" "another run of this script? Its lock would block this one's imports"

if [ -z "${CATALOG_DB_URL:-}" ]; then
    # The script's own scratch database: recreated so that Flyway starts from an empty schema.
    SCRATCH=1
    export CATALOG_DB_URL="jdbc:postgresql://127.0.0.1:5432/${SCRATCH_DB}"
    export CATALOG_DB_USER=${CATALOG_DB_USER:-postgres}
    export CATALOG_DB_PASSWORD=${CATALOG_DB_PASSWORD:-unused-with-trust-auth}
    export CATALOG_ADMIN_USER=${CATALOG_ADMIN_USER:-admin}
    export CATALOG_ADMIN_PASSWORD=${CATALOG_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
    PGPASSWORD=$CATALOG_DB_PASSWORD dropdb -h 127.0.0.1 -U "$CATALOG_DB_USER" --if-exists --force "$SCRATCH_DB" \
        && PGPASSWORD=$CATALOG_DB_PASSWORD createdb -h 127.0.0.1 -U "$CATALOG_DB_USER" "$SCRATCH_DB" \
        || die "prerequisite: cannot recreate the scratch database $SCRATCH_DB on 127.0.0.1:5432"
    pass "scratch database $SCRATCH_DB recreated"
else
    SCRATCH=0
    : "${CATALOG_DB_USER:?set CATALOG_DB_USER with CATALOG_DB_URL}"
    : "${CATALOG_DB_PASSWORD:?set CATALOG_DB_PASSWORD with CATALOG_DB_URL (WildFly rejects an empty password)}"
    : "${CATALOG_ADMIN_USER:?set CATALOG_ADMIN_USER and CATALOG_ADMIN_PASSWORD with CATALOG_DB_URL}"
    : "${CATALOG_ADMIN_PASSWORD:?set CATALOG_ADMIN_USER and CATALOG_ADMIN_PASSWORD with CATALOG_DB_URL}"
    export CATALOG_DB_USER CATALOG_DB_PASSWORD CATALOG_ADMIN_USER CATALOG_ADMIN_PASSWORD
fi
export CATALOG_EXCHANGE_USER=${CATALOG_EXCHANGE_USER:-1c-verify}
export CATALOG_EXCHANGE_PASSWORD=${CATALOG_EXCHANGE_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
export CATALOG_EXCHANGE_FILE_LIMIT=$EXCHANGE_FILE_LIMIT

# psql on the database behind CATALOG_DB_URL (jdbc:postgresql://host[:port]/db[?params]).
db_uri=${CATALOG_DB_URL#jdbc:}; db_uri=${db_uri%%\?*}
db_psql() { PGPASSWORD=$CATALOG_DB_PASSWORD psql "$db_uri" -U "$CATALOG_DB_USER" -v ON_ERROR_STOP=1 -qAtX "$@"; }
db_psql -c 'select 1' >/dev/null || die "prerequisite: PostgreSQL does not answer at $CATALOG_DB_URL"
pass "PostgreSQL and Redis answer (Redis database $REDIS_DB, key prefix '${CATALOG_REDIS_KEY_PREFIX}')"

# ---------------------------------------------------------------------------------------------
# 1. The WildFly WAR: built in a copy of the sources, or given
# ---------------------------------------------------------------------------------------------
mkdir -p "$WORK_DIR"
if [ -n "$PREBUILT_WAR" ]; then
    log "Using the prebuilt WAR $PREBUILT_WAR"
    [ -f "$PREBUILT_WAR" ] || die "the WAR $PREBUILT_WAR does not exist"
    # The Maven wrapper of the copy is still needed to fetch WildFly and the driver.
    rm -rf "$BUILD_DIR"; mkdir -p "$BUILD_DIR"
    (cd "$SOURCE_DIR" && cp -r --parents mvnw .mvn pom.xml "$BUILD_DIR"/) || die "cannot copy the Maven wrapper"
    mkdir -p "$VERIFY_DIR"
    WAR="$VERIFY_DIR/catalog-import-wildfly.war"
    cp "$PREBUILT_WAR" "$WAR"
    PROJECT_DIR=$SOURCE_DIR
else
    t0=$(now_ms)
    rm -rf "$BUILD_DIR"; mkdir -p "$BUILD_DIR"
    if [ -n "$GIT_REF" ]; then
        log "Exporting commit $GIT_REF of $SOURCE_DIR to $BUILD_DIR"
        commit=$(git -C "$SOURCE_DIR" rev-parse --verify "$GIT_REF^{commit}") || die "no commit $GIT_REF in $SOURCE_DIR"
        git -C "$SOURCE_DIR" archive --format=tar "$commit" | tar -x -C "$BUILD_DIR" || die "git archive $GIT_REF failed"
    elif git -C "$SOURCE_DIR" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        log "Copying $SOURCE_DIR to $BUILD_DIR (working tree: tracked and new files, .gitignore respected)"
        # why not git worktree/stash: the proof is about the tree as it is now, uncommitted edits
        # included; deleted-but-tracked files are skipped.
        (cd "$SOURCE_DIR" && git ls-files -z --cached --others --exclude-standard \
            | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
            | rsync -a --from0 --files-from=- ./ "$BUILD_DIR"/) || die "copying the sources failed"
    else
        log "Copying $SOURCE_DIR to $BUILD_DIR (not a git working tree: everything but target/)"
        rsync -a --exclude=/target "$SOURCE_DIR"/ "$BUILD_DIR"/ || die "copying the sources failed"
    fi
    log "Building the WARs: ./mvnw -B -ntp -Dmaven.test.skip=true clean package"
    # why -Dmaven.test.skip (not only -DskipTests): the WARs hold no test code, and a test class
    # being edited in the repository must not break a WildFly proof.
    (cd "$BUILD_DIR" && ./mvnw -B -ntp -q -Dmaven.test.skip=true clean package) \
        > "$WORK_DIR/build.log" 2>&1 || { tail -40 "$WORK_DIR/build.log" >&2; die "Maven build failed" "see $WORK_DIR/build.log"; }
    timing "copy + Maven build" $(( $(now_ms) - t0 ))
    mkdir -p "$VERIFY_DIR"
    WAR="$BUILD_DIR/target/catalog-import-wildfly.war"
    PROJECT_DIR=$BUILD_DIR
fi
[ -f "$WAR" ] || die "no WAR at $WAR"

# The WildFly WAR: the Payara WAR without what WildFly supplies (pom.xml, wildfly-war execution).
war_files=$(unzip -Z1 "$WAR")
if grep -q '^WEB-INF/lib/hibernate-core-' <<<"$war_files" || grep -q '^WEB-INF/lib/postgresql-' <<<"$war_files"; then
    die "the WAR carries Hibernate or the PostgreSQL driver" "deploy target/catalog-import-wildfly.war on WildFly, not the Payara WAR"
fi
if grep -q '<module name="org.postgresql"/>' <<<"$(unzip -p "$WAR" WEB-INF/jboss-deployment-structure.xml 2>/dev/null)" \
        && grep -q '<jta-data-source>jdbc/catalog</jta-data-source>' <<<"$(unzip -p "$WAR" WEB-INF/classes/META-INF/persistence.xml 2>/dev/null)"; then
    pass "the WildFly WAR: no Hibernate, no driver, module org.postgresql declared, persistence.xml names jdbc/catalog"
else
    die "the WAR lacks the org.postgresql module dependency or persistence.xml's jdbc/catalog" "$WAR"
fi

# ---------------------------------------------------------------------------------------------
# 2. WildFly and the PostgreSQL driver from Maven Central, a fresh server
# ---------------------------------------------------------------------------------------------
log "Fetching WildFly $WILDFLY_VERSION and the PostgreSQL driver (Maven Central, cached in ~/.m2)"
t0=$(now_ms)
DOWNLOADS="$WORK_DIR/downloads"
mkdir -p "$DOWNLOADS"
PG_VERSION=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' "$BUILD_DIR/pom.xml" | head -1)
[ -n "$PG_VERSION" ] || die "cannot read postgresql.version from pom.xml"
# An artifact from Maven Central: straight from the local Maven repository when it is there
# (why: each Maven start costs 5-30 s on a busy machine, and the zip need not be copied), else
# fetched through it with the project's wrapper.
artifact() { # artifact groupId artifactId version type: prints the file
    local cached="$HOME/.m2/repository/${1//.//}/$2/$3/$2-$3.$4"
    if [ ! -f "$cached" ]; then
        # why dependency:copy and not dependency:get: get also resolves the artifact's
        # dependencies, some of which live only on repository.jboss.org.
        (cd "$BUILD_DIR" && ./mvnw -B -ntp -q dependency:copy -Dartifact="$1:$2:$3:$4" -DoutputDirectory="$DOWNLOADS") \
            >> "$WORK_DIR/fetch.log" 2>&1 || return 1
        cached="$DOWNLOADS/$2-$3.$4"
    fi
    echo "$cached"
}
WILDFLY_ZIP=$(artifact org.wildfly wildfly-dist "$WILDFLY_VERSION" zip) || die "cannot fetch wildfly-dist" "see $WORK_DIR/fetch.log"
PG_JAR=$(artifact org.postgresql postgresql "$PG_VERSION" jar) || die "cannot fetch the PostgreSQL driver" "see $WORK_DIR/fetch.log"
rm -rf "$JBOSS_HOME"
unzip -q "$WILDFLY_ZIP" -d "$VERIFY_DIR" || die "cannot unpack $WILDFLY_ZIP"
timing "fetch + unpack WildFly" $(( $(now_ms) - t0 ))

# ---------------------------------------------------------------------------------------------
# The package: the project's generator, nothing copied into the repository. Written in the
# background while configure.cli runs (both take seconds of CPU; neither needs the other).
# ---------------------------------------------------------------------------------------------
PACKAGE_DIR="$VERIFY_DIR/import"
PACKAGE_ZIP="$VERIFY_DIR/demo.zip"
write_package() {
    rm -rf "$PACKAGE_DIR" "$PACKAGE_ZIP"
    local source="$PROJECT_DIR/src/test/java/org/catalogimport/dev/DemoPackageWriter.java"
    local compiled="$PROJECT_DIR/target/test-classes/org/catalogimport/dev/DemoPackageWriter.class"
    # The generator needs only the JDK: its compiled class when the build left one as new as the
    # source (CI's Maven run), else the source itself through the JDK's source launcher.
    if [ -f "$compiled" ] && [ ! "$source" -nt "$compiled" ]; then
        java -cp "$PROJECT_DIR/target/test-classes" org.catalogimport.dev.DemoPackageWriter "$PACKAGE_DIR" "$DEMO_PRODUCTS" "$DEMO_SEED"
    else
        java "$source" "$PACKAGE_DIR" "$DEMO_PRODUCTS" "$DEMO_SEED"
    fi || return 1
    # Zipped with its folders as 1C zips a split export (-D: files only, no directory entries).
    (cd "$PACKAGE_DIR" && zip -qrD "$PACKAGE_ZIP" .)
}
log "Writing the demo package ($DEMO_PRODUCTS products, seed $DEMO_SEED) to $PACKAGE_DIR (in the background)"
t_package=$(now_ms)
write_package > "$VERIFY_DIR/package.out" 2>&1 &
PACKAGE_PID=$!

# ---------------------------------------------------------------------------------------------
# 3. configure.cli (offline)
# ---------------------------------------------------------------------------------------------
CONFIGURE_CLI="$SCRIPT_DIR/configure.cli"
log "Configuring WildFly: $CONFIGURE_CLI"
t0=$(now_ms)
"${CLI[@]}" --file="$CONFIGURE_CLI" -Dpostgresql.jar="$PG_JAR" > "$VERIFY_DIR/configure.out" 2>&1 \
    || { cat "$VERIFY_DIR/configure.out" >&2; die "configure.cli failed" "see $VERIFY_DIR/configure.out"; }
timing "configure.cli (offline)" $(( $(now_ms) - t0 ))
standalone_xml="$JBOSS_HOME/standalone/configuration/standalone.xml"
if grep -q '<connection-url>${env.CATALOG_DB_URL}</connection-url>' "$standalone_xml" \
        && grep -q 'password="${env.CATALOG_DB_PASSWORD}"' "$standalone_xml" \
        && ! grep -qF -- "$CATALOG_DB_URL" "$standalone_xml"; then
    pass "configure.cli ran; standalone.xml holds \${env.CATALOG_DB_*} expressions, no resolved values"
else
    fail "configure.cli: the datasource in standalone.xml does not hold the \${env.CATALOG_DB_*} expressions"
fi
check "configure.cli: CatalogDS at java:/jdbc/catalog, MicroProfile OpenAPI subsystem present" "see $standalone_xml" \
    grep -q 'jndi-name="java:/jdbc/catalog" pool-name="CatalogDS"' "$standalone_xml"
grep -q 'urn:wildfly:microprofile-openapi-smallrye' "$standalone_xml" || fail "configure.cli added no MicroProfile OpenAPI subsystem"

wait "$PACKAGE_PID" || { cat "$VERIFY_DIR/package.out" >&2; die "writing the package failed" "see $VERIFY_DIR/package.out"; }
timing "package (write + zip, beside configure)" $(( $(now_ms) - t_package ))
export CATALOG_IMPORT_DIR="$PACKAGE_DIR"
export CATALOG_IMPORT_WORK_DIR="$VERIFY_DIR/work"

# ---------------------------------------------------------------------------------------------
# 4. Start WildFly
# ---------------------------------------------------------------------------------------------
log "Starting WildFly (standalone.xml, port offset $PORT_OFFSET)"
t0=$(now_ms)
# setsid: WildFly gets its own process group, so a stuck server can be stopped as a whole and
# nothing else. LAUNCH_JBOSS_IN_BACKGROUND: standalone.sh passes signals on to the JVM.
LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_HOME="$JBOSS_HOME" setsid "$JBOSS_HOME/bin/standalone.sh" \
    -c standalone.xml -Djboss.socket.binding.port-offset="$PORT_OFFSET" > "$SERVER_OUT" 2>&1 < /dev/null &
SERVER_PID=$!
started=""
for _ in $(seq 1 "$START_TIMEOUT"); do
    if log_has 'WFLYSRV0025\|WFLYSRV0026'; then started=yes; break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
done
START_MS=$(( $(now_ms) - t0 ))
timing "WildFly start (wall clock)" "$START_MS"
[ -n "$started" ] || { tail -40 "$SERVER_OUT" >&2; die "WildFly did not start within ${START_TIMEOUT}s"; }
reported=$(server_log | sed -n 's/.*WFLYSRV002[56]:.* started.* in \([0-9]*\)ms.*/\1/p' | head -1)
[ -n "$reported" ] && timing "WildFly start (as logged)" "$reported"
if log_has 'WFLYSRV0026'; then
    server_log | grep -E ' ERROR ' -A4 >&2
    fail "WildFly started with boot errors (WFLYSRV0026)" "see $SERVER_OUT"
else
    pass "WildFly started without boot errors"
fi

# ---------------------------------------------------------------------------------------------
# 5. Deploy
# ---------------------------------------------------------------------------------------------
log "Deploying $WAR"
t0=$(now_ms)
timeout "$DEPLOY_TIMEOUT" "${CLI[@]}" "${CLI_CONNECT[@]}" --command="deploy $WAR --name=catalog-import.war" \
    > "$VERIFY_DIR/deploy.out" 2>&1
deploy_rc=$?
timing "deploy (jboss-cli, wall clock)" $(( $(now_ms) - t0 ))
# Deployment time as the server saw it: "Starting deployment" (WFLYSRV0027) to "Deployed" (WFLYSRV0010).
log_ms() { server_log | grep "$1" | grep 'catalog-import.war' | head -1 \
    | sed -n 's/^\([0-9]*\):\([0-9]*\):\([0-9]*\),\([0-9]*\) .*/\1 \2 \3 \4/p' \
    | awk '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }'; }
deploy_start=$(log_ms WFLYSRV0027); deploy_end=$(log_ms WFLYSRV0010)
[ -n "$deploy_start" ] && [ -n "$deploy_end" ] && timing "deploy (as logged)" $(( deploy_end - deploy_start ))
status=$(timeout 60 "${CLI[@]}" "${CLI_CONNECT[@]}" --output-json \
    --command='/deployment=catalog-import.war:read-attribute(name=status)' 2>/dev/null | jq -r '.result // empty')
if [ "$deploy_rc" -eq 0 ] && [ "$status" = "OK" ]; then
    pass "deployment of catalog-import.war succeeded (status OK)"
else
    cat "$VERIFY_DIR/deploy.out" >&2
    server_log | grep -E ' ERROR ' -A6 | head -60 >&2
    die "deployment failed (jboss-cli rc $deploy_rc, status '${status:-none}')" "see $SERVER_OUT"
fi

# ---------------------------------------------------------------------------------------------
# 6. Checks: the application answers
# ---------------------------------------------------------------------------------------------
log "Checking the application at $BASE_URL"
t_checks=$(now_ms)
C="$VERIFY_DIR/http"; mkdir -p "$C"
CURL=(curl -sS --max-time 30)

# Flyway ran at deployment, through the WildFly datasource, up to the WAR's newest migration.
latest=$(unzip -Z1 "$WAR" 'WEB-INF/classes/db/migration/V*' 2>/dev/null \
    | sed -n 's#.*/V\([0-9._]*\)__.*#\1#p' | tr _ . | sort -V | tail -1)
if [ -n "$latest" ] && log_has "Database schema is at version $latest "; then
    pass "Flyway: log says 'Database schema is at version $latest' (the WAR's newest migration)"
else
    fail "Flyway: no 'Database schema is at version ${latest:-?}' in the log" \
        "$(server_log | grep -m1 -o 'Database schema is at version.*\|Cannot migrate.*')"
fi
history=$(db_psql -c "select version || ':' || success from flyway_schema_history where version is not null order by installed_rank" 2>/dev/null)
if grep -qx '1:true' <<<"$history" && grep -qx "$latest:true" <<<"$history" && ! grep -q ':false' <<<"$history"; then
    pass "Flyway: flyway_schema_history has version 1 .. $latest, all successful"
else
    fail "Flyway: flyway_schema_history lacks a successful version 1 or $latest" "$(tr '\n' ' ' <<<"$history")"
fi

# Login page.
code=$("${CURL[@]}" -o "$C/login.html" -w '%{http_code}' "$BASE_URL/login")
if [ "$code" = 200 ] && grep -q '<form id="login"' "$C/login.html" && grep -q 'name="login:username"' "$C/login.html" \
        && grep -q 'name="login:password"' "$C/login.html" && grep -q 'name="jakarta.faces.ViewState"' "$C/login.html"; then
    pass "GET /login: 200 with the login form"
else
    fail "GET /login" "HTTP $code, or no login form (see $C/login.html)"
fi

# Anonymous console: redirect to the login page, remembering where to go.
read -r code location < <("${CURL[@]}" -o /dev/null -w '%{http_code} %{redirect_url}\n' "$BASE_URL/admin/imports")
if [ "$code" = 302 ] && [[ "$location" == "$BASE_URL/login?continue=%2Fadmin%2Fimports" ]]; then
    pass "anonymous GET /admin/imports: 302 to /login?continue=%2Fadmin%2Fimports"
else
    fail "anonymous GET /admin/imports" "got HTTP $code to '$location'"
fi

# Behind the TLS proxy (docker/nginx.conf): the redirect keeps the public scheme and host.
read -r code location < <("${CURL[@]}" -o /dev/null -w '%{http_code} %{redirect_url}\n' \
    -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-Host: catalog.example' "$BASE_URL/admin/imports")
if [ "$code" = 302 ] && [ "$location" = "https://catalog.example/login?continue=%2Fadmin%2Fimports" ]; then
    pass "behind a proxy (X-Forwarded-Proto: https): 302 to https://catalog.example/login?continue=..."
else
    fail "behind a proxy (X-Forwarded-Proto: https)" "got HTTP $code to '$location'"
fi

# Anonymous API: 401 with a Basic challenge.
code=$("${CURL[@]}" -D "$C/api-anon.headers" -o /dev/null -w '%{http_code}' "$BASE_URL/api/imports")
if [ "$code" = 401 ] && grep -qi '^WWW-Authenticate: Basic' "$C/api-anon.headers"; then
    pass "anonymous GET /api/imports: 401 with WWW-Authenticate: Basic"
else
    fail "anonymous GET /api/imports" "HTTP $code, headers in $C/api-anon.headers"
fi

# API with a wrong password, then with the administrator's.
code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -u "$CATALOG_ADMIN_USER:wrong-$RANDOM" "$BASE_URL/api/imports")
[ "$code" = 401 ] && pass "GET /api/imports with a wrong password: 401" \
    || fail "GET /api/imports with a wrong password" "HTTP $code"
code=$("${CURL[@]}" -D "$C/api-admin.headers" -o "$C/api-admin.json" -w '%{http_code}' \
    -u "$CATALOG_ADMIN_USER:$CATALOG_ADMIN_PASSWORD" "$BASE_URL/api/imports")
if [ "$code" = 200 ] && grep -qi '^Content-Type: application/json' "$C/api-admin.headers" \
        && jq -e 'type == "array"' "$C/api-admin.json" >/dev/null 2>&1; then
    pass "GET /api/imports with Basic admin credentials: 200 JSON array"
else
    fail "GET /api/imports with Basic admin credentials" "HTTP $code, body in $C/api-admin.json"
fi
# Basic signs in that request only: no session cookie (a script would leave one per call behind).
check "GET /api/imports with Basic: no session cookie" "see $C/api-admin.headers" \
    bash -c '! grep -qi "^Set-Cookie: JSESSIONID" "$1"' _ "$C/api-admin.headers"

# An API token: issued once, signs in with Bearer, listed with its last use, revoked -> 401.
code=$("${CURL[@]}" -o "$C/token.json" -w '%{http_code}' -u "$CATALOG_ADMIN_USER:$CATALOG_ADMIN_PASSWORD" \
    -H 'Content-Type: application/json' -d '{"name": "wildfly-verify"}' "$BASE_URL/api/users/$CATALOG_ADMIN_USER/tokens")
token=$(jq -r '.token // empty' "$C/token.json" 2>/dev/null)
token_id=$(jq -r '.id // empty' "$C/token.json" 2>/dev/null)
check "API token: POST /api/users/$CATALOG_ADMIN_USER/tokens -> 201 with a cit_ token shown once" \
    "HTTP $code: $(head -c 300 "$C/token.json" 2>/dev/null)" \
    bash -c '[[ "$1" == 201 && "$2" =~ ^cit_[A-Za-z0-9_-]{43}$ ]]' _ "$code" "$token"
code=$("${CURL[@]}" -o "$C/api-token.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE_URL/api/imports")
check "API token: GET /api/imports with Authorization: Bearer -> 200 JSON array" "HTTP $code, body in $C/api-token.json" \
    bash -c '[ "$1" = 200 ] && jq -e "type == \"array\"" "$2" >/dev/null 2>&1' _ "$code" "$C/api-token.json"
code=$("${CURL[@]}" -o "$C/tokens.json" -w '%{http_code}' -u "$CATALOG_ADMIN_USER:$CATALOG_ADMIN_PASSWORD" \
    "$BASE_URL/api/users/$CATALOG_ADMIN_USER/tokens")
check "API token: listed with its last use and without the token" "HTTP $code: $(head -c 300 "$C/tokens.json" 2>/dev/null)" \
    jq -e '.[] | select(.name == "wildfly-verify") | (.lastUsedAt | type == "string") and (has("token") | not)' "$C/tokens.json"
code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -X DELETE -u "$CATALOG_ADMIN_USER:$CATALOG_ADMIN_PASSWORD" \
    "$BASE_URL/api/users/$CATALOG_ADMIN_USER/tokens/${token_id:-0}")
code_after=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE_URL/api/imports")
check "API token: revoked (204), then refused (401)" "HTTP $code, then $code_after" test "$code $code_after" = "204 401"

# A real form login with a cookie jar: GET the page, POST the form with its ViewState.
JAR="$C/cookies.txt"; rm -f "$JAR"
"${CURL[@]}" -c "$JAR" -b "$JAR" -D "$C/form.headers" -o "$C/form.html" "$BASE_URL/login?continue=%2Fadmin%2Fimports"
viewstate=$(sed -n 's/.*name="jakarta.faces.ViewState"[^>]*value="\([^"]*\)".*/\1/p' "$C/form.html" | head -1)
read -r code location < <("${CURL[@]}" -c "$JAR" -b "$JAR" -o "$C/form-post.html" -w '%{http_code} %{redirect_url}\n' \
    --data-urlencode "login=login" \
    --data-urlencode "login:username=$CATALOG_ADMIN_USER" \
    --data-urlencode "login:password=$CATALOG_ADMIN_PASSWORD" \
    --data-urlencode "login:continue=/admin/imports" \
    --data-urlencode "login:submit=" \
    --data-urlencode "jakarta.faces.ViewState=$viewstate" \
    "$BASE_URL/login")
if [ -n "$viewstate" ] && [ "$code" = 302 ] && [ "$location" = "$BASE_URL/admin/imports" ]; then
    pass "form login: POST /login redirects to /admin/imports"
else
    fail "form login: POST /login" "ViewState '${viewstate:-none}', HTTP $code to '$location' (see $C/form-post.html)"
fi
code=$("${CURL[@]}" -c "$JAR" -b "$JAR" -o "$C/console.html" -w '%{http_code}' "$BASE_URL/admin/imports")
if [ "$code" = 200 ] && grep -q 'Import sessions' "$C/console.html" \
        && grep -q "Signed in as $CATALOG_ADMIN_USER" "$C/console.html"; then
    pass "form login: GET /admin/imports with the session cookie: 200, 'Import sessions', signed in as $CATALOG_ADMIN_USER"
else
    fail "form login: GET /admin/imports with the session cookie" "HTTP $code (see $C/console.html)"
fi
if grep -qi '^Set-Cookie: JSESSIONID=.*HttpOnly' "$C/form.headers" && grep -qi '^Set-Cookie: JSESSIONID=.*SameSite=Lax' "$C/form.headers"; then
    pass "session cookie is HttpOnly and SameSite=Lax (web.xml cookie-config)"
else
    fail "session cookie lacks HttpOnly or SameSite=Lax" "see $C/form.headers"
fi
# The Users page lists the API tokens (its query runs on WildFly's Hibernate, which refuses what JPA forbids).
"${CURL[@]}" -o /dev/null -u "$CATALOG_ADMIN_USER:$CATALOG_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
    -d '{"name": "wildfly-console"}' "$BASE_URL/api/users/$CATALOG_ADMIN_USER/tokens"
code=$("${CURL[@]}" -c "$JAR" -b "$JAR" -o "$C/console-users.html" -w '%{http_code}' "$BASE_URL/admin/users")
check "console: /admin/users lists the API token wildfly-console of $CATALOG_ADMIN_USER" "HTTP $code (see $C/console-users.html)" \
    bash -c '[ "$1" = 200 ] && grep -q "class=\"token-name\">wildfly-console<" "$2"' _ "$code" "$C/console-users.html"

# MicroProfile Health on the management interface.
code=$("${CURL[@]}" -o "$C/health-ready.json" -w '%{http_code}' "$HEALTH_URL")
if [ "$code" = 200 ] && jq -e '.status == "UP"
        and ([.checks[] | select(.name == "postgresql" and .status == "UP")] | length == 1)
        and ([.checks[] | select(.name == "redis" and .status == "UP")] | length == 1)' "$C/health-ready.json" >/dev/null 2>&1; then
    pass "GET $HEALTH_URL: UP with checks postgresql UP and redis UP"
else
    fail "GET $HEALTH_URL" "HTTP $code: $(head -c 600 "$C/health-ready.json" 2>/dev/null)"
fi

timing "HTTP checks (no import)" $(( $(now_ms) - t_checks ))

# ---------------------------------------------------------------------------------------------
# 7. Imports through every door, each with exact counts
# ---------------------------------------------------------------------------------------------
ADMIN="$CATALOG_ADMIN_USER:$CATALOG_ADMIN_PASSWORD"
api() { # api <METHOD> <path under /api/> <body file>: prints the HTTP status
    "${CURL[@]}" -u "$ADMIN" -X "$1" -o "$3" -w '%{http_code}' "$BASE_URL/api/$2"
}
catalog_summary() { "${CURL[@]}" -u "$ADMIN" "$BASE_URL/api/catalog/summary"; }
summary_is() { jq -e --argjson want "$1" '. == $want' <<<"$(catalog_summary)" >/dev/null 2>&1; }
empty_catalog() { db_psql -c "TRUNCATE $TABLES_TO_EMPTY CASCADE"; }
# Polls GET /api/imports/{id} until its status matches the pattern or the time is up; prints the
# last status (the caller checks it: a timeout is a failure, not a wait that hides one).
wait_status() { # wait_status <session id> <seconds> <statuses, e.g. COMPLETED|FAILED|CANCELLED>
    local deadline=$(( $(date +%s) + $2 )) status=""
    while :; do
        status=$("${CURL[@]}" -u "$ADMIN" "$BASE_URL/api/imports/$1" | jq -r '.status // empty' 2>/dev/null)
        [[ "$status" =~ ^($3)$ ]] && break
        [ "$(date +%s)" -lt "$deadline" ] || break
        sleep 0.25
    done
    echo "$status"
}
session_json() { "${CURL[@]}" -u "$ADMIN" "$BASE_URL/api/imports/$1"; }
# What the change report of an import of the whole package into an empty catalog says.
WHOLE_PACKAGE_INSERTED='.changeReport.products.inserted == 300 and .changeReport.offers.inserted == 632
    and .changeReport.prices.inserted == 1869 and .changeReport.stock.inserted == 1896 and .skippedItems == 0 and .warnings == 0'

# A PostgreSQL session of the script's own that holds exclusive locks on product and the file
# states (as the tests' HeldTableLock does), so that an import started meanwhile stays RUNNING,
# waiting in a statement, for as long as the cancel check needs: no slow package, no sleep.
TABLE_LOCK_APP=wildfly-verify-table-lock
hold_table_lock() {
    db_psql >/dev/null 2>&1 <<SQL &
set application_name = '$TABLE_LOCK_APP';
begin;
lock table product in exclusive mode;
lock table import_file_state in exclusive mode;
select pg_sleep(600);
SQL
    TABLE_LOCK_PID=$!
    local deadline=$(( $(date +%s) + 30 ))
    while [ "$(db_psql -c "select count(*) from pg_stat_activity where application_name = '$TABLE_LOCK_APP' and query like '%pg_sleep%'")" != 1 ]; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}
release_table_lock() {
    [ -n "$TABLE_LOCK_PID" ] || return 0
    db_psql -c "select pg_terminate_backend(pid) from pg_stat_activity where application_name = '$TABLE_LOCK_APP'" >/dev/null 2>&1
    wait "$TABLE_LOCK_PID" 2>/dev/null
    TABLE_LOCK_PID=""
}

if [ "$SCRATCH" != 1 ]; then
    skip "imports (dry run, cancel, folder, upload, 1C exchange) and metrics: CATALOG_DB_URL names a database of yours"
else
    log "Imports through every door (package: $DEMO_PRODUCTS products, seed $DEMO_SEED)"
    t_imports=$(now_ms)
    summary_is "$EMPTY_SUMMARY" || die "the scratch catalog is not empty at the start" "$(catalog_summary)"

    # --- dry run: the whole import, rolled back -----------------------------------------------
    t0=$(now_ms)
    code=$(api POST "imports?dryRun=true" "$C/dry-run.json")
    dry_id=$(jq -r '.id // empty' "$C/dry-run.json" 2>/dev/null)
    dry_status=$([ "$code" = 202 ] && [ -n "$dry_id" ] && wait_status "$dry_id" "$IMPORT_TIMEOUT" 'COMPLETED|FAILED|CANCELLED')
    timing "dry run" $(( $(now_ms) - t0 ))
    session_json "$dry_id" > "$C/dry-run-session.json"
    if [ "$dry_status" = COMPLETED ] && jq -e ".dryRun == true and $WHOLE_PACKAGE_INSERTED" "$C/dry-run-session.json" >/dev/null; then
        pass "dry run (POST /api/imports?dryRun=true → $code): COMPLETED, dryRun, report: 300 products, 632 offers, 1869 prices, 1896 stock rows 'inserted'"
    else
        fail "dry run" "HTTP $code, status '${dry_status}': $(jq -c '{status, dryRun, errorMessage, changeReport}' "$C/dry-run-session.json" 2>/dev/null | head -c 800)"
    fi
    check "dry run: the catalog is still empty" "$(catalog_summary)" summary_is "$EMPTY_SUMMARY"

    # --- cancel: an import stopped while it waits in a write ----------------------------------
    if hold_table_lock; then
        code=$(api POST imports "$C/cancel-start.json")
        cancel_id=$(jq -r '.id // empty' "$C/cancel-start.json" 2>/dev/null)
        running=$([ "$code" = 202 ] && [ -n "$cancel_id" ] && wait_status "$cancel_id" 60 'RUNNING|COMPLETED|FAILED|CANCELLED')
        blocked=$(db_psql -c "select count(*) from pg_locks where not granted and relation = 'product'::regclass or not granted and relation = 'import_file_state'::regclass")
        if [ "$running" = RUNNING ] && [ "${blocked:-0}" -ge 1 ]; then
            pass "cancel: import $cancel_id is RUNNING, waiting on the held table lock"
        else
            fail "cancel: the import did not reach RUNNING behind the table lock" "HTTP $code, status '$running', waiting locks ${blocked:-?}"
        fi
        # The import lock lives where the settings say: the configured database, under the prefix.
        check "Redis: while it runs, the lock is '$LOCK_KEY' in database $REDIS_DB (CATALOG_REDIS_ADDRESS / _KEY_PREFIX)" \
            "EXISTS $LOCK_KEY answered '$(redis exists "$LOCK_KEY")'" test "$(redis exists "$LOCK_KEY")" = 1
        if [ "$REDIS_DB" != 0 ]; then
            check "Redis: and not in database 0 (the database in the address is honoured)" "it is in database 0" \
                test "$(REDIS_DB=0 redis exists "$LOCK_KEY")" = 0
        fi
        t0=$(now_ms)
        code=$(api POST "imports/$cancel_id/cancel" "$C/cancel.json")
        cancelled=$(wait_status "$cancel_id" 10 'CANCELLED|COMPLETED|FAILED')
        cancel_ms=$(( $(now_ms) - t0 ))
        timing "cancel to CANCELLED" "$cancel_ms"
        session_json "$cancel_id" > "$C/cancel-session.json"
        if [ "$code" = 202 ] && [ "$cancelled" = CANCELLED ] \
                && jq -e --arg who "$CATALOG_ADMIN_USER" '.cancelRequestedBy == $who' "$C/cancel-session.json" >/dev/null; then
            pass "cancel: POST /api/imports/$cancel_id/cancel → 202, CANCELLED after $(secs "$cancel_ms") (≤ 10 s), cancelled by $CATALOG_ADMIN_USER"
        else
            fail "cancel: POST /api/imports/$cancel_id/cancel" "HTTP $code $(head -c 300 "$C/cancel.json"), status after 10 s '$cancelled'"
        fi
        release_table_lock
        lock_gone=""
        for _ in $(seq 1 40); do [ "$(redis exists "$LOCK_KEY")" = 0 ] && { lock_gone=yes; break; }; sleep 0.25; done
        check "cancel: the import lock is released" "$LOCK_KEY still in Redis database $REDIS_DB" test -n "$lock_gone"
        check "cancel: the catalog is still empty" "$(catalog_summary)" summary_is "$EMPTY_SUMMARY"
    else
        release_table_lock
        fail "cancel: could not hold a lock on the product table"
    fi

    # --- the import folder (CATALOG_IMPORT_DIR) -------------------------------------------------
    t0=$(now_ms)
    code=$(api POST imports "$C/folder-start.json")
    folder_id=$(jq -r '.id // empty' "$C/folder-start.json" 2>/dev/null)
    folder_status=$([ "$code" = 202 ] && [ -n "$folder_id" ] && wait_status "$folder_id" "$IMPORT_TIMEOUT" 'COMPLETED|FAILED|CANCELLED')
    timing "folder import" $(( $(now_ms) - t0 ))
    session_json "$folder_id" > "$C/folder-session.json"
    if [ "$folder_status" = COMPLETED ] && jq -e ".uploadId == null and .dryRun == false and $WHOLE_PACKAGE_INSERTED" "$C/folder-session.json" >/dev/null; then
        pass "folder import (POST /api/imports → $code): COMPLETED, report: 300 products, 632 offers, 1869 prices, 1896 stock rows inserted"
    else
        fail "folder import" "HTTP $code, status '$folder_status': $(jq -c '{status, errorMessage, uploadId}' "$C/folder-session.json" 2>/dev/null)"
    fi
    check "folder import: catalog summary exactly the package's ($(jq -c . <<<"$DEMO_SUMMARY"))" "$(catalog_summary)" summary_is "$DEMO_SUMMARY"
    product_id=$(db_psql -c "select external_id from product where active order by external_id limit 1")
    code=$("${CURL[@]}" -u "$ADMIN" -o "$C/product.json" -w '%{http_code}' "$BASE_URL/api/catalog/products/$product_id")
    check "catalog API: GET /api/catalog/products/{Ид} of an imported product: 200 with its offers and prices" "HTTP $code" \
        jq -e --arg id "$product_id" '(.id // .externalId) == $id and (.offers | length) >= 1 and (.offers[0].prices | length) >= 1' "$C/product.json"

    # --- a console upload (JSF multipart form with its view state), then an import that reads it --
    empty_catalog
    JAR="$C/cookies.txt"   # signed in by the form login above
    "${CURL[@]}" -c "$JAR" -b "$JAR" -o "$C/upload-page.html" "$BASE_URL/admin/imports"
    viewstate=$(sed -n 's/.*name="jakarta.faces.ViewState"[^>]*value="\([^"]*\)".*/\1/p' "$C/upload-page.html" | head -1)
    t0=$(now_ms)
    code=$("${CURL[@]}" -c "$JAR" -b "$JAR" -o "$C/upload-answer.html" -w '%{http_code}' \
        -F "upload=upload" -F "upload:files=@$PACKAGE_ZIP;type=application/zip" -F "upload:send=" \
        -F "jakarta.faces.ViewState=$viewstate" "$BASE_URL/admin/imports")
    timing "upload (console form)" $(( $(now_ms) - t0 ))
    if [ -n "$viewstate" ] && [ "$code" = 200 ] && grep -q 'Uploaded demo.zip: it is the next package' "$C/upload-answer.html" \
            && grep -q 'id="uploadSummary" class="package-summary">uploaded demo.zip' "$C/upload-answer.html"; then
        pass "upload: the console's form (multipart, ViewState) took demo.zip; the page names it as the next package"
    else
        fail "upload: POST of the console's upload form" "ViewState '${viewstate:-none}', HTTP $code (see $C/upload-answer.html)"
    fi
    t0=$(now_ms)
    code=$(api POST imports "$C/upload-start.json")
    upload_id=$(jq -r '.id // empty' "$C/upload-start.json" 2>/dev/null)
    upload_status=$([ "$code" = 202 ] && [ -n "$upload_id" ] && wait_status "$upload_id" "$IMPORT_TIMEOUT" 'COMPLETED|FAILED|CANCELLED')
    timing "import of the upload" $(( $(now_ms) - t0 ))
    session_json "$upload_id" > "$C/upload-session.json"
    if [ "$upload_status" = COMPLETED ] && jq -e --arg who "$CATALOG_ADMIN_USER" \
            ".uploadId != null and .sourceReference == \"upload \\(.uploadId)\" and .upload.files == [\"demo.zip\"]
             and .upload.uploadedBy == \$who and $WHOLE_PACKAGE_INSERTED" "$C/upload-session.json" >/dev/null; then
        pass "upload: the next import read it (upload $(jq -r .uploadId "$C/upload-session.json"), by $CATALOG_ADMIN_USER): COMPLETED, 300 products inserted"
    else
        fail "upload: the import of the upload" "HTTP $code, status '$upload_status': $(jq -c '{status, errorMessage, uploadId, sourceReference, upload}' "$C/upload-session.json" 2>/dev/null)"
    fi
    check "upload: catalog summary exactly the package's" "$(catalog_summary)" summary_is "$DEMO_SUMMARY"

    # --- a 1C exchange, as 1C plays it --------------------------------------------------------
    empty_catalog
    X="$BASE_URL/1c_exchange"
    exchange() { # exchange <query> [curl args]: the answer as UTF-8 text (1C's is windows-1251)
        local query=$1; shift
        "${CURL[@]}" "$@" "$X?type=catalog&$query" | iconv -f windows-1251 -t utf-8
    }
    t0=$(now_ms)
    checkauth=$(exchange "mode=checkauth" -u "$CATALOG_EXCHANGE_USER:$CATALOG_EXCHANGE_PASSWORD" -D "$C/checkauth.headers")
    cookie="$(sed -n 2p <<<"$checkauth")=$(sed -n 3p <<<"$checkauth")"
    if [ "$(head -1 <<<"$checkauth")" = success ] && grep -q '^sessid=' <<<"$checkauth" \
            && grep -qi '^Content-Type: text/plain; *charset=windows-1251' "$C/checkauth.headers"; then
        pass "1C exchange: checkauth as $CATALOG_EXCHANGE_USER → success, cookie, sessid (text/plain; charset=windows-1251)"
    else
        fail "1C exchange: checkauth" "$(head -3 <<<"$checkauth" | tr '\n' '|')"
    fi
    init=$(exchange "mode=init" -b "$cookie")
    limit=$(sed -n 's/^file_limit=\([0-9]*\)$/\1/p' <<<"$init")
    check "1C exchange: init → zip=yes, file_limit=$EXCHANGE_FILE_LIMIT" "$(tr '\n' '|' <<<"$init")" \
        test "$(head -2 <<<"$init" | tr '\n' ' ')" = "zip=yes file_limit=$EXCHANGE_FILE_LIMIT "
    rm -rf "$C/parts"; mkdir -p "$C/parts"
    split -b "${limit:-$EXCHANGE_FILE_LIMIT}" -d -a 4 "$PACKAGE_ZIP" "$C/parts/part."
    parts=0; parts_ok=0
    for part in "$C"/parts/part.*; do
        parts=$((parts + 1))
        answer=$(exchange "mode=file&filename=demo.zip" -b "$cookie" -H 'Content-Type: application/octet-stream' --data-binary "@$part")
        [ "$(head -1 <<<"$answer")" = success ] && parts_ok=$((parts_ok + 1))
    done
    check "1C exchange: demo.zip ($(stat -c %s "$PACKAGE_ZIP") bytes) sent in $parts parts of ≤ $limit bytes, each → success" \
        "$parts_ok of $parts parts answered success" test "$parts" -ge 2 -a "$parts_ok" = "$parts"
    # 1C names an XML inside the zip (with its folder) and repeats import while it hears progress.
    first_xml=$(unzip -Z1 "$PACKAGE_ZIP" | grep '^goods/.*\.xml$' | sort | head -1)
    deadline=$(( $(date +%s) + IMPORT_TIMEOUT )); polls=0
    while :; do
        answer=$(exchange "mode=import&filename=$first_xml" -b "$cookie"); polls=$((polls + 1))
        [ "$(head -1 <<<"$answer")" = progress ] && [ "$(date +%s)" -lt "$deadline" ] || break
        sleep 0.2   # 1C's own pace between import calls
    done
    if [ "$(head -1 <<<"$answer")" = success ] && grep -q 'завершён: обработано элементов: 2196, пропущено: 0, предупреждений: 0\.$' <<<"$answer"; then
        pass "1C exchange: import of $first_xml → success after $polls call(s): '$(sed -n 2p <<<"$answer")'"
    else
        fail "1C exchange: import" "after $polls call(s): $(tr '\n' '|' <<<"$answer")"
    fi
    complete=$(exchange "mode=complete" -b "$cookie")
    check "1C exchange: complete → success" "$(tr '\n' '|' <<<"$complete")" test "$(head -1 <<<"$complete")" = success
    timing "1C exchange (checkauth to complete)" $(( $(now_ms) - t0 ))
    check "1C exchange: catalog summary exactly the package's" "$(catalog_summary)" summary_is "$DEMO_SUMMARY"
    code=$(api GET "exchanges" "$C/exchanges.json")
    exchange_session=$(jq -r '.[0].sessions[0] // empty' "$C/exchanges.json" 2>/dev/null)
    session_json "${exchange_session:-0}" > "$C/exchange-session.json"
    check "1C exchange: GET /api/exchanges: COMPLETED by $CATALOG_EXCHANGE_USER, demo.zip of $(stat -c %s "$PACKAGE_ZIP") bytes in $parts chunks, one session of source EXCHANGE" \
        "HTTP $code: $(head -c 500 "$C/exchanges.json")" \
        jq -e --arg who "$CATALOG_EXCHANGE_USER" --argjson size "$(stat -c %s "$PACKAGE_ZIP")" --argjson parts "$parts" \
            --slurpfile session "$C/exchange-session.json" \
            '.[0] | .result == "COMPLETED" and .user == $who and (.sessions | length) == 1
                and .files == [{chunks: $parts, name: "demo.zip", restarts: 0, sessionId: .sessions[0], size: $size}]
                and $session[0].source == "EXCHANGE" and $session[0].status == "COMPLETED"' "$C/exchanges.json"
    timing "imports, all doors" $(( $(now_ms) - t_imports ))

    # --- metrics ------------------------------------------------------------------------------
    code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE_URL/api/metrics")
    check "GET /api/metrics without credentials: 401" "HTTP $code" test "$code" = 401
    code=$(api GET metrics "$C/metrics.txt")
    metric() { sed -n "s/^$1 \(.*\)$/\1/p" "$C/metrics.txt"; }
    if [ "$code" = 200 ] && [ "$(metric 'catalog_import_sessions{status="completed"}')" = 4 ] \
            && [ "$(metric 'catalog_import_sessions{status="cancelled"}')" = 1 ] \
            && [ "$(metric 'catalog_import_sessions{status="failed"}')" = 0 ] \
            && [ "$(metric 'catalog_import_running')" = 0 ] \
            && awk -v t="$(metric catalog_import_last_success_timestamp_seconds)" 'BEGIN { exit !(t > 1.7e9) }'; then
        pass "GET /api/metrics: sessions completed 4 (dry run, folder, upload, exchange), cancelled 1, failed 0; none running; last success time set"
    else
        fail "GET /api/metrics" "HTTP $code: $(grep -v '^#' "$C/metrics.txt" 2>/dev/null | tr '\n' ' ' | head -c 600)"
    fi

    # --- the console and the API show the sessions --------------------------------------------
    code=$("${CURL[@]}" -c "$JAR" -b "$JAR" -o "$C/console-sessions.html" -w '%{http_code}' "$BASE_URL/admin/imports")
    # One line per table row of the page (PrimeFaces marks each row with its session id, data-rk).
    console_row() { tr -d '\n' < "$C/console-sessions.html" | sed 's#</tr>#</tr>\n#g' | grep "<tr data-ri=\"[0-9]*\" data-rk=\"$1\""; }
    check "console: /admin/imports lists the exchange's session $exchange_session (Completed, by $CATALOG_EXCHANGE_USER, 1C exchange)" \
        "HTTP $code (see $C/console-sessions.html)" \
        bash -c '[[ "$1" == *status-COMPLETED* && "$1" == *"$2"* && "$1" == *"1C exchange (exchange "* ]]' _ \
            "$(console_row "${exchange_session:-none}")" "$CATALOG_EXCHANGE_USER"
    check "console: /admin/imports lists the cancelled session $cancel_id as Cancelled" "see $C/console-sessions.html" \
        bash -c '[[ "$1" == *status-CANCELLED* ]]' _ "$(console_row "${cancel_id:-none}")"
    check "API: timestamps are ISO-8601 strings (startedAt of the exchange's session), as on Payara (JSON-B)" \
        "$(jq -c '{startedAt}' "$C/exchange-session.json" 2>/dev/null)" \
        jq -e '.startedAt | type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$")' "$C/exchange-session.json"
fi

# ---------------------------------------------------------------------------------------------
# 8. The OpenAPI description: the same document as on Payara
# ---------------------------------------------------------------------------------------------
code=$("${CURL[@]}" -o "$C/openapi.yaml" -w '%{http_code}' "$BASE_URL/openapi")
code_slash=$("${CURL[@]}" -o "$C/openapi-slash.yaml" -w '%{http_code}' "$BASE_URL/openapi/")
check "GET /openapi and /openapi/: 200, the same document" "HTTP $code and $code_slash" \
    test "$code $code_slash" = "200 200" -a -s "$C/openapi.yaml"
cmp -s "$C/openapi.yaml" "$C/openapi-slash.yaml" || fail "/openapi and /openapi/ differ"
"${CURL[@]}" -H 'Accept: application/json' -o "$C/openapi.json" "$BASE_URL/openapi"
unzip -p "$WAR" WEB-INF/classes/META-INF/openapi.yaml > "$C/openapi-source.yaml"
# Payara serves the WAR's openapi.yaml as written (mp.openapi.scan.disable=true), plus a list of
# endpoints of its own; WildFly adds empty contact, license and externalDocs objects. Both are left
# out of the comparison; everything else must be equal.
openapi_diff=$("$PYTHON" - "$C/openapi-source.yaml" "$C/openapi.json" <<'PY'
import json, sys, yaml
def pruned(node):
    if isinstance(node, dict):
        kept = {k: pruned(v) for k, v in node.items()}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(node, list):
        return [pruned(v) for v in node]
    return node
source = pruned(yaml.safe_load(open(sys.argv[1], encoding="utf-8")))
served = pruned(json.load(open(sys.argv[2], encoding="utf-8")))
served.pop("endpoints", None)
def differences(a, b, path="$"):
    if type(a) is not type(b):
        yield f"{path}: {a!r:.60} vs {b!r:.60}"
    elif isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in b: yield f"{path}.{key}: only in openapi.yaml"
            elif key not in a: yield f"{path}.{key}: only in the served document"
            else: yield from differences(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and len(a) != len(b):
        yield f"{path}: {len(a)} vs {len(b)} items"
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)): yield from differences(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {a!r:.60} vs {b!r:.60}"
found = list(differences(source, served))
print("; ".join(found[:8]) + (f" (+{len(found) - 8} more)" if len(found) > 8 else ""))
sys.exit(1 if found else 0)
PY
)
check "GET /openapi equals the WAR's META-INF/openapi.yaml ($(jq '.paths | length' "$C/openapi.json" 2>/dev/null) paths, error answers included)" \
    "$openapi_diff" test -z "$openapi_diff" -a "$(jq -r '.paths | has("/api/imports/{id}/cancel")' "$C/openapi.json" 2>/dev/null)" = true

# Errors the server logged while the checks ran (reported, not fatal by themselves).
errors=$(server_log | grep -c ' ERROR ')
[ "$errors" -gt 0 ] && printf '\n    note: the server log has %s ERROR line(s); see %s\n' "$errors" "$SERVER_OUT"

# ---------------------------------------------------------------------------------------------
# 9. Stop (also done by the EXIT trap on any failure)
# ---------------------------------------------------------------------------------------------
stop_wildfly
[ "$FAILED" -eq 0 ]
