"""Deadline notices are kept per due time and unit; existing ones get both from their
feedback."""

import datetime as dt
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    DeadlineNotice = apps.get_model("feedback", "DeadlineNotice")
    helsinki = ZoneInfo("Europe/Helsinki")
    for notice in DeadlineNotice.objects.select_related("feedback"):
        feedback = notice.feedback
        due = {
            "processing": feedback.processing_due,
            "contact": feedback.contact_due,
            "estimate": dt.datetime.combine(
                feedback.estimated_done_on, dt.time(23, 59, 59), tzinfo=helsinki
            )
            if feedback.estimated_done_on
            else None,
        }.get(notice.deadline)
        notice.due = due or notice.created_at
        notice.organization_id = feedback.organization_id
        notice.save(update_fields=["due", "organization"])


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0004_fill_handling_fields"),
        ("organizations", "0002_staff_settings_and_audit"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="deadlinenotice", name="unique_deadline_notice"),
        migrations.AddField(
            model_name="deadlinenotice",
            name="due",
            field=models.DateTimeField(null=True, verbose_name="due"),
        ),
        migrations.AddField(
            model_name="deadlinenotice",
            name="organization",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organizations.organization",
                verbose_name="unit",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="deadlinenotice",
            name="due",
            field=models.DateTimeField(verbose_name="due"),
        ),
        migrations.AlterField(
            model_name="deadlinenotice",
            name="organization",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organizations.organization",
                verbose_name="unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="deadlinenotice",
            constraint=models.UniqueConstraint(
                fields=("feedback", "deadline", "stage", "due", "organization"),
                name="unique_deadline_notice",
            ),
        ),
    ]
