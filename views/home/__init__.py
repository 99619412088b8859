"""Home: the first screen, a summary of every feature.

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.home.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
