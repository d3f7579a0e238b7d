"""sanctions-screening: screen counterparties against official sanctions lists.

Importing the package has no side effects; see ``service.api.create_app`` and
``service.cli`` for the entry points.
"""

__version__ = "0.1.0"
