#!/usr/bin/env python3
"""Opens one e-petition in Vinnytsia through the JSON API of a demo server.

    python3 scripts/lib/open-petition.py http://127.0.0.1:PORT [title]

The demo resident olena@demo.hromada.ua signs in (POST /api/v1/session) and
files a petition (POST /api/v1/vinnytsia/petitions, sent on to moderation);
the demo moderator signs in and publishes it (POST .../{id}/decision); the
petition is then read back (GET .../{id}) and must be `open`. Prints
"ID STATE THRESHOLD" on one line; on any refusal prints the status and body
to stderr and exits 1. Used by scripts/bench-signatures and
scripts/e2e-petition-crash.sh.
"""
import json
import sys
import urllib.error
import urllib.request

AUTHOR = ("olena@demo.hromada.ua", "resident-demo-2026")
MODERATOR = ("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")


def call(base, method, path, body=None, token=None):
    # Its own client address, so the set-up never shares a rate limit with the load.
    headers = {"X-Forwarded-For": "10.254.0.1"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as error:
        sys.exit(f"{method} {path}: {error.code} {error.read().decode(errors='replace')[:500]}")


def session(base, who):
    return call(base, "POST", "/api/v1/session", {"email": who[0], "password": who[1]})["token"]


def main():
    base = sys.argv[1].rstrip("/")
    title = sys.argv[2] if len(sys.argv) > 2 else "Бенчмарк: більше велодоріжок у центрі Вінниці"
    petition = call(base, "POST", "/api/v1/vinnytsia/petitions", {
        "title": title,
        "text": "Просимо міську раду облаштувати безпечні велодоріжки на вулицях Соборній і Келецькій, "
                "з'єднати їх із набережною та поставити велопарковки біля шкіл і ринків.",
        "category": "Транспорт",
        "submit": True,
    }, session(base, AUTHOR))
    pid = petition["id"]
    if petition["state"] != "moderation":
        sys.exit(f"filed petition {pid} is {petition['state']}, not moderation")
    call(base, "POST", f"/api/v1/vinnytsia/petitions/{pid}/decision", {"decision": "publish"}, session(base, MODERATOR))
    shown = call(base, "GET", f"/api/v1/vinnytsia/petitions/{pid}")
    if shown["state"] != "open":
        sys.exit(f"published petition {pid} is {shown['state']}, not open")
    print(pid, shown["state"], shown["threshold"])


if __name__ == "__main__":
    main()
