#!/bin/sh
# Downloads DOWNLOAD_SOURCE (s3://bucket/key) to DOWNLOAD_TARGET for a restore, under a temporary name first, so
# the restore never sees a partial file. AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL are passed as --endpoint-url when
# set (older CLIs ignore the variables). Exit 1 when the download fails or is empty, 2 on bad configuration.
# DOWNLOAD_SOURCE may also be a folder (s3://bucket/backups/): then the newest backup of DB_SCHEMA there and its
# manifest are downloaded into the directory DOWNLOAD_TARGET, for verification.
# Runs in the AWS CLI image, as the restore and verification Jobs' init container.
set -eu
umask 077
: "${DOWNLOAD_SOURCE:?download: set DOWNLOAD_SOURCE}" "${DOWNLOAD_TARGET:?download: set DOWNLOAD_TARGET}"
endpoint=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
if [ -n "$endpoint" ]; then set -- --endpoint-url "$endpoint"; else set --; fi
case $DOWNLOAD_SOURCE in
  s3://*/*/) # a folder: its newest backup of DB_SCHEMA (names sort by time), and that backup's manifest
    : "${DB_SCHEMA:?download: set DB_SCHEMA to find the newest backup in a folder}"
    listing=$(aws "$@" s3 ls "$DOWNLOAD_SOURCE") || { echo "download: cannot list $DOWNLOAD_SOURCE" >&2; exit 1; }
    names=$(printf '%s\n' "$listing" | sed 's/.* //') # backup names hold no spaces
    # A name dated more than a day ahead is no real backup's (pruning ignores those too): never the newest.
    ahead="$DB_SCHEMA-$(date -u -d "@$(($(date +%s) + 86400))" +%Y%m%dT%H%M%SZ).sql.gz"
    newest=$(printf '%s\n' "$names" | grep -E "^$DB_SCHEMA-[0-9]{8}T[0-9]{6}Z\.sql\.gz\$" | LC_ALL=C sort |
      while read -r name; do [ "$name" \> "$ahead" ] || echo "$name"; done | tail -n 1) || true
    [ -n "$newest" ] || { echo "download: no backup of $DB_SCHEMA in $DOWNLOAD_SOURCE" >&2; exit 1; }
    mkdir -p "$DOWNLOAD_TARGET" || { echo "download: cannot create $DOWNLOAD_TARGET" >&2; exit 1; }
    if printf '%s\n' "$names" | grep -qxF "$newest.manifest"; then
      aws "$@" s3 cp --only-show-errors "$DOWNLOAD_SOURCE$newest.manifest" "$DOWNLOAD_TARGET/$newest.manifest" ||
        { echo "download: cannot download $DOWNLOAD_SOURCE$newest.manifest" >&2; exit 1; }
    fi
    DOWNLOAD_SOURCE=$DOWNLOAD_SOURCE$newest
    DOWNLOAD_TARGET=$DOWNLOAD_TARGET/$newest
    ;;
  s3://*/?*) ;;
  *) echo "download: not an S3 object: $DOWNLOAD_SOURCE" >&2; exit 2 ;;
esac
part="$DOWNLOAD_TARGET.part"
rm -f "$part"
if ! aws "$@" s3 cp --only-show-errors "$DOWNLOAD_SOURCE" "$part"; then
  rm -f "$part"
  echo "download: cannot download $DOWNLOAD_SOURCE" >&2
  exit 1
fi
if [ ! -s "$part" ]; then
  rm -f "$part"
  echo "download: $DOWNLOAD_SOURCE is empty" >&2
  exit 1
fi
mv -f "$part" "$DOWNLOAD_TARGET"
# Its manifest, when it has one (restore.sh checks the backup against it); a backup without one is no error.
case $DOWNLOAD_SOURCE in
  *.sql.gz) aws "$@" s3 cp --only-show-errors "$DOWNLOAD_SOURCE.manifest" "$DOWNLOAD_TARGET.manifest" >/dev/null 2>&1 ||
    rm -f "$DOWNLOAD_TARGET.manifest" ;;
esac
echo "download: source=$DOWNLOAD_SOURCE bytes=$(wc -c <"$DOWNLOAD_TARGET" | tr -d ' ')"
