"""Field visits: the screens (list, start, checklist, photos, location, decision), the report (PDF), the export,
and corrections from the field (propose, review).

Importing any part of it adds its words to the catalogue (messages.py, correction_messages.py).
"""

from views.shell import i18n
from views.visits.correction_messages import MESSAGES as CORRECTION_MESSAGES
from views.visits.messages import MESSAGES

i18n.register(MESSAGES)
i18n.register(CORRECTION_MESSAGES)
