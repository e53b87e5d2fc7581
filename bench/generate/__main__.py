"""``python -m bench.generate -c CONFIG -d DB --scale S``: see __init__.py."""

from bench.generate import main

main()
