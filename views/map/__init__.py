"""Iran drawn: province outlines on a canvas, markers, zoom and legend (used by the atlas and the balance).

Importing any part of it adds its words to the catalogue (messages.py).
"""

from views.map.messages import MESSAGES
from views.shell import i18n

i18n.register(MESSAGES)
