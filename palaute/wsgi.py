"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palaute.settings")
application = get_wsgi_application()

# The Finnish dictionary of the critical-feedback rules and the lists of the sensitive-data
# check load in the background, and the URLs (with every view module) at once, so the
# first requests after a start do not wait for them.
from django.urls import get_resolver  # noqa: E402

from palaute.feedback.critical import warm_up  # noqa: E402
from palaute.privacy import lexicon  # noqa: E402

warm_up(background=True)
lexicon.warm_up()
get_resolver().url_patterns  # noqa: B018
