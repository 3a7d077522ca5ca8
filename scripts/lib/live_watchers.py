#!/usr/bin/python3
"""WebSocket watchers of a live auction (docs/live-auction.md), for
scripts/e2e-nginx.sh and scripts/e2e-two-instances.sh. Uses the
`websockets` package of Debian (python3-websockets, 10.x), hence
/usr/bin/python3.

    live_watchers.py hello URL [--origin O] [--cookie C] [--cafile PEM]
        -> prints the `viewer` of the `hello` message (bidder, observer, anonymous)

    live_watchers.py watch URL... --ready FILE [--cafile PEM] [--timeout S]
        Connects one watcher per URL (ws:// or wss://, ?token= for an API
        client) and waits for each one's `hello` and first `state`; then
        writes FILE (the caller may now make a move) and waits until every
        watcher has seen a `state` whose standings differ from its first.
        Prints one line per watcher, "W<i> <viewer> <highest bid before>
        <highest bid after> <seconds from FILE to the change>", and exits 0
        if all saw the change within the timeout, 1 otherwise.

An upgrade refused (404, 403 …) or a connection that fails prints the reason
and exits 1.
"""
import argparse
import asyncio
import json
import ssl
import sys
import time

import websockets


def context(cafile):
    return ssl.create_default_context(cafile=cafile) if cafile else None


def connect(url, cafile, origin=None, cookie=None):
    headers = {"Cookie": cookie} if cookie else None
    return websockets.connect(url, ssl=context(cafile) if url.startswith("wss:") else None, origin=origin,
                              extra_headers=headers, open_timeout=15, max_size=2**20)


async def next_message(socket, kind, timeout):
    deadline = time.monotonic() + timeout
    while True:
        message = json.loads(await asyncio.wait_for(socket.recv(), max(0.1, deadline - time.monotonic())))
        if message.get("type") == kind:
            return message


def highest(state):
    return max((s.get("amount", 0) for s in (state.get("lot") or {}).get("standings") or []), default=0)


async def hello(args):
    async with connect(args.url, args.cafile, args.origin, args.cookie) as socket:
        print((await next_message(socket, "hello", 15)).get("viewer"))


async def watch(args):
    sockets, viewers, firsts = [], [], []
    try:
        for url in args.urls:
            socket = await connect(url, args.cafile).__aenter__()
            sockets.append(socket)
            viewers.append((await next_message(socket, "hello", 15)).get("viewer"))
            firsts.append(await next_message(socket, "state", 15))
        open(args.ready, "w").write("ready\n")
        started = time.monotonic()

        async def until_change(i):
            before = json.dumps(firsts[i]["lot"].get("standings"), sort_keys=True)
            while True:
                state = await next_message(sockets[i], "state", args.timeout)
                if json.dumps(state["lot"].get("standings"), sort_keys=True) != before:
                    return state, time.monotonic() - started

        results = await asyncio.gather(*(asyncio.wait_for(until_change(i), args.timeout) for i in range(len(sockets))),
                                       return_exceptions=True)
        failed = 0
        for i, result in enumerate(results):
            if isinstance(result, BaseException):
                failed += 1
                print(f"W{i} {viewers[i]} {highest(firsts[i])} none {type(result).__name__}")
            else:
                state, seconds = result
                print(f"W{i} {viewers[i]} {highest(firsts[i])} {highest(state)} {seconds:.2f}")
        return 1 if failed else 0
    finally:
        for socket in sockets:
            await socket.close()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("hello")
    one.add_argument("url")
    one.add_argument("--origin")
    one.add_argument("--cookie")
    one.add_argument("--cafile")
    many = sub.add_parser("watch")
    many.add_argument("urls", nargs="+")
    many.add_argument("--ready", required=True)
    many.add_argument("--cafile")
    many.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    try:
        if args.command == "hello":
            asyncio.run(hello(args))
            return 0
        return asyncio.run(watch(args))
    except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as error:
        print(f"{type(error).__name__}: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
