"""Concurrent senders for the kill -9 checks (scripts/e2e-*-crash.sh).

SENDERS threads take (n, token) pairs from a queue and send one request each,
built by the caller. Every answer is appended to the log and flushed at
once, as "STATUS VALUE TOKEN" ("201 RECEIPT TOKEN", "409 - TOKEN",
"ERR - TOKEN" when the connection died), so what the server acknowledged is
on disk no matter when it is killed. After the first connection error the
threads stop taking new tokens.

    sys.path.insert(0, "scripts/lib"); import crash_senders
    crash_senders.run(tokens_file, log_file, senders, build, value)

build(n, token) returns a urllib.request.Request; value(json_body) returns
the string logged for a 2xx answer.
"""
import json
import queue
import threading
import urllib.error
import urllib.request


def run(tokens_file, log_file, senders, build, value):
    tokens = queue.Queue()
    for n, line in enumerate(open(tokens_file)):
        if line.strip():
            tokens.put((n, line.strip()))
    log, lock, dead = open(log_file, "a"), threading.Lock(), threading.Event()

    def record(*fields):
        with lock:
            log.write(" ".join(fields) + "\n")
            log.flush()

    def sender():
        while not dead.is_set():
            try:
                n, token = tokens.get_nowait()
            except queue.Empty:
                return
            try:
                with urllib.request.urlopen(build(n, token), timeout=30) as answer:
                    record(str(answer.status), str(value(json.load(answer)) or "-"), token)
            except urllib.error.HTTPError as error:
                record(str(error.code), "-", token)
            except Exception:  # refused, reset, closed mid-answer: the kill
                record("ERR", "-", token)
                dead.set()

    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
