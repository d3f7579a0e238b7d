"""Ongoing monitoring: the customer book, kept screened as the lists change.

Pure of Flask, shared by the API, the CLI and the job workers. One module per concept:

==================  ===================================================================
``book``            the customers of each tenant: put, get, delete, pages, bulk import
``screen``          screen one customer like ``/v1/screen`` does, record it, open alerts
``imports``         the import job: a CSV/XLSX/JSONL file into the book, then screened
``reverse``         the customer index: which customers could match a list entry
``changes``         what changed in the lists since the customers were last screened
``monitor``         one run: take the changes, re-screen the customers they touch
``runs``            every run on record, for ``GET /v1/monitoring/runs``
==================  ===================================================================
"""
