#!/usr/bin/env python3
"""Benchmark: `hromada pb tally` against pabutools on the same files, same run.

For each shared Pabulib file and rule it prints pabutools' whole-process
seconds (python start, import, parse and rule, in a fresh process, capped by
--cap; a capped run counts as the cap), Hromada's whole-process seconds (best
of --repeat runs of the release binary), their ratio, and both tools' rule
time alone. Not a test and not run by CI.

    pip install pabutools && swift build -c release --static-swift-stdlib --product hromada
    python3 scripts/bench-pb.py [--cap 90] [--rules mes,mes-add1] [--only Wieliczka] [--min-bytes 0] [--bin PATH]

Build with --static-swift-stdlib, as a deployment would: a binary that
loads the shared Swift and Foundation libraries spends about 12 ms more
starting, which on small files is most of a tally.
"""
import argparse, json, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data", "pabulib")
BIN = os.path.join(HERE, "..", ".build", "release", "hromada")
RULES = ["mes", "mes-add1", "mes-add1u", "phragmen", "mes-cardinality", "mes-then-greedy", "max-welfare"]

# One pabutools run in a fresh interpreter: prints the rule's own seconds.
PABUTOOLS = r"""
import sys, time
from pabutools.election import parse_pabulib, Cost_Sat, Cardinality_Sat
from pabutools.election.profile import AbstractApprovalProfile
from pabutools.rules import (method_of_equal_shares, sequential_phragmen, greedy_utilitarian_welfare,
                             completion_by_rule_combination, max_additive_utilitarian_welfare)
path, rule = sys.argv[1], sys.argv[2]
instance, profile = parse_pabulib(path)
if not isinstance(profile, AbstractApprovalProfile):
    print("skip"); sys.exit(0)
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
elif rule == "mes-cardinality":
    method_of_equal_shares(instance, profile, sat_class=Cardinality_Sat)
elif rule == "mes-then-greedy":
    completion_by_rule_combination(instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
                                   [{"sat_class": Cost_Sat}, {"sat_class": Cost_Sat}])
elif rule == "max-welfare":
    max_additive_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
print(time.perf_counter() - started)
"""


def pabutools(path, rule, cap):
    """(whole-process seconds, rule seconds or None, finished?) or None when pabutools cannot read the ballots."""
    started = time.perf_counter()
    try:
        out = subprocess.run([sys.executable, "-c", PABUTOOLS, path, rule], capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return cap, None, False
    whole = time.perf_counter() - started
    text = out.stdout.strip()
    if text == "skip":
        return None
    if out.returncode != 0:
        return whole, None, False
    return whole, float(text), True


def hromada(path, rule, repeat):
    """Best whole-process seconds and that run's rule seconds; None when the rule refuses the file."""
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        out = subprocess.run([BIN, "pb", "tally", path, "--rule", rule, "--json", "--timing"], capture_output=True, text=True)
        whole = time.perf_counter() - started
        if out.returncode != 0:
            return None
        match = re.search(r"parse ([0-9.]+) s, rule ([0-9.]+) s", out.stderr)
        rule_seconds = float(match[2]) if match else float("nan")
        if best is None or whole < best[0]:
            best = (whole, rule_seconds)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=90, help="seconds after which a pabutools run is stopped and counted as this long")
    parser.add_argument("--rules", default=",".join(RULES))
    parser.add_argument("--only", help="only files whose name contains this text")
    parser.add_argument("--min-bytes", type=int, default=0, help="only files at least this large")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--bin", help="the hromada binary (default: .build/release/hromada)")
    args = parser.parse_args()
    global BIN
    BIN = args.bin or BIN
    files = sorted(f for f in os.listdir(DATA) if f.endswith(".pb") and os.path.getsize(os.path.join(DATA, f)) >= args.min_bytes)
    if args.only:
        files = [f for f in files if args.only in f]
    print(f"{'file':44} {'rule':16} {'pabutools':>10} {'hromada':>9} {'ratio':>8}   {'pbt rule':>9} {'hm rule':>8} {'ratio':>8}")
    rows = []
    for rule in args.rules.split(","):
        for name in files:
            path = os.path.join(DATA, name)
            ours = hromada(path, rule, args.repeat)
            if ours is None:
                continue
            reference = pabutools(path, rule, args.cap)
            if reference is None:
                continue
            whole, rule_seconds, finished = reference
            prefix = "" if finished else ">"
            ratio = whole / max(ours[0], 1e-6)
            rule_ratio = f"{rule_seconds / max(ours[1], 1e-7):.0f}x" if rule_seconds is not None else "—"
            print(f"{name[:44]:44} {rule:16} {prefix + format(whole, '.3f'):>10} {ours[0]:>9.4f} {prefix + format(ratio, '.0f') + 'x':>8}   "
                  f"{(format(rule_seconds, '.3f') if rule_seconds is not None else '—'):>9} {ours[1]:>8.4f} {rule_ratio:>8}", flush=True)
            rows.append({"file": name, "rule": rule, "pabutoolsSeconds": whole, "pabutoolsFinished": finished,
                         "pabutoolsRuleSeconds": rule_seconds, "hromadaSeconds": ours[0], "hromadaRuleSeconds": ours[1]})
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    print("(whole-process: a fresh process each, including start-up and parsing; '>' marks a pabutools run stopped at the cap)")


if __name__ == "__main__":
    main()
