"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palaute.settings")
application = get_wsgi_application()

# The Finnish dictionary of the critical-feedback rules loads in the background, so the
# first feedback after a start does not wait for it.
from palaute.feedback.critical import warm_up  # noqa: E402

warm_up(background=True)
