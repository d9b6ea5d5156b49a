from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from palaute.reports.api import ReportView
from palaute.site.survey_views import sms_inbound
from palaute.site.views import healthz
from palaute.surveys.api import InvitationView

# Redoc builds its styles at run time (inline <style> elements) and searches in a worker
# made from a blob; its page alone is allowed those, nothing else.
api_docs = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]})(
    SpectacularRedocView.as_view(url_name="schema")
)
handler500 = "palaute.site.outage.server_error_or_unavailable"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/v2/", include("palaute.open311.urls")),
    path("sms/inbound/", sms_inbound, name="sms-inbound"),
    path("api/v1/survey-invitations/", InvitationView.as_view(), name="api-survey-invitations"),
    path("api/v1/reports/", ReportView.as_view(), name="api-reports"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="api-docs"),
]
urlpatterns += i18n_patterns(
    path("staff/", include("palaute.backoffice.urls")),
    path("", include("palaute.site.survey_urls")),
    path("", include("palaute.site.urls")),
    prefix_default_language=False,
)
