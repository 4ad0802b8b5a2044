/*
 * map.c - the recipient map a report and a distribution use
 * (kpi/report.h: kpi_map_load): the municipality's edited copy in the
 * dataset folder, or SPEC §6's default; and the administration's note for
 * the month (kpi_note_load), read by libkpi, its problems told here.
 */
#include "packs.h"

#include "kpi/read.h" /* kpiread's reader of an edited map */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

kpi_status kpi_map_load(const char *dataset_dir, const kpi_notify *n,
                        kpi_map **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    kpi_map *map = NULL;
    if (kpi_map_new(NULL, &map) != KPI_OK) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "", 0, NULL, "out of memory");
        return KPI_ERR_NOMEM;
    }
    /* The municipality's edited copy: as kpi wrote it (.xlsx), or saved
     * by Excel as an older workbook (.xls). */
    static const char *const names[] = {KPI_MAP_FILE,
                                        "noegletal-modtagere.xls"};
    char path[4096];
    const char *found = NULL;
    for (size_t i = 0;
         dataset_dir && i < sizeof names / sizeof names[0] && !found; i++) {
        snprintf(path, sizeof path, "%s/%s", dataset_dir, names[i]);
        struct stat sb;
        if (stat(path, &sb) == 0) {
            found = path;
        } else if (errno != ENOENT) {
            kpi_notify_problem(n, KPI_SEVERITY_ERROR, path, 0, NULL,
                               "cannot be read");
            kpi_map_free(map);
            return KPI_ERR_INPUT;
        }
    }
    if (found) {
        char err[1024];
        kpi_status st = kpi_map_read(found, map, err, sizeof err);
        if (st != KPI_OK) {
            /* "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 7: ...":
             * the file's name, then the problem. */
            const char *sep = strstr(err, ": ");
            if (sep) {
                char file[256];
                snprintf(file, sizeof file, "%.*s", (int)(sep - err), err);
                kpi_notify_problem(n, KPI_SEVERITY_ERROR, file, 0, NULL, "%s",
                                   sep + 2);
            } else {
                kpi_notify_problem(n, KPI_SEVERITY_ERROR, "", 0, NULL, "%s",
                                   err[0] ? err : kpi_strerror(st));
            }
            kpi_map_free(map);
            /* A map that cannot be read is a problem of the dataset, as
             * any other of its files. */
            return st == KPI_ERR_NOMEM ? st : KPI_ERR_INPUT;
        }
    }
    *out = map;
    return KPI_OK;
}

kpi_status kpi_note_load(const char *dataset_dir, kpi_month m,
                         const kpi_notify *n, char **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (!dataset_dir)
        return KPI_OK;
    /* Named as the dataset's other files are in messages: with the
     * folder, "examples/eksempel/bemaerkninger-2026-09.txt:3". */
    char code[16], name[64], file[4200];
    kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_CODE, code,
                      sizeof code);
    snprintf(name, sizeof name, KPI_NOTE_FILE, code);
    snprintf(file, sizeof file, "%s/%s", dataset_dir, name);
    unsigned long line = 0;
    kpi_status st = kpi_note_read(NULL, dataset_dir, m, out, &line);
    if (st == KPI_ERR_INPUT)
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, file, line, NULL,
                           "not valid UTF-8 text (or a NUL byte): save the "
                           "administration's note as UTF-8");
    else if (st == KPI_ERR_IO)
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, file, 0, NULL,
                           "cannot be read");
    else if (st == KPI_ERR_NOMEM)
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "", 0, NULL, "out of memory");
    return st == KPI_ERR_IO ? KPI_ERR_INPUT : st;
}
