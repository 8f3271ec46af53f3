#!/usr/bin/env bash
# Install everything the test suite needs (virtualenv, package, Chromium) and run every test.
# Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v haproxy >/dev/null 2>&1 || ! command -v rsync >/dev/null 2>&1; then
    echo "Installing Debian's chromium (browser tests), haproxy and rsync (replica test)..."
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium haproxy rsync >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,bench]'

# Lint and type-check first: a new violation fails CI like a failing test (settings in pyproject.toml).
.venv/bin/ruff check searchapp tests bench tools
.venv/bin/mypy searchapp

exec .venv/bin/python -m pytest -q "$@"
