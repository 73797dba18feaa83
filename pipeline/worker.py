"""What the process pool's fork server imports (pipeline.run): the per-document step, warmed.

Importing this module processes one made-up document, so the imports (sqlite-utils, spaCy), the
lexicons, the rules and the spaCy pipeline a first document loads are loaded once, in the fork
server, and every worker forked from it starts ready: else each worker spends its first second
loading them while the build waits for its first batch.
"""
from .document import warm

warm()
