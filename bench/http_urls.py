"""The production URLs and, for the benchmark only, the two floors that requests are
compared with: one insert for submissions, a constant answer for reads. Both pass through
the same middleware as every page."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from palaute.urls import urlpatterns as production

FLOOR_TABLE = "bench_floor"
CONSTANT = b"Palaute benchmark floor: a constant answer.\n"


@csrf_exempt
def insert_floor(request: HttpRequest) -> HttpResponse:
    """Reads the posted form and inserts one row."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FLOOR_TABLE} (body, created_at) VALUES (%s, now())",  # noqa: S608
            [request.POST.get("text", "")],
        )
    return HttpResponse(b"ok", status=201, content_type="text/plain")


def constant_floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(CONSTANT, content_type="text/plain")


urlpatterns = [
    path("bench/floor/insert/", insert_floor),
    path("bench/floor/constant/", constant_floor),
    *production,
]
