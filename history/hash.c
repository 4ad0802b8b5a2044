/*
 * hash.c - the input hash of a run: which inputs a month's figures were
 * computed from, so two runs of a month can be told apart.
 */
#include "history.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The files a dataset is read from: the CSV exports, kpi.ini, the
 * budget workbook, an edited map, the administration's notes. */
static bool is_input(const char *name)
{
    static const char *const ends[] = {".csv", ".ini", ".txt", ".xlsx",
                                       ".xls"};
    size_t n = strlen(name);
    if (name[0] == '.')
        return false;
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t e = strlen(ends[i]);
        if (n > e && strcasecmp(name + n - e, ends[i]) == 0)
            return true;
    }
    return false;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define FNV_OFFSET 14695981039346656037ull
#define FNV_PRIME 1099511628211ull

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* Hashes name and the bytes of dir/name into *h. */
static kpi_status hash_file(const char *dir, const char *name, uint64_t *h)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path)
        return KPI_ERR_NOMEM;
    snprintf(path, len, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f)
        return KPI_ERR_IO;
    *h = fnv(*h, (const unsigned char *)name, strlen(name) + 1);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        *h = fnv(*h, buf, n);
    kpi_status st = ferror(f) ? KPI_ERR_IO : KPI_OK;
    fclose(f);
    return st;
}

kpi_status kpi_history_input_hash(const char *dir, char out[17])
{
    if (!dir || !out)
        return KPI_ERR_ARG;
    out[0] = '\0';
    DIR *d = opendir(dir);
    if (!d)
        return KPI_ERR_IO;
    char **names = NULL;
    size_t n = 0, cap = 0;
    kpi_status st = KPI_OK;
    struct dirent *e;
    while (st == KPI_OK && (e = readdir(d)) != NULL) {
        if (!is_input(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            char **more = realloc(names, cap * sizeof *names);
            if (!more) {
                st = KPI_ERR_NOMEM;
                break;
            }
            names = more;
        }
        if (!(names[n] = strdup(e->d_name)))
            st = KPI_ERR_NOMEM;
        else
            n++;
    }
    closedir(d);
    /* By name, so the hash does not depend on the folder's order. */
    if (n)
        qsort(names, n, sizeof *names, by_name);
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n && st == KPI_OK; i++)
        st = hash_file(dir, names[i], &h);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (st == KPI_OK)
        snprintf(out, 17, "%016llx", (unsigned long long)h);
    return st;
}
