#!/bin/bash
# golden.sh CASE_DIR: one golden-file case of a subcommand.
#
# A case is a folder tests/cli/<command>/<case>/ holding:
#   kit       one line: the fixture kit it starts from (tests/cli/kits/NAME)
#   input/    optional: files laid over a copy of that kit (a changed page,
#             a catalog, an XLIFF file to import ...)
#   args      one line: the arguments after `kitgen -C <kit>`
#   expected/ status (the exit code), stdout, stderr, and files/<path>:
#             files of the kit after the command, compared byte for byte
#             (every file under expected/files/ must exist and be equal)
# The command runs in the kit's folder, which appears as KIT in stdout
# and stderr. Times are fixed with SOURCE_DATE_EPOCH. KITGEN_GOLDEN_UPDATE=1
# rewrites expected/ from what the command does now (then review the diff
# before committing).
source "$(dirname "$0")/lib.sh"
case_dir=$(cd "$1" && pwd)
name=${case_dir#"$KITGEN_SOURCE_DIR"/tests/cli/}
kit=$WORK/kit
copy_kit "$(tr -d '\n' <"$case_dir/kit")" "$kit"
[ -d "$case_dir/input" ] && cp -r "$case_dir/input/." "$kit/"
read -r -a args <"$case_dir/args"
status=0
(cd "$kit" && SOURCE_DATE_EPOCH=1764979200 "$KITGEN" -C "$kit" --no-color "${args[@]}" \
  >"$WORK/stdout.raw" 2>"$WORK/stderr.raw") || status=$?
sed "s|$kit|KIT|g" "$WORK/stdout.raw" >"$WORK/stdout"
sed "s|$kit|KIT|g" "$WORK/stderr.raw" >"$WORK/stderr"
echo "$status" >"$WORK/status"
expected=$case_dir/expected
if [ "${KITGEN_GOLDEN_UPDATE:-0}" = 1 ]; then
  mkdir -p "$expected"
  cp "$WORK/status" "$WORK/stdout" "$WORK/stderr" "$expected/"
  if [ -d "$expected/files" ]; then
    (cd "$expected/files" && find . -type f) | while read -r f; do cp "$kit/$f" "$expected/files/$f"; done
  fi
  echo "golden: $name: expected/ rewritten"
  exit 0
fi
for f in status stdout stderr; do
  check "$name: $f is as expected" diff -u "$expected/$f" "$WORK/$f"
done
if [ -d "$expected/files" ]; then
  while read -r f; do
    check "$name: ${f#./} is as expected" cmp "$expected/files/$f" "$kit/$f"
  done < <(cd "$expected/files" && find . -type f | sort)
fi
[ "$failures" = 0 ] && echo "golden: $name: $checks checks passed"
exit $(( failures > 0 ))
