#!/usr/bin/env bash
# Set up the environment from the lock files and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_SYNC_ARGS="--group infra" source scripts/setup.sh
# the AWS CDK CLI (package-lock.json), for the `cdk synth` test
npm ci --no-audit --no-fund --silent
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
