#!/usr/bin/env python3
"""The paging loop of CKAN's harvester (ckanext-harvest's CKANHarvester),
against a CKAN Action API:

    python3 scripts/lib/ckan_harvest.py http://127.0.0.1:PORT [--since ISO]

Asks `package_search` with `fq=metadata_modified:[SINCE TO *]` (every
dataset when no --since), `rows=100`, `start=0, 100, …`, `sort=id asc`,
and stops on the first empty page, as the harvester does. Prints one line
per dataset, "NAME SHA256-OF-ITS-RESOURCES", in the order received; exits
1 if a dataset comes twice (the harvester would import it twice) or on an
answer that is not CKAN's envelope.
"""
import json
import sys
import urllib.parse
import urllib.request


def search(base, fq, start):
    query = urllib.parse.urlencode({"fq": fq, "rows": 100, "start": start, "sort": "id asc"})
    with urllib.request.urlopen(f"{base}/api/3/action/package_search?{query}", timeout=60) as answer:
        body = json.load(answer)
    if body.get("success") is not True:
        raise SystemExit(f"package_search failed: {body}")
    return body["result"]["results"]


def main():
    base = sys.argv[1].rstrip("/")
    since = sys.argv[sys.argv.index("--since") + 1] if "--since" in sys.argv else None
    fq = f"metadata_modified:[{since} TO *]" if since else "*:*"
    seen = set()
    start = 0
    while True:
        page = search(base, fq, start)
        if not page:
            break
        for package in page:
            if package["id"] in seen:
                raise SystemExit(f"{package['name']} came twice")
            seen.add(package["id"])
            digest = "+".join(resource.get("hash", "") for resource in package.get("resources", []))
            print(package["name"], digest)
        start += 100


if __name__ == "__main__":
    main()
