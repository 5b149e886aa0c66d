#!/bin/sh
# Prints the README's tours with real output: run from the repository with pledge installed
# (`.venv/bin/pledge` on the PATH or activated). Uses a database of its own in a temp folder.
set -eu
export PLEDGE_DB="$(mktemp -d)/pledge.db" COLUMNS="${COLUMNS:-100}" NO_COLOR=1
run() { printf '$ %s\n' "$*"; "$@" 2>&1 | sed 's/ *$//'; echo; }
lang="${1:-en}"
if [ "$lang" = en ]; then
  run pledge init --sample
  run pledge overdue --as-of 2025-11-30 --within 31
  run pledge record spot-checks-2024 3612 --on 2024-12-31 --source 市市场监管局 --as-of 2025-11-30
  run pledge status --as-of 2025-11-30 --owner 市场监管 --format csv
  run pledge status --by owner --as-of 2025-11-30
  run pledge show platforms --as-of 2025-11-30
else
  pledge init --sample >/dev/null 2>&1
  pledge record spot-checks-2024 2450 --on 2024-09-30 --source 市市场监管局 --as-of 2024-09-30 >/dev/null
  run pledge --lang zh overdue --as-of 2025-11-30
  run pledge --lang zh status --by owner --as-of 2025-11-30
  run pledge --lang zh show spot-checks-2024 --as-of 2024-09-30
  run pledge --lang zh report --as-of 2024-09-30
fi
