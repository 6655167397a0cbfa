#!/bin/sh
# PanStack: copies a finished backup (backup.sh's output) to s3://$BUCKET/$PREFIX/<file name>, with the aws CLI
# (v1 or v2). Retention in S3 is the operator's job (it prunes past retentionDays, keeping the newest), not this one's.
#
# Usage: upload.sh [FILE]   FILE defaults to the backup in BACKUP_DIR: the newest of DB_SCHEMA when that is set,
#                           else the only one there.
# Environment:
#   BUCKET, PREFIX (optional, e.g. "backups"), BACKUP_DIR (without FILE), DB_SCHEMA (optional)
#   KMS_KEY_ID (optional): encrypt with this KMS key (SSE-KMS) instead of the bucket's default encryption
#   LOCK_MODE (optional, GOVERNANCE or COMPLIANCE) and LOCK_DAYS: S3 Object Lock retention of the uploaded objects
#                    (the bucket must have Object Lock enabled)
#   COPY_BUCKET, COPY_PREFIX, COPY_REGION, COPY_KMS_KEY_ID (optional): a second copy of each backup, e.g. in
#                    another region (a KMS key is regional: the copy's is its own); the lock applies there too
#   AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (optional), credentials and region as the CLI takes them
#   RESULT_FILE (optional): the summary line is also written there (e.g. /dev/termination-log)
# Output: one summary line on stdout ("upload: s3://... bytes=N [copy=s3://...] seconds=S"); errors on stderr.
#         Writes nothing but the backup's S3 objects and its manifest's.
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

# --endpoint-url explicitly: older CLIs (v1 before 1.29, v2 before 2.13) ignore AWS_ENDPOINT_URL.
endpoint=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
s3() {
  if [ -n "$endpoint" ]; then aws --endpoint-url "$endpoint" "$@"; else aws "$@"; fi
}

case ${LOCK_MODE:-} in
  '' | GOVERNANCE | COMPLIANCE) ;;
  *) bad "LOCK_MODE must be GOVERNANCE or COMPLIANCE, not '$LOCK_MODE'" ;;
esac
if [ -n "${LOCK_MODE:-}" ]; then
  case ${LOCK_DAYS:-} in '' | *[!0-9]*) bad "LOCK_MODE needs LOCK_DAYS, a whole number of days" ;; esac
  [ "$LOCK_DAYS" -ge 1 ] || bad "LOCK_DAYS must be at least 1"
  retain_until=$(date -u -d "@$(($(date +%s) + LOCK_DAYS * 86400))" +%Y-%m-%dT%H:%M:%SZ) ||
    bad "this date cannot compute the retention date"
fi

# put BUCKET PREFIX REGION KMS_KEY_ID: the backup, then its manifest (a manifest in S3 means its backup is there),
# each encrypted with the KMS key when one is given and locked until retain_until when LOCK_MODE is set. Prints the
# backup's s3:// location.
put() {
  target=$1
  # One slash between the parts, whatever the prefix looks like.
  prefix=$2
  while [ "${prefix#/}" != "$prefix" ]; do prefix=${prefix#/}; done
  while [ "${prefix%/}" != "$prefix" ]; do prefix=${prefix%/}; done
  key=${prefix:+$prefix/}${file##*/}
  kms=${4:-}
  set -- ${3:+--region "$3"} # from here on, "$@" is what every call to this bucket adds
  for object in "$file" "$file.manifest"; do
    [ "$object" = "$file" ] || [ -f "$object" ] || continue
    object_key=$key${object#"$file"}
    s3 "$@" s3 cp --only-show-errors ${kms:+--sse aws:kms --sse-kms-key-id "$kms"} "$object" "s3://$target/$object_key" ||
      fail "aws s3 cp of $object to s3://$target/$object_key failed"
    # The object must be all there: its size as S3 reports it, not the CLI's word alone.
    stored=$(s3 "$@" s3api head-object --bucket "$target" --key "$object_key" --query ContentLength --output text) ||
      fail "s3://$target/$object_key cannot be read back"
    size=$(wc -c <"$object" | tr -d ' ')
    [ "$stored" = "$size" ] || fail "s3://$target/$object_key holds $stored bytes, the file $size"
    if [ -n "${LOCK_MODE:-}" ]; then
      version=$(s3 "$@" s3api head-object --bucket "$target" --key "$object_key" --query VersionId --output text) ||
        fail "s3://$target/$object_key cannot be read back"
      s3 "$@" s3api put-object-retention --bucket "$target" --key "$object_key" --version-id "$version" \
        --retention "Mode=$LOCK_MODE,RetainUntilDate=$retain_until" >/dev/null ||
        fail "s3://$target/$object_key cannot be locked (is Object Lock enabled on bucket $target?)"
    fi
  done
  location="s3://$target/$key"
}

started=$(date +%s)
bytes=$(wc -c <"$file" | tr -d ' ')
put "$BUCKET" "${PREFIX:-}" "" "${KMS_KEY_ID:-}"
summary="upload: $location bytes=$bytes"
if [ -n "${COPY_BUCKET:-}" ]; then
  # The second copy, e.g. in another region: uploaded from the same file, checked the same way.
  put "$COPY_BUCKET" "${COPY_PREFIX:-}" "${COPY_REGION:-}" "${COPY_KMS_KEY_ID:-}"
  summary="$summary copy=$location"
fi
summary="$summary seconds=$(($(date +%s) - started))"
echo "$summary"
if [ -n "${RESULT_FILE:-}" ]; then printf '%s\n' "$summary" >"$RESULT_FILE" || true; fi
