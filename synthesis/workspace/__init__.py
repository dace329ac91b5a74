"""The workspace's read models and use cases, one module per concept, shared by the desktop and the CLI.

Rows are frozen dataclasses of plain values: they cross threads, ORM objects never do. Each function takes a
``Session`` (the caller owns the transaction).
"""
