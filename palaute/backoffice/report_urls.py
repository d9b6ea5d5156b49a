"""Reports, the twice-yearly summaries, the directors' dashboard and exports, included into
the back office's namespace."""

from django.urls import path

from .views import dashboard, reports, summaries

urlpatterns = [
    path("reports/", reports.report, name="report"),
    path("reports/pdf/", reports.report_pdf, name="report-pdf"),
    path("reports/figures.<str:fmt>", dashboard.report_figures_export, name="report-export"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("exports/", dashboard.exports, name="exports"),
    path("exports/feedback.<str:fmt>", dashboard.export_feedback, name="export-feedback"),
    path("exports/answers.<str:fmt>", dashboard.export_answers, name="export-answers"),
    path("summaries/", summaries.summary_list, name="summaries"),
    path("summaries/new/", summaries.summary_generate, name="summary-generate"),
    path("summaries/<int:pk>/", summaries.summary_detail, name="summary"),
    path("summaries/<int:pk>/pdf/", summaries.summary_pdf, name="summary-pdf"),
    path("summaries/<int:pk>/commentary/", summaries.summary_commentary, name="summary-commentary"),
    path("summaries/<int:pk>/publish/", summaries.summary_publish, name="summary-publish"),
    path("summaries/<int:pk>/regenerate/", summaries.summary_regenerate, name="summary-regenerate"),
]
