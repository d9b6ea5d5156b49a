"""RSS 2.0 and Atom feeds of published feedback (S9): the 20 newest, and one per topic."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from palaute.feedback import selectors
from palaute.feedback.models import Feedback, Topic

FEED_SIZE = 20


class LatestFeedbackFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self, obj=None) -> str:
        return _("Palaute: newest feedback")

    def description(self, obj=None) -> str:
        return _("The 20 newest public feedback and their answers.")

    def link(self, obj=None) -> str:
        return reverse("site:feedback-list")

    def items(self, obj=None):
        return selectors.public_feedback()[:FEED_SIZE]

    def item_title(self, item: Feedback) -> str:
        return item.public_title

    def item_link(self, item: Feedback) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Feedback) -> str:
        return item.reference

    item_guid_is_permalink = False

    def item_pubdate(self, item: Feedback):
        return item.received_at

    def item_updateddate(self, item: Feedback):
        return item.updated_at

    def item_categories(self, item: Feedback) -> list[str]:
        return [item.topic.name]

    def item_description(self, item: Feedback) -> str:
        return render_to_string("site/feed_item.html", {"feedback": item})


class LatestFeedbackAtomFeed(LatestFeedbackFeed):
    feed_type = Atom1Feed
    subtitle = LatestFeedbackFeed.description


class TopicFeedbackFeed(LatestFeedbackFeed):
    def get_object(self, request: HttpRequest, service_code: str) -> Topic:
        topic = selectors.get_topic(service_code=service_code)
        if topic is None:
            raise Http404
        return topic

    def title(self, obj: Topic) -> str:
        return _("Palaute: %(topic)s") % {"topic": obj.name}

    def description(self, obj: Topic) -> str:
        return _("The 20 newest public feedback on %(topic)s.") % {"topic": obj.name}

    def link(self, obj: Topic) -> str:
        return f"{reverse('site:feedback-list')}?topic={obj.service_code}"

    def items(self, obj: Topic):
        return selectors.public_feedback(topic=obj)[:FEED_SIZE]


class TopicFeedbackAtomFeed(TopicFeedbackFeed):
    feed_type = Atom1Feed
    subtitle = TopicFeedbackFeed.description
