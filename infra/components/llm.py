from __future__ import annotations

from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.components.tables import Tables
from infra.config import StageConfig


def use_llm_providers(
    scope: Construct, function: lambda_.Function, *, config: StageConfig, tables: Tables
) -> None:
    """What a function that calls models needs: the provider order and offline fallback,
    read access to the key secrets named in ``llm_api_key_secrets`` (their names, never
    their values, in the environment), and the circuit breakers' shared state."""
    function.add_environment("LLM_PROVIDERS", config.llm_providers)
    function.add_environment("LLM_OFFLINE_FALLBACK", str(config.llm_offline_fallback).lower())
    for provider, secret_name in sorted(config.llm_api_key_secrets.items()):
        secret = secretsmanager.Secret.from_secret_name_v2(
            scope, f"{provider.capitalize()}ApiKey", secret_name
        )
        secret.grant_read(function)
        function.add_environment(f"{provider.upper()}_API_KEY_SECRET_NAME", secret_name)
    tables.by_setting["state_table"].grant_read_write_data(function)  # circuit breakers
