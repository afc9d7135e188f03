"""The site's own answer to an error in a view."""

from django.http import HttpResponseServerError
from django.middleware.csp import get_nonce
from django.template import loader


def server_error(request):
    """Django's 500 view, plus the request's CSP nonce for the page's inline <style>.

    500.html stays standalone (no context processors, no static files, no database):
    whatever broke must not break this page too.
    """
    page = loader.get_template("500.html").render({"csp_nonce": get_nonce(request)})
    return HttpResponseServerError(page)
