#!/usr/bin/env bash
# Proves that catalog-import deploys and works, unchanged, on WildFly 39.
#
#   server-config/wildfly/verify-on-wildfly.sh [--ref COMMIT | --war FILE] [--source DIR]
#
# What it does, every run from scratch (rerunnable; nothing is left running):
#   1. copies the project's working tree (tracked and new, not ignored, files) to a work
#      directory and builds the WildFly WAR there with "./mvnw -Pwildfly package": the build in
#      the repository's own target/ (the Payara WAR the tests use) is never touched;
#   2. fetches the WildFly distribution zip and the PostgreSQL driver from Maven Central with the
#      project's Maven wrapper (cached in ~/.m2) and unpacks a fresh WildFly into
#      <work>/src/target/wildfly-verify/;
#   3. runs server-config/wildfly/configure.cli on it (offline, embedded server);
#   4. starts WildFly with standalone.xml and a port offset (HTTP 8080+offset, management
#      9990+offset; default offset 100) and the CATALOG_* variables in its environment;
#   5. deploys the WAR with jboss-cli and checks it over HTTP (see "Checks" below);
#   6. stops WildFly and prints a summary with timings. Exit status 0 only if every check passed.
#
# Why standalone.xml: the WAR needs EJB (@Singleton/@Stateless), Faces, JPA, Jakarta Security,
# MicroProfile Config and MicroProfile Health. standalone.xml has all of them except MicroProfile
# Health, which configure.cli adds; standalone-microprofile.xml has MicroProfile Health but no
# ejb3 and no jsf subsystem, so the WAR cannot deploy there.
#
# Options:
#   --ref COMMIT   build that commit (git archive, e.g. --ref HEAD) instead of the working tree:
#                  for when uncommitted edits in progress do not compile yet
#   --war FILE     skip the copy and the build, verify this WAR (built with -Pwildfly)
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
#                           Set: that database is used as it is (and nothing is inserted into it).
#   CATALOG_DB_USER / CATALOG_DB_PASSWORD   default postgres / a placeholder (WildFly rejects an
#                           empty datasource password; PostgreSQL trust authentication ignores it)
#   CATALOG_REDIS_ADDRESS   default redis://127.0.0.1:6379
#   CATALOG_ADMIN_USER / CATALOG_ADMIN_PASSWORD   bootstrap administrator used for the login
#                           checks; default admin / a random password (scratch database only)
#   VERIFY_SEED_DATA        1 (default with the scratch database): insert one import session and
#                           check that the console and the API show it; 0: skip these checks
#   VERIFY_START_TIMEOUT / VERIFY_DEPLOY_TIMEOUT   seconds, default 240 / 400
#
# Checks: the WAR carries the WildFly persistence.xml; WildFly boots without errors; the
# deployment succeeds; Flyway migrated (its log line, and flyway_schema_history holds version 1
# up to the WAR's newest migration); GET /login serves the login form; anonymous /admin/imports
# redirects to /login?continue=... (to https and the public host when X-Forwarded-Proto/-Host
# say so, as behind docker/nginx.conf); anonymous /api/imports gets 401 with a Basic challenge;
# Basic with a wrong password gets 401, with the administrator's password 200 JSON; a real form
# login (ViewState, cookie jar) reaches /admin/imports; the session cookie is HttpOnly and
# SameSite=Lax; /health/ready on the management port is UP with checks postgresql and redis;
# with seeded data: the console renders the session row and the API writes its timestamps as
# ISO-8601 strings (as on Payara, which uses JSON-B).
#
# Needs: java 17, curl, jq, unzip, rsync, git, psql/createdb/dropdb (PostgreSQL client).

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
HTTP_PORT=$((8080 + PORT_OFFSET))
MGMT_PORT=$((9990 + PORT_OFFSET))
BASE_URL="http://127.0.0.1:${HTTP_PORT}"
HEALTH_URL="http://127.0.0.1:${MGMT_PORT}/health/ready"
START_TIMEOUT=${VERIFY_START_TIMEOUT:-240}
DEPLOY_TIMEOUT=${VERIFY_DEPLOY_TIMEOUT:-400}
SCRATCH_DB=catalog_wildfly_verify
BUILD_DIR="$WORK_DIR/src"
VERIFY_DIR="$BUILD_DIR/target/wildfly-verify"     # fresh WildFly, logs, curl files
JBOSS_HOME="$VERIFY_DIR/wildfly-$WILDFLY_VERSION"
SERVER_OUT="$VERIFY_DIR/server.out"
CLI=("$JBOSS_HOME/bin/jboss-cli.sh")
CLI_CONNECT=(--connect "--controller=127.0.0.1:${MGMT_PORT}")
unset JAVA_TOOL_OPTIONS   # why: its "Picked up" banner would pollute parsed CLI output

# ---------------------------------------------------------------------------------------------
# Output helpers: every check is recorded; the summary lists them and sets the exit status.
# ---------------------------------------------------------------------------------------------
declare -a RESULTS=()
declare -a TIMINGS=()
FAILED=0
SERVER_PID=""

log() { printf '\n==> %s\n' "$*"; }
pass() { RESULTS+=("PASS  $1"); printf '    PASS  %s\n' "$1"; }
fail() { RESULTS+=("FAIL  $1${2:+ -- $2}"); FAILED=1; printf '    FAIL  %s%s\n' "$1" "${2:+ -- $2}" >&2; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
timing() { TIMINGS+=("$(printf '%-32s %s' "$1" "$(secs "$2")")"); }
# Plain text of the server console (WildFly colours its output).
server_log() { sed 's/\x1b\[[0-9;]*m//g' "$SERVER_OUT" 2>/dev/null; }

summary() {
    printf '\n==================== WildFly verification summary ====================\n'
    printf 'WildFly %s, HTTP %s, management %s\n' "$WILDFLY_VERSION" "$BASE_URL" "http://127.0.0.1:${MGMT_PORT}"
    printf 'WAR: %s\nServer console log: %s\n\n' "${WAR:-<none>}" "$SERVER_OUT"
    printf 'Timings:\n'; [ "${#TIMINGS[@]}" -eq 0 ] || printf '  %s\n' "${TIMINGS[@]}"
    printf '\nChecks:\n'; printf '  %s\n' "${RESULTS[@]}"
    if [ "$FAILED" -eq 0 ]; then
        printf '\nRESULT: PASSED (%d checks)\n' "${#RESULTS[@]}"
    else
        printf '\nRESULT: FAILED\n'
    fi
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
for tool in java curl jq unzip rsync git psql createdb dropdb timeout setsid; do
    command -v "$tool" >/dev/null || die "prerequisite: $tool is not installed"
done
tcp_open() { timeout 5 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }   # host port
port_busy() { tcp_open 127.0.0.1 "$1"; }
for port in "$HTTP_PORT" "$MGMT_PORT"; do
    port_busy "$port" && die "prerequisite: port $port is in use" "stop what listens there or set PORT_OFFSET"
done
pass "ports $HTTP_PORT and $MGMT_PORT are free"

export CATALOG_REDIS_ADDRESS=${CATALOG_REDIS_ADDRESS:-redis://127.0.0.1:6379}
redis_hostport=${CATALOG_REDIS_ADDRESS#*://}; redis_hostport=${redis_hostport##*@}; redis_hostport=${redis_hostport%%/*}
tcp_open "${redis_hostport%:*}" "${redis_hostport##*:}" \
    || die "prerequisite: Redis does not answer at $CATALOG_REDIS_ADDRESS"

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
SEED_DATA=${VERIFY_SEED_DATA:-$SCRATCH}

# psql on the database behind CATALOG_DB_URL (jdbc:postgresql://host[:port]/db[?params]).
db_uri=${CATALOG_DB_URL#jdbc:}; db_uri=${db_uri%%\?*}
db_psql() { PGPASSWORD=$CATALOG_DB_PASSWORD psql "$db_uri" -U "$CATALOG_DB_USER" -v ON_ERROR_STOP=1 -qAtX "$@"; }
db_psql -c 'select 1' >/dev/null || die "prerequisite: PostgreSQL does not answer at $CATALOG_DB_URL"
pass "PostgreSQL and Redis answer"

# ---------------------------------------------------------------------------------------------
# 1. Build the WildFly WAR in a copy of the sources
# ---------------------------------------------------------------------------------------------
mkdir -p "$WORK_DIR"
if [ -n "$PREBUILT_WAR" ]; then
    log "Using the prebuilt WAR $PREBUILT_WAR"
    [ -f "$PREBUILT_WAR" ] || die "the WAR $PREBUILT_WAR does not exist"
    # The Maven wrapper of the copy is still needed to fetch WildFly and the driver.
    [ -x "$BUILD_DIR/mvnw" ] || { mkdir -p "$BUILD_DIR" && (cd "$SOURCE_DIR" && cp -r --parents mvnw .mvn pom.xml "$BUILD_DIR"/); }
    rm -rf "$VERIFY_DIR"; mkdir -p "$VERIFY_DIR"
    WAR="$VERIFY_DIR/catalog-import.war"
    cp "$PREBUILT_WAR" "$WAR"
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
    log "Building the WildFly WAR: ./mvnw -B -ntp -Pwildfly -Dmaven.test.skip=true clean package"
    # why -Dmaven.test.skip (not only -DskipTests): the WAR holds no test code, and a test class
    # being edited in the repository must not break a WildFly proof.
    (cd "$BUILD_DIR" && ./mvnw -B -ntp -q -Pwildfly -Dmaven.test.skip=true clean package) \
        > "$WORK_DIR/build.log" 2>&1 || { tail -40 "$WORK_DIR/build.log" >&2; die "Maven build failed" "see $WORK_DIR/build.log"; }
    timing "copy + Maven build" $(( $(now_ms) - t0 ))
    mkdir -p "$VERIFY_DIR"
    WAR="$BUILD_DIR/target/catalog-import.war"
fi
[ -f "$WAR" ] || die "no WAR at $WAR"

# The wildfly profile must have filtered persistence.xml: WildFly datasource, no Payara JTA platform.
pxml=$(unzip -p "$WAR" WEB-INF/classes/META-INF/persistence.xml 2>/dev/null)
if grep -q '<jta-data-source>java:jboss/datasources/CatalogDS</jta-data-source>' <<<"$pxml" \
        && ! grep -q 'hibernate.transaction.jta.platform' <<<"$pxml"; then
    pass "WAR built with -Pwildfly (persistence.xml: java:jboss/datasources/CatalogDS, no JTA platform)"
else
    die "the WAR is not a -Pwildfly build" "persistence.xml must name java:jboss/datasources/CatalogDS and no JTA platform"
fi
if unzip -l "$WAR" | grep -q 'WEB-INF/lib/hibernate-core-'; then
    fail "the WAR bundles hibernate-core" "WildFly provides Hibernate; the wildfly profile should make it provided"
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
WILDFLY_ZIP="$DOWNLOADS/wildfly-dist-$WILDFLY_VERSION.zip"
PG_JAR="$DOWNLOADS/postgresql-$PG_VERSION.jar"
fetch() {  # groupId:artifactId:version[:type]
    # why dependency:copy and not dependency:get: get also resolves the artifact's dependencies,
    # some of which live only on repository.jboss.org.
    (cd "$BUILD_DIR" && ./mvnw -B -ntp -q dependency:copy -Dartifact="$1" -DoutputDirectory="$DOWNLOADS") \
        >> "$WORK_DIR/fetch.log" 2>&1
}
[ -f "$WILDFLY_ZIP" ] || fetch "org.wildfly:wildfly-dist:$WILDFLY_VERSION:zip" || die "cannot fetch wildfly-dist" "see $WORK_DIR/fetch.log"
[ -f "$PG_JAR" ] || fetch "org.postgresql:postgresql:$PG_VERSION" || die "cannot fetch the PostgreSQL driver" "see $WORK_DIR/fetch.log"
rm -rf "$JBOSS_HOME"
unzip -q "$WILDFLY_ZIP" -d "$VERIFY_DIR" || die "cannot unpack $WILDFLY_ZIP"
timing "fetch + unpack WildFly" $(( $(now_ms) - t0 ))

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
    if server_log | grep -q 'WFLYSRV0025\|WFLYSRV0026'; then started=yes; break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
done
START_MS=$(( $(now_ms) - t0 ))
timing "WildFly start (wall clock)" "$START_MS"
[ -n "$started" ] || { tail -40 "$SERVER_OUT" >&2; die "WildFly did not start within ${START_TIMEOUT}s"; }
reported=$(server_log | sed -n 's/.*WFLYSRV002[56]:.* started.* in \([0-9]*\)ms.*/\1/p' | head -1)
[ -n "$reported" ] && timing "WildFly start (as logged)" "$reported"
if server_log | grep -q 'WFLYSRV0026'; then
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
# 6. Checks
# ---------------------------------------------------------------------------------------------
log "Checking the application at $BASE_URL"
t_checks=$(now_ms)
C="$VERIFY_DIR/http"; mkdir -p "$C"
CURL=(curl -sS --max-time 30)

# Flyway ran at deployment, through the WildFly datasource, up to the WAR's newest migration.
latest=$(unzip -Z1 "$WAR" 'WEB-INF/classes/db/migration/V*' 2>/dev/null \
    | sed -n 's#.*/V\([0-9._]*\)__.*#\1#p' | tr _ . | sort -V | tail -1)
if [ -n "$latest" ] && server_log | grep -q "Database schema is at version $latest "; then
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

# MicroProfile Health on the management interface.
code=$("${CURL[@]}" -o "$C/health-ready.json" -w '%{http_code}' "$HEALTH_URL")
if [ "$code" = 200 ] && jq -e '.status == "UP"
        and ([.checks[] | select(.name == "postgresql" and .status == "UP")] | length == 1)
        and ([.checks[] | select(.name == "redis" and .status == "UP")] | length == 1)' "$C/health-ready.json" >/dev/null 2>&1; then
    pass "GET $HEALTH_URL: UP with checks postgresql UP and redis UP"
else
    fail "GET $HEALTH_URL" "HTTP $code: $(head -c 600 "$C/health-ready.json" 2>/dev/null)"
fi

# With one import session in the database: the console renders its row and the API its JSON.
if [ "$SEED_DATA" = 1 ]; then
    marker="verify-on-wildfly-$RANDOM"
    if db_psql -c "insert into import_session (status, started_at, finished_at, total_items, processed_items, triggered_by)
                   values ('COMPLETED', timestamptz '2026-01-02 03:04:05Z', timestamptz '2026-01-02 03:05:10Z', 7, 7, '$marker')" >/dev/null; then
        code=$("${CURL[@]}" -c "$JAR" -b "$JAR" -o "$C/console-row.html" -w '%{http_code}' "$BASE_URL/admin/imports")
        if [ "$code" = 200 ] && grep -q "$marker" "$C/console-row.html" && grep -q '1 min 5 s' "$C/console-row.html"; then
            pass "console with data: /admin/imports shows the seeded session (triggered by, duration)"
        else
            fail "console with data: /admin/imports" "HTTP $code, or the seeded row is missing (see $C/console-row.html and $SERVER_OUT)"
        fi
        code=$("${CURL[@]}" -o "$C/api-row.json" -w '%{http_code}' -u "$CATALOG_ADMIN_USER:$CATALOG_ADMIN_PASSWORD" "$BASE_URL/api/imports")
        if [ "$code" = 200 ] && jq -e --arg m "$marker" '.[] | select(.triggeredBy == $m)
                | .status == "COMPLETED" and (.startedAt | type == "string" and startswith("2026-01-02T03:04:05"))' \
                "$C/api-row.json" >/dev/null 2>&1; then
            pass "API with data: the seeded session, startedAt as an ISO-8601 string"
        else
            fail "API with data: startedAt is not an ISO-8601 string (Payara writes \"2026-01-02T03:04:05Z\")" \
                "HTTP $code: $(head -c 400 "$C/api-row.json")"
        fi
    else
        fail "seeding an import session with psql failed"
    fi
fi
timing "HTTP checks" $(( $(now_ms) - t_checks ))

# Errors the server logged while the checks ran (reported, not fatal by themselves).
errors=$(server_log | grep -c ' ERROR ')
[ "$errors" -gt 0 ] && printf '\n    note: the server log has %s ERROR line(s); see %s\n' "$errors" "$SERVER_OUT"

# ---------------------------------------------------------------------------------------------
# 7. Stop (also done by the EXIT trap on any failure)
# ---------------------------------------------------------------------------------------------
stop_wildfly
[ "$FAILED" -eq 0 ]
