#!/usr/bin/python3
"""compare_peer.py - hold the pandas peer's figures against `kpi export`.

    /usr/bin/python3 bench/compare_peer.py KPI_EXPORT.csv PEER_ROWS.csv YEAR

KPI_EXPORT.csv is `kpi export DATASET --month YYYY-MM`, PEER_ROWS.csv the
--data file of bench/pandas_peer.py for the same dataset and month. Prints
the headline totals side by side, then how many of the peer's rows agree
with kpi's to the øre and, for the others, the largest difference per
kpi_id and stat. A peer that computes a different economy is no peer, so
run.sh shows this beside the timings. Exit status 0 when the headline
totals agree to the øre, 1 when they do not.
"""
import sys

import pandas as pd


def main():
    kpi_path, peer_path, year = sys.argv[1], sys.argv[2], sys.argv[3]
    kpi = pd.read_csv(kpi_path, sep=";", dtype={"period": str, "value": str})
    kpi["value"] = pd.to_numeric(kpi["value"], errors="coerce")
    peer = pd.read_csv(peer_path, sep=";", dtype={"period": str})
    keys = ["kpi_id", "period", "breakdown", "stat"]
    j = peer.merge(kpi, on=keys, how="left", suffixes=("_peer", "_kpi"))
    j["diff"] = (j["value_peer"] - j["value_kpi"]).abs()

    headline = [("disposed", year, "amount"), ("forecast", year, "amount"),
                ("forecast", year, "budget"), ("forecast", year, "deviation")]
    ok = True
    print(f"{'total':<22} {'kpi':>18} {'pandas peer':>18} {'difference':>12}")
    for kpi_id, period, stat in headline:
        r = j[(j["kpi_id"] == kpi_id) & (j["period"] == period)
              & (j["breakdown"] == "total") & (j["stat"] == stat)].iloc[0]
        ok = ok and r["diff"] < 0.005
        print(f"{kpi_id + ' ' + stat:<22} {r['value_kpi']:>18,.2f} {r['value_peer']:>18,.2f} "
              f"{r['value_peer'] - r['value_kpi']:>12,.2f}")
    same = (j["diff"] < 0.005) | (j["stat"].isin(["share", "full_year_recipients"]) & (j["diff"] < 5e-4))
    print(f"rows: {len(j)} from the peer, {int(same.sum())} equal to kpi's, "
          f"{int(j['value_kpi'].isna().sum())} not in kpi's export")
    rest = j[~same & j["value_kpi"].notna()]
    if len(rest):
        print("differing (largest difference per figure and stat):")
        worst = rest.groupby(["kpi_id", "stat"]).agg(rows=("diff", "size"), max_diff=("diff", "max"))
        print(worst.to_string())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
