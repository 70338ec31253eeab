# table_lines_up: `kitgen status` pads each language's name by the columns
# a terminal gives it (glibc's wcswidth, read here through ctypes), so the
# figures start in the same column on every row: CJK names (two columns a
# character), Khmer and Hindi (marks that take none) and Marshallese with a
# combining cedilla.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit bundled "$kit"
expect_status 0 "status" "$KITGEN" -C "$kit" status
python3 - "$WORK/stdout" <<'PY' || fail "every row's figures start in the same terminal column"
import ctypes, locale, sys
locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
libc = ctypes.CDLL("libc.so.6")
libc.wcswidth.restype = ctypes.c_int
def columns(s):
    return libc.wcswidth(ctypes.c_wchar_p(s), len(s))
rows = open(sys.argv[1], encoding="utf-8").read().splitlines()
names = {r.split()[0]: r for r in rows[1:]}
for tag in ["km", "mh", "zh-Hant", "hi", "th", "vi"]:
    assert tag in names, f"no row for {tag}"
header = columns(rows[0][:rows[0].index("done")]) + len("done")  # "done" is right-aligned
bad = [r for r in rows[1:] if columns(r[:r.index("%") + 1]) != header]
for r in bad:
    print("misaligned:", r)
sys.exit(1 if bad else 0)
PY
finish
