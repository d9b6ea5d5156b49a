"""Both statements with the shipped texts (palaute/statements/defaults.py), to be completed
by the administrator. An installation that already has a statement keeps it."""

from django.db import migrations
from django.utils import timezone

from palaute.statements.defaults import DEFAULTS


def create_statements(apps, schema_editor):
    Statement = apps.get_model("statements", "Statement")
    for kind, texts in DEFAULTS.items():
        Statement.objects.get_or_create(
            kind=kind, defaults={**texts, "version": 1, "updated_at": timezone.now()}
        )


class Migration(migrations.Migration):
    dependencies = [("statements", "0001_initial")]

    operations = [migrations.RunPython(create_statements, migrations.RunPython.noop)]
