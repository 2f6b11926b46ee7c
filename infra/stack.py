from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import CfnOutput, Stack
from constructs import Construct

from infra.components.api import Api
from infra.components.functions import ApiFunctions, FunctionFactory, SharedLayer
from infra.components.queues import GenerationQueue
from infra.components.secrets import Secrets
from infra.components.tables import Tables
from infra.components.worker import Worker
from infra.config import StageConfig


class InterviewPrepStack(Stack):
    """Composes the capability constructs; creates no resource of its own."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        functions_dir: Path,
        layer_dir: Path,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        tables = Tables(self, "Tables", config=config)
        queue = GenerationQueue(self, "Queues", config=config)
        secrets = Secrets(self, "Secrets", config=config)
        layer = SharedLayer(self, "Layer", layer_dir=layer_dir)
        factory = FunctionFactory(
            config=config,
            functions_dir=functions_dir,
            layer=layer.layer,
            tables=tables,
            queue=queue,
            secrets=secrets,
        )
        functions = ApiFunctions(self, "Functions", factory=factory)
        Worker(self, "Worker", factory=factory)
        api = Api(self, "Api", config=config, functions=dict(functions.by_name))
        CfnOutput(self, "ApiUrl", value=api.rest_api.url)
        CfnOutput(self, "MongoDbUrlSecret", value=secrets.mongodb_url.secret_name)
        CfnOutput(self, "ApiKeysSecret", value=secrets.api_keys.secret_name)
