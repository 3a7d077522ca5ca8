#!/usr/bin/env python3
"""API drivers for scripts/e2e-two-instances.sh (two Hromada instances on one
PostgreSQL database behind nginx). BASE is nginx's HTTPS address or one
instance's own http://127.0.0.1:PORT; HTTPS is checked against SSL_CERT_FILE.

    two_instances.py ballot BASE TOKEN ADDRESS
        -> casts a valid ballot in Vinnytsia's edition in the voting phase
           and prints "STATUS RECEIPT" (201 and the receipt, or 409 -)
    two_instances.py sign BASE PETITION TOKENS_FILE LOG SENDERS
        -> SENDERS threads sign the petition once per token (each with its
           own X-Forwarded-For), logging "STATUS COUNT TOKEN" per answer the
           moment it comes (scripts/lib/crash_senders.py)
    two_instances.py accounts BASE LOG STATUSES
        -> "STATUS ACCOUNT_ID" for each logged answer of the given statuses
           (comma-separated), from GET /api/v1/me with its token
    two_instances.py signin BASE ADDRESS
        -> one failed sign-in from ADDRESS (X-Forwarded-For) with a
           malformed email, which counts only against the address; prints
           the status
"""
import json
import sys
import urllib.error
import urllib.request

sys.path.insert(0, "scripts/lib")
import auction_crash  # noqa: E402
import crash_senders  # noqa: E402


def call(base, method, path, body=None, token=None, address="10.252.0.1"):
    """auction_crash's JSON call, from this script's own default client address."""
    return auction_crash.call(base, method, path, body, token, address)


def ballot(base, token, address):
    _, editions = call(base, "GET", "/api/v1/vinnytsia/budgets")
    edition = [e for e in editions["items"] if e["phase"] == "voting"][0]
    _, projects = call(base, "GET", f"/api/v1/vinnytsia/budgets/{edition['id']}/projects")
    feasible = [p for p in projects["items"] if p["status"] == "feasible"]
    picks = [next(p["id"] for p in feasible if p["category"] == c["id"]) for c in edition["categories"][:2]]
    status, body = call(base, "POST", f"/api/v1/vinnytsia/budgets/{edition['id']}/ballots", {"projects": picks}, token, address)
    print(status, body.get("receipt", "-"))


def sign(base, petition, tokens_file, log_file, senders):
    def signature(n, token):
        return urllib.request.Request(
            f"{base}/api/v1/vinnytsia/petitions/{petition}/signatures", method="POST",
            headers={"Authorization": f"Bearer {token}", "X-Forwarded-For": f"10.8.{n // 256}.{n % 256}"})
    crash_senders.run(tokens_file, log_file, int(senders), signature, lambda answer: answer.get("signatureCount"))


def accounts(base, log_file, statuses):
    wanted = statuses.split(",")
    for line in open(log_file):
        status, _, token = line.split()
        if status in wanted:
            code, me = call(base, "GET", "/api/v1/me", token=token)
            if code != 200:
                sys.exit(f"GET /api/v1/me answered {code} for a {status} signer")
            print(status, me["account"]["id"])


def signin(base, address):
    status, _ = call(base, "POST", "/api/v1/session", {"email": "not-an-address", "password": "not the password"},
                     address=address)
    print(status)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    {"ballot": ballot, "sign": sign, "accounts": accounts, "signin": signin}[command](*args)


if __name__ == "__main__":
    main()
