#!/bin/sh
# Downloads DOWNLOAD_SOURCE (s3://bucket/key) to DOWNLOAD_TARGET for a restore, under a temporary name first, so
# the restore never sees a partial file. AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL are passed as --endpoint-url when
# set (older CLIs ignore the variables). Exit 1 when the download fails or is empty, 2 on bad configuration.
# Runs in the AWS CLI image, as the restore Job's init container.
set -eu
umask 077
: "${DOWNLOAD_SOURCE:?download: set DOWNLOAD_SOURCE}" "${DOWNLOAD_TARGET:?download: set DOWNLOAD_TARGET}"
case $DOWNLOAD_SOURCE in
  s3://*/?*) ;;
  *) echo "download: not an S3 object: $DOWNLOAD_SOURCE" >&2; exit 2 ;;
esac
part="$DOWNLOAD_TARGET.part"
rm -f "$part"
endpoint=${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-}}
if [ -n "$endpoint" ]; then set -- --endpoint-url "$endpoint"; else set --; fi
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
echo "download: source=$DOWNLOAD_SOURCE bytes=$(wc -c <"$DOWNLOAD_TARGET" | tr -d ' ')"
