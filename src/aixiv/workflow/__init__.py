"""The state machine of a submission and the pipeline jobs that move it.

``aixiv.workflow.pipeline`` registers the job handlers; the worker imports it.
"""

from . import states

__all__ = ["states"]
