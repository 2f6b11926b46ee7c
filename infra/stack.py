from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import CfnOutput, Stack
from constructs import Construct

from infra.components.api import Api
from infra.components.firewall import Firewall
from infra.components.functions import (
    AUTHORIZER,
    PARSER,
    WORKER,
    ApiFunctions,
    DocumentsLayer,
    FunctionFactory,
    SharedLayer,
)
from infra.components.monitoring import AlarmTopic, Budget, Monitoring
from infra.components.network import Network
from infra.components.parser import Parser
from infra.components.queues import GenerationQueue
from infra.components.secrets import Secrets
from infra.components.tables import Tables
from infra.components.uploads import Uploads
from infra.components.website import WebSite
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
        documents_layer_dir: Path,
        web_dir: Path | None = None,
        samples_dir: Path | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        web_page = config.web_site and web_dir is not None and samples_dir is not None
        tables = Tables(self, "Tables", config=config)
        queue = GenerationQueue(self, "Queues", config=config)
        uploads = Uploads(self, "Uploads", config=config, web_page=web_page)
        secrets = Secrets(self, "Secrets", config=config)
        layer = SharedLayer(self, "Layer", layer_dir=layer_dir)
        documents = DocumentsLayer(self, "Documents", layer_dir=documents_layer_dir)
        network = (
            Network(self, "Network", config=config) if config.mongodb_network == "vpc" else None
        )
        factory = FunctionFactory(
            config=config,
            functions_dir=functions_dir,
            layer=layer.layer,
            tables=tables,
            queue=queue,
            uploads=uploads,
            secrets=secrets,
            network=network,
        )
        functions = ApiFunctions(self, "Functions", factory=factory)
        worker = Worker(self, "Worker", factory=factory)
        parser = Parser(self, "Parser", factory=factory, documents_layer=documents.layer)
        api = Api(
            self,
            "Api",
            config=config,
            functions=dict(functions.by_name),
            authorizer=functions.authorizer,
        )
        if config.waf_requests_per_minute:
            Firewall(self, "Firewall", config=config, stage=api.rest_api.deployment_stage)
        alarms = AlarmTopic(self, "Alarms", config=config)
        Monitoring(
            self,
            "Monitoring",
            config=config,
            topic=alarms.topic,
            rest_api=api.rest_api,
            functions={
                **functions.by_name,
                WORKER: worker.function,
                PARSER: parser.function,
                AUTHORIZER: functions.authorizer,
            },
            queue=queue,
            uploads=uploads,
        )
        if config.monthly_budget_usd > 0:
            Budget(self, "Budget", config=config, topic=alarms.topic)
        if web_page and web_dir is not None and samples_dir is not None:
            site = WebSite(
                self,
                "Web",
                config=config,
                web_dir=web_dir,
                samples_dir=samples_dir,
                rest_api=api.rest_api,
            )
            CfnOutput(self, "WebUrl", value=f"https://{site.distribution.domain_name}/")
        CfnOutput(self, "ApiUrl", value=api.rest_api.url)
        CfnOutput(self, "UsagePlanId", value=api.usage_plan.usage_plan_id)
        CfnOutput(self, "KeysTable", value=tables.by_setting["keys_table"].table_name)
        CfnOutput(self, "UploadsBucket", value=uploads.bucket.bucket_name)
        CfnOutput(self, "MongoDbUrlSecret", value=secrets.mongodb_url.secret_name)
        CfnOutput(self, "AlarmTopic", value=alarms.topic.topic_arn)
