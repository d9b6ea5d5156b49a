"""Rewrite every blind index (the email and phone search digests) under the current key."""

from django.core.management.base import BaseCommand, CommandError

from palaute.privacy import crypto, services


class Command(BaseCommand):
    help = (
        "Rewrites the blind indexes of contact details and messages under the current "
        "PALAUTE_BLIND_INDEX_KEY, from the decrypted values, in batches; digests already "
        "under it are left, so the command can be run again. Until it has run, keep the old "
        "key in PALAUTE_BLIND_INDEX_KEY_FALLBACKS so searches still find everything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            results = services.rotate_blind_index(batch_size=batch_size)
        except crypto.UndecryptableValue as error:
            raise CommandError(str(error)) from error
        for result in results:
            self.stdout.write(
                f"{result.model}: {result.rewritten} rewritten, {result.current} already "
                f"under the current key"
            )
        total = sum(result.rewritten for result in results)
        self.stdout.write(self.style.SUCCESS(f"Done: {total} rows rewritten."))
