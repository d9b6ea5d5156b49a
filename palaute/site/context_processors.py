from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url


def site(request):
    """Language links that keep the user on the same page, and map settings."""
    path = request.get_full_path()
    languages = [
        {"code": code, "url": translate_url(path, code)} for code, _name in settings.LANGUAGES
    ]
    return {
        "language_links": languages,
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
