"""Where the YAML shipped beside the package lives: prompts and the knowledge base.

In a source checkout that is the repository's ``prompts/``; in Lambda the layer carries
it as ``/opt/prompts`` (``scripts/build_layer.py`` puts it there). ``PROMPTS_DIR`` wins.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE = Path(__file__).resolve().parent
#: Repository checkout (``layers/shared/python/interview_prep``) first, then the layer's
#: root (``/opt/python/interview_prep`` -> ``/opt``); short paths have fewer parents.
_CANDIDATES = [parent / "prompts" for parent in (_PACKAGE.parents[:4][-1], _PACKAGE.parent.parent)]


@cache
def prompts_dir() -> Path:
    configured = os.environ.get("PROMPTS_DIR")
    if configured:
        return Path(configured)
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("no prompts directory found; set PROMPTS_DIR")


#: libyaml's safe loader (about 8x faster on the knowledge base) when the wheel has it.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(relative: str) -> Any:
    """Parse one YAML file under the prompts directory (safe loader: data only)."""
    with (prompts_dir() / relative).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
