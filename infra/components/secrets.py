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
        # API keys live hashed in the keys table. A stage deployed before kept its
        # ``<prefix>/api-keys`` secret (retained): ``python -m interview_prep.keys import``.
        acknowledge(
            self,
            "AwsSolutions-SMG4",
            "The secret holds a credential issued elsewhere (the Atlas connection string): "
            "it is rotated where it is issued, then updated here.",
        )
