"""An integration (a patient system, a booking system) invites a customer by text message
after a visit: POST /api/v1/survey-invitations/ with an API key of the organisation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied, Throttled
from rest_framework.parsers import FormParser
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from palaute import throttle
from palaute.integrations import services as keys
from palaute.integrations.models import ApiKey
from palaute.integrations.parsers import TextJSONParser
from palaute.integrations.schema import KEY_ERRORS, detail

from . import selectors, services
from .models import CollectionPoint, SmsInvitation


class InvitationSerializer(serializers.Serializer):
    collection_point = serializers.CharField(max_length=24)
    phone = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(
        choices=SmsInvitation.Kind.values, default=SmsInvitation.Kind.LINK
    )
    language = serializers.ChoiceField(choices=["fi", "sv", "en"], default="fi")


REFUSED = inline_serializer(
    "InvitationRefused",
    {
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="Messages by field; the empty key for the request as a whole.",
        ),
        "code": serializers.CharField(),
    },
)


def _first_code(codes) -> str:
    if isinstance(codes, dict):
        codes = list(codes.values())
    if isinstance(codes, list):
        return next((code for item in codes if (code := _first_code(item))), "")
    return str(codes or "")


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _messages(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]


def refusal(errors: dict, code: str) -> Response:
    return Response({"errors": errors, "code": code}, status=status.HTTP_400_BAD_REQUEST)


def invitation_errors(exc, context):
    """A refused body (bad fields, unreadable JSON) in the one documented shape
    {"errors": {field: [messages]}, "code"}; other errors keep DRF's {"detail"}."""
    response = exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_400_BAD_REQUEST:
        by_field = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        errors = {str(field): _messages(value) for field, value in by_field.items()}
        return refusal(errors, _first_code(exc.get_codes()) or "invalid")
    return response


class InvitationView(APIView):
    """Send one invitation. The number is used for the message only; the answer does not
    keep it. The 30-day rule and opt-outs apply as in the back office."""

    authentication_classes: list = []
    permission_classes: list = []
    parser_classes = [TextJSONParser, FormParser]
    api_key: ApiKey | None = None

    def get_exception_handler(self):
        return invitation_errors

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if wait := throttle.hit(request, throttle.API_WRITES):
            raise Throttled(wait=wait, detail="Too many requests from this address.")
        header = request.headers.get("Authorization", "")
        raw = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
        raw = raw or request.headers.get("X-Api-Key", "")
        self.api_key = keys.find_key(raw=raw) if raw else None
        if self.api_key is None:
            raise NotAuthenticated("A valid API key is needed: Authorization: Bearer <key>.")
        if wait := keys.rate_limit_wait(key=self.api_key):
            raise Throttled(wait=wait, detail="The hourly rate limit of this API key is used up.")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.api_key is not None:
            keys.record_request(
                key=self.api_key,
                method=request.method,
                path=request.path,
                status_code=response.status_code,
            )
        return response

    @extend_schema(
        summary="Invite a customer to give feedback by text message",
        request=InvitationSerializer,
        responses={
            201: inline_serializer(
                "InvitationSent",
                {"status": serializers.CharField(), "kind": serializers.CharField()},
            ),
            400: REFUSED,
            **KEY_ERRORS,
            415: detail("The body is neither JSON nor form fields"),
        },
        examples=[
            OpenApiExample(
                "After a visit",
                value={"collection_point": "Ab3dEf6hIj8k", "phone": "040 123 4567"},
                request_only=True,
            )
        ],
    )
    def post(self, request):
        serializer = InvitationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        point = selectors.active_point(code=data["collection_point"])
        if point is None or point.channel != CollectionPoint.Channel.SMS:
            raise NotFound("No text-message collection point has this code.")
        owner = self.api_key.organization
        if owner is not None and not point.organization.path.startswith(owner.path):
            raise PermissionDenied("The collection point belongs to another organisation.")
        try:
            services.invite_by_sms(
                point=point, phone=data["phone"], kind=data["kind"], language=data["language"]
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            code = next(
                (
                    e.code
                    for errs in getattr(error, "error_dict", {}).values()
                    for e in errs
                    if e.code
                ),
                "invalid",
            )
            return refusal(errors, code)
        return Response({"status": "sent", "kind": data["kind"]}, status=status.HTTP_201_CREATED)
