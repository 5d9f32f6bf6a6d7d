#!/bin/sh
# `make install`: .venv with the hash-checked lock for its Python, quietly.
# Usage: scripts/install.sh PYTHON VENV UV_VERSION
# uv (pinned, from PyPI) installs the lock when it can be had; pip is the fallback. Every line
# pip or uv prints goes to build/install.log, which is named (and its end shown) on failure.
set -u
PYTHON=${1:-python3}
VENV=${2:-.venv}
UV_VERSION=${3:-}
LOG=build/install.log
BIN=$VENV/bin
mkdir -p build
: >"$LOG"
start=$(date +%s)

fail() {
  echo "install FAILED after $(($(date +%s) - start)) s: $1" >&2
  echo "  the full pip/uv output is in $LOG; its last lines:" >&2
  tail -n 15 "$LOG" | sed 's/^/    /' >&2
  exit 1
}

if [ ! -x "$BIN/python" ]; then
  "$PYTHON" -m venv "$VENV" >>"$LOG" 2>&1 || fail "could not create $VENV with $PYTHON"
fi
v=$("$BIN/python" -c 'import sys; print("%d%d" % sys.version_info[:2])') || fail "$BIN/python does not run"
lock=requirements/lock-py$v.txt
if [ ! -f "$lock" ]; then
  echo "error: no $lock; this project is locked for Python 3.11, 3.12 and 3.13" >&2
  exit 1
fi
n=$(grep -c '^[A-Za-z0-9_.-]*==' "$lock")
pyver=$("$BIN/python" -c 'import platform; print(platform.python_version())')

# uv: the one on PATH if it is the pinned version, else the pinned wheel from PyPI
uv=""
if [ -n "$UV_VERSION" ]; then
  if command -v uv >/dev/null 2>&1 && [ "$(uv --version 2>/dev/null | cut -d' ' -f2)" = "$UV_VERSION" ]; then
    uv=$(command -v uv)
  elif [ -x "$BIN/uv" ] && [ "$("$BIN/uv" --version 2>/dev/null | cut -d' ' -f2)" = "$UV_VERSION" ]; then
    uv=$BIN/uv
  fi
fi
if [ -n "$uv" ] || [ -n "$UV_VERSION" ]; then
  how="uv $UV_VERSION"
  took="15-30 s on a fresh clone (pip fallback: 1-2 min)"
else
  how="pip"
  took="1-2 min on a fresh clone"
fi
echo "install: $n pinned packages for Python $pyver from $lock (hashes checked) into $VENV with $how; $took; log: $LOG"

if [ -z "$uv" ] && [ -n "$UV_VERSION" ]; then
  if "$BIN/python" -m pip install --disable-pip-version-check "uv==$UV_VERSION" >>"$LOG" 2>&1; then
    uv=$BIN/uv
  else
    echo "  uv $UV_VERSION could not be installed; falling back to pip (see $LOG)"
  fi
fi

installed=""
if [ -n "$uv" ]; then
  if "$uv" pip install --python "$BIN/python" --require-hashes -r "$lock" >>"$LOG" 2>&1 &&
    "$uv" pip install --python "$BIN/python" --no-deps -e . >>"$LOG" 2>&1; then
    installed=uv
  else
    echo "  uv could not install the lock; falling back to pip (see $LOG)"
  fi
fi
if [ -z "$installed" ]; then
  "$BIN/python" -m pip install --disable-pip-version-check --require-hashes -r "$lock" >>"$LOG" 2>&1 ||
    fail "pip could not install $lock"
  "$BIN/python" -m pip install --disable-pip-version-check --no-deps -e . >>"$LOG" 2>&1 ||
    fail "pip could not install the analysis package itself"
  installed=pip
fi
echo "install: done in $(($(date +%s) - start)) s with $installed; use $BIN/analysis, or 'source $BIN/activate' first"
