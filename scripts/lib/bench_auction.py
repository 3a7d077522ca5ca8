#!/usr/bin/env python3
"""The client half of scripts/bench-auction: WebSocket watchers and bidders.

    bench_auction.py one BASE LOT TOKENS_FILE OBSERVERS PROCESSES OUT
        One auction: every token in TOKENS_FILE is an admitted bidder; they and
        OBSERVERS anonymous watchers connect to the live socket, spread over
        PROCESSES client processes. Each bidder raises to the minimum the moment
        the state says it is their turn, through the socket. Prints JSON with
        the acknowledgement latencies, the fan-out (from a bid's sending to the
        last watcher receiving the state that shows it) and the transport
        reference (an invalid message's round trip: the socket without the
        database).

    bench_auction.py many BASE LOTS_FILE PROCESSES OUT
        One anonymous watcher per lot (LOTS_FILE: one id per line). Records each
        state's arrival; prints JSON with how late each turn change arrived
        after the previous stage's end, and which turns no watcher ever saw.

Timestamps are time.time() (one clock for every process on the machine),
taken as soon as a message is received, before any parsing.
"""
import asyncio
import json
import multiprocessing
import os
import sys
import time

import websockets


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(values):
    return {"n": len(values), "p50_ms": percentile(values, 50), "p99_ms": percentile(values, 99), "max_ms": max(values) if values else None}


# ---- set-up through the API (scripts/lib/auction_crash.py's client) -------------------------

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import auction_crash  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

MANY_ROUNDS, MANY_BIDDERS = 2, 2


def announce(base, admin, object_id, title, start_in, pause, turn, rounds):
    import datetime
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    return auction_crash.must(*auction_crash.call(base, "POST", "/api/v1/vinnytsia/auctions", {
        "title": title, "objectId": object_id, "procedure": "lease_english",
        "value": {"amount": 1000000}, "minimalStep": {"amount": 10000}, "guarantee": {"amount": 100000},
        "registrationFee": {"amount": 20000},
        "tenderPeriod": {"endDate": auction_crash.iso(now + datetime.timedelta(seconds=start_in - 1))},
        "auctionPeriod": {"startDate": auction_crash.iso(now + datetime.timedelta(seconds=start_in))},
        "timings": {"pauseSeconds": pause, "turnSeconds": turn, "rounds": rounds}}, admin), 201, "announce")["id"]


def enter(base, admin, lot, tokens):
    """Closed bids from the tokens, then both payments for each: all admitted."""
    for n, token in enumerate(tokens):
        auction_crash.must(*auction_crash.call(base, "POST", f"/api/v1/vinnytsia/auctions/{lot}/bids", {"amount": 1000000 + n * 100},
                                              token, address=f"10.250.{n // 250}.{n % 250 + 1}"), 201, "closed bid")
    for entry in auction_crash.must(*auction_crash.call(base, "GET", f"/api/v1/vinnytsia/auctions/{lot}/bidders", token=admin), 200, "bidders")["items"]:
        auction_crash.must(*auction_crash.call(base, "POST", f"/api/v1/vinnytsia/auctions/{lot}/bidders/{entry['id']}/payments",
                                              {"guarantee": "Г-" + entry["id"][:8], "fee": "Р-" + entry["id"][:8]}, admin), 200, "payments")


def new_object(base, admin):
    return auction_crash.must(*auction_crash.call(base, "POST", "/api/v1/vinnytsia/property", {
        "kind": "premises", "title": "Приміщення для навантажувального тесту", "address": "вул. Соборна, 2",
        "area": 50, "balanceHolder": "КП «Вінницька міська нерухомість»", "leaseList": "first"}, admin), 201, "object")["id"]


def setup_one(base, tokens_file, start_in, pause, turn, rounds):
    admin = auction_crash.token(base, auction_crash.ADMIN)
    tokens = [line.split()[0] for line in open(tokens_file) if line.strip()]
    lot = announce(base, admin, new_object(base, admin), "Навантаження: один аукціон", int(start_in), float(pause), float(turn), int(rounds))
    enter(base, admin, lot, tokens)
    print(lot)


def setup_many(base, tokens_file, count, start_in, pause, turn):
    admin = auction_crash.token(base, auction_crash.ADMIN)
    tokens = [line.split()[0] for line in open(tokens_file) if line.strip()]
    object_id = new_object(base, admin)
    count = int(count)
    lots = [announce(base, admin, object_id, f"Навантаження: аукціон {n + 1}", int(start_in), float(pause), float(turn), MANY_ROUNDS)
            for n in range(count)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: enter(base, admin, lots[n], tokens[n * MANY_BIDDERS:(n + 1) * MANY_BIDDERS]), range(count)))
    print("\n".join(lots))


# ---- one auction, many watchers -------------------------------------------------------------

async def watcher(url, token, log, started, done):
    """Receives until the auction is over; a bidder also bids in its turn."""
    full = url + (f"?token={token}" if token else "")
    async with websockets.connect(full, max_size=1 << 20, ping_interval=None, open_timeout=60) as socket:
        started.set()
        number = None
        bid_rounds = set()
        pending = set()
        finished = False
        while True:
            try:
                # Once it is over, only a last acknowledgement may still be on its way.
                raw = await asyncio.wait_for(socket.recv(), timeout=2 if finished else 60)
            except asyncio.TimeoutError:
                return
            now = time.time()
            if token is None:
                log.append((now, raw))
                if '"kind":"finished"' in raw:
                    return
                continue
            message = json.loads(raw)
            kind = message.get("type")
            if kind == "you":
                number = message["participant"]
            elif kind == "ack":
                log.append(("ack", message["ref"], now))
                pending.discard(message["ref"])
            elif kind == "error":
                log.append(("error", message.get("ref"), now, message["error"]["code"]))
                pending.discard(message.get("ref"))
            elif kind == "state":
                log.append((now, raw))
                stage = message["lot"].get("stage") or {}
                if stage.get("kind") == "finished":
                    finished = True
                if finished:
                    if not pending:
                        return
                    continue
                if number is not None and stage.get("kind") == "turn" and stage.get("participant") == number and stage["round"] not in bid_rounds:
                    bid_rounds.add(stage["round"])
                    amount = stage["minimumRaise"]
                    ref = f"{number}-{stage['round']}-{amount}"
                    sent = time.time()
                    log.append(("sent", ref, sent, amount))
                    pending.add(ref)
                    await socket.send(json.dumps({"type": "bid", "amount": amount, "ref": ref}))


async def transport_reference(url, rounds=200):
    """Round trips of a message the server refuses without touching the database."""
    times = []
    async with websockets.connect(url, ping_interval=None) as socket:
        await socket.recv()  # hello
        await socket.recv()  # state
        for n in range(rounds):
            sent = time.time()
            await socket.send("ping")
            while True:
                raw = await socket.recv()
                if '"type":"error"' in raw:
                    break
            times.append((time.time() - sent) * 1000)
    return times


def one_worker(base, lot, tokens, observers, out):
    url = base.replace("http://", "ws://") + f"/api/v1/vinnytsia/auctions/{lot}/live"

    async def run():
        logs = []
        tasks = []
        for token in tokens + [None] * observers:
            log, started, done = [], asyncio.Event(), asyncio.Event()
            logs.append((token is not None, log))
            tasks.append(asyncio.create_task(watcher(url, token, log, started, done)))
            await started.wait()
        await asyncio.gather(*tasks, return_exceptions=True)
        return logs

    logs = asyncio.run(run())
    with open(out, "w") as file:
        json.dump([{"bidder": bidder, "log": log} for bidder, log in logs], file)


def amount_of(raw):
    message = json.loads(raw)
    if message.get("type") != "state":
        return 0
    standings = message["lot"].get("standings") or []
    return max((entry["amount"] for entry in standings), default=0)


def one(base, lot, tokens_file, observers, processes, out):
    tokens = [line.split()[0] for line in open(tokens_file) if line.strip()]
    observers, processes = int(observers), int(processes)
    reference = asyncio.run(transport_reference(base.replace("http://", "ws://") + f"/api/v1/vinnytsia/auctions/{lot}/live"))
    workers = []
    for n in range(processes):
        path = f"{out}.{n}"
        mine = tokens[n::processes]
        watchers = observers // processes + (1 if n < observers % processes else 0)
        worker = multiprocessing.Process(target=one_worker, args=(base, lot, mine, watchers, path))
        worker.start()
        workers.append((worker, path))
    for worker, _ in workers:
        worker.join()
    sent, acks, errors, connections = {}, {}, [], []
    for _, path in workers:
        for connection in json.load(open(path)):
            states = []
            for entry in connection["log"]:
                if entry[0] == "sent":
                    sent[entry[1]] = (entry[2], entry[3])
                elif entry[0] == "ack":
                    acks[entry[1]] = entry[2]
                elif entry[0] == "error":
                    errors.append(entry[3])
                else:
                    states.append((entry[0], amount_of(entry[1])))
            connections.append(states)
    ack_ms = [(acks[ref] - sent[ref][0]) * 1000 for ref in acks if ref in sent]
    fanout_ms, incomplete = [], 0
    for ref, (at, amount) in sent.items():
        if ref not in acks:
            continue
        arrivals = []
        for states in connections:
            seen = next((t for t, highest in states if highest >= amount), None)
            if seen is not None:
                arrivals.append(seen)
        if len(arrivals) < len(connections):
            incomplete += 1
            continue
        fanout_ms.append((max(arrivals) - at) * 1000)
    print(json.dumps({
        "connections": len(connections), "bidders": len(tokens), "bids_sent": len(sent), "acks": len(acks),
        "refusals": sorted(set(errors)), "ack": summary(ack_ms), "fanout_to_all": summary(fanout_ms),
        "bids_not_seen_by_every_watcher": incomplete, "transport_reference": summary(reference)}))


# ---- many auctions, one watcher each --------------------------------------------------------

def parse_time(text):
    from datetime import datetime
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def many_worker(base, lots, out):
    async def watch(lot, log):
        url = base.replace("http://", "ws://") + f"/api/v1/vinnytsia/auctions/{lot}/live"
        for attempt in range(5):
            try:
                async with websockets.connect(url, ping_interval=None, open_timeout=60) as socket:
                    while True:
                        raw = await asyncio.wait_for(socket.recv(), timeout=120)
                        log.append((time.time(), raw))
                        if '"kind":"finished"' in raw:
                            return
            except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException):
                await asyncio.sleep(0.5)

    async def run():
        logs = {lot: [] for lot in lots}
        # Connect in small batches: a thousand handshakes at once would only measure the accept queue.
        tasks = []
        for n, lot in enumerate(lots):
            tasks.append(asyncio.create_task(watch(lot, logs[lot])))
            if n % 50 == 49:
                await asyncio.sleep(0.05)
        await asyncio.gather(*tasks, return_exceptions=True)
        return logs

    logs = asyncio.run(run())
    with open(out, "w") as file:
        json.dump(logs, file)


def many(base, lots_file, processes, out):
    lots = [line.strip() for line in open(lots_file) if line.strip()]
    processes = int(processes)
    workers = []
    for n in range(processes):
        path = f"{out}.{n}"
        worker = multiprocessing.Process(target=many_worker, args=(base, lots[n::processes], path))
        worker.start()
        workers.append((worker, path))
    for worker, _ in workers:
        worker.join()
    lags, missed, expected_turns, finished = [], 0, 0, 0
    for _, path in workers:
        for lot, log in json.load(open(path)).items():
            seen, previous_until = set(), None
            for at, raw in log:
                message = json.loads(raw)
                if message.get("type") != "state":
                    continue
                body = message["lot"]
                stage = body.get("stage") or {}
                if stage.get("kind") == "turn":
                    key = (stage["round"], stage["participant"])
                    if key not in seen and previous_until is not None:
                        lags.append((at - previous_until) * 1000)
                    seen.add(key)
                if stage.get("kind") in ("pause", "turn") and stage.get("until"):
                    previous_until = parse_time(stage["until"])
                if stage.get("kind") == "finished":
                    if previous_until is not None:
                        lags.append((at - previous_until) * 1000)
                    finished += 1
            expected_turns += MANY_ROUNDS * MANY_BIDDERS
            missed += MANY_ROUNDS * MANY_BIDDERS - len(seen)
    print(json.dumps({"auctions": len(lots), "finished_seen": finished, "turns_expected": expected_turns,
                      "turns_never_seen": missed, "turn_change_lag": summary(lags)}))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup-one":
        setup_one(*sys.argv[2:8])
    elif command == "setup-many":
        setup_many(*sys.argv[2:8])
    elif command == "one":
        one(*sys.argv[2:8])
    elif command == "many":
        many(*sys.argv[2:6])
    else:
        sys.exit(f"unknown command {command}")
