"""Localization needs: the list and its filters, a need's screen with its plant, ranked matches and answers, a
plant's localization section, the needs' export.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.needs.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
