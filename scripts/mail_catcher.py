"""The demo's mail catcher: a local SMTP server that keeps every mail as a file.

`make run` (scripts/run.sh) starts it on 127.0.0.1 and points the demo's
outgoing mail at it (``smtp_server``/``smtp_port`` in ``.run/demo.conf``), so
that every mail of the demo (sign-up confirmations, password resets, notices,
request updates) lands in ``.run/mail/`` as an ``.eml`` file that any mail
program opens, links included. Nothing is relayed anywhere.

    .venv/bin/python scripts/mail_catcher.py --port 2525 --dir .run/mail [--parent-pid
    PID]

``--port 0`` takes a free port. The first line on stdout names the address
("listening on 127.0.0.1:PORT"); then one line per mail. With ``--parent-pid``
the catcher stops when that process is gone (the demo stopped, however).

    .venv/bin/python scripts/mail_catcher.py --show .run/mail/<file>.eml

prints a kept mail's sender, recipients, subject and text (links in full).
"""

# pylint: disable=print-used
# (a command-line tool: printing the address and the mails is its output)

import argparse
import asyncio
import itertools
import os
import re
import signal
import sys
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.smtp import SMTP


class MailDirHandler:
    """aiosmtpd handler: each accepted message becomes ``<time>-<n>-<subject>.eml``."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode()
        subject = str(
            message_from_bytes(content, policy=policy.default).get("Subject", "")
        )
        slug = re.sub(r"[^A-Za-z0-9]+", "-", subject).strip("-")[:50] or "mail"
        name = f"{datetime.now():%Y%m%d-%H%M%S}-{next(self.counter):04d}-{slug}.eml"
        path = self.directory / name
        partial = self.directory / f".{name}.part"
        partial.write_bytes(content)
        partial.replace(path)  # complete or absent: a reader never sees half a mail
        print(
            f"[mail] to {', '.join(envelope.rcpt_tos)}: {subject} -> {path}", flush=True
        )
        return "250 Message accepted for delivery"


async def _watch_parent(pid, stop):
    while not stop.is_set():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            stop.set()
        except PermissionError:  # pylint: disable=except-pass
            pass  # alive, another user's process
        await asyncio.sleep(1)


async def serve(host, port, directory, parent_pid=None):
    loop = asyncio.get_running_loop()
    handler = MailDirHandler(directory)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="wbg54-mail-catcher", enable_SMTPUTF8=True),
        host=host,
        port=port,
    )
    bound = server.sockets[0].getsockname()
    print(
        f"listening on {bound[0]}:{bound[1]}, mails in {handler.directory}", flush=True
    )
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    watcher = loop.create_task(_watch_parent(parent_pid, stop)) if parent_pid else None
    await stop.wait()
    server.close()
    await server.wait_closed()
    if watcher:
        watcher.cancel()


def show(path):
    """A kept mail as text: the headers a reader wants and the plain-text part."""
    mail = message_from_bytes(Path(path).read_bytes(), policy=policy.default)
    for header in ("Date", "From", "To", "Cc", "Reply-To", "Subject"):
        if mail[header]:
            print(f"{header}: {mail[header]}")
    body = mail.get_body(preferencelist=("plain", "html"))
    print()
    print(body.get_content() if body else "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--show", metavar="EML", help="print a kept mail and exit")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525, help="0 takes a free port")
    parser.add_argument("--dir", default=".run/mail", help="where the .eml files go")
    parser.add_argument(
        "--parent-pid", type=int, help="stop when this process has ended"
    )
    args = parser.parse_args(argv)
    if args.show:
        show(args.show)
        return 0
    asyncio.run(serve(args.host, args.port, args.dir, args.parent_pid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
