"""Secrets read at run time (Secrets Manager via Powertools parameters, cached per container).

In the cloud, ``*_SECRET_NAME`` settings name the secrets; locally the plain settings apply.
"""

from __future__ import annotations

from interview_prep.errors import ServiceUnavailableError

#: How long a fetched secret is reused before Secrets Manager is asked again (rotation window).
CACHE_SECONDS = 300


def resolve(secret_name: str, fallback: str) -> str:
    """The secret's value when ``secret_name`` is set, else ``fallback``."""
    if not secret_name:
        return fallback
    from aws_lambda_powertools.utilities import parameters

    try:
        value = parameters.get_secret(secret_name, max_age=CACHE_SECONDS)
    except parameters.exceptions.GetParameterError as exc:
        # the secret's name is configuration, not a secret; its value never reaches a message
        raise ServiceUnavailableError(
            "A required secret could not be read; retry shortly."
        ) from exc
    return value if isinstance(value, str) else value.decode()
