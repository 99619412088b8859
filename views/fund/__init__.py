"""The Steel Research & Technology Fund: the ledger's export today; the Fund's screens join this folder.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.fund.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
