"""The editors' desk in Django's admin: one module per part of the newsroom.

Django's admin autodiscovery imports this package; importing each module
registers its screens.
"""

from desk.admin import candidates, elections, questions, site, stories  # noqa: F401
