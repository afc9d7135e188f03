import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo data, as `load_demo` loads it."""
    call_command("load_demo", stdout=io.StringIO())
