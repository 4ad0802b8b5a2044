#!/usr/bin/python3
"""pandas_peer.py - the economy workbook as an analyst would make it with
pandas and XlsxWriter: the peer that bench/run.sh times beside `kpi report`.

    /usr/bin/python3 bench/pandas_peer.py DATASET --month 2026-10 -o OUT.xlsx
                                          [--data ROWS.csv]

It reads measures.csv, postings.csv and budget.csv of a dataset folder as
kpi-gen writes them (';', UTF-8 with BOM, dd-mm-yyyy, "2.345,67", Danish
target groups and cost units, budget rows named by measure-type name) and
writes one workbook in the spirit of kpi's oekonomi-YYYY-MM.xlsx: the key
page (budget, booked, disposed, forecast and deviation per measure type and
category; full-year recipients, average prices and the quantity and price
effects), the months of the year with a chart, disposed per caseworker, the
disposition list of every measure, and a Data sheet in kpi's long form
(kpi_id;period;breakdown;stat;value). --data also writes those rows to a
CSV file, to hold them against `kpi export`.

The rules are SPEC §4 and §5 (forecast, disposed, spend, recipients_price,
caseworker_spend): a measure's amount in a month is its price x its active
days in the month / the days of its unit, rounded half away from zero to
whole øre; an ongoing measure runs to its planned end (when that is not
already past) or to the end of next year; forecast = disposed for the whole
year + income and prior-year postings booked to date.

It is written the way an analyst would write it: vectorised where pandas
makes that natural (a cross join of the measures with the 24 months of this
year and next, groupby, merge, pivot_table), DataFrame.to_excel for the
tables. It is neither deliberately slow nor tuned. It leaves out what the
analyst would do as a second step (the high-cost cases, own vs purchased,
placed children month by month), so it does less than kpi's workbook.

Needs pandas and XlsxWriter (Debian: python3-pandas python3-xlsxwriter).
"""
import argparse
import configparser
import os
import sys

import numpy as np
import pandas as pd

# SPEC §3.3: code -> (name, category). The budget rows are named by name.
TYPES = {
    "almen_plejefamilie": ("Almen plejefamilie", "placement"),
    "forstaerket_plejefamilie": ("Forstærket plejefamilie", "placement"),
    "specialiseret_plejefamilie": ("Specialiseret plejefamilie", "placement"),
    "netvaerksplejefamilie": ("Netværksplejefamilie", "placement"),
    "eget_vaerelse": ("Eget værelse, kollegium o.l.", "placement"),
    "doegninstitution": ("Børne- og ungehjem: døgninstitution", "placement"),
    "sikret_doegninstitution": ("Børne- og ungehjem: sikret eller delvis lukket", "placement"),
    "opholdssted": ("Børne- og ungehjem: opholdssted", "placement"),
    "kostskole": ("Efterskole, fri fagskole, kostafdeling", "placement"),
    "dagtilbud": ("Ophold i dagtilbud, uddannelsessted o.l.", "preventive"),
    "stoette_i_hjemmet": ("Praktisk, pædagogisk eller anden støtte i hjemmet", "preventive"),
    "kontaktperson": ("Fast kontaktperson", "preventive"),
    "praktik": ("Praktiktilbud", "preventive"),
    "familiebehandling": ("Familiebehandling eller behandling", "preventive"),
    "familieanbringelse": ("Døgnophold for hele familien", "preventive"),
    "stoetteophold": ("Støtteophold (tidligere aflastning)", "preventive"),
    "anden_hjaelp": ("Anden hjælp", "preventive"),
    "ungestoette_doegnophold": ("Ungestøtte: døgnophold på anbringelsesstedet (18–22 år)", "placement"),
    "eftervaern": ("Efterværn og ungestøtte: kontaktperson og anden støtte (18–22 år)", "preventive"),
}
CATEGORY_NAMES = {"placement": "Anbringelser", "preventive": "Forebyggende foranstaltninger"}
UNITS = {"måned": "month", "døgn": "day", "dag": "day", "uge": "week", "år": "year",
         "month": "month", "day": "day", "week": "week", "year": "year"}
BUDGET_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
MONTH_NAMES = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
               "september", "oktober", "november", "december"]


def read_measures(folder):
    m = pd.read_csv(os.path.join(folder, "measures.csv"), sep=";", encoding="utf-8-sig",
                    dtype=str, keep_default_na=False)
    m.columns = [c.strip().lower() for c in m.columns]
    for c in ["start_date", "end_date", "planned_end_date"]:
        m[c] = pd.to_datetime(m[c].replace("", None), format="%d-%m-%Y")
    if "monthly_cost" in m.columns:
        m["cost"], m["cost_unit"] = m["monthly_cost"], "month"
    price = m["cost"].str.replace(" kr.", "", regex=False).str.replace(".", "", regex=False)
    m["price_ore"] = (price.str.replace(",", ".", regex=False).astype(float) * 100).round().astype("int64")
    m["unit"] = m["cost_unit"].str.strip().str.lower().map(UNITS)
    m["measure_type"] = m["measure_type"].str.strip().str.lower()
    m["category"] = m["measure_type"].map({k: v[1] for k, v in TYPES.items()})
    return m


def read_postings(folder, year, month):
    p = pd.read_csv(os.path.join(folder, "postings.csv"), sep=";", encoding="utf-8-sig",
                    decimal=",", dtype={"period": str, "measure_type": str})
    p["kind"] = p["kind"].fillna("expense")
    return p[(p["period"] >= f"{year}-01") & (p["period"] <= f"{year}-{month:02d}")]


def read_budget(folder):
    b = pd.read_csv(os.path.join(folder, "budget.csv"), sep=";", encoding="utf-8-sig",
                    decimal=",", thousands=".")
    by_name = {v[0]: k for k, v in TYPES.items()}
    b["measure_type"] = b["Foranstaltningstype"].map(by_name)
    b = b.rename(columns={"Korrigeret budget": "budget", "Helårspersoner": "budget_fyr",
                          "Gennemsnitspris": "budget_price"})
    return b.set_index("measure_type")


def round_half_away(num, den):
    """num / den rounded half away from zero, in integers (øre)."""
    q = (2 * np.abs(num) + den) // (2 * den)
    return np.sign(num) * q


def assumed_end(m, as_of, year):
    """end_date, else a planned end not yet passed, else 31-12 of next year."""
    planned = m["planned_end_date"].where(m["planned_end_date"] >= as_of)
    return m["end_date"].fillna(planned).fillna(pd.Timestamp(year + 1, 12, 31))


def month_amounts(m, year):
    """One row per measure and month of `year` and `year`+1 it is active in,
    with the month's amount in øre (SPEC §4)."""
    months = pd.DataFrame({"month_start": pd.date_range(f"{year}-01-01", periods=24, freq="MS")})
    months["month_end"] = months["month_start"] + pd.offsets.MonthEnd(0)
    months["ym"] = months["month_start"].dt.strftime("%Y-%m")
    x = m[["measure_id", "start_date", "assumed_end", "price_ore", "unit"]].merge(months, how="cross")
    lo = x[["start_date", "month_start"]].max(axis=1)
    hi = x[["assumed_end", "month_end"]].min(axis=1)
    x["days"] = (hi - lo).dt.days + 1
    x = x[x["days"] > 0]
    unit_days = np.select(
        [x["unit"] == "month", x["unit"] == "day", x["unit"] == "week"],
        [x["month_end"].dt.day, 1, 7],
        np.where(x["month_start"].dt.is_leap_year, 366, 365))
    x["amount_ore"] = round_half_away(x["price_ore"] * x["days"], unit_days)
    return x[["measure_id", "ym", "amount_ore"]]


def full_year_recipients(m, key, year):
    """Σ over children of the days with at least one active measure of the
    group, ÷ the days of the year; per value of `key`."""
    y0, y1 = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    s = m.assign(lo=m["start_date"].clip(lower=y0), hi=m["assumed_end"].clip(upper=y1))
    s = s[s["hi"] >= s["lo"]].sort_values([key, "child_id", "lo"])
    # Days of each span not already covered by an earlier span of the
    # same child and group: the union, as the spans are sorted by start.
    covered = s.groupby([key, "child_id"])["hi"].cummax().groupby([s[key], s["child_id"]]).shift()
    first_new = s["lo"].where(covered.isna() | (s["lo"] > covered), covered + pd.Timedelta(days=1))
    days = ((s["hi"] - first_new).dt.days + 1).clip(lower=0)
    return days.groupby(s[key]).sum() / (366 if y1.is_leap_year else 365)


def economy(folder, year, month):
    as_of = pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)
    m = read_measures(folder)
    m["assumed_end"] = assumed_end(m, as_of, year)
    # Cancelled grants (end the day before start) and measures outside this
    # year and next commit nothing.
    live = m[(m["assumed_end"] >= m["start_date"])
             & (m["assumed_end"] >= pd.Timestamp(year, 1, 1))
             & (m["start_date"] <= pd.Timestamp(year + 1, 12, 31))].copy()

    amounts = month_amounts(live, year)
    amounts["part"] = np.where(amounts["ym"] <= f"{year}-{month:02d}", "to_date",
                               np.where(amounts["ym"] <= f"{year}-12", "rest", "next_year"))
    per_measure = amounts.pivot_table(index="measure_id", columns="part", values="amount_ore",
                                      aggfunc="sum", fill_value=0)
    per_measure = per_measure.reindex(columns=["to_date", "rest", "next_year"], fill_value=0)
    disp = live.merge(per_measure, left_on="measure_id", right_index=True, how="left")
    disp[["to_date", "rest", "next_year"]] = disp[["to_date", "rest", "next_year"]].fillna(0)
    disp["this_year"] = disp["to_date"] + disp["rest"]
    disp["monthly_ore"] = np.select(
        [disp["unit"] == "day", disp["unit"] == "week", disp["unit"] == "year"],
        [disp["price_ore"] * 30, round_half_away(disp["price_ore"] * 30, 7),
         round_half_away(disp["price_ore"], 12)], disp["price_ore"])
    disp["active_year"] = disp["start_date"] <= pd.Timestamp(year, 12, 31)
    disp = disp.sort_values("measure_id")

    # Per measure type: disposed, booked, budget, forecast.
    types = disp.groupby("measure_type").agg(
        disposed_to_date=("to_date", "sum"), disposed_year=("this_year", "sum"),
        disposed_next_year=("next_year", "sum"), count=("active_year", "sum")) / [100, 100, 100, 1]
    postings = read_postings(folder, year, month)
    booked = postings.pivot_table(index="measure_type", columns="kind", values="amount",
                                  aggfunc="sum", fill_value=0)
    booked = booked.reindex(columns=["expense", "income", "prior_year"], fill_value=0)
    budget = read_budget(folder)
    budget["phased"] = budget[BUDGET_MONTHS[:month]].sum(axis=1)
    t = types.join(booked, how="outer").join(
        budget[["budget", "phased", "budget_fyr", "budget_price"]], how="outer")
    money = ["disposed_to_date", "disposed_year", "disposed_next_year", "count",
             "expense", "income", "prior_year", "budget", "phased"]
    t[money] = t[money].fillna(0)
    t["category"] = t.index.map(lambda c: TYPES[c][1])
    t["name"] = t.index.map(lambda c: TYPES[c][0])
    t["fyr"] = full_year_recipients(live, "measure_type", year)
    t["fyr"] = t["fyr"].fillna(0)

    by_cat = t.groupby("category").sum(numeric_only=True)
    by_cat["fyr"] = full_year_recipients(live, "category", year)
    total = t.sum(numeric_only=True).to_frame("total").T
    total["fyr"] = full_year_recipients(live.assign(all="total"), "all", year)["total"]

    for f in (t, by_cat, total):
        f["booked"] = f["expense"] + f["income"] + f["prior_year"]
        f["dev_to_date"] = f["booked"] - f["phased"]
        f["consumption"] = f["booked"] / f["budget"].replace(0, np.nan)
        f["forecast"] = f["disposed_year"] + f["income"] + f["prior_year"]
        f["dev_forecast"] = f["forecast"] - f["budget"]
        f["dev_forecast_pct"] = f["dev_forecast"] / f["budget"].replace(0, np.nan)
        f["price"] = f["disposed_year"] / f["fyr"].replace(0, np.nan)
    # Quantity and price effects per type; a category's and the total's are
    # the sums of their types' (SPEC §5 recipients_price).
    t["quantity"] = (t["fyr"] - t["budget_fyr"]) * t["budget_price"]
    t["price_effect"] = (t["price"] - t["budget_price"]) * t["fyr"]
    effects = ["quantity", "price_effect", "budget_fyr"]
    by_cat[effects] = t.groupby("category")[effects].sum()
    total[effects] = t[effects].sum().values
    for f in (by_cat, total):
        f["budget_price"] = f["budget"] / f["budget_fyr"]
    for f in (t, by_cat, total):
        f["unexplained"] = f["dev_forecast"] - f["quantity"] - f["price_effect"]

    # Month by month: phased budget, booked, disposed.
    months = pd.DataFrame({"ym": [f"{year}-{i:02d}" for i in range(1, 13)]}).set_index("ym")
    months["budget"] = budget[BUDGET_MONTHS].sum().values
    months["booked"] = postings.groupby("period")["amount"].sum()
    months["disposed"] = amounts[amounts["ym"] <= f"{year}-12"].groupby("ym")["amount_ore"].sum() / 100

    caseworkers = disp.groupby("caseworker")[["to_date", "this_year"]].sum() / 100
    caseworkers = caseworkers.sort_values("this_year", ascending=False)
    return t, by_cat, total, months, caseworkers, disp


def long_rows(t, by_cat, total, months, caseworkers, year, month):
    """The figures in kpi's long form (kpi_id;period;breakdown;stat;value)."""
    to_date, y, rest = f"{year}-01..{year}-{month:02d}", f"{year}", f"{year}-{month + 1:02d}..{year}-12"
    stats = [  # kpi_id, period, stat, column
        ("spend", to_date, "expense", "expense"), ("spend", to_date, "income", "income"),
        ("spend", to_date, "prior_year", "prior_year"), ("spend", to_date, "amount", "booked"),
        ("spend", to_date, "budget", "phased"), ("spend", to_date, "deviation", "dev_to_date"),
        ("spend", to_date, "share", "consumption"),
        ("disposed", to_date, "amount", "disposed_to_date"), ("disposed", y, "amount", "disposed_year"),
        ("disposed", y, "count", "count"), ("disposed", f"{year + 1}", "amount", "disposed_next_year"),
        ("forecast", y, "amount", "forecast"), ("forecast", y, "budget", "budget"),
        ("forecast", y, "deviation", "dev_forecast"), ("forecast", y, "share", "dev_forecast_pct"),
        ("recipients_price", y, "full_year_recipients", "fyr"),
        ("recipients_price", y, "amount", "disposed_year"),
        ("recipients_price", y, "average_price", "price"),
        ("recipients_price", y, "budget_full_year_recipients", "budget_fyr"),
        ("recipients_price", y, "budget_average_price", "budget_price"),
        ("recipients_price", y, "quantity_effect", "quantity"),
        ("recipients_price", y, "price_effect", "price_effect"),
        ("recipients_price", y, "deviation", "dev_forecast"),
        ("recipients_price", y, "unexplained", "unexplained"),
    ]
    frames = []
    for f, dim in ((total, None), (t, "measure_type"), (by_cat, "category")):
        breakdown = ["total"] * len(f) if dim is None else [f"{dim}={k}" for k in f.index]
        for kpi_id, period, stat, col in stats:
            frames.append(pd.DataFrame({"kpi_id": kpi_id, "period": period, "breakdown": breakdown,
                                        "stat": stat, "value": f[col].values}))
    frames.append(pd.DataFrame({"kpi_id": "disposed", "period": rest, "breakdown": "total",
                                "stat": "amount", "value": [total["disposed_year"].iloc[0] - total["disposed_to_date"].iloc[0]]}))
    frames.append(pd.DataFrame({"kpi_id": "disposed", "period": months.index, "breakdown": "total",
                                "stat": "amount", "value": months["disposed"].values}))
    frames.append(pd.DataFrame({"kpi_id": "caseworker_spend", "period": y,
                                "breakdown": "caseworker=" + caseworkers.index, "stat": "amount",
                                "value": caseworkers["this_year"].values}))
    rows = pd.concat(frames, ignore_index=True).dropna(subset=["value"])
    return rows.round({"value": 4})


def write_workbook(path, municipality, year, month, t, by_cat, total, months, caseworkers, disp, rows):
    month_name = f"{MONTH_NAMES[month - 1]} {year}"
    with pd.ExcelWriter(path, engine="xlsxwriter", date_format="dd-mm-yyyy",
                        datetime_format="dd-mm-yyyy") as xw:
        wb = xw.book
        money = wb.add_format({"num_format": "#,##0"})
        money2 = wb.add_format({"num_format": "#,##0.00"})
        pct = wb.add_format({"num_format": "0.0%"})
        dec1 = wb.add_format({"num_format": "0.0"})
        date = wb.add_format({"num_format": "dd-mm-yyyy"})
        bold = wb.add_format({"bold": True, "font_size": 14})

        # Økonomi: per type grouped by category with subtotals, then the total.
        def table(cols, headings):
            parts = []
            for cat in ["placement", "preventive"]:
                rows_c = t[t["category"] == cat].sort_values("name")
                parts.append(rows_c.set_index("name")[cols])
                parts.append(by_cat.loc[[cat], cols].rename(index={cat: CATEGORY_NAMES[cat] + " i alt"}))
            parts.append(total[cols].rename(index={"total": "I alt"}))
            out = pd.concat(parts)
            out.index.name = "Foranstaltningstype"
            return out.rename(columns=dict(zip(cols, headings)))

        key = table(["budget", "phased", "booked", "dev_to_date", "consumption", "disposed_to_date",
                     "disposed_year", "forecast", "dev_forecast", "dev_forecast_pct"],
                    ["Årsbudget", "Periodiseret budget til dato", "Bogført til dato", "Afvigelse til dato",
                     "Forbrugsprocent", "Disponeret til dato", "Disponeret hele året",
                     "Prognose (forventet regnskab)", "Afvigelse prognose", "Afvigelse i %"])
        prices = table(["dev_forecast", "fyr", "budget_fyr", "price", "budget_price", "quantity",
                        "price_effect", "unexplained"],
                       ["Afvigelse prognose", "Helårspersoner", "Helårspersoner i budget", "Gennemsnitspris",
                        "Gennemsnitspris i budget", "Mængdeeffekt", "Priseffekt", "Ikke forklaret"])
        key.to_excel(xw, sheet_name="Økonomi", startrow=3)
        prices.to_excel(xw, sheet_name="Økonomi", startrow=len(key) + 7)
        ws = xw.sheets["Økonomi"]
        ws.write(0, 0, f"Økonomiopfølgning {month_name}, {municipality}", bold)
        ws.write(1, 0, f"Budget, bogført forbrug, dispositioner og prognose for {year}. Beløb i kr.")
        ws.write(len(key) + 6, 0, f"Helårspersoner og gennemsnitspriser per foranstaltningstype, {year}")
        ws.set_column(0, 0, 48)
        ws.set_column(1, 10, 16, money)
        ws.conditional_format(4, 5, 4 + len(key), 5, {"type": "no_errors", "format": pct})
        ws.conditional_format(4, 10, 4 + len(key), 10, {"type": "no_errors", "format": pct})
        ws.conditional_format(len(key) + 8, 2, 2 * len(key) + 8, 3, {"type": "no_errors", "format": dec1})
        ws.freeze_panes(4, 1)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)

        # Måneder: phased budget, booked and disposed per month, and a chart.
        def sheet(frame, name, index_name, heading):
            frame.index.name = index_name
            frame.to_excel(xw, sheet_name=name, startrow=2)
            xw.sheets[name].write(0, 0, heading, bold)
            return xw.sheets[name]

        ws = sheet(months.rename(columns={"budget": "Periodiseret budget", "booked": "Bogført",
                                          "disposed": "Prognose (disponeret)"}),
                   "Måneder", "Måned", f"Budget, forbrug og prognose måned for måned {year}, {municipality}")
        ws.set_column(0, 0, 10)
        ws.set_column(1, 3, 18, money)
        chart = wb.add_chart({"type": "line"})
        for c in range(1, 4):
            chart.add_series({"name": ["Måneder", 2, c], "categories": ["Måneder", 3, 0, 14, 0],
                              "values": ["Måneder", 3, c, 14, c]})
        chart.set_title({"name": "Periodiseret budget, bogført og prognose per måned"})
        chart.set_y_axis({"name": "kr."})
        ws.insert_chart("F3", chart)

        # Sagsbehandlere
        cw = caseworkers.rename(columns={"to_date": "Disponeret til dato", "this_year": "Prognose hele året"})
        ws = sheet(cw, "Sagsbehandlere", "Sagsbehandler",
                   f"Ressourceforbrug per sagsbehandler {year}, {municipality}")
        ws.set_column(0, 0, 28)
        ws.set_column(1, 2, 18, money)
        ws.autofilter(2, 0, 2 + len(cw), 2)

        # Dispositioner: every measure, the amounts in kroner.
        d = pd.DataFrame({
            "Foranstaltning": disp["measure_id"], "Barn": disp["child_id"],
            "Foranstaltningstype": disp["measure_type"], "Sagsbehandler": disp["caseworker"],
            "Start": disp["start_date"], "Slut": disp["end_date"], "Forventet slut": disp["assumed_end"],
            "Månedspris": disp["monthly_ore"] / 100, f"Disponeret {year}": disp["this_year"] / 100,
            f"Disponeret {year + 1}": disp["next_year"] / 100})
        d.index = pd.RangeIndex(1, len(d) + 1)
        ws = sheet(d, "Dispositioner", "Nr.", f"Dispositionsregnskab {year}, {municipality}")
        ws.set_column(1, 4, 16)
        ws.set_column(5, 7, 12, date)
        ws.set_column(8, 10, 16, money2)
        ws.write(3 + len(d), 0, "I alt")
        ws.write_formula(3 + len(d), 9, f"=SUBTOTAL(9,J4:J{3 + len(d)})", money2, d.iloc[:, 8].sum())
        ws.write_formula(3 + len(d), 10, f"=SUBTOTAL(9,K4:K{3 + len(d)})", money2, d.iloc[:, 9].sum())
        ws.freeze_panes(3, 1)
        ws.autofilter(2, 0, 2 + len(d), 10)

        rows.to_excel(xw, sheet_name="Data", index=False)
        xw.sheets["Data"].set_column(0, 3, 24)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset")
    ap.add_argument("--month", required=True, help="YYYY-MM")
    ap.add_argument("-o", "--output", required=True, help="the .xlsx to write")
    ap.add_argument("--data", help="also write the long rows to this CSV file")
    a = ap.parse_args()
    year, month = (int(x) for x in a.month.split("-"))
    ini = configparser.ConfigParser(strict=False, interpolation=None, inline_comment_prefixes=(";",))
    ini.read(os.path.join(a.dataset, "kpi.ini"), encoding="utf-8")
    municipality = ini.get("municipality", "name", fallback="Kommunen")
    t, by_cat, total, months, caseworkers, disp = economy(a.dataset, year, month)
    rows = long_rows(t, by_cat, total, months, caseworkers, year, month)
    write_workbook(a.output, municipality, year, month, t, by_cat, total, months, caseworkers, disp, rows)
    if a.data:
        rows.to_csv(a.data, sep=";", index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
