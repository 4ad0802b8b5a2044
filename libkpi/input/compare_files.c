/* compare_files.c - which reader a file of sammenligning/ needs: a kpi
 * export by its header, else a Statistikbank table (compare_input.h). */
#include "input/compare_input.h"

#include <stdio.h>
#include <string.h>

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
    if (strncmp(h, EXPORT_HEADER, strlen(EXPORT_HEADER)) == 0)
        return kpi_cmp_read_shared(in, path, label, diags);
    return kpi_cmp_read_dst(in, path, label, diags);
}
