"""Oscar's own strings whose Vietnamese the marketplace words better; the project catalogue wins.

Listed here so `makemessages` keeps them in locale/vi; nothing imports this module.
"""

from django.utils.translation import gettext_noop

OSCAR_STRINGS = [
    gettext_noop("a maximum of %(max)d can be bought"),
]
