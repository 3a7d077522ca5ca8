"""Moves a Vinnytsia budget edition through phases from the staff desk, as
the demo's city admin would in a browser: sign in, then post each
transition with the page's CSRF token. Used by scripts/e2e-budget-crash.sh.

    python3 scripts/lib/budget_phase.py BASE EDITION TRANSITION...

Prints one "TRANSITION STATUS" line per transition ("ERR" when the
connection died, as when the server is killed mid-request) and stops at
the first that did not end on the desk.
"""
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

base, edition, transitions = sys.argv[1], sys.argv[2], sys.argv[3:]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def page(path):
    with opener.open(base + path, timeout=60) as answer:
        return answer.read().decode()


def post(path, fields, token):
    data = urllib.parse.urlencode(fields + [("_csrf", token)]).encode()
    with opener.open(urllib.request.Request(base + path, data=data, method="POST"), timeout=120) as answer:
        return answer.status


def token(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


post("/login", [("email", "vinnytsia.admin@demo.hromada.ua"), ("password", "vinnytsia-demo-2026")], token(page("/login")))
desk = f"/vinnytsia/admin/budgets/{edition}"
for transition in transitions:
    try:
        status = post(desk + "/phase", [("transition", transition)], token(page(desk)))
    except urllib.error.HTTPError as error:
        status = error.code
    except Exception:
        status = "ERR"
    print(transition, status, flush=True)
    if status != 200:
        break
