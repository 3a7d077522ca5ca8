#!/usr/bin/env python3
"""Checks an edition's published outcome against pabutools, reading only the
edition's public exports, as a researcher would.

    pip install pabutools
    scripts/pabutools-export-check.py http://127.0.0.1:8080/api/v1/vinnytsia/budgets/EDITION

For every category it downloads `export.pb?category=…`, lets pabutools count
it (greedy by votes, i.e. greedy utilitarian welfare with cost satisfaction,
and the Method of Equal Shares), and compares that with `results` and
`results?rule=mes`. Categories with mutually exclusive projects are skipped
for greedy: Pabulib has no way to say a pair may not both win. Exits 1 on any
difference. Not run by CI (it needs pabutools and a running server).
"""
import json
import os
import sys
import tempfile
import urllib.request

from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read()


def main(base):
    edition = json.loads(fetch(base))
    exclusive = {project for pair in edition.get("incompatible", []) for project in pair}
    failures = 0
    for rule, query, count in [
        ("greedy", "", lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Cost_Sat)),
        ("mes", "?rule=mes", lambda i, p: method_of_equal_shares(i, p, sat_class=Cost_Sat)),
    ]:
        results = json.loads(fetch(f"{base}/results{query}"))
        for category in results["categories"]:
            ids = {p["id"] for p in category["projects"]}
            if rule == "greedy" and ids & exclusive:
                print(f"{rule:7} {category['name']}: skipped (mutually exclusive projects)")
                continue
            with tempfile.NamedTemporaryFile("wb", suffix=".pb", delete=False) as file:
                file.write(fetch(f"{base}/export.pb?category={category['id']}"))
            try:
                instance, profile = parse_pabulib(file.name)
            finally:
                os.unlink(file.name)
            theirs = sorted(str(p) for p in count(instance, profile))
            ours = sorted(p["id"] for p in category["projects"] if p["funded"])
            same = theirs == ours
            failures += not same
            print(f"{rule:7} {category['name']}: {profile.num_ballots()} ballots, "
                  f"{'same outcome' if same else f'DIFFERENT: Hromada {ours}, pabutools {theirs}'}")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1].rstrip("/")))
