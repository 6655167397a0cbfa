#!/bin/sh
# PanStack: restores a logical backup (backup.sh's <schema>-<time>.sql.gz) into DB_SCHEMA, and only into an
# empty one: a restore never overwrites a repository.
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
# Output: one summary line on stdout; errors on stderr.
# Exit:   0 restored; 1 failed (server, download); 2 bad configuration; 3 refused: DB_SCHEMA already holds tables or
#         routines; 4 the backup cannot be loaded as it is (not gzip, incomplete, no tables, client commands, SQL the server
#         refuses, or fewer tables than it holds).
# A dump is data from wherever it was stored: it is loaded in the client's --sandbox mode (no shell or file
# commands) where the client has one, and one holding client commands (lines starting with '\') is refused.
#
# The password never reaches a command line nor a log: see backup.sh. Never add `set -x`.
set -eu
umask 077

fail() { echo "restore: $*" >&2; exit 1; }
bad() { echo "restore: $*" >&2; exit 2; }
unusable() { echo "restore: $*" >&2; exit 4; }

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
trap 'rm -rf "$work"' EXIT
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

# --- refuse early when the target is not empty ------------------------------------------------------------------
existing=$(objects) || fail "cannot query $DB_HOST:$DB_PORT as $DB_USER"
[ "$existing" = 0 ] || {
  echo "restore: refused: schema $DB_SCHEMA on $DB_HOST:$DB_PORT already holds $existing tables, views or routines;" \
    "a restore only goes into an empty schema (drop it, or restore into a new one)" >&2
  exit 3
}

# --- fetch and verify the backup before touching the database ------------------------------------------------------
case $source in
  s3://*)
    file="$work/backup.sql.gz"
    endpoint=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
    # --endpoint-url explicitly: older CLIs (v1 before 1.29, v2 before 2.13) ignore AWS_ENDPOINT_URL.
    if [ -n "$endpoint" ]; then
      aws --endpoint-url "$endpoint" s3 cp --only-show-errors "$source" "$file" || fail "cannot download $source"
    else
      aws s3 cp --only-show-errors "$source" "$file" || fail "cannot download $source"
    fi
    ;;
  *) file=$source ;;
esac
gzip -t "$file" 2>/dev/null || unusable "$source is not a valid gzip file; nothing restored"
# The same completeness check as backup.sh: CREATE TABLEs, and the dump's final statement. No dump holds a line
# starting with a backslash (strings escape their newlines): such a line is a client command (\! runs a shell).
tables=$(gzip -dc "$file" | awk '
  /^\\/ { print "command"; exit }
  /^CREATE TABLE / { t++ }
  NF { last = $0 }
  END { if (index(last, "SET SQL_NOTES=@OLD_SQL_NOTES") == 0) { print "truncated"; exit } print t + 0 }')
case $tables in
  command*) unusable "$source holds client commands (lines starting with a backslash), which no dump writes; nothing restored" ;;
  truncated) unusable "$source is not a complete dump (no final statement); nothing restored" ;;
  0 | '') unusable "$source holds no tables; nothing restored" ;;
esac

# --- load ------------------------------------------------------------------------------------------------------
# Checked again right before loading: nothing may have appeared meanwhile.
existing=$(objects) || fail "cannot query $DB_HOST:$DB_PORT as $DB_USER"
[ "$existing" = 0 ] || { echo "restore: refused: schema $DB_SCHEMA is no longer empty" >&2; exit 3; }
exists=$(query "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$DB_SCHEMA'") ||
  fail "cannot query $DB_HOST:$DB_PORT"
if [ "$exists" = 0 ]; then
  query "CREATE DATABASE \`$DB_SCHEMA\`" || fail "cannot create schema $DB_SCHEMA"
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
# No pipefail in dash: each stage's exit status travels through a file; the client's is the pipeline's.
if ! { gzip -dc "$file"; echo $? >"$work/gzip.rc"; } | { definers; echo $? >"$work/sed.rc"; } |
  db ${quiet:+"$quiet"} ${sandbox:+"$sandbox"} "$DB_SCHEMA"; then
  # The server refused a statement, or it went away: only the first is the backup's fault.
  query "SELECT 1" >/dev/null 2>&1 ||
    fail "the server stopped answering while $source was loaded; the schema now holds a partial restore: drop it before trying again"
  unusable "loading $source into $DB_SCHEMA failed; the schema now holds a partial restore: drop it before trying again"
fi
[ "$(cat "$work/gzip.rc")" = 0 ] && [ "$(cat "$work/sed.rc")" = 0 ] ||
  fail "reading $source failed; the schema now holds a partial restore: drop it before trying again"

restored=$(query "SELECT COUNT(*) FROM information_schema.TABLES
                  WHERE TABLE_SCHEMA = '$DB_SCHEMA' AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')") ||
  fail "cannot query $DB_HOST"
[ "$restored" = "$tables" ] || unusable "the dump holds $tables tables but schema $DB_SCHEMA has $restored"
bytes=$(wc -c <"$file" | tr -d ' ')
echo "restore: source=$source schema=$DB_SCHEMA tables=$restored bytes=$bytes seconds=$(($(date +%s) - started))"
