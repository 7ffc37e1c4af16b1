"""Vietnamese first: the interface language is the shopper's choice, else Vietnamese."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class VietnameseFirstLocaleMiddleware:
    """Like Django's LocaleMiddleware, but a browser's Accept-Language never overrides Vietnamese.

    Only the language a visitor picks with the switcher (kept in the language cookie) changes it,
    so a shopper whose phone is set to English still gets the provincial floor in Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
