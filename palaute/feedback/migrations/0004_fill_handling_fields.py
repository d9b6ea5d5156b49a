"""Fill the fields added for handling on feedback that existed before them."""

from django.db import migrations
from django.db.models import F


def fill(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    Event = apps.get_model("feedback", "Event")
    Feedback.objects.filter(public_address="").update(public_address=F("address"))
    for feedback in Feedback.objects.filter(taken_at__isnull=True).exclude(status="received"):
        first = (
            Event.objects.filter(feedback=feedback, kind="status")
            .order_by("created_at", "id")
            .values_list("created_at", flat=True)
            .first()
        )
        feedback.taken_at = first or feedback.updated_at
        feedback.save(update_fields=["taken_at"])
    open_statuses = ["received", "in_processing", "waiting", "answered"]
    Feedback.objects.filter(status="received", taken_at__isnull=True).update(
        due_at=F("processing_due")
    )
    Feedback.objects.exclude(status__in=open_statuses).update(due_at=None)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0003_handling")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
