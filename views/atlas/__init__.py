"""The atlas: search, filters, the list and the map of plants and mines, their screens, import and Excel export.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.atlas.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
