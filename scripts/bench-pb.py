#!/usr/bin/env python3
"""Benchmark: `hromada pb tally` against pabutools on the same files, same run.

Prints file, rule, pabutools seconds, Hromada seconds (rule only, best of 7),
ratio, Hromada parse seconds, and Hromada's peak memory against the file size.
Not a test and not run by CI.

    pip install pabutools && swift build -c release --product hromada
    python3 scripts/bench-pb.py [--pabutools-timeout 120]
"""
import argparse, os, re, resource, subprocess, sys, time
from multiprocessing import Process, Queue

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data", "pabulib")
BIN = os.path.join(HERE, "..", ".build", "release", "hromada")
CASES = [
    ("Poland_Wieliczka_2023_Green_Budget.pb", "mes"),
    ("Poland_Wieliczka_2023_Green_Budget.pb", "mes-add1"),
    ("Poland_Wieliczka_2023_Green_Budget.pb", "mes-add1u"),
    ("Poland_Wieliczka_2023_Green_Budget.pb", "phragmen"),
    ("Poland_Warszawa_2024_Rembertow.pb", "mes-add1"),
    ("Netherlands_Amsterdam_645.pb", "mes-add1"),
    ("Poland_Warszawa_2021_Mokotow.pb", "mes"),
    ("Poland_Warszawa_2021_Mokotow.pb", "mes-add1"),
    ("Poland_Warszawa_2026.pb", "mes"),
    ("Poland_Warszawa_2026.pb", "mes-add1u"),
    ("Poland_Warszawa_2026.pb", "greedy-threshold"),
    ("Poland_Krakow_2024.pb", "mes-add1u"),
]

def pabutools_run(path, rule, queue):
    from pabutools.election import parse_pabulib, Cost_Sat
    from pabutools.rules import (method_of_equal_shares, sequential_phragmen, greedy_utilitarian_welfare,
                                 completion_by_rule_combination)
    instance, profile = parse_pabulib(path)
    started = time.perf_counter()
    if rule == "mes":
        method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    elif rule == "mes-add1":
        method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
    elif rule == "mes-add1u":
        completion_by_rule_combination(instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
                                       [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}])
    elif rule == "phragmen":
        sequential_phragmen(instance, profile)
    else:
        queue.put(None)
        return
    queue.put(time.perf_counter() - started)

def pabutools_seconds(path, rule, timeout):
    queue = Queue()
    process = Process(target=pabutools_run, args=(path, rule, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        return None
    return queue.get() if not queue.empty() else None

def hromada(path, rule):
    best = None
    # Best of several: the compute is milliseconds, so one scheduler hiccup would dominate a single run.
    for _ in range(7):
        out = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "pb", "tally", path, "--rule", rule, "--json", "--timing"],
                             capture_output=True, text=True)
        match = re.search(r"parse ([0-9.]+) s, rule ([0-9.]+) s\n(\d+)", out.stderr)
        if not match:
            sys.exit(f"hromada failed on {path} {rule}: {out.stderr}")
        parse, seconds, kb = float(match[1]), float(match[2]), int(match[3])
        if best is None or seconds < best[1]:
            best = (parse, seconds, kb)
    return best

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pabutools-timeout", type=float, default=120)
    parser.add_argument("--only", help="run only the cases whose file name contains this text")
    args = parser.parse_args()
    baseline_kb = int(subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "--help"], capture_output=True, text=True).stderr.strip().splitlines()[-1])
    print(f"{'file':42} {'rule':16} {'pabutools s':>11} {'hromada s':>10} {'ratio':>9} {'parse s':>8} {'mem/file':>9}")
    for name, rule in CASES:
        if args.only and args.only not in name:
            continue
        path = os.path.join(DATA, name)
        size = os.path.getsize(path)
        parse, seconds, kb = hromada(path, rule)
        reference = pabutools_seconds(path, rule, args.pabutools_timeout)
        if reference is None:
            ref_text, ratio = (f">{args.pabutools_timeout:.0f}" if rule.startswith(("mes", "phragmen")) else "—"), ("—" if not rule.startswith(("mes", "phragmen")) else f">{args.pabutools_timeout / max(seconds, 1e-6):.0f}x")
        else:
            ref_text, ratio = f"{reference:.3f}", f"{reference / max(seconds, 1e-6):.0f}x"
        memory = (kb - baseline_kb) * 1024 / size
        print(f"{name[:42]:42} {rule:16} {ref_text:>11} {seconds:>10.4f} {ratio:>9} {parse:>8.4f} {memory:>8.1f}x", flush=True)
    print(f"(memory: peak RSS above the {baseline_kb // 1024} MiB of an idle `hromada --help`, per byte of file)")

if __name__ == "__main__":
    main()
