"""The Steel Research & Technology Fund: the ledger's export today; the Fund's screens join this folder.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.fund.award_messages import MESSAGES as AWARD_MESSAGES
from views.fund.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
i18n.register(AWARD_MESSAGES)
