#!/usr/bin/env python3
"""Reference outcomes from pabutools for the approval files under 300 KB.

Writes one small JSON per file and rule into Tests/BudgetRulesTests/Fixtures
(outcomes only, no election data). The Swift tests assert exact agreement.

    pip install pabutools
    python3 scripts/pb-reference.py [../shared/data/pabulib] [--max-bytes 300000] [--rules mes,mes-add1,...]

With --analyses it writes, instead, pabutools' analyses of outcomes into
Tests/BudgetRulesTests/Fixtures/Analysis (see `analyses` below):

    python3 scripts/pb-reference.py --analyses [--lp-seconds 300]
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
    if "--analyses" in sys.argv:
        return analyses()
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

# ---------------------------------------------------------------------------
# Analyses (hromada pb analyse). Separate from the rules above.
#
# (a) For every approval file under --max-bytes and the outcomes of mes and
#     greedy (greedy_utilitarian_welfare with Cost_Sat): average satisfaction,
#     Gini and share of non-empty-handed voters (exact fractions), priceable
#     (CBC, with a time limit; null and a note when it does not finish), and
#     every project's effective support (null where pabutools raises).
#     One file per election and rule: <name>.<rule>.json.
# (b) Small random approval elections (seeded), each stored as .pb text with
#     several allocations (rule outcomes, random exhaustive ones, random
#     subsets) and pabutools' brute-force is_EJR_one_approval and priceable.
#     One file per election: random-<seed>.json.

def _fraction(value):
    from gmpy2 import mpq
    q = mpq(value)
    return f"{q.numerator}/{q.denominator}"

def _priceable_child(instance, profile, names, seconds, queue):
    import pulp
    from pabutools.analysis.priceability import priceable
    os.setpgrp()  # CBC joins this process group, so a timeout can stop both
    allocation = [p for p in instance if p.name in names]
    result = priceable(instance, profile, budget_allocation=allocation, max_seconds=seconds)
    queue.put((result.validate(), pulp.LpStatus.get(result.status, str(result.status))))

def _priceable(instance, profile, allocation, seconds):
    """pabutools' priceable(...).validate(), or None when it does not finish:
    CBC gets `seconds`, and the whole call (model building included) four times that."""
    import multiprocessing, queue, signal
    started = time.perf_counter()
    answers = multiprocessing.Queue()
    child = multiprocessing.Process(target=_priceable_child,
                                    args=(instance, profile, {p.name for p in allocation}, seconds, answers))
    child.start()
    try:
        answer, status = answers.get(timeout=4 * seconds)
    except queue.Empty:
        answer, status = None, "did not finish"
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    child.join()
    return answer, time.perf_counter() - started, status

def _effective_supports(instance, profile, allocation):
    from pabutools.analysis.mesanalytics import calculate_effective_support
    supports = {}
    for project in instance:
        try:
            supports[project.name] = int(calculate_effective_support(
                instance, profile, project, project in allocation, {"sat_class": Cost_Sat}))
        except Exception:  # pabutools raises for projects nobody approves or that cost nothing
            supports[project.name] = None
    return supports

def _measures(instance, profile, allocation):
    from pabutools.analysis.votersatisfaction import (avg_satisfaction, gini_coefficient_of_satisfaction,
                                                      percent_non_empty_handed)
    gini = gini_coefficient_of_satisfaction(instance, profile, allocation, Cost_Sat)
    share = percent_non_empty_handed(instance, profile, allocation)
    average = avg_satisfaction(instance, profile, allocation, Cost_Sat)
    return {"gini": _fraction(gini), "percentNonEmptyHanded": _fraction(share), "averageCostSatisfaction": _fraction(average)}

def _analysis_outcome(instance, profile, rule):
    if rule == "mes":
        return method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    if rule == "greedy":
        return greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    raise ValueError(rule)

def _random_election(seed):
    import random
    rng = random.Random(seed)
    projects = rng.randint(4, 6)
    voters = rng.randint(4, 7)
    # Costs in tenths now and then: pabutools' exhaustiveness asks for one whole unit of slack.
    tenths = rng.random() < 0.25
    unit = 1 if tenths else rng.choice([1, 10, 100])
    costs = [rng.randint(1, 10) * unit for _ in range(projects)]
    budget = rng.randint(max(costs), sum(costs))
    amount = (lambda x: f"{x // 10}.{x % 10}") if tenths else str
    # A few popular projects make cohesive groups likely.
    popularity = [rng.choice([0.2, 0.5, 0.8]) for _ in range(projects)]
    ballots = []
    for _ in range(voters):
        ballot = [f"p{j}" for j in range(projects) if rng.random() < popularity[j]]
        ballots.append(ballot or [f"p{rng.randrange(projects)}"])
    lines = ["META", "key;value", f"description;random election {seed}", f"num_projects;{projects}",
             f"num_votes;{voters}", f"budget;{amount(budget)}", "vote_type;approval", "rule;greedy",
             "PROJECTS", "project_id;cost"]
    lines += [f"p{j};{amount(costs[j])}" for j in range(projects)]
    lines += ["VOTES", "voter_id;vote"]
    lines += [f"v{i};{','.join(b)}" for i, b in enumerate(ballots)]
    return rng, "\n".join(lines) + "\n"

def _random_allocations(rng, instance, profile):
    from pabutools.election import Instance
    projects = sorted(instance, key=lambda p: p.name)
    allocations = {"mes": sorted(p.name for p in _analysis_outcome(instance, profile, "mes")),
                   "greedy": sorted(p.name for p in _analysis_outcome(instance, profile, "greedy"))}
    for k in range(2):  # random exhaustive: add projects in random order while they fit
        order = projects[:]
        rng.shuffle(order)
        chosen, spent = [], 0
        for p in order:
            if spent + p.cost <= instance.budget_limit:
                chosen.append(p.name)
                spent += p.cost
        allocations[f"exhaustive-{k}"] = sorted(chosen)
    for k, share in enumerate((0.4, 0.15)):  # random subsets, feasible or not
        allocations[f"subset-{k}"] = sorted(p.name for p in projects if rng.random() < share)
    # The least popular projects first: cohesive groups tend to get nothing.
    approvals = {p.name: sum(1 for b in profile if p in b) for p in projects}
    chosen, spent = [], 0
    for p in sorted(projects, key=lambda p: (approvals[p.name], p.name)):
        if spent + p.cost <= instance.budget_limit:
            chosen.append(p.name)
            spent += p.cost
    allocations["unpopular"] = sorted(chosen)
    return allocations

def analyses():
    from pabutools.analysis.justifiedrepresentation import is_EJR_one_approval
    from pabutools.election.pabulib import parse_pabulib_from_string
    parser = argparse.ArgumentParser()
    parser.add_argument("--analyses", action="store_true")
    parser.add_argument("folder", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "pabulib"))
    parser.add_argument("--max-bytes", type=int, default=300_000)
    parser.add_argument("--lp-seconds", type=int, default=300)
    parser.add_argument("--random", type=int, default=40, help="how many random elections")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "Tests", "BudgetRulesTests", "Fixtures", "Analysis"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    # (a) the real files
    files = sorted(f for f in os.listdir(args.folder) if f.endswith(".pb") and os.path.getsize(os.path.join(args.folder, f)) <= args.max_bytes)
    for name in files:
        instance, profile = parse_pabulib(os.path.join(args.folder, name))
        if not isinstance(profile, AbstractApprovalProfile):
            continue
        for rule in ("mes", "greedy"):
            target = os.path.join(args.out, f"{name[:-3]}.{rule}.json")
            if os.path.exists(target):
                continue
            allocation = _analysis_outcome(instance, profile, rule)
            record = {"file": name, "rule": rule, "selected": sorted(p.name for p in allocation)}
            started = time.perf_counter()
            record.update(_measures(instance, profile, allocation))
            record["measuresSeconds"] = round(time.perf_counter() - started, 3)
            priceable_answer, seconds, status = _priceable(instance, profile, allocation, args.lp_seconds)
            record["priceable"] = priceable_answer
            record["priceableStatus"] = status
            record["priceableSeconds"] = round(seconds, 3)
            if priceable_answer is None:
                record["priceableNote"] = f"pabutools did not finish: {status} (CBC limit {args.lp_seconds} s, call limit {4 * args.lp_seconds} s)"
            started = time.perf_counter()
            record["effectiveSupports"] = _effective_supports(instance, profile, allocation)
            record["effectiveSupportsSeconds"] = round(time.perf_counter() - started, 3)
            with open(target, "w") as f:
                json.dump(record, f, sort_keys=True)
                f.write("\n")
            print(f"{rule:7} {name}: priceable {priceable_answer} ({seconds:.1f}s)", flush=True)
    # (b) random small elections, brute force EJR up to one
    for seed in range(1, args.random + 1):
        target = os.path.join(args.out, f"random-{seed:02d}.json")
        if os.path.exists(target):
            continue
        rng, text = _random_election(seed)
        instance, profile = parse_pabulib_from_string(text)
        checks = []
        for label, names in _random_allocations(rng, instance, profile).items():
            allocation = [p for p in instance if p.name in names]
            check = {"allocation": label, "selected": names,
                     "ejrUpToOne": is_EJR_one_approval(instance, profile, Cost_Sat, allocation),
                     "priceable": _priceable(instance, profile, allocation, args.lp_seconds)[0]}
            check.update(_measures(instance, profile, allocation))
            check["effectiveSupports"] = _effective_supports(instance, profile, allocation)
            checks.append(check)
        with open(target, "w") as f:
            json.dump({"seed": seed, "pb": text, "checks": checks}, f, sort_keys=True)
            f.write("\n")
        print(f"random {seed}: " + ", ".join(f"{c['allocation']} ejr={c['ejrUpToOne']} priceable={c['priceable']}" for c in checks), flush=True)

if __name__ == "__main__":
    main()
