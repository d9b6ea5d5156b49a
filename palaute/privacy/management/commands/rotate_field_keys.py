"""Re-encrypt every encrypted value with the first key of PALAUTE_FIELD_KEYS."""

from django.core.management.base import BaseCommand, CommandError

from palaute.privacy import crypto, services


class Command(BaseCommand):
    help = (
        "Re-encrypts every encrypted value (contact details, messages, channel details) with "
        "the first key of PALAUTE_FIELD_KEYS, in batches; values already under it are left "
        "as they are, so the command can be run again. --new-key prints a fresh key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--new-key", action="store_true", help="Print a new key and change nothing."
        )

    def handle(self, *args, batch_size: int, new_key: bool, **options):
        if new_key:
            self.stdout.write(crypto.new_key())
            return
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            results = services.rotate_field_keys(batch_size=batch_size)
        except crypto.UndecryptableValue as error:
            raise CommandError(str(error)) from error
        for result in results:
            self.stdout.write(
                f"{result.model}: {result.rotated} re-encrypted, {result.current} already "
                f"under the first key"
            )
        total = sum(result.rotated for result in results)
        self.stdout.write(self.style.SUCCESS(f"Done: {total} values re-encrypted."))
