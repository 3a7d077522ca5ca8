#!/usr/bin/env python3
"""Reads a page's sharing preview as Telegram's link-preview bot does.

    scripts/check-preview.py URL [URL…]

Fetches each page with the bot's User-Agent, reads the OpenGraph and Twitter
tags in its <head> the way the bot does (the first of each property, HTML
entities decoded), and checks what the bot needs to show a preview: a title,
a description, an absolute og:url that answers 200, a twitter:card; and when
there is an og:image, that it is an absolute http(s) address answering 200
with an image type, under Telegram's 5 MB, whose real size (read from the
JPEG or PNG header) is the og:image:width and og:image:height given.
Prints the preview as a messenger would show it, or each problem; exits 1 on
any. Standard library only.
"""
import struct
import sys
import urllib.request
from html.parser import HTMLParser

USER_AGENT = "TelegramBot (like TwitterBot)"
IMAGE_LIMIT = 5 * 1024 * 1024


class Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.title, self._in_title = {}, "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key and key not in self.tags:
                self.tags[key] = attrs.get("content", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def fetch(url):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read(IMAGE_LIMIT + 1)


def image_size(data):
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return width, height
            i += 2 + length
    return None


def check(url):
    problems = []
    status, kind, body = fetch(url)
    if status != 200 or "text/html" not in kind:
        return [f"{url}: {status} {kind}"]
    head = Head()
    head.feed(body.decode("utf-8", "replace"))
    tags = head.tags
    for key in ("og:title", "og:description", "og:url", "og:site_name", "twitter:card"):
        if not tags.get(key):
            problems.append(f"{url}: no {key}")
    page = tags.get("og:url", "")
    if page and not page.startswith(("http://", "https://")):
        problems.append(f"{url}: og:url {page!r} is not absolute")
    elif page and fetch(page)[0] != 200:
        problems.append(f"{url}: og:url {page} does not answer 200")
    image = tags.get("og:image")
    if image:
        if not image.startswith(("http://", "https://")):
            problems.append(f"{url}: og:image {image!r} is not absolute")
        else:
            status, kind, data = fetch(image)
            size = image_size(data)
            if status != 200 or not kind.startswith("image/"):
                problems.append(f"{url}: og:image answers {status} {kind}")
            elif len(data) > IMAGE_LIMIT:
                problems.append(f"{url}: og:image is over Telegram's 5 MB")
            elif size != (int(tags.get("og:image:width", 0) or 0), int(tags.get("og:image:height", 0) or 0)):
                problems.append(f"{url}: og:image is {size}, the tags say {tags.get('og:image:width')}×{tags.get('og:image:height')}")
            elif tags.get("twitter:card") != "summary_large_image":
                problems.append(f"{url}: a picture, but twitter:card is {tags.get('twitter:card')}")
    if not problems:
        picture = f"\n  [{image} {tags.get('og:image:width')}×{tags.get('og:image:height')}]" if image else ""
        print(f"{tags['og:site_name']}\n  {tags['og:title']}\n  {tags['og:description']}{picture}")
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    problems = [problem for url in sys.argv[1:] for problem in check(url)]
    for problem in problems:
        print("FAIL - " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
