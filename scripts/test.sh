#!/usr/bin/env bash
# Set up the environment from the lock file and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_SYNC_ARGS="--group infra" source scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
