"""The API's marshmallow schemas, one module per resource: the contract and the OpenAPI.

``common`` holds what request schemas share; ``screening`` (``/v1/screen``),
``transaction`` (``/v1/screen/transaction``), ``rules``, ``lists``, ``health``,
``batches``, ``records`` (``/v1/screenings``), ``keys`` and ``problems`` (every error)
hold one resource's schemas each.
"""
