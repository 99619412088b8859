"""The chain balance: scenario, ratios and what-ifs, the balance and charts screens.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.balance.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
