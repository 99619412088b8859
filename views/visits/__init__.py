"""Field visits: the screens (list, start, checklist, photos, location, decision), the report (PDF), the export.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.shell import i18n
from views.visits.messages import MESSAGES

i18n.register(MESSAGES)
