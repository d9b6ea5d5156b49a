"""OpenAPI description of the JSON form of the API (the XML forms mirror it)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers

TAG = "Open311 GeoReport v2"


def only_json_paths(endpoints):
    """Keep the .json endpoints; the .xml ones answer the same in XML."""
    return [endpoint for endpoint in endpoints if not endpoint[0].endswith(".xml")]


class Error(serializers.Serializer):
    code = serializers.IntegerField()
    description = serializers.CharField()

    class Meta:
        ref_name = "Error"


ERRORS = {
    400: OpenApiResponse(Error(many=True), description="Bad parameters"),
    404: OpenApiResponse(Error(many=True), description="Not found or not public"),
}
# Any endpoint refuses a parameter with control characters (400), and one given a used-up
# api_key answers 429.
COMMON_ERRORS = {
    400: ERRORS[400],
    429: OpenApiResponse(Error(many=True), description="Rate limit of the key"),
}


class Endpoint(serializers.Serializer):
    specification = serializers.URLField()
    url = serializers.URLField()
    changeset = serializers.DateTimeField()
    type = serializers.ChoiceField(["production", "test"])
    formats = serializers.ListField(child=serializers.CharField())

    class Meta:
        ref_name = "Endpoint"


class Discovery(serializers.Serializer):
    changeset = serializers.DateTimeField()
    contact = serializers.CharField()
    key_service = serializers.CharField()
    locales = serializers.ListField(child=serializers.CharField())
    endpoints = Endpoint(many=True)

    class Meta:
        ref_name = "Discovery"


class Service(serializers.Serializer):
    service_code = serializers.CharField()
    service_name = serializers.CharField()
    description = serializers.CharField()
    metadata = serializers.BooleanField()
    type = serializers.ChoiceField(["realtime", "batch", "blackbox"])
    keywords = serializers.CharField(help_text="Comma separated")
    group = serializers.CharField()

    class Meta:
        ref_name = "Service"


class AttributeValue(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()

    class Meta:
        ref_name = "AttributeValue"


class Attribute(serializers.Serializer):
    variable = serializers.BooleanField()
    code = serializers.CharField()
    datatype = serializers.ChoiceField(
        ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
    )
    required = serializers.BooleanField()
    datatype_description = serializers.CharField()
    order = serializers.IntegerField()
    description = serializers.CharField()
    values = AttributeValue(many=True, required=False)

    class Meta:
        ref_name = "Attribute"


class ServiceDefinition(serializers.Serializer):
    service_code = serializers.CharField()
    attributes = Attribute(many=True)

    class Meta:
        ref_name = "ServiceDefinition"


class History(serializers.Serializer):
    time = serializers.DateTimeField()
    status = serializers.ChoiceField(["received", "allocated", "handling", "done"])
    note = serializers.CharField()

    class Meta:
        ref_name = "RequestHistory"


class Extended(serializers.Serializer):
    title = serializers.CharField()
    media_urls = serializers.ListField(child=serializers.URLField())
    detailed_status = serializers.ChoiceField(
        ["RECEIVED", "IN_PROCESSING", "WAITING", "ANSWERED", "CLOSED"]
    )
    service_object_id = serializers.CharField()
    service_object_type = serializers.CharField()
    request_history = History(many=True)

    class Meta:
        ref_name = "ExtendedAttributes"


class Request(serializers.Serializer):
    service_request_id = serializers.CharField()
    status = serializers.ChoiceField(["open", "closed"])
    status_notes = serializers.CharField(help_text="The newest public answer")
    service_name = serializers.CharField()
    service_code = serializers.CharField()
    description = serializers.CharField(help_text="The public text")
    agency_responsible = serializers.CharField()
    service_notice = serializers.CharField()
    requested_datetime = serializers.DateTimeField()
    updated_datetime = serializers.DateTimeField()
    expected_datetime = serializers.DateTimeField(allow_null=True)
    address = serializers.CharField()
    address_id = serializers.CharField()
    zipcode = serializers.CharField()
    lat = serializers.FloatField(allow_null=True)
    long = serializers.FloatField(allow_null=True)
    media_url = serializers.CharField()
    extended_attributes = Extended(required=False, help_text="With extensions=true")

    class Meta:
        ref_name = "ServiceRequest"


class Created(serializers.Serializer):
    service_request_id = serializers.CharField(
        required=False, help_text="When the request is recorded at once"
    )
    token = serializers.CharField(
        required=False, help_text="When it is recorded in the background: ask tokens/{token}"
    )
    service_notice = serializers.CharField()
    account_id = serializers.CharField(allow_null=True)

    class Meta:
        ref_name = "RequestCreated"


class NewRequest(serializers.Serializer):
    api_key = serializers.CharField()
    service_code = serializers.CharField()
    description = serializers.CharField(max_length=4000)
    title = serializers.CharField(required=False)
    lat = serializers.FloatField(required=False)
    long = serializers.FloatField(required=False)
    address_string = serializers.CharField(required=False)
    address_id = serializers.CharField(required=False)
    email = serializers.EmailField(required=False)
    first_name = serializers.CharField(required=False)
    last_name = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    device_id = serializers.CharField(required=False)
    account_id = serializers.CharField(required=False)
    media_url = serializers.URLField(required=False)
    media = serializers.ListField(child=serializers.FileField(), required=False)
    publish_consent = serializers.BooleanField(
        required=False, default=True, help_text="May the request be published (S2)"
    )
    contact_requested = serializers.BooleanField(required=False, default=False)
    service_object_id = serializers.CharField(required=False)
    service_object_type = serializers.CharField(required=False)
    jurisdiction_id = serializers.CharField(required=False)
    idempotency_key = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Extension: the Idempotency-Key header, for clients that cannot set headers",
    )

    class Meta:
        ref_name = "NewServiceRequest"


class Token(serializers.Serializer):
    service_request_id = serializers.CharField(required=False)
    token = serializers.CharField()

    class Meta:
        ref_name = "Token"


class Update(serializers.Serializer):
    update_id = serializers.CharField()
    service_request_id = serializers.CharField()
    status = serializers.ChoiceField(["OPEN", "IN_PROGRESS", "ACTION_SCHEDULED", "CLOSED"])
    updated_datetime = serializers.DateTimeField()
    description = serializers.CharField()
    media_url = serializers.CharField()

    class Meta:
        ref_name = "ServiceRequestUpdate"


def _query(name: str, description: str, kind=OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description)


# The suffix (.json or .xml) is part of the path, not a parameter.
NO_FORMAT = OpenApiParameter("format", OpenApiTypes.STR, OpenApiParameter.QUERY, exclude=True)
COMMON = [
    NO_FORMAT,
    _query("locale", "fi_FI (default), sv_FI or en_GB"),
    _query("jurisdiction_id", "Accepted and ignored: one jurisdiction"),
]
REQUEST_FILTERS = [
    _query("service_request_id", "Comma list; overrides every other filter"),
    _query("service_code", "Comma list; a group's code covers its services"),
    _query("start_date", "On requested_datetime; default 90 days before end_date"),
    _query("end_date", "On requested_datetime; default now; at most 90 days after start_date"),
    _query("status", "open, closed or both, comma separated"),
    _query("page", "From 1", OpenApiTypes.INT),
    _query("page_size", "At most 1000 (the default)", OpenApiTypes.INT),
    _query("extensions", "true adds extended_attributes", OpenApiTypes.BOOL),
    _query("updated_after", "Extension: on updated_datetime"),
    _query("updated_before", "Extension: on updated_datetime"),
    _query("lat", "Extension: with long and radius", OpenApiTypes.FLOAT),
    _query("long", "Extension: with lat and radius", OpenApiTypes.FLOAT),
    _query("radius", "Extension: metres from lat, long", OpenApiTypes.FLOAT),
    _query("bbox", "Extension: min_long,min_lat,max_long,max_lat (WGS84)"),
    _query("service_object_id", "Extension: with service_object_type"),
    _query("service_object_type", "Extension"),
]

SCHEMAS = {
    "discovery": {
        "get": extend_schema(
            operation_id="discovery",
            tags=[TAG],
            responses={200: Discovery, **COMMON_ERRORS},
            parameters=COMMON,
        )
    },
    "services": {
        "get": extend_schema(
            operation_id="services",
            tags=[TAG],
            responses={200: Service(many=True), **COMMON_ERRORS},
            parameters=COMMON,
        )
    },
    "service_definition": {
        "get": extend_schema(
            operation_id="service_definition",
            tags=[TAG],
            responses={200: ServiceDefinition, **COMMON_ERRORS, **ERRORS},
            parameters=COMMON,
        )
    },
    "requests": {
        "get": extend_schema(
            operation_id="requests_list",
            tags=[TAG],
            responses={200: Request(many=True), **COMMON_ERRORS},
            parameters=COMMON + REQUEST_FILTERS,
        ),
        "post": extend_schema(
            operation_id="requests_create",
            tags=[TAG],
            request={
                "application/x-www-form-urlencoded": NewRequest,
                "multipart/form-data": NewRequest,
            },
            responses={
                201: Created(many=True),
                **COMMON_ERRORS,
                403: OpenApiResponse(Error(many=True), description="Missing or invalid api_key"),
                409: OpenApiResponse(
                    Error(many=True),
                    description="The Idempotency-Key was used for a different request",
                ),
            },
            parameters=[
                *COMMON,
                OpenApiParameter(
                    "Idempotency-Key",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=(
                        "Extension: 1–200 visible ASCII characters chosen by the client for "
                        "this request, unique per API key. Resending the same request with "
                        "the same key (after a timeout or a lost connection) creates nothing "
                        "new and answers 201 with the first answer and the header "
                        "Idempotent-Replayed: true; the same key with different fields "
                        "answers 409."
                    ),
                ),
            ],
            description=(
                "Extra questions of a service: attribute[code]=value, and "
                "attribute[code][]=value for each choice of a multivaluelist. Send an "
                "Idempotency-Key so that retries are safe."
            ),
        ),
    },
    "request": {
        "get": extend_schema(
            operation_id="request",
            tags=[TAG],
            responses={200: Request(many=True), **COMMON_ERRORS, **ERRORS},
            parameters=[
                *COMMON,
                _query("extensions", "true adds extended_attributes", OpenApiTypes.BOOL),
            ],
        )
    },
    "token": {
        "get": extend_schema(
            operation_id="token",
            tags=[TAG],
            responses={200: Token(many=True), **COMMON_ERRORS, **ERRORS},
            parameters=[NO_FORMAT],
        )
    },
    "updates": {
        "get": extend_schema(
            operation_id="service_request_updates",
            tags=[TAG],
            responses={200: Update(many=True), **COMMON_ERRORS},
            parameters=[
                NO_FORMAT,
                _query("start_date", "Default one day before end_date"),
                _query("end_date", "Default now; at most 90 days after start_date"),
                _query("api_key", "Accepted; not needed"),
            ],
            description="Status changes and public answers in the form FixMyStreet reads.",
        )
    },
}


def documented(name: str):
    return extend_schema_view(**SCHEMAS[name])
