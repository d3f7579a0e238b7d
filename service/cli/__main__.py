"""``python -m service.cli``: the ``screening`` command."""

from service.cli import main

main()
