"""The Docker-free local stack: API Gateway emulator, SQS poller and launcher."""
