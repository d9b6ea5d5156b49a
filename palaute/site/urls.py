from django.urls import include, path, register_converter

from palaute.pagecache import public_page

from . import feeds, views


class ReferenceConverter:
    regex = r"\d{4}-\d{5,7}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

app_name = "site"
urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("topics/", public_page(views.topics), name="topics"),
    path("feedback/", public_page(views.feedback_list), name="feedback-list"),
    path("feedback/new/", views.FeedbackCreateView.as_view(), name="feedback-new"),
    path(
        "feedback/<reference:reference>/",
        public_page(views.feedback_detail),
        name="feedback-detail",
    ),
    path(
        "feedback/<reference:reference>/attachments/<int:pk>/",
        views.attachment,
        name="attachment",
    ),
    path("feedback/", include("palaute.site.guidance_urls")),
    path("", include("palaute.site.impact_urls")),
    path("", include("palaute.site.statement_urls")),
    path("track/<str:token>/", views.track, name="track"),
    path(
        "track/<str:token>/attachments/<int:pk>/",
        views.tracked_attachment,
        name="tracked-attachment",
    ),
    path("feeds/latest/", public_page(feeds.LatestFeedbackFeed()), name="feed-latest"),
    path(
        "feeds/latest/atom/", public_page(feeds.LatestFeedbackAtomFeed()), name="feed-latest-atom"
    ),
    path(
        "feeds/topics/<slug:service_code>/",
        public_page(feeds.TopicFeedbackFeed()),
        name="feed-topic",
    ),
    path(
        "feeds/topics/<slug:service_code>/atom/",
        public_page(feeds.TopicFeedbackAtomFeed()),
        name="feed-topic-atom",
    ),
]
