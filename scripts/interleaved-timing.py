#!/usr/bin/env python3
"""Times commands interleaved (A, B, A, B, ...) so that a shared machine's slow minutes hit all of
them alike, and prints each one's median and minimum wall time and the ratios of the medians.

    scripts/interleaved-timing.py RUNS -- CMD1 ... -- CMD2 ...

For example, kamaji-capi against helm template on the benchmark's 500-pool file:

    scripts/interleaved-timing.py 10 \\
      -- .build/release/kamaji-capi render bench -f pools-500.yaml \\
      -- helm template bench scripts/reference-chart -f pools-500.yaml

Output goes to /dev/null. See docs/performance.md.
"""
import statistics
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        sys.exit(__doc__)
    runs = int(argv[1])
    commands, current = [], None
    for word in argv[2:]:
        if word == "--":
            current = []
            commands.append(current)
        else:
            current.append(word)
    times = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            times[index].append(time.perf_counter() - start)
    medians = [statistics.median(t) for t in times]
    for command, t, median in zip(commands, times, medians):
        print(f"{median * 1000:9.1f} ms median {min(t) * 1000:9.1f} ms min  {' '.join(command)}")
    for index in range(1, len(commands)):
        print(f"command {index + 1} / command 1: {medians[index] / medians[0]:.2f}")


if __name__ == "__main__":
    main(sys.argv)
