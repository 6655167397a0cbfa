#!/bin/sh
# PanStack: restores a logical backup (backup.sh's <schema>-<time>.sql.gz) into DB_SCHEMA: into an empty one, or
# with RESTORE_REPLACE=true over the repository there, which is put back from ROLLBACK_SOURCE if the restore fails.
#
# Usage: restore.sh SOURCE   (or RESTORE_SOURCE=SOURCE): a local .sql.gz, or s3://bucket/key, fetched first with
#        the aws CLI (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL honoured; credentials and region as the CLI takes them).
# Environment:
#   DB_HOST, DB_PORT (default 3306), DB_SCHEMA (created when missing), DB_USER
#   DB_PASSWORD_FILE (a file holding the password; preferred) or DB_PASSWORD
#   RESTORE_KEEP_DEFINERS=true  keep the DEFINER of triggers, routines and views. By default they are dropped, so
#                    the objects belong to the restoring user: restoring another user's DEFINER needs SUPER or
#                    SET USER, which managed databases such as RDS do not grant (the vendor's repo migration
#                    strips them too).
#   TMPDIR           where an s3:// source is downloaded (needs room for the compressed file)
#   RESTORE_REPLACE=true  replace the repository in DB_SCHEMA (Pi stopped first: nothing may write meanwhile). Needs
#                    ROLLBACK_SOURCE, a backup of that repository taken just before (local or s3://). Both are
#                    fetched and checked whole before anything is dropped; if loading the backup fails, the schema
#                    is emptied again and ROLLBACK_SOURCE loaded (exit 5).
#   RESULT_FILE      optional: the outcome is also written there as one line, "restore: result=R ..." with R one of
#                    Restored, Untouched (failed before the schema was changed), RolledBack (exit 5) and Partial
#                    (the schema was changed and not put back: exit 6, or cut short)
# A backup with a manifest beside it (<source>.manifest, written by backup.sh) must match its checksum.
# Output: one summary line on stdout; errors on stderr.
# Exit:   0 restored; 1 failed (server, download); 2 bad configuration; 3 refused: DB_SCHEMA already holds tables or
#         routines; 4 the backup cannot be loaded as it is (not gzip, incomplete, no tables, client commands, SQL the server
#         refuses, or fewer tables than it holds, or not what its manifest says); 5 replacing failed and the previous
#         repository was put back; 6 replacing failed and putting the previous one back failed too (the schema holds a
#         partial restore: load ROLLBACK_SOURCE by hand).
# A dump is data from wherever it was stored: it is loaded in the client's --sandbox mode (no shell or file
# commands) where the client has one, and one holding client commands (lines starting with '\') is refused.
#
# The password never reaches a command line nor a log: see backup.sh. Never add `set -x`.
set -eu
umask 077

touched=false # set just before the schema is first changed
said=false # whether the outcome line was written
result() { # the outcome line, for whoever reads RESULT_FILE (the operator, through the termination message)
  said=true
  if [ -n "${RESULT_FILE:-}" ]; then printf 'restore: result=%s %s\n' "$1" "$2" >"$RESULT_FILE" || true; fi
}
outcome() { if [ "$touched" = true ]; then echo Partial; else echo Untouched; fi; }
fail() { echo "restore: $*" >&2; result "$(outcome)" "$*"; exit 1; }
bad() { echo "restore: $*" >&2; result Untouched "$*"; exit 2; }
unusable() { echo "restore: $*" >&2; result "$(outcome)" "$*"; exit 4; }

NL='
'
CR=$(printf '\r')

# --- configuration -------------------------------------------------------------------------------------------
source=${1:-${RESTORE_SOURCE:-}}
[ -n "$source" ] || bad "usage: restore.sh <file.sql.gz | s3://bucket/key> (or set RESTORE_SOURCE)"
: "${DB_HOST:?restore: set DB_HOST}" "${DB_SCHEMA:?restore: set DB_SCHEMA}" "${DB_USER:?restore: set DB_USER}"
DB_PORT=${DB_PORT:-3306}
case $DB_PORT in '' | *[!0-9]*) bad "DB_PORT must be a number, not '$DB_PORT'" ;; esac
# The schema name goes into SQL; Pi's names are plain.
case $DB_SCHEMA in -* | *[!A-Za-z0-9_-]*) bad "DB_SCHEMA may hold only letters, digits, '_' and '-' (not first)" ;; esac
[ ${#DB_SCHEMA} -le 64 ] || bad "DB_SCHEMA is longer than 64 characters"
case $source in
  s3://*/?*) command -v aws >/dev/null 2>&1 || bad "the aws CLI is needed to fetch $source" ;;
  s3://*) bad "not an S3 object: $source" ;;
  *) [ -f "$source" ] && [ -r "$source" ] || bad "no readable file $source" ;;
esac

if command -v mariadb >/dev/null 2>&1; then CLIENT=mariadb
elif command -v mysql >/dev/null 2>&1; then CLIENT=mysql
else bad "neither mariadb nor mysql (the client) is installed"; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/panstack-restore.XXXXXX") || bad "cannot create a private temp dir"
# Whatever ends the script (a signal, set -e), the operator learns whether the schema was touched.
trap 'rc=$?; rm -rf "$work"; [ "$said" = true ] || result "$(outcome)" "ended with exit $rc"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the password, into the option file only (as in backup.sh) ---------------------------------------------------
if [ -n "${DB_PASSWORD_FILE:-}" ]; then
  [ -r "$DB_PASSWORD_FILE" ] || bad "DB_PASSWORD_FILE $DB_PASSWORD_FILE is not readable"
  pw=$(cat "$DB_PASSWORD_FILE")
elif [ "${DB_PASSWORD+set}" = set ]; then
  pw=$DB_PASSWORD
else
  bad "set DB_PASSWORD_FILE or DB_PASSWORD"
fi
unset DB_PASSWORD
case $pw in *"$NL"* | *"$CR"*) bad "the password holds a line break, which a client option file cannot carry" ;; esac
esc=$(printf '%s\n' "$pw" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
printf '[client]\npassword="%s"\n' "$esc" >"$work/client.cnf"
pw=
esc=

db() { # runs the client with the option file; further arguments are the client's
  "$CLIENT" --defaults-extra-file="$work/client.cnf" --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" "$@"
}
query() { # one value: $1 is the SQL
  db --batch --skip-column-names -e "$1"
}
objects() { # tables, views and routines in DB_SCHEMA (that this user can see, i.e. could overwrite)
  query "SELECT (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB_SCHEMA')
               + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '$DB_SCHEMA')"
}

started=$(date +%s)
replace=${RESTORE_REPLACE:-false}
case $replace in true | false) ;; *) bad "RESTORE_REPLACE must be true or false" ;; esac
rollback=${ROLLBACK_SOURCE:-}
[ "$replace" = false ] || [ -n "$rollback" ] ||
  bad "RESTORE_REPLACE=true needs ROLLBACK_SOURCE, a backup of the repository it replaces"

# --- refuse early when the target is not empty (unless replacing) --------------------------------------------------
existing=$(objects) || fail "cannot query $DB_HOST:$DB_PORT as $DB_USER"
[ "$existing" = 0 ] || [ "$replace" = true ] || {
  echo "restore: refused: schema $DB_SCHEMA on $DB_HOST:$DB_PORT already holds $existing tables, views or routines;" \
    "a restore only goes into an empty schema (drop it, or restore into a new one)" >&2
  exit 3
}

# --- fetch and check the backups whole before touching the database -------------------------------------------------
# fetch SOURCE NAME: prints the local path of SOURCE (an s3:// one downloaded as NAME into the temp dir), and puts
# its manifest, when there is one, at <temp dir>/NAME.manifest.
fetch() {
  case $1 in
    s3://*)
      endpoint=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
      # --endpoint-url explicitly: older CLIs (v1 before 1.29, v2 before 2.13) ignore AWS_ENDPOINT_URL.
      aws ${endpoint:+--endpoint-url "$endpoint"} s3 cp --only-show-errors "$1" "$work/$2" >&2 || return 1
      # A missing manifest is no error: a backup taken before manifests has none.
      aws ${endpoint:+--endpoint-url "$endpoint"} s3 cp --only-show-errors "$1.manifest" "$work/$2.manifest" \
        >/dev/null 2>&1 || rm -f "$work/$2.manifest"
      ;;
    *)
      if [ -f "$1.manifest" ]; then cp "$1.manifest" "$work/$2.manifest" || return 1; fi
      ln -s "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" "$work/$2" || return 1
      ;;
  esac
  echo "$work/$2"
}
# check FILE SOURCE: exits unusable unless FILE is a whole dump that matches its manifest (when it has one);
# prints its number of tables. No dump holds a line starting with a backslash (strings escape their newlines):
# such a line is a client command (\! runs a shell).
check() {
  gzip -t "$1" 2>/dev/null || unusable "$2 is not a valid gzip file; nothing restored"
  if [ -f "$1.manifest" ]; then
    [ "$(sha256sum "$1" | cut -d ' ' -f 1)" = "$(sed -n 's/^sha256 //p' "$1.manifest")" ] ||
      unusable "$2 is not the file its manifest describes (checksum): changed or damaged since; nothing restored"
  fi
  count=$(gzip -dc "$1" | awk '
    /^\\/ { print "command"; exit }
    /^CREATE TABLE / { t++ }
    NF { last = $0 }
    END { if (index(last, "SET SQL_NOTES=@OLD_SQL_NOTES") == 0) { print "truncated"; exit } print t + 0 }')
  case $count in
    command*) unusable "$2 holds client commands (lines starting with a backslash), which no dump writes; nothing restored" ;;
    truncated) unusable "$2 is not a complete dump (no final statement); nothing restored" ;;
    0 | '') unusable "$2 holds no tables; nothing restored" ;;
  esac
  echo "$count"
}
file=$(fetch "$source" backup.sql.gz) || fail "cannot download $source"
tables=$(check "$file" "$source") || exit $?
if [ "$replace" = true ]; then
  # The way back must work before the way forward is taken.
  previous=$(fetch "$rollback" previous.sql.gz) ||
    fail "cannot download $rollback (the backup to put back on failure); nothing restored"
  previous_tables=$(check "$previous" "$rollback") ||
    fail "$rollback, the backup to put back on failure, is not usable; nothing restored"
fi

# --- load ------------------------------------------------------------------------------------------------------
empty_schema() { # every view, table (with its triggers), routine and event dropped: the rights a dump load needs
  drops=$(query "SELECT CONCAT('DROP VIEW IF EXISTS \`', REPLACE(TABLE_NAME, '\`', '\`\`'), '\`;')
                   FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '$DB_SCHEMA'
                 UNION ALL SELECT CONCAT('DROP TABLE IF EXISTS \`', REPLACE(TABLE_NAME, '\`', '\`\`'), '\`;')
                   FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB_SCHEMA' AND TABLE_TYPE <> 'VIEW'
                 UNION ALL SELECT CONCAT('DROP ', ROUTINE_TYPE, ' IF EXISTS \`', REPLACE(ROUTINE_NAME, '\`', '\`\`'), '\`;')
                   FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '$DB_SCHEMA'
                 UNION ALL SELECT CONCAT('DROP EVENT IF EXISTS \`', REPLACE(EVENT_NAME, '\`', '\`\`'), '\`;')
                   FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '$DB_SCHEMA'") || return 1
  { echo "SET FOREIGN_KEY_CHECKS=0;"; printf '%s\n' "$drops"; } | db "$DB_SCHEMA" || return 1
  [ "$(objects)" = 0 ]
}
if [ "$replace" = true ]; then
  exists=$(query "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$DB_SCHEMA'") ||
    fail "cannot query $DB_HOST:$DB_PORT"
  [ "$exists" = 1 ] || query "CREATE DATABASE \`$DB_SCHEMA\`" || fail "cannot create schema $DB_SCHEMA"
  before=$(objects) || fail "cannot query $DB_HOST:$DB_PORT as $DB_USER"
  # A user who may not drop: nothing was changed, and it says so.
  echo "SET FOREIGN_KEY_CHECKS=0; DO 1;" | db "$DB_SCHEMA" || fail "cannot reach schema $DB_SCHEMA; nothing restored"
  touched=true
else
  # Checked again right before loading: nothing may have appeared meanwhile.
  existing=$(objects) || fail "cannot query $DB_HOST:$DB_PORT as $DB_USER"
  [ "$existing" = 0 ] || { echo "restore: refused: schema $DB_SCHEMA is no longer empty" >&2; exit 3; }
  exists=$(query "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$DB_SCHEMA'") ||
    fail "cannot query $DB_HOST:$DB_PORT"
  if [ "$exists" = 0 ]; then
    query "CREATE DATABASE \`$DB_SCHEMA\`" || fail "cannot create schema $DB_SCHEMA"
  fi
fi

definers() { # DEFINER clauses only where mysqldump writes them: at the start of trigger, routine and view lines
  if [ "${RESTORE_KEEP_DEFINERS:-false}" = true ]; then
    cat
  else
    sed -e 's#^\(/\*!50003 CREATE\*/ \)/\*!50017 DEFINER=`[^`]*`@`[^`]*`\*/ #\1#' \
      -e 's#^CREATE DEFINER=`[^`]*`@`[^`]*` #CREATE #' \
      -e 's#^/\*!50013 DEFINER=`[^`]*`@`[^`]*` \(SQL SECURITY [A-Z]*\) \*/#/*!50013 \1 */#' \
      -e 's#^\(/\*!50106 CREATE\*/ \)/\*!50117 DEFINER=`[^`]*`@`[^`]*`\*/ #\1#'
  fi
}
# A failed statement must not be echoed into the log: an INSERT holds up to a megabyte of repository data.
quiet=
if "$CLIENT" --help 2>/dev/null | grep -q -e '--print-query-on-error'; then quiet=--skip-print-query-on-error; fi
sandbox=
if "$CLIENT" --help 2>/dev/null | grep -q -e '--sandbox'; then sandbox=--sandbox; fi
# load FILE TABLES: 0 loaded whole; 4 the server refused a statement, or fewer tables arrived; 1 the server went
# away or the file could not be read. No pipefail in dash: each stage's status travels through a file.
load() {
  if ! { gzip -dc "$1"; echo $? >"$work/gzip.rc"; } | { definers; echo $? >"$work/sed.rc"; } |
    db ${quiet:+"$quiet"} ${sandbox:+"$sandbox"} "$DB_SCHEMA"; then
    # The server refused a statement, or it went away: only the first is the backup's fault.
    query "SELECT 1" >/dev/null 2>&1 || return 1
    return 4
  fi
  [ "$(cat "$work/gzip.rc")" = 0 ] && [ "$(cat "$work/sed.rc")" = 0 ] || return 1
  loaded=$(query "SELECT COUNT(*) FROM information_schema.TABLES
                  WHERE TABLE_SCHEMA = '$DB_SCHEMA' AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')") || return 1
  [ "$loaded" = "$2" ] || { echo "restore: the dump holds $2 tables but schema $DB_SCHEMA has $loaded" >&2; return 4; }
}
rc=0
if [ "$replace" = true ]; then
  if ! empty_schema; then
    # Nothing dropped (no DROP right, say): the repository is as it was.
    [ "$(objects)" != "$before" ] || { touched=false; fail "cannot empty schema $DB_SCHEMA (the user needs DROP on it); nothing restored"; }
    rc=1
  else
    load "$file" "$tables" || rc=$?
  fi
else
  touched=true
  load "$file" "$tables" || rc=$?
fi
if [ "$rc" != 0 ] && [ "$replace" = true ]; then
  echo "restore: loading $source into $DB_SCHEMA failed; putting the previous repository back from $rollback" >&2
  back=0
  { empty_schema && load "$previous" "$previous_tables"; } || back=$?
  if [ "$back" = 0 ]; then
    echo "restore: failed; the previous repository was put back from $rollback" >&2
    result RolledBack "loading $source failed; the previous repository was put back from $rollback"
    exit 5
  fi
  echo "restore: failed, AND putting back $rollback failed: schema $DB_SCHEMA holds a partial restore;" \
    "load $rollback into it by hand before Pi starts again" >&2
  result Partial "loading $source failed, and putting back $rollback failed too: the schema holds a partial restore"
  exit 6
fi
case $rc in
  0) ;;
  4) unusable "loading $source into $DB_SCHEMA failed; the schema now holds a partial restore: drop it before trying again" ;;
  *) fail "the server stopped answering, or $source could not be read, while it was loaded; the schema now holds a partial restore: drop it before trying again" ;;
esac

bytes=$(wc -c <"$file" | tr -d ' ')
result Restored "source=$source tables=$tables"
echo "restore: source=$source schema=$DB_SCHEMA tables=$tables bytes=$bytes seconds=$(($(date +%s) - started))"
