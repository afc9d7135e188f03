"""Turn the errors a new user meets first into one line that says what to do."""

import contextlib
import sys


@contextlib.contextmanager
def explain_startup_errors():
    from django.core.exceptions import ImproperlyConfigured

    try:
        yield
    except ImproperlyConfigured as exc:
        sys.exit(f"tally: {exc}")
    except Exception as exc:
        if not _is_unreachable_database(exc):
            raise
        sys.exit(
            f"tally: cannot reach the database ({_first_line(exc)}). Set DATABASE_URL to a "
            "running PostgreSQL 14+ (postgres://user:password@host:5432/name), "
            "or unset it to use the embedded server."
        )


def _is_unreachable_database(exc):
    import psycopg
    from django.db.utils import OperationalError

    while exc is not None:
        if isinstance(exc, OperationalError | psycopg.OperationalError) and "connect" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _first_line(exc):
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
