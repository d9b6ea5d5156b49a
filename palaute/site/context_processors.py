from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url


def _easy_read(request) -> tuple[bool, str]:
    """Whether the page shows its guidance in easy-to-read language (`?easy=1`, kept when
    the form is sent, since the form posts to its own address), and the address that
    switches it."""
    easy = request.GET.get("easy") == "1"
    params = request.GET.copy()
    if easy:
        params.pop("easy")
    else:
        params["easy"] = "1"
    query = params.urlencode()
    return easy, f"{request.path}?{query}" if query else request.path


def site(request):
    """Language links that keep the user on the same page, the easy-to-read switch, and
    map settings."""
    path = request.get_full_path()
    easy_read, easy_read_switch = _easy_read(request)
    languages = [
        {"code": code, "url": translate_url(path, code)} for code, _name in settings.LANGUAGES
    ]
    return {
        "language_links": languages,
        "easy_read": easy_read,
        "easy_read_switch": easy_read_switch,
        "map_attribution": settings.PALAUTE_MAP_ATTRIBUTION,
        "map_settings": {
            "tileUrl": settings.PALAUTE_MAP_TILE_URL,
            "attribution": settings.PALAUTE_MAP_ATTRIBUTION,
            "center": list(settings.PALAUTE_MAP_CENTER),
            "icon": {
                "iconUrl": static("vendor/leaflet/images/marker-icon.png"),
                "iconRetinaUrl": static("vendor/leaflet/images/marker-icon-2x.png"),
                "shadowUrl": static("vendor/leaflet/images/marker-shadow.png"),
            },
        },
    }
