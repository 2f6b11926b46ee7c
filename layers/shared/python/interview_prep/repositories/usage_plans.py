"""API Gateway usage-plan keys: one per owner, standing in for the owner's API keys.

The authorizer hands this key to API Gateway (``usageIdentifierKey``) so the usage plan
throttles per owner, while the keys callers send are never stored in clear anywhere.
"""

from __future__ import annotations

import secrets

from botocore.exceptions import BotoCoreError, ClientError

from interview_prep import aws
from interview_prep.errors import ServiceUnavailableError


class UsagePlanKeys:
    def __init__(self, usage_plan_id: str) -> None:
        self.usage_plan_id = usage_plan_id

    @classmethod
    def named(cls, name: str) -> UsagePlanKeys | None:
        """The usage plan called ``name`` (the CDK app names it ``<prefix>-default``)."""
        try:
            pages = aws.apigateway().get_paginator("get_usage_plans").paginate()
            for page in pages:
                for plan in page.get("items", []):
                    if plan.get("name") == name:
                        return cls(str(plan["id"]))
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError(f"API Gateway could not list usage plans: {exc}") from exc
        return None

    def create(self, owner: str) -> tuple[str, str]:
        """A new enabled key in the plan for ``owner``: its id and its value."""
        value = secrets.token_urlsafe(30)
        try:
            client = aws.apigateway()
            created = client.create_api_key(
                name=f"owner-{owner}"[:128],
                description="Usage-plan key of one owner (the authorizer returns it)",
                enabled=True,
                value=value,
            )
            client.create_usage_plan_key(
                usagePlanId=self.usage_plan_id, keyId=created["id"], keyType="API_KEY"
            )
        except (ClientError, BotoCoreError) as exc:
            raise ServiceUnavailableError(f"API Gateway refused the usage-plan key: {exc}") from exc
        return str(created["id"]), value
