#!/usr/bin/env python3
"""A small map tile server for tests and screenshots (no tiles can be
fetched from the internet here): answers /{z}/{x}/{y}.png with a plain
256-pixel PNG, a pale square with a grid line on two edges, made in
memory. Counts what it served at /count, so a test can tell the browser
asked it.

    python3 scripts/lib/tile_server.py 8099
    HROMADA_MAP_TILES='http://127.0.0.1:8099/{z}/{x}/{y}.png' hromada serve
"""
import re
import struct
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIZE = 256


def png(z, x, y):
    shade = 236 - (x + y) % 2 * 8
    rows = []
    for row in range(SIZE):
        line = bytearray([0])
        for column in range(SIZE):
            edge = row == 0 or column == 0
            value = 190 if edge else shade
            line += bytes([value, value, min(255, value + 6)])
        rows.append(bytes(line))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


served = 0
cache = {}


class Tiles(BaseHTTPRequestHandler):
    def do_GET(self):
        global served
        if self.path == "/count":
            body = str(served).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
        else:
            match = re.fullmatch(r"/(\d{1,2})/(\d{1,7})/(\d{1,7})\.png", self.path)
            if not match:
                self.send_error(404)
                return
            z, x, y = map(int, match.groups())
            key = (x + y) % 2
            body = cache.get(key) or cache.setdefault(key, png(z, x, y))
            served += 1
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
    ThreadingHTTPServer(("127.0.0.1", port), Tiles).serve_forever()
