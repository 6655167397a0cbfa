#!/bin/sh
# PanStack: logical backup of a Pi repository schema, taken as the vendor takes it
# (mysqldump --single-transaction --routines --triggers --skip-comments of the one schema), gzip-compressed.
#
# Environment:
#   DB_HOST, DB_PORT (default 3306), DB_SCHEMA, DB_USER
#   DB_PASSWORD_FILE (a file holding the password; preferred) or DB_PASSWORD
#   BACKUP_DIR       where the backup goes: $BACKUP_DIR/<schema>-<yyyymmdd>T<hhmmss>Z.sql.gz (UTC)
#   RETENTION_DAYS   optional: afterwards delete this schema's backups in BACKUP_DIR older than that many days
#                    (only names of exactly that form; never the KEEP_NEWEST newest)
#   KEEP_NEWEST      optional (default 1): how many of the newest backups pruning keeps whatever their age
#   RESULT_FILE      optional: the summary line is also written there (e.g. /dev/termination-log)
# Beside each backup, <file>.manifest: what verify.sh checks a restore of it against (see "manifest" below).
# Output: one summary line on stdout; errors on stderr.
# Exit:   0 done; 1 failed (and nothing left behind that looks like a backup); 2 bad configuration.
#
# The password never reaches a command line (ps shows those to every user) nor a log: it is written into a
# client option file (mode 0600 in a private temp dir, removed on exit) that the client reads through
# --defaults-extra-file, and it is dropped from the environment the client inherits. Never add `set -x`.
set -eu
umask 077

fail() { echo "backup: $*" >&2; exit 1; }
bad() { echo "backup: $*" >&2; exit 2; }

STAMP_GLOB='[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z'
NL='
'
CR=$(printf '\r')

# --- configuration -------------------------------------------------------------------------------------------
: "${DB_HOST:?backup: set DB_HOST}" "${DB_SCHEMA:?backup: set DB_SCHEMA}" "${DB_USER:?backup: set DB_USER}"
: "${BACKUP_DIR:?backup: set BACKUP_DIR}"
DB_PORT=${DB_PORT:-3306}
case $DB_PORT in '' | *[!0-9]*) bad "DB_PORT must be a number, not '$DB_PORT'" ;; esac
# The schema name goes into a file name and SQL; Pi's names are plain. A leading '-' would read as an option.
case $DB_SCHEMA in -* | *[!A-Za-z0-9_-]*) bad "DB_SCHEMA may hold only letters, digits, '_' and '-' (not first)" ;; esac
[ ${#DB_SCHEMA} -le 64 ] || bad "DB_SCHEMA is longer than 64 characters"
if [ -n "${RETENTION_DAYS:-}" ]; then
  case $RETENTION_DAYS in *[!0-9]*) bad "RETENTION_DAYS must be a whole number of days" ;; esac
  [ "$RETENTION_DAYS" -ge 1 ] || bad "RETENTION_DAYS must be at least 1"
fi
KEEP_NEWEST=${KEEP_NEWEST:-1}
case $KEEP_NEWEST in '' | *[!0-9]*) bad "KEEP_NEWEST must be a whole number" ;; esac
[ "$KEEP_NEWEST" -ge 1 ] || bad "KEEP_NEWEST must be at least 1"
mkdir -p "$BACKUP_DIR" || bad "cannot create BACKUP_DIR $BACKUP_DIR"
[ -d "$BACKUP_DIR" ] && [ -w "$BACKUP_DIR" ] || bad "BACKUP_DIR $BACKUP_DIR is not a writable directory"

if command -v mariadb-dump >/dev/null 2>&1; then DUMP=mariadb-dump
elif command -v mysqldump >/dev/null 2>&1; then DUMP=mysqldump
else bad "neither mariadb-dump nor mysqldump is installed"; fi
if command -v mariadb >/dev/null 2>&1; then CLIENT=mariadb
elif command -v mysql >/dev/null 2>&1; then CLIENT=mysql
else bad "neither mariadb nor mysql (the client) is installed"; fi

# --- private temp dir; whatever happens, it and any half-written dump go ----------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/panstack-backup.XXXXXX") || bad "cannot create a private temp dir"
partial=
manifest=
cleanup() {
  rm -rf "$work"
  if [ -n "$partial" ]; then rm -f "$partial"; fi
  if [ -n "$manifest" ]; then rm -f "$manifest"; fi
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the password, into the option file only -------------------------------------------------------------------
if [ -n "${DB_PASSWORD_FILE:-}" ]; then
  [ -r "$DB_PASSWORD_FILE" ] || bad "DB_PASSWORD_FILE $DB_PASSWORD_FILE is not readable"
  pw=$(cat "$DB_PASSWORD_FILE") # $(...) drops trailing newlines, as secret files are often written with one
elif [ "${DB_PASSWORD+set}" = set ]; then
  pw=$DB_PASSWORD
else
  bad "set DB_PASSWORD_FILE or DB_PASSWORD"
fi
unset DB_PASSWORD
case $pw in *"$NL"* | *"$CR"*) bad "the password holds a line break, which a client option file cannot carry" ;; esac
# Option-file syntax: inside double quotes only backslash and double quote need escaping. printf is a shell
# builtin and sed reads the password from its stdin: no process ever has it among its arguments.
esc=$(printf '%s\n' "$pw" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
printf '[client]\npassword="%s"\n' "$esc" >"$work/client.cnf"
pw=
esc=

# --- dump ------------------------------------------------------------------------------------------------------
name="$DB_SCHEMA-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
final="$BACKUP_DIR/$name"
[ ! -e "$final" ] || fail "$final already exists"
# A hidden name that never matches the backup pattern: a half-written dump never looks like a backup.
partial="$BACKUP_DIR/.$name.partial"
started=$(date +%s)

# dash has no pipefail: the dump's own exit status travels through a file, gzip's is the pipeline's.
if ! { "$DUMP" --defaults-extra-file="$work/client.cnf" --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" \
        --single-transaction --routines --triggers --skip-comments "$DB_SCHEMA"
      echo $? >"$work/dump.rc"; } | gzip -c >"$partial"; then
  fail "gzip failed writing $partial; no backup written"
fi
rc=$(cat "$work/dump.rc" 2>/dev/null) || rc=
[ "$rc" = 0 ] || fail "$DUMP failed (exit ${rc:-unknown}); no backup written"

# --- verify: valid gzip, and a complete dump of a schema with tables ---------------------------------------------
gzip -t "$partial" 2>/dev/null || fail "the compressed dump is corrupt; no backup written"
# --skip-comments drops the "-- Dump completed" line. The last statement of a complete dump restores SQL_NOTES
# (mysqldump and mariadb-dump alike); a dump without CREATE TABLE is no repository backup (empty or wrong schema).
# The same pass counts each table's rows in the dump itself, so the counts are those of the dump's own consistent
# snapshot (--single-transaction), whatever Pi wrote meanwhile. A row is a parenthesised tuple of an INSERT (all on
# its line, or one a line as newer clients write them; a string never spans lines, its newlines are escaped): with
# the escapes (\x) and then the quoted strings taken out, only the tuples' own parentheses are left.
gzip -dc "$partial" | awk -v out="$work/rows" -v q="'" '
  NF { last = $0 }
  /^CREATE TABLE `/ {
    name = $0; sub(/^CREATE TABLE `/, "", name); sub(/` \(.*$/, "", name); gsub(/``/, "`", name)
    rows[name] += 0; order[++n] = name; next
  }
  !inserting && /^INSERT INTO `/ { # a column list comes first when the table has invisible columns
    name = $0; sub(/^INSERT INTO `/, "", name); sub(/` .*$/, "", name); gsub(/``/, "`", name)
    inserting = 1; sub(/^INSERT INTO `([^`]|``)*`( \([^)]*\))? VALUES/, "")
  }
  inserting {
    values = $0; gsub(/\\./, "", values); gsub(q "[^" q "]*" q, "", values)
    rows[name] += gsub(/\(/, "", values); inserting = values !~ /;[ \t\r]*$/
  }
  END {
    if (index(last, "SET SQL_NOTES=@OLD_SQL_NOTES") == 0) { print "truncated" > out; exit }
    for (i = 1; i <= n; i++) print "table " rows[order[i]] " " order[i] > out
  }' ||
  fail "cannot read the dump back; no backup written"
tables=$(grep -c '^table ' "$work/rows" || true)
case $(head -n 1 "$work/rows") in
  truncated) fail "the dump is incomplete (no final statement); no backup written" ;;
esac
[ "$tables" -gt 0 ] || fail "schema $DB_SCHEMA has no tables; no backup written"

# --- manifest: what a restore of this backup must give back ------------------------------------------------------
# "format", "file", "schema", "sha256" and "bytes" of the compressed file, a "table <rows> <name>" line per table,
# then the routines, triggers and views the schema had when it was dumped (read from information_schema: a dump
# missing one is exactly what verification must catch).
objects=$("$CLIENT" --defaults-extra-file="$work/client.cnf" --host="$DB_HOST" --port="$DB_PORT" \
  --user="$DB_USER" --batch --skip-column-names -e "
  SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '$DB_SCHEMA'
  UNION ALL SELECT 'trigger', TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '$DB_SCHEMA'
  UNION ALL SELECT 'view', TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '$DB_SCHEMA'
  ORDER BY 1, 2") || fail "cannot list the routines, triggers and views of $DB_SCHEMA; no backup written"
manifest="$BACKUP_DIR/.$name.manifest.partial"
{
  echo "format panstack-backup-manifest/1"
  echo "file $name"
  echo "schema $DB_SCHEMA"
  echo "sha256 $(sha256sum "$partial" | cut -d ' ' -f 1)"
  echo "bytes $(wc -c <"$partial" | tr -d ' ')"
  cat "$work/rows"
  [ -z "$objects" ] || printf '%s\n' "$objects" | tr '\t' ' '
} >"$manifest" || fail "cannot write the manifest; no backup written"

# Readable for the pod's group (fsGroup): the upload container may run as another user of that group.
chmod 640 "$partial" "$manifest"
# The manifest first: a backup name in the directory always has its manifest beside it.
mv "$manifest" "$final.manifest"
manifest=
mv "$partial" "$final" # same directory: an atomic rename
partial=
bytes=$(wc -c <"$final" | tr -d ' ')
seconds=$(($(date +%s) - started))

# --- optional pruning: only this schema's backups, only exact names, never the KEEP_NEWEST newest nor the one just
# written. It runs only after a good backup: backups that stop are never pruned away.
pruned=
if [ -n "${RETENTION_DAYS:-}" ]; then
  pruned=0
  total=0
  for f in "$BACKUP_DIR/$DB_SCHEMA"-*.sql.gz; do
    case ${f##*/} in "$DB_SCHEMA"-$STAMP_GLOB.sql.gz) total=$((total + 1)) ;; esac
  done
  older=$((total - KEEP_NEWEST)) # sorted by name, so by time: the first $older are not among the newest
  index=0
  for f in "$BACKUP_DIR/$DB_SCHEMA"-*.sql.gz "$BACKUP_DIR/.$DB_SCHEMA"-*.sql.gz.partial \
    "$BACKUP_DIR/.$DB_SCHEMA"-*.sql.gz.manifest.partial; do
    case ${f##*/} in
      "$DB_SCHEMA"-$STAMP_GLOB.sql.gz)
        index=$((index + 1))
        [ "$index" -le "$older" ] || continue
        age=$((RETENTION_DAYS - 1)) ;;
      ."$DB_SCHEMA"-$STAMP_GLOB.sql.gz.partial | ."$DB_SCHEMA"-$STAMP_GLOB.sql.gz.manifest.partial)
        age=0 ;; # left by a killed run: gone after a day
      *) continue ;;
    esac
    [ "$f" != "$final" ] || continue
    # find -mtime +N: modified at least N+1 whole days ago
    if [ -f "$f" ] && [ -n "$(find "$f" -prune -type f -mtime +"$age")" ]; then
      case $f in *.sql.gz) rm -f "$f.manifest" ;; esac # a pruned backup's manifest goes with it
      rm -f "$f" && pruned=$((pruned + 1))
    fi
  done
fi

summary="backup: file=$final bytes=$bytes seconds=$seconds tables=$tables${pruned:+ pruned=$pruned}"
echo "$summary"
if [ -n "${RESULT_FILE:-}" ]; then printf '%s\n' "$summary" >"$RESULT_FILE" || true; fi
