"""Manage API keys: issue, list, revoke, set quotas, import the old ``API_KEYS`` table.

    python -m interview_prep.keys issue --owner alice [--questions-per-hour N] ...
    python -m interview_prep.keys list --owner alice [--json]
    python -m interview_prep.keys revoke KEY_OR_KEY_ID
    python -m interview_prep.keys set-quota --owner alice --paths-per-day 50
    python -m interview_prep.keys import          # API_KEYS / API_KEYS_SECRET_NAME, hashed

The table is ``KEYS_TABLE``, or the deployed stage's with ``--stage``. Against the local
stack, set ``AWS_ENDPOINT_URL`` to the AWS endpoint it prints. A new key is printed once,
as the last line of the output; nothing else ever prints a key.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from interview_prep import secrets
from interview_prep.config import get_settings, parse_api_keys
from interview_prep.errors import AppError
from interview_prep.repositories.usage_plans import UsagePlanKeys
from interview_prep.resources import KEYS_TABLE, stage_prefix, table_name
from interview_prep.services.api_keys import ApiKeys
from interview_prep.services.quotas import QuotaLimit

#: Command-line flag -> quota.
QUOTA_FLAGS = {
    "questions_per_hour": QuotaLimit.QUESTIONS_PER_HOUR,
    "paths_per_day": QuotaLimit.LEARNING_PATHS_PER_DAY,
    "gradings_per_hour": QuotaLimit.GRADINGS_PER_HOUR,
    "uploads_per_hour": QuotaLimit.UPLOADS_PER_HOUR,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m interview_prep.keys",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--stage", help="use the deployed stage's keys table")
    parser.add_argument("--usage-plan-id", help="defaults to USAGE_PLAN_ID")
    commands = parser.add_subparsers(dest="command", required=True)
    issue = commands.add_parser("issue", help="issue a new key (printed once)")
    issue.add_argument("--owner", required=True)
    _quota_flags(issue)
    listing = commands.add_parser("list", help="an owner's keys (never the keys)")
    listing.add_argument("--owner", required=True)
    listing.add_argument("--json", action="store_true")
    revoke = commands.add_parser("revoke", help="revoke a key, by the key or its key id")
    revoke.add_argument("key")
    quota = commands.add_parser("set-quota", help="an owner's own quotas (0 = unlimited)")
    quota.add_argument("--owner", required=True)
    quota.add_argument("--clear", action="store_true", help="back to the settings' defaults")
    _quota_flags(quota)
    commands.add_parser("import", help="hash the keys of API_KEYS / API_KEYS_SECRET_NAME")
    return parser


def _quota_flags(parser: argparse.ArgumentParser) -> None:
    for flag in QUOTA_FLAGS:
        parser.add_argument(f"--{flag.replace('_', '-')}", type=_count, dest=flag)


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (unlimited) or more")
    return number


def _quotas(args: argparse.Namespace) -> dict[str, int | None]:
    chosen = {limit.value: getattr(args, flag) for flag, limit in QUOTA_FLAGS.items()}
    if getattr(args, "clear", False):
        return {name: None for name in chosen}
    return {name: value for name, value in chosen.items() if value is not None}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.stage:
        os.environ["KEYS_TABLE"] = table_name(KEYS_TABLE, args.stage)
        get_settings.cache_clear()
    keys = ApiKeys()
    try:
        return COMMANDS[args.command](keys, args)
    except (AppError, ValueError) as exc:
        print(f"error: {getattr(exc, 'detail', exc)}", file=sys.stderr)
        return 1


def _issue(keys: ApiKeys, args: argparse.Namespace) -> int:
    key, stored = keys.issue(args.owner)
    quotas = _quotas(args)
    if quotas:
        keys.set_quotas(args.owner, quotas)
    _ensure_usage_key(keys, args, args.owner)
    print(f"issued key {stored.key_id} for {stored.owner}; it is shown once, keep it now:")
    print(key)
    return 0


def _ensure_usage_key(keys: ApiKeys, args: argparse.Namespace, owner: str) -> None:
    """A deployed stage meters each owner by a usage-plan key; the local stack has none."""
    if keys.owner(owner).usage_key_id:
        return
    plan_id = args.usage_plan_id or get_settings().usage_plan_id
    plan = UsagePlanKeys(plan_id) if plan_id else None
    if plan is None and args.stage:
        plan = UsagePlanKeys.named(f"{stage_prefix(args.stage)}-default")
    if plan is not None:
        usage_key_id, value = plan.create(owner)
        keys.store.set_usage_key(owner, usage_key_id, value)


def _list(keys: ApiKeys, args: argparse.Namespace) -> int:
    found = keys.keys_of(args.owner)
    if args.json:
        rows: list[dict[str, Any]] = [
            {
                "key_id": k.key_id,
                "owner": k.owner,
                "created_at": k.created_at,
                "last_used_at": k.last_used_at,
                "revoked_at": k.revoked_at,
                "status": "active" if k.active else "revoked",
            }
            for k in found
        ]
        print(
            json.dumps(
                {"owner": args.owner, "quotas": keys.owner(args.owner).quotas, "keys": rows},
                indent=2,
            )
        )
        return 0
    for k in found:
        status = "active" if k.active else "revoked"
        print(f"{k.key_id} {k.created_at} {k.last_used_at or '-'} {status}")
    return 0


def _revoke(keys: ApiKeys, args: argparse.Namespace) -> int:
    revoked = keys.revoke(args.key)
    print(f"revoked {revoked.key_id} of {revoked.owner} at {revoked.revoked_at}")
    return 0


def _set_quota(keys: ApiKeys, args: argparse.Namespace) -> int:
    quotas = _quotas(args)
    if not quotas:
        print("error: give at least one quota flag, or --clear", file=sys.stderr)
        return 2
    record = keys.set_quotas(args.owner, quotas)
    print(f"quotas of {args.owner}: {json.dumps(record.quotas, sort_keys=True) or '{}'}")
    return 0


def _import(keys: ApiKeys, args: argparse.Namespace) -> int:
    settings = get_settings()
    table = settings.api_keys
    if settings.api_keys_secret_name:
        table = parse_api_keys(secrets.resolve(settings.api_keys_secret_name, ""))
    for key, owner in table.items():
        stored = keys.register(key, owner)
        _ensure_usage_key(keys, args, owner)
        print(f"imported {stored.key_id} for {owner}")
    print(f"{len(table)} keys imported (hashed); remove the clear-text table once clients work")
    return 0


COMMANDS = {
    "issue": _issue,
    "list": _list,
    "revoke": _revoke,
    "set-quota": _set_quota,
    "import": _import,
}
