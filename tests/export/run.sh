#!/usr/bin/env bash
# Runs an export check against two databases built in a scratch folder: the fixture beside this
# script and the bundled data (the default database, built on first use).
#   run.sh files LAWLIST PYTHON            xlsx, csv, json, markdown of every jurisdiction of both
#   run.sh html  LAWLIST PYTHON CHROMIUM   the html pages in headless Chromium
set -euo pipefail
kind=$1 bin=$2 python=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg" HOME="$tmp/home" SOURCE_DATE_EPOCH=1709280000
unset LAWLIST_DB
"$bin" load "$here/fixture" --db "$tmp/fixture.db" >/dev/null
"$bin" summary >/dev/null  # builds the default database from the bundled data
bundled="$XDG_DATA_HOME/lawlist/lawlist.db"
mkdir -p "$tmp/work"
case $kind in
  files)
    "$python" "$here/check_exports.py" "$bin" "$tmp/fixture.db" "$tmp/work"
    "$python" "$here/check_exports.py" "$bin" "$bundled" "$tmp/work" ;;
  html)
    "$python" "$here/check_html.py" "$bin" "$4" "$tmp/work" "$tmp/fixture.db" "$bundled" ;;
esac
