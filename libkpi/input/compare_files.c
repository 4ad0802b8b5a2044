/* compare_files.c - which reader a file of sammenligning/ needs: a kpi
 * export by its header, else a Statistikbank table (compare_input.h). */
#include "input/compare_input.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The header of kpi's long export (SPEC §8), which a shared file keeps. */
#define EXPORT_HEADER "kpi_id;period;breakdown;stat;value"

kpi_status kpi_cmp_read_file(kpi_cmp_input *in, const char *path,
                             const char *label, kpi_diagnostics *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return kpi_diag_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                            "cannot be read") == KPI_OK
                   ? KPI_ERR_IO
                   : KPI_ERR_NOMEM;
    }
    char head[64] = {0};
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    const char *h = head;
    if (strncmp(h, "\xEF\xBB\xBF", 3) == 0)
        h += 3;
    size_t first = in->n_sources;
    kpi_status st = strncmp(h, EXPORT_HEADER, strlen(EXPORT_HEADER)) == 0
                        ? kpi_cmp_read_shared(in, path, label, diags)
                        : kpi_cmp_read_dst(in, path, label, diags);
    /* The file's date for the sheet's list of sources (a Statistikbank
     * download carries no date in its rows): when it was saved. */
    struct stat sb;
    struct tm tm;
    if (first < in->n_sources && stat(path, &sb) == 0 &&
        localtime_r(&sb.st_mtime, &tm))
        strftime(in->sources[first].date, sizeof in->sources[first].date,
                 "%Y-%m-%d", &tm);
    return st;
}
