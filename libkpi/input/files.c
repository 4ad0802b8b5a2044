/* files.c - where a dataset's files are: paths in the folder, and the
 * message for a file that must be there and is not. Shared by the loader
 * (load.c) and the budget (budget.c). */
#include "input/load.h"

#include <string.h>
#include <sys/stat.h>

char *kpi_path_join(const kpi_allocator *a, const char *dir, const char *name)
{
    if (name[0] == '/')
        return kpi_xstrdup(a, name);
    size_t dl = strlen(dir), nl = strlen(name);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    char *p = kpi_xmalloc(a, dl + 1 + nl + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, name, nl + 1);
    return p;
}

bool kpi_path_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

kpi_status kpi_file_not_found(const char *path, bool required,
                              kpi_diagnostics *diags)
{
    /* A file kpi.ini names must be there: a typo must not make a figure
     * silently unavailable. */
    return kpi_diag_add(diags, KPI_SEVERITY_ERROR, path, 0, NULL,
                        required ? "file not found (it is required)"
                                 : "file not found (kpi.ini [files] names "
                                   "it)") == KPI_OK
               ? KPI_ERR_INPUT
               : KPI_ERR_NOMEM;
}
