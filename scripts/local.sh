#!/usr/bin/env bash
# Set up the environment from the lock file and run the whole service locally:
# API Gateway emulator + handlers, SQS poller + worker, moto, nx-27017 (MongoDB protocol).
# Options: --port N, --data-dir DIR, --in-memory (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
UV_SYNC_ARGS="--inexact" source scripts/setup.sh
exec .venv/bin/python -m interview_prep.local "$@"
