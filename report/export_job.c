/* export_job.c - what `kpi export` writes: the whole export with the
 * comparison rows, or the fagudvalg's shared file (kpi/report.h). */
#include "kpi/report.h"

#include "kpi/atomic.h"

#include <stdlib.h>

struct kpi_export_job {
    const kpi_figures *figs;
    const kpi_dataset *ds;
    kpi_month m;
    kpi_map *map;         /* shared: the map the pack follows */
    kpi_privacy *privacy; /* shared: the pack's suppression; else NULL */
    kpi_comparison *cmp;  /* NULL: no sammenligning/ folder */
};

static kpi_status shared_privacy(kpi_export_job *j, const char *dir,
                                 const kpi_notify *n, kpi_diagnostics *diags)
{
    if (!*kpi_dataset_municipality(j->ds))
        return kpi_diagnostics_add(
                   diags, KPI_SEVERITY_ERROR, "kpi.ini", 0, NULL,
                   "[municipality] name is needed for --level: the shared "
                   "file names the municipality it is from") == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    kpi_status st = kpi_map_load(dir, n, &j->map);
    if (st != KPI_OK)
        return st;
    kpi_audience aud = {KPI_GROUP_FAGUDVALG,
                        kpi_map_detail(j->map, KPI_GROUP_FAGUDVALG), j->map};
    return kpi_privacy_new(j->figs, &aud, NULL, &j->privacy);
}

kpi_status kpi_export_job_new(const char *dataset_dir,
                              const kpi_dataset *dataset,
                              const kpi_figures *figures, kpi_month m,
                              bool shared, const kpi_notify *n,
                              kpi_diagnostics *diags, kpi_export_job **out)
{
    *out = NULL;
    kpi_export_job *j = calloc(1, sizeof *j);
    if (!j)
        return KPI_ERR_NOMEM;
    j->figs = figures;
    j->ds = dataset;
    j->m = m;
    /* No folder (kpi demo's export): the figures alone. */
    kpi_status st = shared ? shared_privacy(j, dataset_dir, n, diags)
                    : dataset_dir
                        ? kpi_comparison_load(dataset, figures, dataset_dir, m,
                                              NULL, &j->cmp, diags)
                        : KPI_OK;
    if (st != KPI_OK) {
        kpi_export_job_free(j);
        return st;
    }
    *out = j;
    return KPI_OK;
}

kpi_status kpi_export_job_write(const kpi_export_job *j, FILE *out)
{
    if (j->privacy)
        return kpi_export_write_shared(j->figs, j->ds, j->privacy,
                                       KPI_GROUP_FAGUDVALG, j->m, out);
    kpi_status st = kpi_export_write(j->figs, out);
    return st == KPI_OK && j->cmp ? kpi_comparison_export_write(j->cmp, out)
                                  : st;
}

kpi_status kpi_export_job_write_file(const kpi_export_job *j, const char *path,
                                     int *err)
{
    kpi_atomic_file f;
    kpi_status st = kpi_atomic_file_open(&f, path);
    if (st == KPI_OK) {
        st = kpi_export_job_write(j, f.fp);
        if (st != KPI_OK)
            kpi_atomic_file_abort(&f);
        else
            st = kpi_atomic_file_commit(&f);
    }
    *err = st == KPI_OK ? 0 : f.error;
    return st;
}

void kpi_export_job_free(kpi_export_job *j)
{
    if (!j)
        return;
    kpi_comparison_free(j->cmp);
    kpi_privacy_free(j->privacy);
    kpi_map_free(j->map);
    free(j);
}
