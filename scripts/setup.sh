#!/usr/bin/env bash
# Sourced by the other scripts: installs uv (pinned) and syncs .venv from uv.lock.
# Needs only Python 3.11+ and the package registries.
set -euo pipefail
UV_VERSION="0.13.9"
PYTHON="${PYTHON:-python3}"
if [ ! -x .tools/bin/uv ] || [ "$(.tools/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  "$PYTHON" -m venv .tools
  .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
export UV_PYTHON_DOWNLOADS=never
.tools/bin/uv sync --frozen --quiet --python "$PYTHON" ${UV_SYNC_ARGS:-}
