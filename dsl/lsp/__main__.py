"""`python -m dsl.lsp`: the same as `rbl lsp`, for editors that start the server from a chosen Python."""

import sys

from dsl.cli import run

sys.argv = ["rbl", "lsp"]
run()
