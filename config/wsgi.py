import os

from django.core.wsgi import get_wsgi_application

from config.startup import explain_startup_errors, require_collected_static

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

with explain_startup_errors():
    application = get_wsgi_application()
    require_collected_static()
