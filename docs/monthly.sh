#!/bin/sh
# Prints the README's monthly update with real output, CSV and workbook paths, from a
# fresh database of the sample. The "filled" files are made the way a clerk fills them.
set -eu
dir="$(mktemp -d)"; cd "$dir"
export PLEDGE_DB="$dir/month.db" COLUMNS="${COLUMNS:-100}" NO_COLOR=1
run() { printf '$ %s\n' "$*"; "$@" 2>&1 | sed 's/ *$//'; echo; }
pledge init --sample >/dev/null 2>&1
if [ "${1:-csv}" = csv ]; then
  run pledge template --as-of 2024-12-20 --headers zh --excel -o 2024-12.csv
  python3 - <<'PY'
import csv
rows = list(csv.reader(open("2024-12.csv", encoding="utf-8-sig")))
fill = {"cert-checks-2024": ("1", "市市场监管局", ""), "spot-checks-2024": ("3,612", "市市场监管局", "全年累计"),
        "platforms": ("5", "市市场监管局", "")}
for row in rows[1:]:
    if row[0] in fill:
        row[9], row[11], row[12] = fill[row[0]]
with open("2024-12.csv", "w", encoding="gb18030", newline="") as out:
    csv.writer(out, lineterminator="\r\n").writerows(rows)
PY
  printf '$ iconv -f gbk -t utf-8 2024-12.csv     # as the bureau sent it back: filled in Excel, saved as CSV (GBK)\n'
  iconv -f gbk -t utf-8 2024-12.csv | tr -d '\r'; echo
  run pledge import 2024-12.csv --dry-run --as-of 2024-12-31
  run pledge import 2024-12.csv --as-of 2024-12-31
  run pledge import 2024-12.csv --as-of 2024-12-31
else
  run pledge --lang zh template --as-of 2024-12-20 --headers zh -o 2024-12.xlsx
  python3 - <<'PY'
import openpyxl  # the clerk, in Excel or WPS: two values typed, one as text
book = openpyxl.load_workbook("2024-12.xlsx")
sheet = book["填报"]
for row in sheet.iter_rows(min_row=2):
    if row[0].value == "spot-checks-2024":
        row[9].value, row[11].value, row[12].value = "3,612", "市市场监管局", "全年累计"
    if row[0].value == "platforms":
        row[9].value, row[11].value = 5, "市市场监管局"
    if row[0].value == "cert-checks-2024":
        row[9].value = "完成"
book.save("2024-12.xlsx")
PY
  printf '$ # filled in Excel: 3,612 typed as text, 5 as a number, and 完成 where a 1 belongs\n\n'
  run pledge --lang zh import 2024-12.xlsx --dry-run --as-of 2024-12-31
  python3 -c "
import openpyxl; b = openpyxl.load_workbook('2024-12.xlsx'); s = b['填报']
[setattr(r[9], 'value', 1) for r in s.iter_rows(min_row=2) if r[0].value == 'cert-checks-2024']; b.save('2024-12.xlsx')"
  printf '$ # fixed: 1 in 填报!J3\n\n'
  run pledge --lang zh import 2024-12.xlsx --as-of 2024-12-31
  run pledge --lang zh status --format xlsx --headers zh --as-of 2024-12-31 -o 2024-12-进度.xlsx
fi
