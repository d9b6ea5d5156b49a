"""The unified report as JSON: GET /api/v1/reports/?organization=<code>&start=…&end=…

For a staff member signed in to the back office who may see the organisation's feedback,
or for an API key of the organisation or of an organisation above it (a key without an
organisation covers the whole installation). Figures computed from fewer than five answers
are null, as everywhere else (``suppressed`` tells which).
"""

from __future__ import annotations

from django.utils import timezone, translation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.exceptions import (
    AuthenticationFailed,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Throttled,
)
from rest_framework.response import Response
from rest_framework.views import APIView

from palaute.integrations import services as keys
from palaute.integrations.models import ApiKey
from palaute.integrations.schema import FIELD_ERRORS, KEY_ERRORS
from palaute.organizations import policy
from palaute.organizations.models import Organization

from . import selectors


class ApiKeyAuthentication(BaseAuthentication):
    """An organisation's API key: ``Authorization: Bearer <key>`` or ``X-Api-Key``."""

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        raw = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
        raw = raw or request.headers.get("X-Api-Key", "")
        if not raw:
            return None
        key = keys.find_key(raw=raw)
        if key is None:
            raise AuthenticationFailed("The API key is not valid.")
        return None, key

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "organisationApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key of the organisation (palaute create_api_key); it "
            "covers the organisation and everything below it.",
        }


class ReportQuery(serializers.Serializer):
    organization = serializers.SlugField(
        required=False,
        help_text="Code of the organisation node; the report covers it and its subtree. "
        "Defaults to the API key's organisation or the user's highest one.",
    )
    start = serializers.DateField(
        required=False, help_text="First day (YYYY-MM-DD, local time). Default: the half-year."
    )
    end = serializers.DateField(
        required=False, help_text="Last day, inclusive (YYYY-MM-DD). At most 3 years after start."
    )

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if (start is None) != (end is None):
            missing = "end" if end is None else "start"
            raise serializers.ValidationError({missing: ["Give both start and end, or neither."]})
        if start is None:
            attrs["start"], attrs["end"] = selectors.half_year(timezone.localdate())
        elif error := selectors.period_error(start=start, end=end):
            raise serializers.ValidationError({"end": [error]})
        return attrs


_STATEMENT = {
    "code": serializers.CharField(),
    "text": serializers.DictField(child=serializers.CharField()),
    "count": serializers.IntegerField(),
    "positive_share": serializers.FloatField(allow_null=True, help_text="Percent of 4–5."),
    "distribution": serializers.DictField(
        child=serializers.IntegerField(), allow_null=True, help_text='"1".."5": answers'
    ),
    "no_opinion": serializers.IntegerField(),
    "suppressed": serializers.BooleanField(),
    "previous": serializers.FloatField(allow_null=True),
    "change": serializers.FloatField(allow_null=True, help_text="Percentage points."),
}
REPORT_SCHEMA = {
    "organization": serializers.DictField(),
    "start": serializers.DateField(),
    "end": serializers.DateField(),
    "previous": serializers.DictField(
        child=serializers.DateField(), allow_null=True, help_text="The compared period."
    ),
    "min_group": serializers.IntegerField(),
    "generated_at": serializers.DateTimeField(),
    "volumes": serializers.DictField(
        help_text="total, critical, by_kind, by_channel, by_topic, by_month"
    ),
    "questionnaires": serializers.ListField(child=serializers.DictField()),
    "responses": serializers.IntegerField(),
    "nps": serializers.DictField(
        help_text="value (−100..100), count, promoters, passives, detractors, distribution "
        "(0–10), suppressed, previous, change"
    ),
    "statements": serializers.ListField(
        child=inline_serializer("ReportStatement", _STATEMENT),
        help_text="The seven national statements in order.",
    ),
    "own_statements": serializers.ListField(
        child=inline_serializer(
            "ReportOwnStatement", {"id": serializers.IntegerField(), **_STATEMENT}
        )
    ),
    "handling": serializers.DictField(
        help_text="to_handle, processing, contact, median_hours, median_days, handled, "
        "suppressed, overdue_now"
    ),
    "critical": serializers.DictField(
        help_text="count, acknowledged, median_minutes_to_ack, suppressed"
    ),
    "actions": serializers.DictField(help_text="started, done, overdue, items"),
    "themes": serializers.ListField(
        child=inline_serializer(
            "ReportTheme",
            {
                "lemma": serializers.CharField(),
                "count": serializers.IntegerField(),
                "quotes": serializers.ListField(child=serializers.CharField()),
            },
        )
    ),
}


class ReportView(APIView):
    """The unified report of an organisation and its subtree for a period."""

    authentication_classes = [ApiKeyAuthentication, SessionAuthentication]
    permission_classes: list = []
    api_key: ApiKey | None = None

    def dispatch(self, request, *args, **kwargs):
        # The API speaks English (errors and labels) whatever the site's language; names
        # come in every language in the figures themselves.
        with translation.override("en"):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if isinstance(request.auth, ApiKey):
            self.api_key = request.auth
            if wait := keys.rate_limit_wait(key=self.api_key):
                raise Throttled(
                    wait=wait, detail="The hourly rate limit of this API key is used up."
                )
        elif request.user is None or not request.user.is_authenticated:
            raise NotAuthenticated(
                "Sign in to the back office or give an API key: Authorization: Bearer <key>."
            )

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

    def _organization(self, code: str | None) -> Organization:
        if not code:
            if self.api_key is not None and self.api_key.organization is not None:
                return self.api_key.organization
            if self.api_key is None:
                top = (
                    policy.organizations(user=self.request.user, action=policy.Action.VIEW)
                    .order_by("depth", "path")
                    .first()
                )
                if top is not None:
                    return top
            raise serializers.ValidationError({"organization": ["Give the organisation's code."]})
        organization = Organization.objects.filter(code=code).first()
        if organization is None:
            raise NotFound("No organisation has this code.")
        if self.api_key is not None:
            owner = self.api_key.organization
            if owner is not None and not organization.path.startswith(owner.path):
                raise PermissionDenied("The API key does not cover this organisation.")
        elif not policy.can(
            user=self.request.user, action=policy.Action.VIEW, organization=organization
        ):
            raise PermissionDenied("You may not see this organisation's reports.")
        return organization

    @extend_schema(
        summary="The unified report of an organisation and its subtree",
        description=(
            "Volumes, the recommendation index (NPS), the national and own statements, "
            "handling deadlines, critical feedback, development actions and themes of the "
            "free text, for feedback and answers received on the local dates start..end, "
            "with the previous period of the same length for comparison. Any value computed "
            "from fewer than min_group (5) answers is null and flagged suppressed. "
            "Authenticate with an API key of the organisation or of one above it "
            "(Authorization: Bearer <key>), or with a back-office session."
        ),
        tags=["Reports"],
        parameters=[
            OpenApiParameter("organization", OpenApiTypes.STR, description="Organisation code"),
            OpenApiParameter("start", OpenApiTypes.DATE, description="First day (YYYY-MM-DD)"),
            OpenApiParameter("end", OpenApiTypes.DATE, description="Last day (YYYY-MM-DD)"),
        ],
        responses={
            200: inline_serializer("Report", REPORT_SCHEMA),
            400: OpenApiResponse(FIELD_ERRORS, description="Bad parameters"),
            **KEY_ERRORS,
        },
        examples=[
            OpenApiExample(
                "A half-year",
                value={"organization": "health", "start": "2025-01-01", "end": "2025-06-30"},
                request_only=True,
            )
        ],
    )
    def get(self, request):
        query = ReportQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        organization = self._organization(query.validated_data.get("organization"))
        figures = selectors.report_figures(
            organization=organization,
            start=query.validated_data["start"],
            end=query.validated_data["end"],
        )
        return Response(figures)
