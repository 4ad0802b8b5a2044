/* map.c - the recipient map the report and the distribution use
 * (cli_map_load of packs.h). */
#include "packs.h"

#include "kpi/read.h"
#include "mapnames.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

int cli_map_load(const char *dataset_dir, kpi_map **out)
{
    *out = NULL;
    kpi_map *map = NULL;
    if (kpi_map_new(NULL, &map) != KPI_OK) {
        fprintf(stderr, "kpi: out of memory\n");
        return 3;
    }
    /* The municipality's edited copy: as kpi wrote it (.xlsx), or saved
     * by Excel as an older workbook (.xls). */
    static const char *const names[] = {KPI_MAP_FILE, "noegletal-modtagere.xls"};
    char path[4096];
    const char *found = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !found; i++) {
        snprintf(path, sizeof path, "%s/%s", dataset_dir, names[i]);
        struct stat sb;
        if (stat(path, &sb) == 0)
            found = path;
        else if (errno != ENOENT) {
            fprintf(stderr, "%s: %s\n", path, "cannot be read");
            kpi_map_free(map);
            return 1;
        }
    }
    if (found) {
        char err[1024];
        kpi_status st = kpi_map_read(found, map, err, sizeof err);
        if (st != KPI_OK) {
            fprintf(stderr, "%s\n", err[0] ? err : kpi_strerror(st));
            kpi_map_free(map);
            return st == KPI_ERR_NOMEM ? 3 : 1;
        }
    }
    *out = map;
    return 0;
}
