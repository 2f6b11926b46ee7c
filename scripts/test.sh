#!/usr/bin/env bash
# Set up the environment from the lock files and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_SYNC_ARGS="--group infra" source scripts/setup.sh
# the AWS CDK CLI (package-lock.json), for the `cdk synth` test
npm ci --no-audit --no-fund --silent
# Chromium and Korean fonts for the browser tests (Debian packages; skipped without them)
if ! command -v chromium >/dev/null && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo -n"
  { $SUDO apt-get install -y -qq chromium fonts-nanum >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq chromium fonts-nanum >/dev/null 2>&1; }; } \
    || echo "note: Chromium could not be installed; the browser tests will be skipped" >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
