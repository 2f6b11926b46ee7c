from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.config import StageConfig
from infra.nag import acknowledge


class Secrets(Construct):
    """Secrets the functions read at run time; their values are set after deploy, never here."""

    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig) -> None:
        super().__init__(scope, construct_id)
        self.mongodb_url = secretsmanager.Secret(
            self,
            "MongoDbUrl",
            secret_name=f"{config.prefix}/mongodb-url",
            description="MongoDB Atlas connection string (mongodb+srv://...)",
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.api_keys = secretsmanager.Secret(
            self,
            "ApiKeys",
            secret_name=f"{config.prefix}/api-keys",
            description='API key table: JSON object {"<api key>": "<owner id>"}',
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            self,
            "AwsSolutions-SMG4",
            "Both secrets hold credentials issued elsewhere (the Atlas connection string, the "
            "API key table): they are rotated where they are issued, then updated here.",
        )
