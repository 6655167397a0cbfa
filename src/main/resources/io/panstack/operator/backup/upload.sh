#!/bin/sh
# PanStack: copies a finished backup (backup.sh's output) to s3://$BUCKET/$PREFIX/<file name>, with the aws CLI
# (v1 or v2). Retention in S3 is the operator's job (it prunes past retentionDays, keeping the newest), not this one's.
#
# Usage: upload.sh [FILE]   FILE defaults to the backup in BACKUP_DIR: the newest of DB_SCHEMA when that is set,
#                           else the only one there.
# Environment:
#   BUCKET, PREFIX (optional, e.g. "backups"), BACKUP_DIR (without FILE), DB_SCHEMA (optional)
#   AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (optional), credentials and region as the CLI takes them
#   RESULT_FILE (optional): the summary line is also written there (e.g. /dev/termination-log)
# Output: one summary line on stdout; errors on stderr. Writes nothing but the backup's S3 object and its manifest's.
# Exit:   0 uploaded (and its size checked); 1 failed; 2 bad configuration.
set -eu

fail() { echo "upload: $*" >&2; exit 1; }
bad() { echo "upload: $*" >&2; exit 2; }

STAMP_GLOB='[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z'

: "${BUCKET:?upload: set BUCKET}"
command -v aws >/dev/null 2>&1 || bad "the aws CLI is not installed"

file=${1:-}
if [ -z "$file" ]; then
  : "${BACKUP_DIR:?upload: give the file, or set BACKUP_DIR}"
  count=0
  for f in "$BACKUP_DIR"/*.sql.gz; do # sorted by name: for one schema, the last match is the newest
    case ${f##*/} in
      "${DB_SCHEMA:-}"-$STAMP_GLOB.sql.gz) ;;
      *-$STAMP_GLOB.sql.gz) [ -z "${DB_SCHEMA:-}" ] || continue ;;
      *) continue ;;
    esac
    file=$f
    count=$((count + 1))
  done
  [ "$count" -gt 0 ] || fail "no backup in $BACKUP_DIR"
  [ "$count" = 1 ] || [ -n "${DB_SCHEMA:-}" ] || bad "$count backups in $BACKUP_DIR: name the file, or set DB_SCHEMA"
fi
[ -f "$file" ] && [ -s "$file" ] || fail "no backup file $file"

# One slash between the parts, whatever PREFIX looks like.
prefix=${PREFIX:-}
while [ "${prefix#/}" != "$prefix" ]; do prefix=${prefix#/}; done
while [ "${prefix%/}" != "$prefix" ]; do prefix=${prefix%/}; done
key=${prefix:+$prefix/}${file##*/}

# --endpoint-url explicitly: older CLIs (v1 before 1.29, v2 before 2.13) ignore AWS_ENDPOINT_URL.
endpoint=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
s3() {
  if [ -n "$endpoint" ]; then aws --endpoint-url "$endpoint" "$@"; else aws "$@"; fi
}

started=$(date +%s)
bytes=$(wc -c <"$file" | tr -d ' ')
s3 s3 cp --only-show-errors "$file" "s3://$BUCKET/$key" || fail "aws s3 cp of $file to s3://$BUCKET/$key failed"
# The object must be all there: its size as S3 reports it, not the CLI's word alone.
stored=$(s3 s3api head-object --bucket "$BUCKET" --key "$key" --query ContentLength --output text) ||
  fail "s3://$BUCKET/$key cannot be read back"
[ "$stored" = "$bytes" ] || fail "s3://$BUCKET/$key holds $stored bytes, the file $bytes"
# Its manifest (what verification checks a restore against) after it: a manifest in S3 means its backup is there.
if [ -f "$file.manifest" ]; then
  s3 s3 cp --only-show-errors "$file.manifest" "s3://$BUCKET/$key.manifest" ||
    fail "aws s3 cp of $file.manifest to s3://$BUCKET/$key.manifest failed"
fi
summary="upload: s3://$BUCKET/$key bytes=$bytes seconds=$(($(date +%s) - started))"
echo "$summary"
if [ -n "${RESULT_FILE:-}" ]; then printf '%s\n' "$summary" >"$RESULT_FILE" || true; fi
