#!/usr/bin/env python3
"""Drives one live English auction through the JSON API of a demo server, for
scripts/e2e-auction-crash.sh (and scripts/bench-auction's set-up).

    auction_crash.py setup BASE [PAUSE TURN ROUNDS]  -> prints the lot id
    auction_crash.py bid BASE LOT COUNT ACKS_LOG     -> makes COUNT raises in turn, logs "ACK round participant amount"
    auction_crash.py state BASE LOT                  -> prints the lot's stage and standings as one JSON line
    auction_crash.py finish BASE LOT ACKS_LOG        -> raises in every turn until the auction is over

`setup` records an object and announces a lease lot as the demo Vinnytsia
admin, with the auction a few seconds ahead and the given durations (seconds);
the two demo residents (Олена, Андрій) enter closed bids and the admin records
both their payments, so both are admitted. A raise goes to whoever's turn it
is: the driver knows the two bidders' tokens and tries the one in turn
(the other would be refused with 409 not_your_turn, which it also checks).
"""
import datetime
import json
import sys
import time
import urllib.error
import urllib.request

ADMIN = ("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
BIDDERS = [("olena@demo.hromada.ua", "resident-demo-2026"), ("andrii@demo.hromada.ua", "resident-demo-2026")]


def call(base, method, path, body=None, token=None, address="10.253.0.1"):
    headers = {"X-Forwarded-For": address}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def token(base, account):
    status, body = call(base, "POST", "/api/v1/session", {"email": account[0], "password": account[1]})
    if status != 201:
        sys.exit(f"sign-in of {account[0]} answered {status}: {body}")
    return body["token"]


def iso(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def must(status, body, expected, what):
    if status != expected:
        sys.exit(f"{what}: expected {expected}, got {status}: {body}")
    return body


def setup(base, pause="1", turn="10", rounds="3", lead=6, title="Оренда: перевірка kill -9"):
    """The lot's id; bids are taken for `lead` seconds and the auction starts a second later.

    Everyone signs in first: a sign-in hashes a password, and on a loaded
    machine (CI builds the fuzz targets beside the e2e scripts) three of them
    inside the bidding window once left a bidder to arrive after it."""
    admin = token(base, ADMIN)
    bidders = [token(base, bidder) for bidder in BIDDERS]
    obj = must(*call(base, "POST", "/api/v1/vinnytsia/property", {
        "kind": "premises", "title": "Приміщення для перевірки аварійного перезапуску", "address": "вул. Соборна, 1",
        "area": 40.5, "balanceHolder": "КП «Вінницька міська нерухомість»", "leaseList": "first"}, admin), 201, "record the object")
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    lot = must(*call(base, "POST", "/api/v1/vinnytsia/auctions", {
        "title": title, "objectId": obj["id"], "procedure": "lease_english",
        "value": {"amount": 1000000}, "minimalStep": {"amount": 10000}, "guarantee": {"amount": 100000},
        "registrationFee": {"amount": 20000}, "tenderPeriod": {"endDate": iso(now + datetime.timedelta(seconds=lead))},
        "auctionPeriod": {"startDate": iso(now + datetime.timedelta(seconds=lead + 1))},
        "timings": {"pauseSeconds": float(pause), "turnSeconds": float(turn), "rounds": int(rounds)}}, admin), 201, "announce the lot")
    lot_id = lot["id"]
    for n, bidder in enumerate(bidders):
        must(*call(base, "POST", f"/api/v1/vinnytsia/auctions/{lot_id}/bids", {"amount": 1000000 + n * 5000}, bidder), 201, "closed bid")
    for entry in must(*call(base, "GET", f"/api/v1/vinnytsia/auctions/{lot_id}/bidders", token=admin), 200, "bidders")["items"]:
        must(*call(base, "POST", f"/api/v1/vinnytsia/auctions/{lot_id}/bidders/{entry['id']}/payments",
                   {"guarantee": f"ГВ-{entry['id'][:6]}", "fee": f"РВ-{entry['id'][:6]}"}, admin), 200, "payments")
    return lot_id


def state(base, lot_id):
    status, body = call(base, "GET", f"/api/v1/vinnytsia/auctions/{lot_id}")
    if status != 200:
        sys.exit(f"GET lot answered {status}: {body}")
    return body


def raise_in_turn(base, lot_id, tokens, log):
    """One raise by whoever's turn it is; False once the auction is over."""
    while True:
        lot = state(base, lot_id)
        stage = lot.get("stage") or {}
        if lot["status"] not in ("active.tendering", "active.auction") or stage.get("kind") == "finished":
            return False
        if stage.get("kind") != "turn":
            time.sleep(0.2)
            continue
        amount = stage["minimumRaise"] + 1000
        refused = 0
        for bidder in tokens:
            status, body = call(base, "POST", f"/api/v1/vinnytsia/auctions/{lot_id}/bids", {"amount": amount}, bidder)
            if status == 200:
                log.write(f"ACK {stage['round']} {stage['participant']} {amount}\n")
                log.flush()
                return True
            code = (body.get("error") or {}).get("code")
            if status != 409 or code != "not_your_turn":
                sys.exit(f"a raise answered {status}: {body}")
            refused += 1
        # Both refused: the turn ended between reading it and bidding; read again.


def bid(base, lot_id, count, log_path, until_over=False):
    tokens = [token(base, bidder) for bidder in BIDDERS]
    made = 0
    with open(log_path, "a") as log:
        while until_over or made < int(count):
            if not raise_in_turn(base, lot_id, tokens, log):
                break
            made += 1


def main():
    command, base = sys.argv[1], sys.argv[2]
    if command == "setup":
        print(setup(base, *sys.argv[3:6]))
    elif command == "bid":
        bid(base, sys.argv[3], sys.argv[4], sys.argv[5])
    elif command == "finish":
        bid(base, sys.argv[3], 0, sys.argv[4], until_over=True)
    elif command == "state":
        lot = state(base, sys.argv[3])
        print(json.dumps({"status": lot["status"], "stage": lot.get("stage"), "standings": lot.get("standings"),
                          "awards": lot.get("awards")}, sort_keys=True, ensure_ascii=False))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
