"""Open311 GeoReport v2 under /open311/v2/, in JSON and XML, with the Finnish extensions.

Every write goes through the same intake service as the web form; every read shows
public feedback only.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http import Http404
from django.utils import timezone, translation
from django.utils.http import http_date
from drf_spectacular.utils import extend_schema
from rest_framework import status as http
from rest_framework.exceptions import (
    APIException,
    NotFound,
    ParseError,
    PermissionDenied,
    Throttled,
    ValidationError,
)
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from palaute import throttle
from palaute.feedback import selectors
from palaute.feedback.models import Channel, Feedback, Intake, Topic
from palaute.feedback.services import (
    MAX_ATTACHMENTS,
    Acceptance,
    ContactInput,
    Idempotency,
    IdempotencyConflict,
    LocationInput,
    accept_submission,
    discard_staged_uploads,
    find_acceptance,
    find_submission,
    request_digest,
    stage_upload,
    submit_feedback,
    submit_feedback_once,
)
from palaute.integrations import services as keys
from palaute.integrations.models import ApiKey
from palaute.integrations.parsers import TextJSONParser
from palaute.privacy.media import UploadRejected

from . import params, representations
from .renderers import Open311JSONRenderer, Open311XMLRenderer
from .schema import documented

MAX_RESULTS = 1000
MAX_RANGE = dt.timedelta(days=90)
MAX_DESCRIPTION = 4000
UPDATES_DEFAULT_RANGE = dt.timedelta(days=1)
IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,200}")


def error_handler(exc, context):
    """Errors as the standard has them: a list of {code, description}."""
    if isinstance(exc, Http404):
        exc = NotFound()
    if isinstance(exc, SuspiciousOperation):
        exc = ValidationError("The request is too large or malformed.")
    if not isinstance(exc, APIException):
        return None
    detail = exc.detail
    if isinstance(detail, dict):
        messages = [
            f"{key}: {' '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in detail.items()
        ]
    elif isinstance(detail, list):
        messages = [str(item) for item in detail]
    else:
        messages = [str(detail)]
    code = exc.status_code
    response = Response(
        [{"code": code, "description": message} for message in messages], status=code
    )
    if isinstance(exc, Throttled) and exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


class SuffixNegotiation(DefaultContentNegotiation):
    """The suffix alone decides the format; Accept headers do not, as Open311 says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        for renderer in renderers:
            if renderer.format == (format_suffix or "json"):
                return renderer, renderer.media_type
        return renderers[0], renderers[0].media_type


class Open311View(APIView):
    renderer_classes = [Open311JSONRenderer, Open311XMLRenderer]
    content_negotiation_class = SuffixNegotiation
    parser_classes = [FormParser, MultiPartParser, TextJSONParser]
    authentication_classes: list = []
    permission_classes: list = []
    xml_root = "response"
    xml_item = "item"
    api_key: ApiKey | None = None

    def get_exception_handler(self):
        return error_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method == "POST" and not hasattr(request.data, "get"):
            raise ParseError("The body must be form fields or a JSON object.")
        for name, argument in kwargs.items():
            if isinstance(argument, str) and params.UNFIT.search(argument):
                raise NotFound(f"Unknown {name}.")
        source = request.query_params
        if params.value(source, "locale") is None:
            source = request_data(request)
        translation.activate(params.language(source))
        if request.method == "POST" and (wait := throttle.hit(request, throttle.OPEN311_POSTS)):
            raise Throttled(wait=wait, detail="Too many requests from this address.")
        self.api_key = self._key(request)

    def _key(self, request) -> ApiKey | None:
        raw = params.value(request_data(request), "api_key") or params.value(
            request.query_params, "api_key"
        )
        key = keys.find_key(raw=raw) if raw else None
        if key is not None and (wait := keys.rate_limit_wait(key=key)):
            keys.record_request(key=key, method=request.method, path=request.path, status_code=429)
            raise Throttled(wait=wait, detail="The hourly rate limit of this API key is used up.")
        return key

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.api_key is not None:
            keys.record_request(
                key=self.api_key,
                method=request.method,
                path=request.path,
                status_code=response.status_code,
            )
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response["Cache-Control"] = "public, max-age=60"
            response["Vary"] = "Accept-Language"
        return response

    def extensions(self) -> bool:
        return params.boolean(self.request.query_params, "extensions", default=False)


def request_data(request):
    """The POST body, or nothing for reads."""
    return request.data if request.method == "POST" else {}


def with_last_modified(response: Response, moment: dt.datetime | None) -> Response:
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())
    return response


@documented("discovery")
class DiscoveryView(Open311View):
    xml_root = "discovery"

    def get(self, request, format=None):
        return Response(representations.discovery(base_url=representations.base_url()))


@documented("services")
class ServiceListView(Open311View):
    xml_root = "services"
    xml_item = "service"

    def get(self, request, format=None):
        services = selectors.open311_services()
        data = [
            representations.service(topic, group=group, has_attributes=has_attributes)
            for topic, group, has_attributes in services
        ]
        return Response(data)


@documented("service_definition")
class ServiceDefinitionView(Open311View):
    xml_root = "service_definition"

    def get(self, request, service_code: str, format=None):
        selectable = {t.service_code for t in selectors.selectable_topics()}
        topic = (
            Topic.objects.filter(service_code=service_code)
            .prefetch_related("attributes__values")
            .first()
            if service_code in selectable
            else None
        )
        if topic is None:
            raise NotFound(f"No service with the code {service_code}.")
        changed = max([topic.updated_at, *(a.updated_at for a in topic.attributes.all())])
        return with_last_modified(Response(representations.service_definition(topic)), changed)


@documented("requests")
class RequestListView(Open311View):
    xml_root = "service_requests"
    xml_item = "request"

    def get(self, request, format=None):
        query = request.query_params
        ids = params.csv(query, "service_request_id")
        page_size = params.positive_int(
            query, "page_size", default=MAX_RESULTS, maximum=MAX_RESULTS
        )
        page = params.positive_int(query, "page", default=1, maximum=10_000)
        if ids is not None:
            feedback = selectors.open311_requests(ids=ids)
        else:
            feedback = selectors.open311_requests(**self._filters(query))
        items = list(feedback[(page - 1) * page_size : page * page_size])
        return Response([representations.request(i, extensions=self.extensions()) for i in items])

    def _filters(self, query) -> dict:
        start = params.moment(query, "start_date")
        end = params.moment(query, "end_date", end_of_day=True)
        if end is None:
            end = start + MAX_RANGE if start is not None else timezone.now()
        if start is None:
            start = end - MAX_RANGE
        if start > end:
            raise ValidationError("start_date must be before end_date.")
        if end - start > MAX_RANGE:
            raise ValidationError("start_date and end_date may be at most 90 days apart.")
        statuses = params.csv(query, "status")
        states: list[str] | None = None
        if statuses:
            unknown = set(statuses) - {"open", "closed"}
            if unknown:
                raise ValidationError("status must be open, closed or both, comma separated.")
            states = []
            if "open" in statuses:
                states += sorted(representations.OPEN_STATUSES)
            if "closed" in statuses:
                states += [Feedback.Status.ANSWERED, Feedback.Status.CLOSED]
        return {
            "service_codes": params.csv(query, "service_code"),
            "start": start,
            "end": end,
            "statuses": states,
            "updated_after": params.moment(query, "updated_after"),
            "updated_before": params.moment(query, "updated_before", end_of_day=True),
            "near": self._near(query),
            "bbox": self._bbox(query),
            "service_object": self._service_object(query),
        }

    def _near(self, query):
        lat = params.number(query, "lat", low=-90, high=90)
        lon = params.number(query, "long", low=-180, high=180)
        radius = params.number(query, "radius", low=1, high=100_000)
        given = [value is not None for value in (lat, lon, radius)]
        if any(given) and not all(given):
            raise ValidationError("lat, long and radius (metres) go together.")
        return (lat, lon, radius) if all(given) else None

    def _bbox(self, query):
        raw = params.csv(query, "bbox")
        if raw is None:
            return None
        if len(raw) != 4:
            raise ValidationError("bbox must be min_long,min_lat,max_long,max_lat.")
        box = [
            params.parse_number(part, "bbox", low=-limit, high=limit)
            for part, limit in zip(raw, (180, 90, 180, 90), strict=True)
        ]
        if box[0] > box[2] or box[1] > box[3]:
            raise ValidationError("bbox must be min_long,min_lat,max_long,max_lat.")
        return tuple(box)

    def _service_object(self, query):
        object_id = params.value(query, "service_object_id")
        object_type = params.value(query, "service_object_type")
        if object_id and not object_type:
            raise ValidationError("service_object_id needs service_object_type.")
        return (object_id, object_type) if object_id else None

    def post(self, request, format=None):
        if self.api_key is None:
            raise PermissionDenied("A valid api_key is needed to post a request.")
        data = request.data
        topic = self._topic(data)
        description = params.value(data, "description")
        if description is None:
            raise ValidationError("description is required.")
        if len(description) > MAX_DESCRIPTION:
            raise ValidationError(f"description may be at most {MAX_DESCRIPTION} characters.")
        arguments = {
            "topic": topic,
            "title": (params.value(data, "title") or _title_from(description))[:200],
            "text": description,
            "channel": Channel.OPEN311,
            "language": translation.get_language() or "fi",
            "publish_consent": params.boolean(data, "publish_consent", default=True),
            "contact": self._contact(data),
            "location": self._location(data),
            "contact_requested": params.boolean(data, "contact_requested", default=False),
            "attributes": _attributes(data),
            "channel_data": self._channel_data(data),
            "channel_private": self._channel_private(data),
        }
        idempotency = self._idempotency(request)
        if settings.PALAUTE_DEFERRED_INTAKE:
            return self._accept(request, arguments, idempotency)
        if idempotency is not None and (sent := self._find(idempotency)) is not None:
            return self._created(sent, replayed=True)
        uploads = self._uploads(request)
        try:
            if idempotency is None:
                submission = submit_feedback(uploads=uploads, **arguments)
            else:
                submission = submit_feedback_once(
                    idempotency=idempotency, uploads=uploads, **arguments
                )
        except DjangoValidationError as error:
            discard_staged_uploads(uploads=uploads)
            raise ValidationError(_messages(error)) from error
        except IdempotencyConflict as conflict:
            discard_staged_uploads(uploads=uploads)
            raise _conflict(conflict) from conflict
        except Exception:
            discard_staged_uploads(uploads=uploads)
            raise
        if submission.replayed:
            discard_staged_uploads(uploads=uploads)
        return self._created(submission.feedback, replayed=submission.replayed)

    def _accept(self, request, arguments: dict, idempotency: Idempotency | None) -> Response:
        """Deferred intake: the request is checked and accepted in one insert, answered
        with a token that tokens/{token} turns into the service_request_id once recorded."""
        try:
            sent = find_acceptance(idempotency=idempotency) if idempotency else None
        except IdempotencyConflict as conflict:
            raise _conflict(conflict) from conflict
        if sent is not None:
            return self._answer(sent)
        uploads = self._uploads(request)
        try:
            accepted = accept_submission(idempotency=idempotency, uploads=uploads, **arguments)
        except DjangoValidationError as error:
            discard_staged_uploads(uploads=uploads)
            raise ValidationError(_messages(error)) from error
        except IdempotencyConflict as conflict:
            discard_staged_uploads(uploads=uploads)
            raise _conflict(conflict) from conflict
        except Exception:
            discard_staged_uploads(uploads=uploads)
            raise
        if accepted.replayed:
            discard_staged_uploads(uploads=uploads)
        return self._answer(accepted, account_id=arguments["channel_private"].get("account_id"))

    def _answer(self, accepted: Acceptance, *, account_id: str | None = None) -> Response:
        """The answer to an accepted request, the same again to a resent one: its token,
        or the service_request_id when it was recorded at once before intake was
        deferred."""
        if accepted.intake is None:
            return self._created(accepted.feedback, replayed=accepted.replayed)
        intake = accepted.intake
        if accepted.replayed:
            account_id = intake_account_id(intake)
        answer = {
            "token": intake.public_id,
            "service_notice": representations.intake_notice(intake),
            "account_id": account_id,
        }
        response = Response([answer], status=http.HTTP_201_CREATED)
        if accepted.replayed:
            response["Idempotent-Replayed"] = "true"
        return response

    def _created(self, feedback: Feedback, *, replayed: bool) -> Response:
        """The answer to a new request, and the same again to a resent one. Always the id,
        public or not: clients such as FixMyStreet resend a request whose answer lacks
        one. The id is not secret; requests/{id} answers 404 until public."""
        answer = {
            "service_request_id": feedback.reference,
            "service_notice": representations.service_notice(feedback),
            "account_id": feedback.channel_private.get("account_id"),
        }
        response = Response([answer], status=http.HTTP_201_CREATED)
        if replayed:
            response["Idempotent-Replayed"] = "true"
        return response

    def _idempotency(self, request) -> Idempotency | None:
        """The client's Idempotency-Key header (or idempotency_key field), unique per API
        key, and a digest of the request's fields and files."""
        key = request.headers.get("Idempotency-Key") or params.value(
            request.data, "idempotency_key"
        )
        if key is None:
            return None
        if not IDEMPOTENCY_KEY.fullmatch(key):
            raise ValidationError(
                "Idempotency-Key must be 1 to 200 visible ASCII characters, no spaces."
            )
        files = request.FILES.getlist("media") + request.FILES.getlist("media[]")
        data = request.data
        fields = [
            (name, data.getlist(name) if hasattr(data, "getlist") else data[name])
            for name in data
            if name not in ("api_key", "idempotency_key", "media", "media[]")
        ]
        fields += [(f"media:{file.name}", file.size) for file in files]
        return Idempotency(
            scope=f"open311:{self.api_key.pk}", key=key, digest=request_digest(fields)
        )

    @staticmethod
    def _find(idempotency: Idempotency) -> Feedback | None:
        try:
            sent = find_submission(idempotency=idempotency)
        except IdempotencyConflict as conflict:
            raise _conflict(conflict) from conflict
        return sent.feedback if sent else None

    def _topic(self, data) -> Topic:
        code = params.value(data, "service_code")
        if code is None:
            raise ValidationError("service_code is required.")
        topic = next((t for t in selectors.selectable_topics() if t.service_code == code), None)
        if topic is None:
            raise ValidationError(f"service_code {code} is not a service that takes requests.")
        return topic

    def _contact(self, data) -> ContactInput:
        email = params.value(data, "email") or ""
        if len(email) > 254:
            raise ValidationError("email is not a valid email address.")
        if email:
            try:
                EmailValidator()(email)
            except DjangoValidationError as error:
                raise ValidationError("email is not a valid email address.") from error
        name = " ".join(
            part
            for part in (params.value(data, "first_name"), params.value(data, "last_name"))
            if part
        )
        return ContactInput(
            name=name[:200], email=email, phone=(params.value(data, "phone") or "")[:32]
        )

    def _location(self, data) -> LocationInput:
        lat = params.number(data, "lat", low=-90, high=90)
        lon = params.number(data, "long", low=-180, high=180)
        if (lat is None) != (lon is None):
            raise ValidationError("lat and long go together.")
        return LocationInput(
            latitude=Decimal(str(round(lat, 6))) if lat is not None else None,
            longitude=Decimal(str(round(lon, 6))) if lon is not None else None,
            address=(params.value(data, "address_string") or "")[:255],
            address_id=(params.value(data, "address_id") or "")[:100],
        )

    def _channel_data(self, data) -> dict:
        channel_data = {"api_key": self.api_key.pk}
        for name in ("service_object_id", "service_object_type"):
            if (item := params.value(data, name)) is not None:
                channel_data[name] = item[:200]
        return channel_data

    def _channel_private(self, data) -> dict:
        """The sender's device and account ids and the link to their file: personal data,
        kept encrypted and erased with the contact details."""
        private = {}
        for name in ("device_id", "account_id"):
            if (item := params.value(data, name)) is not None:
                private[name] = item[:200]
        if (media_url := params.value(data, "media_url")) is not None:
            try:
                URLValidator(schemes=["http", "https"])(media_url)
            except DjangoValidationError as error:
                raise ValidationError("media_url must be an http or https address.") from error
            private["media_url"] = media_url[:500]
        return private

    def _uploads(self, request) -> list:
        files = request.FILES.getlist("media") + request.FILES.getlist("media[]")
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(f"At most {MAX_ATTACHMENTS} media files can be sent.")
        staged = []
        try:
            for file in files:
                staged.append(stage_upload(uploaded=file))
        except UploadRejected as error:
            discard_staged_uploads(uploads=staged)
            raise ValidationError(f"media {file.name}: {error}") from error
        return staged


class Conflict(APIException):
    status_code = http.HTTP_409_CONFLICT
    default_code = "conflict"


def _conflict(conflict: IdempotencyConflict) -> Conflict:
    first = (
        f"service_request_id {conflict.reference}"
        if conflict.reference
        else f"token {conflict.intake.public_id}"
    )
    return Conflict(
        f"This Idempotency-Key was used for a different request ({first}); "
        "use a new key for a new request."
    )


def intake_account_id(intake: Intake) -> str | None:
    """The account_id the client sent with an accepted request: in the payload until it
    is recorded, then with the feedback."""
    if intake.feedback is not None:
        return intake.feedback.channel_private.get("account_id")
    return (intake.payload or {}).get("channel_private", {}).get("account_id")


def _title_from(description: str) -> str:
    first_line = description.strip().splitlines()[0]
    if len(first_line) <= 80:
        return first_line
    return first_line[:80].rsplit(" ", 1)[0] + "…"


def _attributes(data) -> dict[str, list[str]]:
    """attribute[code]=value and attribute[code][]=v1&attribute[code][]=v2."""
    answers: dict[str, list[str]] = {}
    for key in data:
        if not key.startswith("attribute[") or "]" not in key:
            continue
        code = key[len("attribute[") : key.index("]")]
        values = data.getlist(key) if hasattr(data, "getlist") else data[key]
        for value in values if isinstance(values, list) else [values]:
            answers.setdefault(code, []).append(params.text(str(value), key))
    nested = data.get("attribute")
    if isinstance(nested, dict):
        for code, value in nested.items():
            for item in value if isinstance(value, list) else [value]:
                answers.setdefault(str(code), []).append(
                    params.text(str(item), f"attribute[{code}]")
                )
    return answers


def _messages(error: DjangoValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{'location' if field == 'address' else field}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


@documented("request")
class RequestDetailView(Open311View):
    xml_root = "service_requests"
    xml_item = "request"

    def get(self, request, service_request_id: str, format=None):
        feedback = selectors.open311_requests(ids=[service_request_id]).first()
        if feedback is None:
            raise NotFound(f"No public request {service_request_id}.")
        data = [representations.request(feedback, extensions=self.extensions())]
        return with_last_modified(Response(data), feedback.updated_at)


@documented("token")
class TokenView(Open311View):
    """The service_request_id of a request answered with a token (deferred intake), once
    it is recorded; until then the token alone. Not kept in shared caches: it changes."""

    xml_root = "service_requests"
    xml_item = "request"

    def get(self, request, token: str, format=None):
        intake = selectors.get_intake(public_id=token)
        if intake is None:
            raise NotFound("Unknown token.")
        item = {"token": intake.public_id}
        if intake.feedback is not None:
            item = {"service_request_id": intake.feedback.reference, **item}
        return Response([item])

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-cache"
        return response


@documented("updates")
class RequestUpdatesView(Open311View):
    xml_root = "service_requests_updates"
    xml_item = "request_update"

    def get(self, request, format=None):
        query = request.query_params
        end = params.moment(query, "end_date", end_of_day=True) or timezone.now()
        start = params.moment(query, "start_date") or end - UPDATES_DEFAULT_RANGE
        if start > end or end - start > MAX_RANGE:
            raise ValidationError(
                "start_date and end_date must be in order and at most 90 days apart."
            )
        size = params.positive_int(query, "page_size", default=MAX_RESULTS, maximum=MAX_RESULTS)
        page = params.positive_int(query, "page", default=1, maximum=10_000)
        events = selectors.open311_updates(start=start, end=end)
        items = list(events[(page - 1) * size : page * size])
        return Response([representations.request_update(event) for event in items])


@extend_schema(exclude=True)
class NotFoundView(Open311View):
    """Anything else under /open311/v2/: an Open311 error in the format the suffix asks."""

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, format="xml" if request.path.endswith(".xml") else "json")

    def get(self, request, format=None):
        raise NotFound("No such endpoint. See discovery.json.")

    post = get
