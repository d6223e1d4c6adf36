#!/bin/sh
# Collect every translatable string in app/ and ui/ into the one catalog.
# New strings arrive as type="unfinished": translate them, then `make`
# compiles the .qm. Strings no longer in the code are dropped.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
"$BIN/pyside6-lupdate" -extensions py -no-obsolete -locations none \
    app ui -ts resources/i18n/xiaoan_zh_CN.ts
