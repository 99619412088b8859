"""The supplier directory: search and facets, the list and table, a supplier's screen, its exports and profile PDF.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.shell import i18n
from views.suppliers.messages import MESSAGES

i18n.register(MESSAGES)
