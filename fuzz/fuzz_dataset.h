/* fuzz_dataset.h - what the dataset fuzz targets share: a scratch dataset
 * folder, writing files into it, and a load + compute + export of it,
 * then what the packs do with it (subsets, privacy masking). The folder is
 * loaded as the kpi command loads it: the budget through kpiread. */
#ifndef KPI_FUZZ_DATASET_H
#define KPI_FUZZ_DATASET_H

#include "kpi/read.h"
#include "kpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One folder per fuzzer process, made on the first input. libFuzzer runs
 * inputs one after another in a process, so the folder is reused; every
 * input first removes what the previous one wrote. */
static char fuzz_dir[64];

static void fuzz_dir_remove(void)
{
    if (!fuzz_dir[0])
        return;
    /* Each input removes its own files; fuzz_config keeps measures.csv. */
    char path[128];
    snprintf(path, sizeof path, "%s/measures.csv", fuzz_dir);
    unlink(path);
    rmdir(fuzz_dir);
}

static const char *fuzz_dir_get(void)
{
    if (!fuzz_dir[0]) {
        snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/kpi-fuzz.XXXXXX");
        if (!mkdtemp(fuzz_dir))
            abort();
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir;
}

static void fuzz_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", fuzz_dir_get(), name);
}

static void fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char path[128];
    fuzz_path(path, sizeof path, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
}

/* A small valid measures.csv, for the targets that fuzz another file of
 * the folder. */
static const char fuzz_measures[] =
    "measure_id;child_id;family_id;birth_date;target_group;measure_type;"
    "legal_basis;provider;provider_kind;caseworker;team;start_date;end_date;"
    "planned_end_date;monthly_cost\n"
    "M001;C001;F001;2012-04-15;social;almen_plejefamilie;;Plejefamilie "
    "Hansen;private;SB001;Team Øst;2025-03-01;;2027-02-28;32.500,00\n"
    "M002;C002;F002;2015-09-02;handicap;doegninstitution;;Børnehjemmet "
    "Solbakken;municipal;SB002;Team Vest;2026-01-15;;;85.000,00\n"
    "M003;C003;F003;2009-11-30;social;kontaktperson;;Kontaktpersonkorps;own;"
    "SB001;Team Øst;2026-02-01;2026-12-31;;4.200,00\n"
    "M004;C003;F003;2009-11-30;social;familiebehandling;;Familiehuset;own;"
    "SB003;Team Vest;2026-03-01;2026-09-30;;12.000,00\n";

/* Writes fuzz_measures as measures.csv once per process. */
static inline void fuzz_write_measures(void);

static void fuzz_unlink(const char *name)
{
    char path[128];
    fuzz_path(path, sizeof path, name);
    unlink(path);
}

/* What the packs do with a dataset: the fagudvalg's masked view of the
 * figures, and the figures of the first team's and the first caseworker's
 * subsets with their own masking. */
static void fuzz_mask(const kpi_figures *f, kpi_group g, FILE *null)
{
    kpi_map *map = NULL;
    if (kpi_map_new(NULL, &map) != KPI_OK)
        return;
    kpi_audience au = {g, kpi_group_max_detail(g), map};
    kpi_privacy *p = NULL;
    if (kpi_privacy_new(f, &au, NULL, &p) == KPI_OK) {
        size_t shown = 0;
        for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
            const kpi_row *row = kpi_figures_row(f, i);
            if (kpi_privacy_row_visible(p, row) &&
                !kpi_privacy_row_masked(p, row))
                shown++;
        }
        fprintf(null, "%zu\n", shown);
    }
    kpi_privacy_free(p);
    kpi_map_free(map);
}

static void fuzz_packs(const kpi_dataset *ds, const kpi_figures *f,
                       kpi_month m, FILE *null)
{
    fuzz_mask(f, KPI_GROUP_FAGUDVALG, null);
    for (int who = 0; who < 2; who++) {
        bool team = who == 0;
        size_t n = team ? kpi_dataset_team_count(ds)
                        : kpi_dataset_caseworker_count(ds);
        if (n == 0)
            continue;
        const char *name = team ? kpi_dataset_team(ds, 0)
                                : kpi_dataset_caseworker(ds, 0);
        kpi_dataset *sub = NULL;
        if (kpi_dataset_subset(ds, team ? name : NULL, team ? NULL : name,
                               &sub) == KPI_OK) {
            kpi_figures *sf = NULL;
            if (kpi_figures_compute(sub, m, NULL, &sf) == KPI_OK)
                fuzz_mask(sf, team ? KPI_GROUP_AFDELINGSLEDER
                                   : KPI_GROUP_SAGSBEHANDLER,
                          null);
            kpi_figures_free(sf);
        }
        kpi_dataset_free(sub);
    }
}

/* Loads the folder; when it loads, computes every figure for the example's
 * report month and writes the export (to /dev/null: the point is running
 * the figures and the formatting on fuzzed data, not the bytes). */
static void fuzz_load_and_compute(void)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    if (!d)
        abort();
    kpi_dataset *ds = NULL;
    kpi_budget_options bo = {"", 0}; /* never start LibreOffice */
    kpi_load_options lo = {0};
    lo.budget_reader = kpi_budget_read;
    lo.budget_reader_ctx = &bo;
    kpi_status st = kpi_dataset_load(fuzz_dir_get(), &lo, &ds, d);
    /* Every diagnostic must be printable (file, column, message). */
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w")))
        abort();
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), null);
    if (st == KPI_OK) {
        if (!ds)
            abort();
        /* The contract of kpi_dataset_load: success means no errors. */
        if (kpi_diagnostics_error_count(d) != 0)
            abort();
        kpi_smtp_info smtp;
        kpi_dataset_smtp(ds, &smtp);
        kpi_recipient_info r;
        for (size_t i = 0; kpi_dataset_recipient(ds, i, &r); i++)
            fprintf(null, "%s %s %s\n", r.key, r.name, r.group);
        kpi_month m = {2026, 10};
        kpi_figures *f = NULL;
        if (kpi_figures_compute(ds, m, NULL, &f) == KPI_OK) {
            kpi_export_write(f, null);
            for (size_t i = 0; i < kpi_figures_issue_count(f); i++)
                fprintf(null, "%s\n", kpi_figures_issue(f, i)->message);
            fuzz_packs(ds, f, m, null);
        }
        kpi_figures_free(f);
    } else if (st == KPI_ERR_INPUT) {
        /* An input error always comes with at least one error diagnostic. */
        if (ds || kpi_diagnostics_error_count(d) == 0)
            abort();
    }
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
}

static inline void fuzz_write_measures(void)
{
    static int written;
    if (!written) {
        fuzz_write("measures.csv", (const uint8_t *)fuzz_measures,
                   sizeof fuzz_measures - 1);
        written = 1;
    }
}

#endif
