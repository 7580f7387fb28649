"""Test helper: the PostgreSQL server `.ci/run` starts (``$CLAIMCHECK_TEST_PG``), one fresh schema per test.

Without the variable the PostgreSQL tests skip on a developer's machine, and fail in CI
(``CI=true``), where `.ci/run` must have started the server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ENV = "CLAIMCHECK_TEST_PG"


def server_url() -> str:
    """The server's URL; skips (locally) or fails (CI) when there is none."""
    url = os.environ.get(ENV, "").strip()
    if url:
        return url
    message = f"${ENV} is not set: start a server with `source .ci/postgres.sh && pg_start`"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{message} (.ci/run does this)")
    pytest.skip(message)


def with_schema(url: str, schema: str) -> str:
    """``url`` with libpq's ``options`` choosing ``schema`` as the search path."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A URL whose tables live in a new, empty schema, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    url = server_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
