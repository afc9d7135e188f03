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


def require_collected_static():
    """With DEBUG off, pages name their static files from collectstatic's manifest; without
    it every page, the 404 included, fails. Say so once, at start-up, instead."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.exceptions import ImproperlyConfigured

    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and not staticfiles_storage.exists(manifest):
        raise ImproperlyConfigured(
            f"static files are not collected into {settings.STATIC_ROOT}: run "
            "`manage.py collectstatic --noinput` before serving with DEBUG off."
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
