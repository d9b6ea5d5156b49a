from django.urls import path

from . import survey_views as views

app_name = "surveys"
urlpatterns = [
    path("survey/", views.survey_units, name="units"),
    path("survey/<str:code>/", views.survey, name="survey"),
    path("survey/<str:code>/thanks/", views.thanks, name="thanks"),
    path("kiosk/<str:code>/", views.kiosk, name="kiosk"),
    path("kiosk/<str:code>/answers/", views.kiosk_answer, name="kiosk-answer"),
    path("kiosk/<str:code>/worker.js", views.kiosk_worker, name="kiosk-worker"),
    path("s/<str:token>/", views.sms_link, name="invitation"),
]
