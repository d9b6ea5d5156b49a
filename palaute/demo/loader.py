"""Loads the demo city and county: organisations, topics, staff and feedback. Idempotent:
nodes and users are matched by code and username, feedback by its demo source reference."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from palaute.feedback.models import Channel, Feedback, ResponseTemplate, Topic, TopicAttribute
from palaute.feedback.services import (
    ContactInput,
    LocationInput,
    acknowledge_critical,
    add_answer,
    change_status,
    give_estimate,
    record_contact,
    set_critical,
    submit_feedback,
)
from palaute.improvements import services as improvement_services
from palaute.improvements.models import DevelopmentAction, UnitMeeting
from palaute.organizations.models import Membership, Organization, User
from palaute.reports import services as report_services
from palaute.reports.models import Summary
from palaute.surveys.models import (
    CollectionPoint,
    OwnStatement,
    Questionnaire,
    SurveyResponse,
    new_code,
)
from palaute.surveys.national import OWN_STATEMENTS_DEMO
from palaute.surveys.services import (
    Answers,
    load_national_questionnaires,
    own_statements_for,
    submit_survey,
)

from . import data

DEMO_PASSWORD = "palaute-demo"
# A known key in demo mode only, like the demo passwords.
DEMO_API_KEY = "demo-open311-key-palaute-2026"
FEEDBACK_COUNT = 200
ORGANIZATION_FIELDS = ("kind", "name_fi", "name_sv", "name_en", "email")
TOPIC_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "keywords",
    "location_mode",
    "state",
    "elsewhere_url",
    "elsewhere_email",
    "elsewhere_text_fi",
    "elsewhere_text_sv",
    "elsewhere_text_en",
)


@dataclass
class DemoResult:
    organizations: int = 0
    topics: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)
    feedback_created: int = 0
    collection_points: list[CollectionPoint] = field(default_factory=list)
    survey_responses: int = 0


def _upsert_node(model, parent, lookup: dict, values: dict):
    """Create or update one node. Sorted insertion renumbers the paths of siblings, so the
    parent is read again from the database before a child is added under it."""
    node = model.objects.filter(**lookup).first()
    if node is None:
        if parent is None:
            return model.objects.add_root({**lookup, **values})
        return model.objects.add_child(model.objects.get(pk=parent.pk), {**lookup, **values})
    changed = [name for name, value in values.items() if getattr(node, name) != value]
    for name in changed:
        setattr(node, name, values[name])
    if changed:
        node.save(update_fields=changed)
    return node


def _load_organizations(nodes: list[dict], parent=None, found=None) -> dict[str, Organization]:
    found = {} if found is None else found
    for spec in nodes:
        values = {name: spec.get(name, "") for name in ORGANIZATION_FIELDS}
        values["publication_policy"] = spec.get("publication_policy", "inherit")
        values["moderation_mode"] = spec.get("moderation_mode", "inherit")
        node = _upsert_node(Organization, parent, {"code": spec["code"]}, values)
        found[node.code] = node
        _load_organizations(spec.get("children", []), node, found)
    return found


def _load_topics(
    nodes: list[dict], organizations: dict[str, Organization], parent=None, found=None
) -> dict[str, Topic]:
    found = {} if found is None else found
    for spec in nodes:
        values = {name: spec.get(name, "") for name in TOPIC_FIELDS}
        values["publication_policy"] = spec.get("publication_policy", "inherit")
        values["location_mode"] = spec.get("location_mode") or Topic.LocationMode.OPTIONAL
        values["state"] = spec.get("state") or Topic.State.ACTIVE
        code = spec.get("organization")
        values["organization"] = organizations[code] if code else None
        node = _upsert_node(Topic, parent, {"service_code": spec["service_code"]}, values)
        found[node.service_code] = node
        _load_topics(spec.get("children", []), organizations, node, found)
    return found


def _load_users(organizations: dict[str, Organization]) -> list[tuple[str, str, str]]:
    logins = []
    for spec in data.USERS:
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = User(
                username=spec["username"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                email=spec["email"],
                is_staff=bool(spec.get("is_superuser")),
                is_superuser=bool(spec.get("is_superuser")),
                notify_new=data.NOTIFY_BY_ROLE.get(spec["role"], User.Notify.NONE),
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        organization = organizations[spec["organization"]]
        Membership.objects.get_or_create(user=user, organization=organization, role=spec["role"])
        role = Membership.Role(spec["role"]).label
        logins.append((user.username, str(role), organization.name_fi))
    return logins


def _load_templates(organizations: dict[str, Organization]) -> None:
    for code, name, text_fi, text_sv, text_en in data.RESPONSE_TEMPLATES:
        ResponseTemplate.objects.update_or_create(
            organization=organizations[code],
            name=name,
            defaults={"text_fi": text_fi, "text_sv": text_sv, "text_en": text_en},
        )


def _load_questions(topics: dict[str, Topic]) -> None:
    for order, (code, key, datatype, required, texts, choices) in enumerate(
        data.TOPIC_QUESTIONS, start=1
    ):
        if code not in topics:
            continue
        question, _created = TopicAttribute.objects.update_or_create(
            topic=topics[code],
            code=key,
            defaults={
                "datatype": datatype,
                "required": required,
                "order": order,
                "description_fi": texts[0],
                "description_sv": texts[1],
                "description_en": texts[2],
            },
        )
        for position, (choice, fi, sv, en) in enumerate(choices, start=1):
            question.values.update_or_create(
                key=choice,
                defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "order": position},
            )


def _load_api_key(organizations: dict[str, Organization]) -> None:
    from palaute.integrations.models import ApiKey
    from palaute.integrations.services import create_api_key, hash_key

    if not ApiKey.objects.filter(key_hash=hash_key(DEMO_API_KEY)).exists():
        create_api_key(name="Demo-sovellus", organization=organizations["kuopio"], raw=DEMO_API_KEY)


def _pick_feedback(rng: random.Random, topics: dict[str, Topic]):
    """(topic, title, text) tuples: samples of every active topic, a few sensitive ones."""
    choices = [
        (topics[code], title, text)
        for code, samples in data.SAMPLES.items()
        if code in topics and topics[code].takes_feedback
        for title, text in samples
    ]
    sensitive = [
        (topics[code], title, text)
        for code, title, text in data.SENSITIVE_SAMPLES
        if code in topics and topics[code].takes_feedback
    ]
    picked = [rng.choice(choices) for _ in range(FEEDBACK_COUNT - len(sensitive))]
    for item in sensitive:
        picked.insert(rng.randrange(len(picked) + 1), item)
    return picked


def _location(rng: random.Random, topic: Topic) -> LocationInput | None:
    mode = topic.location_mode
    if mode == Topic.LocationMode.NONE or (
        mode == Topic.LocationMode.OPTIONAL and rng.random() < 0.5
    ):
        return None
    address, latitude, longitude = rng.choice(data.PLACES)
    jitter = lambda: Decimal(str(round(rng.uniform(-0.0008, 0.0008), 6)))  # noqa: E731
    return LocationInput(
        latitude=Decimal(str(latitude)) + jitter(),
        longitude=Decimal(str(longitude)) + jitter(),
        address=address,
    )


def _handle(rng: random.Random, feedback: Feedback, handlers: list[User], now: dt.datetime) -> None:
    """Give feedback a plausible handling history: most of the newest are still waiting to
    be taken into processing, a few older ones are overdue, the rest are processed,
    answered and closed."""
    age = now - feedback.received_at
    if feedback.topic.service_code not in data.ANSWERS:
        return
    if (age < dt.timedelta(days=6) and rng.random() < 0.6) or rng.random() < 0.04:
        return
    handler = rng.choice(handlers) if handlers else None
    taken = feedback.received_at + dt.timedelta(hours=rng.randint(2, 72))
    if taken >= now:
        return
    change_status(feedback=feedback, status=Feedback.Status.IN_PROCESSING, actor=handler, at=taken)
    # Staff flags on web feedback only: a survey answer gets its flag from the rules.
    if rng.random() < 0.04 and handler is not None and feedback.source_ref.startswith("demo-"):
        set_critical(
            feedback=feedback,
            critical=True,
            actor=handler,
            reason="Turvallisuusriski: vaatii välitöntä käsittelyä.",
        )
    if feedback.contact_requested and handler is not None and rng.random() < 0.7:
        record_contact(
            feedback=feedback,
            actor=handler,
            note="Soitettu asiakkaalle.",
            at=min(taken + dt.timedelta(days=rng.randint(1, 10)), now),
        )
    if rng.random() < 0.1:
        change_status(feedback=feedback, status=Feedback.Status.WAITING, actor=handler, at=taken)
        return
    if rng.random() < 0.2:
        if handler is not None and rng.random() < 0.5:
            give_estimate(
                feedback=feedback,
                estimated_done_on=timezone.localdate() + dt.timedelta(days=rng.randint(3, 30)),
                actor=handler,
                note="Asia vaatii urakoitsijan käynnin.",
                notify=False,
            )
        return
    answered = taken + dt.timedelta(hours=rng.randint(1, 24 * 6))
    if answered >= now:
        return
    add_answer(
        feedback=feedback,
        text=rng.choice(data.ANSWERS[feedback.topic.service_code]),
        author=handler,
        at=answered,
        notify=False,
    )
    closed = answered + dt.timedelta(days=rng.randint(3, 20))
    if closed < now and rng.random() < 0.6:
        change_status(feedback=feedback, status=Feedback.Status.CLOSED, actor=handler, at=closed)


def _load_feedback(topics: dict[str, Topic], *, seed: int) -> int:
    rng = random.Random(seed)
    now = timezone.now()
    existing = set(
        Feedback.objects.filter(source_ref__startswith="demo-").values_list("source_ref", flat=True)
    )
    handlers = list(User.objects.filter(memberships__role__in=["handler", "supervisor"]).distinct())
    created = 0
    for number, (topic, title, text) in enumerate(_pick_feedback(rng, topics), start=1):
        source_ref = f"demo-{number:04d}"
        days_ago = rng.triangular(0, 180, 10)
        received_at = (now - dt.timedelta(days=days_ago)).replace(
            hour=rng.randint(6, 22), minute=rng.randint(0, 59), second=0, microsecond=0
        )
        received_at = min(received_at, now - dt.timedelta(minutes=5))
        with_contact = rng.random() < 0.55
        contact = (
            ContactInput(
                name=f"Demo Asukas {number}",
                email=f"asukas{number}@example.fi",
                phone="" if rng.random() < 0.7 else f"+35840{number:07d}",
            )
            if with_contact
            else None
        )
        consent = rng.random() < 0.85
        contact_requested = contact is not None and rng.random() < 0.3
        location = _location(rng, topic)
        kind = Feedback.Kind.QUESTION if text.rstrip().endswith("?") else Feedback.Kind.FEEDBACK
        channel = Channel.OPEN311 if rng.random() < 0.12 else Channel.WEB
        if source_ref in existing:
            continue
        with transaction.atomic():
            submission = submit_feedback(
                topic=topic,
                title=title,
                text=text,
                kind=kind,
                channel=channel,
                publish_consent=consent,
                contact=contact,
                location=location,
                received_at=received_at,
                source_ref=source_ref,
                contact_requested=contact_requested,
                notify=False,
            )
            _handle(rng, submission.feedback, handlers, now)
        created += 1
    return created


@transaction.atomic
def load_demo(*, seed: int = 2026) -> DemoResult:
    _load_organizations(data.ORGANIZATIONS)
    organizations = {org.code: org for org in Organization.objects.all()}
    _load_topics(data.TOPICS, organizations)
    topics = {topic.service_code: topic for topic in Topic.objects.all()}
    result = DemoResult(organizations=len(organizations), topics=len(topics))
    result.users = _load_users(organizations)
    _load_templates(organizations)
    _load_api_key(organizations)
    result.feedback_created = _load_feedback(topics, seed=seed)
    # After the feedback: the old demo feedback were given before the questions existed.
    _load_questions(topics)
    result.collection_points = _load_surveys(organizations, topics, seed=seed)
    result.survey_responses = _load_survey_responses(
        result.collection_points, county=organizations["pshva"], seed=seed
    )
    _settle_old_critical(now=timezone.now())
    _load_fresh_critical(result.collection_points)
    _load_improvements(organizations)
    _load_summary(organizations)
    return result


def _load_summary(organizations: dict[str, Organization]) -> None:
    """The half-year summary of Männistö health centre for the last complete half-year,
    with the supervisor's commentary, published; the periodic job makes the others."""
    spec = data.DEMO_SUMMARY
    unit = organizations.get(spec["unit"])
    supervisor = User.objects.filter(username=spec["supervisor"]).first()
    if unit is None or supervisor is None:
        return
    start, end = report_services.last_complete_half_year(timezone.localdate())
    if Summary.objects.filter(organization=unit, start=start, end=end).exists():
        return
    summary = report_services.generate_summary(
        organization=unit, start=start, end=end, actor=supervisor
    )
    summary = report_services.write_commentary(
        summary=summary, text=spec["commentary"], actor=supervisor
    )
    report_services.publish_summary(summary=summary, actor=supervisor)


def _load_improvements(organizations: dict[str, Organization]) -> None:
    """At Männistö health centre: a unit meeting held five weeks ago with its decisions, a
    development action drafted there, done, followed up and published, and one still in
    progress; so the public page and the follow-up have something to show."""
    spec = data.DEMO_IMPROVEMENTS
    unit = organizations.get(spec["unit"])
    supervisor = User.objects.filter(username=spec["owner"]).first()
    if unit is None or supervisor is None:
        return
    if UnitMeeting.objects.filter(organization=unit, title=spec["meeting_title"]).exists():
        return
    today = timezone.localdate()
    meeting = improvement_services.create_meeting(
        organization=unit,
        title=spec["meeting_title"],
        held_on=today - dt.timedelta(days=35),
        period_start=today - dt.timedelta(days=95),
        actor=supervisor,
    )
    items = list(meeting.items.select_related("feedback").order_by("order", "id"))
    for item, decision in zip(items, spec["decisions"], strict=False):
        improvement_services.record_decision(item=item, decision=decision, actor=supervisor)
    improvement_services.mark_meeting_held(
        meeting=meeting, actor=supervisor, minutes=spec["minutes"]
    )
    done = spec["done_action"]
    action = improvement_services.create_action(
        organization=unit,
        owner=supervisor,
        actor=supervisor,
        meeting=meeting,
        feedback=[item.feedback for item in items[:3]],
        measure=DevelopmentAction.Measure.NPS,
        baseline_days=30,
        is_public=True,
        **{key: done[key] for key in ("title", "description", "public_description")},
    )
    improvement_services.add_progress_note(action=action, actor=supervisor, note=done["note"])
    improvement_services.set_action_status(
        action=action, status=DevelopmentAction.Status.DONE, actor=supervisor
    )
    # Back-dated like the demo feedback: started at the meeting, done a month later.
    DevelopmentAction.objects.filter(pk=action.pk).update(
        started_on=today - dt.timedelta(days=34),
        completed_on=today - dt.timedelta(days=20),
        follow_up_on=today - dt.timedelta(days=1),
    )
    action.refresh_from_db()
    action = improvement_services.measure_action(action=action)
    improvement_services.assess_impact(action=action, actor=supervisor, comment=done["impact"])
    ongoing = spec["ongoing_action"]
    improvement_services.create_action(
        organization=unit,
        owner=supervisor,
        actor=supervisor,
        meeting=meeting,
        feedback=[item.feedback for item in items[3:5]],
        due_on=today + dt.timedelta(days=6),
        measure=DevelopmentAction.Measure.STATEMENT,
        measure_statement="tiedon_saanti",
        follow_up_on=today + dt.timedelta(days=60),
        **{key: ongoing[key] for key in ("title", "description")},
    )


def _settle_old_critical(*, now: dt.datetime) -> None:
    """Critical demo feedback of earlier days was acknowledged back then by the first one
    told, so that only today's waits and escalates."""
    waiting = Feedback.objects.filter(
        is_critical=True,
        critical_acknowledged_at__isnull=True,
        received_at__lt=now - dt.timedelta(days=1),
    )
    for feedback in waiting:
        alert = feedback.critical_alerts.select_related("user").order_by("id").first()
        if alert is not None:
            acknowledge_critical(feedback=feedback, actor=alert.user, note="Käsitelty heti.")


def _load_fresh_critical(points: list[CollectionPoint]) -> None:
    """One critical comment that has just come in at Männistö health centre: the demo of
    the flow from arrival to acknowledgement."""
    spec = data.FRESH_CRITICAL
    if SurveyResponse.objects.filter(idempotency_key=spec["key"]).exists():
        return
    point = next(
        (p for p in points if p.organization.code == spec["unit"] and p.channel == "web"), None
    )
    if point is None:
        return
    version = point.questionnaire.current_version()
    statements = {
        item.code: spec["statement"] for item in version.items.all() if item.kind == "statement"
    }
    submit_survey(
        point=point,
        version=version,
        answers=Answers(
            nps=spec["nps"],
            statements=statements,
            open_text=spec["text"],
            respondent="customer",
            age_group="50-64",
        ),
        idempotency_key=spec["key"],
        received_at=timezone.now() - dt.timedelta(minutes=20),
        notify=False,
    )


def _load_surveys(
    organizations: dict[str, Organization], topics: dict[str, Topic], *, seed: int
) -> list[CollectionPoint]:
    """The national questionnaires, the county's own statements and a collection point in
    every channel. Codes come from the seed: stable between loads, still unguessable."""
    rng = random.Random(seed + 5)
    load_national_questionnaires()
    questionnaires = {q.code: q for q in Questionnaire.objects.all()}
    for order, (code, key, (text_fi, text_sv, text_en)) in enumerate(OWN_STATEMENTS_DEMO, 1):
        if code in organizations:
            OwnStatement.objects.get_or_create(
                organization=organizations[code],
                code=key,
                defaults={
                    "order": order,
                    "text_fi": text_fi,
                    "text_sv": text_sv,
                    "text_en": text_en,
                },
            )
    points = []
    for unit, topic, questionnaire, channels in data.COLLECTION_POINTS:
        for channel in channels:
            code = new_code(rng.choice)
            point, _created = CollectionPoint.objects.get_or_create(
                organization=organizations[unit],
                questionnaire=questionnaires[questionnaire],
                channel=channel,
                defaults={
                    "code": code,
                    "topic": topics[topic],
                    "name": data.COLLECTION_POINT_NAMES[channel],
                },
            )
            points.append(point)
    return points


def _demo_answers(rng: random.Random, point: CollectionPoint, number: int) -> Answers:
    """A plausible answer: mostly satisfied customers, statements that follow the score,
    now and then "don't know", a comment in a third of the answers."""
    audience = point.questionnaire.audience
    nps = min(10, max(0, round(rng.triangular(2, 10.9, 9.5))))
    version = point.questionnaire.current_version()
    level = 1 + nps * 0.4
    scale = lambda: None if rng.random() < 0.07 else min(5, max(1, round(rng.gauss(level, 0.8))))  # noqa: E731
    statements = {item.code: scale() for item in version.items.all() if item.kind == "statement"}
    own = {
        statement.pk: scale() for statement in own_statements_for(organization=point.organization)
    }
    comments = [text for minimum, text in data.SURVEY_COMMENTS if abs(minimum - nps) <= 2]
    open_text = rng.choice(comments) if comments and rng.random() < 0.35 else ""
    if number % 60 == 7:
        open_text = data.SURVEY_SENSITIVE_COMMENTS[(number // 60) % 2]
    contact_requested = bool(open_text) and nps <= 6 and rng.random() < 0.4
    return Answers(
        nps=nps,
        statements=statements,
        own=own,
        open_text=open_text,
        respondent="relative"
        if audience == "relative"
        else ("customer" if rng.random() < 0.9 else ""),
        age_group=""
        if audience == "child"
        else rng.choice(["18-29", "30-49", "50-64", "65-74", "75+"]),
        contact_requested=contact_requested,
        contact=ContactInput(
            name=f"Demo Asiakas {number}", email=f"asiakas{number}@example.fi", phone=""
        )
        if contact_requested
        else None,
    )


def _load_survey_responses(
    points: list[CollectionPoint], *, county: Organization, seed: int
) -> int:
    """Answers from every collection point, most of them of the last three months and the
    rest of the eight months before (so the previous half-year has a summary and a trend
    to compare against); the ones with a
    comment get a handling history like other feedback."""
    rng = random.Random(seed + 6)
    now = timezone.now()
    weights = [
        {"web": 4, "tablet": 3, "qr": 2, "sms": 3, "paper": 2, "oral": 1}[p.channel] for p in points
    ]
    recorder = User.objects.filter(username="hoitaja").first()
    handlers = list(
        User.objects.filter(
            memberships__role__in=["handler", "supervisor"],
            memberships__organization__path__startswith=county.path,
        ).distinct()
    )
    existing = set(
        SurveyResponse.objects.filter(idempotency_key__startswith="demo-").values_list(
            "idempotency_key", flat=True
        )
    )
    created = 0
    for number in range(1, data.SURVEY_RESPONSE_COUNT + 1):
        point = rng.choices(points, weights)[0]
        answers = _demo_answers(rng, point, number)
        days_ago = (
            rng.triangular(0, 90, 5) if number <= data.SURVEY_RECENT_COUNT else rng.uniform(90, 330)
        )
        received_at = (now - dt.timedelta(days=days_ago)).replace(
            hour=rng.randint(7, 20), minute=rng.randint(0, 59), second=0, microsecond=0
        )
        received_at = min(received_at, now - dt.timedelta(minutes=5))
        key = f"demo-{number:04d}"
        if key in existing:
            continue
        with transaction.atomic():
            response = submit_survey(
                point=point,
                version=point.questionnaire.current_version(),
                answers=answers,
                idempotency_key=key,
                recorded_by=recorder if point.channel in ("paper", "oral") else None,
                received_at=received_at,
                notify=False,
            )
            if response.feedback.status != Feedback.Status.CLOSED:
                _handle(rng, response.feedback, handlers, now)
        created += 1
    return created
