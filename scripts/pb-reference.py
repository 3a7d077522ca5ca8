#!/usr/bin/env python3
"""Reference outcomes from pabutools for the approval files under 300 KB.

Writes one small JSON per file and rule into Tests/BudgetRulesTests/Fixtures
(outcomes only, no election data). The Swift tests assert exact agreement.

    pip install pabutools
    python3 scripts/pb-reference.py [../shared/data/pabulib] [--max-bytes 300000] [--rules mes,mes-add1,...]
"""
import argparse, json, os, sys, time
from pabutools.election import parse_pabulib, Cost_Sat, Cardinality_Sat
from pabutools.election.profile import AbstractApprovalProfile
from pabutools.rules import (method_of_equal_shares, sequential_phragmen, greedy_utilitarian_welfare,
                             completion_by_rule_combination, max_additive_utilitarian_welfare)

def outcome(instance, profile, rule):
    if rule == "mes":
        return method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    if rule == "mes-add1":
        return method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
    if rule == "mes-add1u":
        return completion_by_rule_combination(
            instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}])
    if rule == "phragmen":
        return sequential_phragmen(instance, profile)
    if rule == "mes-cardinality":
        return method_of_equal_shares(instance, profile, sat_class=Cardinality_Sat)
    if rule == "mes-then-greedy":
        return completion_by_rule_combination(
            instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": Cost_Sat}, {"sat_class": Cost_Sat}])
    if rule == "max-welfare":
        return max_additive_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    raise ValueError(rule)

def welfare(profile, result):
    """Σ over voters of the cost of the funded projects they approve (Cost_Sat)."""
    chosen = set(result)
    return sum(profile.multiplicity(b) * sum(p.cost for p in b if p in chosen) for b in profile)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "pabulib"))
    parser.add_argument("--max-bytes", type=int, default=300_000)
    parser.add_argument("--rules", default="mes,phragmen,mes-add1,mes-add1u,mes-cardinality,mes-then-greedy,max-welfare")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "Tests", "BudgetRulesTests", "Fixtures"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    files = sorted(f for f in os.listdir(args.folder) if f.endswith(".pb") and os.path.getsize(os.path.join(args.folder, f)) <= args.max_bytes)
    for rule in args.rules.split(","):
        for name in files:
            target = os.path.join(args.out, f"{name[:-3]}.{rule}.json")
            if os.path.exists(target):
                continue
            instance, profile = parse_pabulib(os.path.join(args.folder, name))
            if not isinstance(profile, AbstractApprovalProfile):
                continue
            started = time.perf_counter()
            result = outcome(instance, profile, rule)
            seconds = time.perf_counter() - started
            selected = sorted(p.name for p in result)
            record = {"file": name, "rule": rule, "selected": selected,
                      "cost": int(sum(p.cost for p in result)) if all(float(p.cost).is_integer() for p in result) else str(sum(p.cost for p in result)),
                      "pabutoolsSeconds": round(seconds, 3)}
            if rule == "max-welfare":
                # Optimal sets may tie; the tests compare the welfare, which is unique.
                record["welfare"] = str(welfare(profile, result))
            with open(target, "w") as f:
                json.dump(record, f, sort_keys=True)
                f.write("\n")
            print(f"{rule:10} {name}: {len(selected)} projects in {seconds:.2f}s", flush=True)

if __name__ == "__main__":
    main()
