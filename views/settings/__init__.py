"""Settings and About.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.settings.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
