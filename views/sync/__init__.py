"""Sync as the member sees it: the engine hub, the session sync state, sync, account and conflict screens, notes.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.shell import i18n
from views.sync.messages import MESSAGES

i18n.register(MESSAGES)
