"""Field visits: the visit report (PDF), the visits' export, and (next) the visit screens.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.shell import i18n
from views.visits.messages import MESSAGES

i18n.register(MESSAGES)
