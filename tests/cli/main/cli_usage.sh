# cli_usage: help, version and usage errors follow the exit-code contract
# (0 ok, 1 content errors, 2 usage).
source "$(dirname "$0")/../lib.sh"
expect_status 0 "--help" "$KITGEN" --help
check "--help lists build" grep -q "build" "$WORK/stdout"
expect_status 0 "--version" "$KITGEN" --version
check "--version prints a version" grep -Eq '^kitgen [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/stdout"
for cmd in build extract update status check; do
  expect_status 0 "$cmd --help" "$KITGEN" "$cmd" --help
  check "$cmd --help shows usage" grep -q "usage: kitgen" "$WORK/stdout"
done
expect_status 2 "no command" "$KITGEN"
expect_status 2 "unknown command" "$KITGEN" frobnicate
expect_stderr "'frobnicate' is not a kitgen command" "unknown command named"
expect_status 2 "unknown option" "$KITGEN" build --frobnicate
expect_status 2 "bad --format" "$KITGEN" status --format xml
finish
