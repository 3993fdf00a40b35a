"""Durable jobs: a queue interface, the embedded database queue, and the asyncio worker."""

from .queue import DbJobQueue, JobQueue, JobRecord
from .worker import Worker, handler, priorities, registered_kinds

__all__ = ["DbJobQueue", "JobQueue", "JobRecord", "Worker", "handler", "priorities", "registered_kinds"]
