"""Time to unlock a profile with the shipped Argon2id cost (passphrase -> key-encryption key ->
unwrap the data key -> open and check the SQLCipher database), against the Argon2id derivation
alone with the same parameters. The cost is chosen so an unlock takes 0.2-0.5 s here.

    .venv/bin/python bench/unlock.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import crypto
from app.core import Core
from app.paths import Paths
from bench._harness import bench_line, median, parser

PASS = "a passphrase for the benchmark"


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    runs = 2 if args.quick else 7
    params = crypto.DEFAULT_KDF
    with tempfile.TemporaryDirectory() as home:
        core = Core(Paths(Path(home)))
        core.profiles.create("Bench", PASS)
        unlock, kdf = [], []
        for _ in range(runs):
            start = time.perf_counter()
            core.profiles.unlock("Bench", PASS).close()
            unlock.append(time.perf_counter() - start)
            salt = os.urandom(16)
            start = time.perf_counter()
            crypto.derive_kek(PASS, salt, params)
            kdf.append(time.perf_counter() - start)
    u, k = median(unlock), median(kdf)
    print(
        f"Argon2id memory={params.memory_kib // 1024} MiB iterations={params.iterations} "
        f"lanes={params.lanes}"
    )
    print(f"unlock: median {u * 1000:.0f} ms  runs {[round(x * 1000) for x in unlock]}")
    print(f"Argon2id alone: median {k * 1000:.0f} ms")
    print(
        bench_line(
            "unlock",
            u,
            "s",
            u / k,
            "argon2id_derive_alone_same_params",
            memory_mib=str(params.memory_kib // 1024),
            iterations=str(params.iterations),
            lanes=str(params.lanes),
        )
    )


if __name__ == "__main__":
    main()
