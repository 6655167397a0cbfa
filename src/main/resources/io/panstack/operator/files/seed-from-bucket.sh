# Seeds the shared files volume from the stack's bucket, once (run by /bin/sh in the seed-files Job).
# Environment: BUCKET, PREFIXES (folder names, space-separated), VOLUME (the volume's root), STAGE (scratch space).
# Unlike the vendor's side loader it never replaces or deletes a file, and a marker keeps it from running twice.
set -eu
# Pi's user is undocumented: what arrives must be readable and writable by any uid, as the vendor's loader
# ensures with chmod 0777.
umask 0000
marker="$VOLUME/.panstack-seeded-from-bucket"

if [ -e "$marker" ]; then
  echo "the volume was seeded before ($(cat "$marker")): nothing to do"
  exit 0
fi

# Everything is downloaded before anything is copied: a failed download leaves the volume as it was.
for prefix in $PREFIXES; do
  mkdir -p "$STAGE/$prefix"
  aws s3 sync "s3://$BUCKET/$prefix/" "$STAGE/$prefix" --only-show-errors
done

# copy_new FROM TO: copies what FROM holds and TO lacks. Whatever TO has wins, whatever it is (a file where the
# bucket has a folder, a symbolic link); nothing in TO is ever replaced. set -e does not act inside a function
# called in a condition, hence the explicit "|| return 1".
copy_new() {
  for item in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    [ -e "$item" ] || continue # a pattern that matched nothing
    target="$2/${item##*/}"
    if [ -L "$target" ]; then
      printf 'kept %s (a symbolic link)\n' "$target"
    elif [ -d "$item" ]; then
      if [ ! -e "$target" ]; then
        mkdir "$target" || return 1
      fi
      if [ -d "$target" ]; then
        (copy_new "$item" "$target") || return 1
      else
        printf 'kept %s (a file where the bucket has a folder)\n' "$target"
      fi
    elif [ ! -e "$target" ]; then
      # Copied under another name, then renamed: a copy cut short (volume full, pod killed) never passes for a
      # whole file, and the next attempt redoes it.
      cp "$item" "$target.panstack-partial" || return 1
      mv -f "$target.panstack-partial" "$target" || return 1
    fi
  done
}

for prefix in $PREFIXES; do
  mkdir -p "$VOLUME/$prefix"
  copy_new "$STAGE/$prefix" "$VOLUME/$prefix" || exit 1
  echo "seeded $prefix from s3://$BUCKET/$prefix/"
done

echo "s3://$BUCKET/ $PREFIXES, $(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$marker"
