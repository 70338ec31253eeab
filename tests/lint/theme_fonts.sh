#!/bin/bash
# theme_fonts.sh: the slide decks' stylesheet (templates/assets/slides.css)
# sets each language's fonts and script rules exactly as the pages'
# (templates/assets/style.css) does. Each page loads one stylesheet (the
# page budget, docs/templates.md), so the rules are written in both; this
# check keeps the two in step: every `:lang(...)` rule, with its
# declarations, must read the same in both files.
set -u
root=${KITGEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
rules() { # the :lang rules of a stylesheet, one per line, declarations joined
  awk '/^:lang\(/ { rule = $0; while (rule !~ /}/ && (getline line) > 0) rule = rule " " line; print rule }' "$1" | sort
}
pages=$(rules "$root/templates/assets/style.css")
deck=$(rules "$root/templates/assets/slides.css")
[ "$(grep -c . <<<"$pages")" -ge 8 ] || { echo "theme_fonts: style.css has fewer than 8 :lang rules" >&2; exit 1; }
if [ "$pages" != "$deck" ]; then
  echo "theme_fonts: the :lang rules of slides.css and style.css differ:" >&2
  diff <(echo "$pages") <(echo "$deck") >&2
  exit 1
fi
