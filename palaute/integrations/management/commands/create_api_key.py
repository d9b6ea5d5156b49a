from django.core.management.base import BaseCommand, CommandError

from palaute.integrations.services import create_api_key
from palaute.organizations.models import Organization


class Command(BaseCommand):
    help = "Make an Open311 API key. The key is printed alone on the last line, once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who or what uses the key, e.g. a mobile app.")
        parser.add_argument("--organization", help="Code of the owner organisation.")
        parser.add_argument("--rate-limit", type=int, default=600, help="Requests per hour.")

    def handle(self, *args, name: str, organization: str | None, rate_limit: int, **options):
        owner = None
        if organization:
            owner = Organization.objects.filter(code=organization).first()
            if owner is None:
                raise CommandError(f"No organisation with the code {organization!r}.")
        key, raw = create_api_key(name=name, organization=owner, rate_limit=rate_limit)
        self.stderr.write(f"API key {key.name!r} made. Keep it safe: it is not shown again.")
        self.stdout.write(raw)
