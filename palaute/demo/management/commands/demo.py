from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from palaute.demo.loader import DEMO_API_KEY, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo city and county with staff users and feedback (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed: int, **options):
        if not (settings.PALAUTE_DEMO or settings.DEBUG):
            raise CommandError(
                "Demo data has known passwords: run with PALAUTE_DEMO=1 on a demo machine only."
            )
        result = load_demo(seed=seed)
        self.stdout.write(
            f"Demo data: {result.organizations} organisations, {result.topics} topics, "
            f"{result.feedback_created} new feedback."
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, organization in result.users:
            self.stdout.write(f"  {username:<20} {role} – {organization}")
        self.stdout.write(f"Demo Open311 API key: {DEMO_API_KEY}")
        self.stdout.write(
            f"Customer questionnaires: {result.survey_responses} new answers; "
            "collection points (path after the site address):"
        )
        for point in result.collection_points:
            self.stdout.write(
                f"  {point.get_channel_display():<18} {point.organization.name_fi} "
                f"({point.questionnaire.code}): {point.get_absolute_url()}"
            )
