#!/bin/sh
# PanStack: proves a logical backup restores. Starts a private, short-lived MariaDB server of its own (never the
# stack's database), restores the backup into it with restore.sh, and checks the result against the backup's
# manifest (backup.sh writes <file>.manifest beside each backup): the file's checksum, every table with the rows the
# dump held, and the routines, triggers and views the schema had.
#
# Usage: verify.sh SOURCE   (or VERIFY_SOURCE=SOURCE): a .sql.gz, or a directory: the newest backup of DB_SCHEMA there
#        (names dated more than a day ahead are no real backup's and never chosen)
# Environment:
#   DB_SCHEMA        the schema the backup is of (and is restored as)
#   RESTORE_SCRIPT   the text of restore.sh (it is run as it is run for a real restore)
#   SCRATCH_PORT     the private server's loopback port (default 3306: in a pod of its own nothing else uses it)
#   TMPDIR           where the private server keeps its data (room for the restored repository)
#   RESULT_FILE      optional: the summary line is also written there (e.g. /dev/termination-log)
# Output: one summary line on stdout ("verify: backup=... result=Passed ..."), or the reason on stderr.
# Exit:   0 verified; 1 could not verify (no backup: result=NoBackup; the server did not start or went away:
#         result=Error); 2 bad configuration; 4 the backup failed verification (corrupt, incomplete, not restorable,
#         or not what its manifest says).
# The backup is data from wherever it was stored: the private server reads and writes no files outside its data
# directory (secure_file_priv, no LOAD DATA LOCAL), and the restore's login has rights on the one schema only.
set -eu
umask 077

STAMP_GLOB='[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z'
result() { # the summary line, on stdout and in RESULT_FILE
  echo "$1"
  if [ -n "${RESULT_FILE:-}" ]; then printf '%s\n' "$1" >"$RESULT_FILE" || true; fi
}
bad() { echo "verify: $*" >&2; result "verify: result=Error $*"; exit 2; }
fail() { echo "verify: $*" >&2; result "verify: result=Error $*"; exit 1; }
rejected() { echo "verify: ${file##*/}: $*" >&2; result "verify: backup=${file##*/} result=Failed $*"; exit 4; }
oneline() { tr '\n' ' ' | sed 's/ *$//'; }

# --- configuration -------------------------------------------------------------------------------------------
source=${1:-${VERIFY_SOURCE:-}}
[ -n "$source" ] || bad "usage: verify.sh <file.sql.gz | directory> (or set VERIFY_SOURCE)"
: "${DB_SCHEMA:?verify: set DB_SCHEMA}" "${RESTORE_SCRIPT:?verify: set RESTORE_SCRIPT to the text of restore.sh}"
case $DB_SCHEMA in -* | *[!A-Za-z0-9_-]*) bad "DB_SCHEMA may hold only letters, digits, '_' and '-' (not first)" ;; esac
port=${SCRATCH_PORT:-3306}
case $port in '' | *[!0-9]*) bad "SCRATCH_PORT must be a number, not '$port'" ;; esac

if [ -d "$source" ]; then
  file=
  ahead="$DB_SCHEMA-$(date -u -d "@$(($(date +%s) + 86400))" +%Y%m%dT%H%M%SZ).sql.gz"
  for f in "$source/$DB_SCHEMA"-*.sql.gz; do # sorted by name, so by time: the last is the newest
    case ${f##*/} in "$DB_SCHEMA"-$STAMP_GLOB.sql.gz) [ "${f##*/}" \> "$ahead" ] || file=$f ;; esac
  done
  [ -n "$file" ] || { echo "verify: no backup of $DB_SCHEMA in $source" >&2
    result "verify: result=NoBackup no backup of $DB_SCHEMA in $source"; exit 1; }
else
  file=$source
fi
[ -f "$file" ] && [ -r "$file" ] || fail "no readable backup $file"

installer=$(command -v mariadb-install-db || command -v mysql_install_db) || bad "mariadb-install-db is not installed"
server=$(PATH="$PATH:/usr/sbin:/usr/local/sbin" command -v mariadbd || PATH="$PATH:/usr/sbin:/usr/local/sbin" command -v mysqld) ||
  bad "mariadbd is not installed"
client=$(command -v mariadb || command -v mysql) || bad "the mariadb client is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/panstack-verify.XXXXXX") || fail "cannot create a private temp dir"
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
started=$(date +%s)

# --- the file against its manifest, before anything is restored ---------------------------------------------------
manifest="$file.manifest"
if [ -f "$manifest" ]; then
  [ "$(head -n 1 "$manifest")" = "format panstack-backup-manifest/1" ] || rejected "its manifest is not one this script reads"
  sum=$(sed -n 's/^sha256 //p' "$manifest")
  [ "$(sha256sum "$file" | cut -d ' ' -f 1)" = "$sum" ] ||
    rejected "its checksum is not the one recorded when it was taken (changed or damaged since)"
else
  manifest= # a backup taken before manifests: restored and its tables counted, nothing to compare with
fi

# --- a private server: loopback only, its own data directory, gone with this script --------------------------------
as_root=
[ "$(id -u)" != 0 ] || as_root=--user=root # mariadbd refuses root unless told; in a pod it runs as mysql (999)
"$installer" --no-defaults $as_root --datadir="$work/data" --auth-root-authentication-method=normal \
  --skip-test-db >"$work/install.log" 2>&1 ||
  fail "cannot initialise the scratch server: $(tail -n 3 "$work/install.log" | oneline)"
mkdir "$work/files" # secure_file_priv: an empty directory no statement may read or write outside
"$server" --no-defaults $as_root --datadir="$work/data" --socket="$work/mysqld.sock" --port="$port" \
  --bind-address=127.0.0.1 --skip-name-resolve --skip-log-bin --lower-case-table-names=1 \
  --secure-file-priv="$work/files" --local-infile=0 \
  --sql-mode=NO_AUTO_VALUE_ON_ZERO --log-bin-trust-function-creators=1 --character-set-server=utf8mb4 \
  --pid-file="$work/mysqld.pid" --log-error="$work/error.log" >/dev/null 2>&1 &
pid=$!
root() { "$client" --no-defaults --user=root --socket="$work/mysqld.sock" --batch --skip-column-names "$@"; }
tries=0
until root -e 'SELECT 1' >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { pid=; fail "the scratch server exited: $(tail -n 3 "$work/error.log" 2>/dev/null | oneline)"; }
  tries=$((tries + 1))
  [ "$tries" -le 600 ] || fail "the scratch server did not start within a minute"
  sleep 0.1
done
# The restore logs in as restore.sh always does, over TCP with a password file; the password is random and dies here.
od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$work/password"
root -e "CREATE DATABASE \`$DB_SCHEMA\`; CREATE USER 'verify'@'127.0.0.1' IDENTIFIED BY '$(cat "$work/password")';
         GRANT ALL ON \`$DB_SCHEMA\`.* TO 'verify'@'127.0.0.1';
         DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;" ||
  fail "cannot prepare the scratch server"

# --- restore, as a real restore would ---------------------------------------------------------------------------
restored_ok=0
env DB_HOST=127.0.0.1 DB_PORT="$port" DB_USER=verify DB_PASSWORD_FILE="$work/password" DB_SCHEMA="$DB_SCHEMA" \
  TMPDIR="$work" sh -c "$RESTORE_SCRIPT" restore.sh "$file" >"$work/restore.out" 2>"$work/restore.err" || restored_ok=$?
if [ "$restored_ok" != 0 ]; then
  # Only restore.sh's own words: the client's errors may quote repository rows.
  said=$(grep '^restore: ' "$work/restore.err" | tail -n 1 | sed 's/^restore: //')
  # Exit 4 is the backup's fault, unless the server went away (out of memory or disk) under it.
  if [ "$restored_ok" = 4 ] && root -e 'SELECT 1' >/dev/null 2>&1; then
    rejected "it does not restore: $said"
  fi
  fail "the restore could not run to its end: $said"
fi

# --- what the restore gave back, against the manifest --------------------------------------------------------------
count() { root -e "SELECT COUNT(*) FROM \`$DB_SCHEMA\`.\`$(printf '%s' "$1" | sed 's/`/``/g')\`"; }
restored=$(root -e "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB_SCHEMA'
                    AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")
tables=0
rows=0
if [ -n "$manifest" ]; then
  expected=$(sed -n 's/^table [0-9]* //p' "$manifest" | LC_ALL=C sort)
  [ "$(printf '%s\n' "$restored" | LC_ALL=C sort)" = "$expected" ] ||
    rejected "the restored tables are not the ones its manifest lists"
  # Read from a file, not a pipe: the loop must run in this shell to stop it with rejected.
  sed -n 's/^table //p' "$manifest" >"$work/tables"
  while read -r want name; do
    got=$(count "$name") || rejected "table $name cannot be read after the restore"
    [ "$got" = "$want" ] || rejected "table $name has $got rows after the restore, the dump held $want"
    tables=$((tables + 1))
    rows=$((rows + got))
  done <"$work/tables"
  objects=$(root -e "
    SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '$DB_SCHEMA'
    UNION ALL SELECT 'trigger', TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '$DB_SCHEMA'
    UNION ALL SELECT 'view', TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '$DB_SCHEMA'" | tr '\t' ' ')
  grep -E '^(function|procedure|trigger|view) ' "$manifest" >"$work/objects" || true
  while read -r kind name; do
    printf '%s\n' "$objects" | grep -qxF "$kind $name" || rejected "the $kind $name is missing after the restore"
  done <"$work/objects"
  summary="routines=$(grep -cE '^(function|procedure) ' "$work/objects" || true)"
  summary="$summary triggers=$(grep -c '^trigger ' "$work/objects" || true) views=$(grep -c '^view ' "$work/objects" || true)"
else
  for name in $restored; do
    rows=$((rows + $(count "$name")))
    tables=$((tables + 1))
  done
  summary="manifest=none"
fi
result "verify: backup=${file##*/} result=Passed tables=$tables rows=$rows $summary seconds=$(($(date +%s) - started))"
