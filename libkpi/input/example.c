/* example.c - where the example dataset that comes with kpi is (`kpi
 * demo`), found at run time. An installed kpi (any prefix, also the
 * Debian package's /usr) and a kpi in its build tree each find their own
 * copy relative to the program, so no path of the build machine is
 * compiled in (tests/e2e/install.sh looks for one in the installed
 * program) and an installed prefix may be moved. KPI_EXAMPLE_DIR
 * overrides both, for an unusual layout. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "input/load.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Under the prefix (PREFIX/bin/kpi) and beside the program in the build
 * tree (the build copies the example there: CMakeLists.txt). */
#define EXAMPLE_SUBDIR "share/kpi/examples/eksempel"

/* Appends line and '\n' to the text *looked of *len bytes. */
static kpi_status looked_add(const kpi_allocator *a, char **looked, size_t *len,
                             const char *line)
{
    size_t n = strlen(line);
    char *grown = kpi_xreallocarray(a, *looked, *len + n + 2, 1);
    if (!grown)
        return KPI_ERR_NOMEM;
    memcpy(grown + *len, line, n);
    grown[*len + n] = '\n';
    grown[*len + n + 1] = '\0';
    *looked = grown;
    *len += n + 1;
    return KPI_OK;
}

/* The real path of path when it is a folder; NULL otherwise (or when out
 * of memory, which the caller tells apart by errno == ENOMEM). */
static char *folder_at(const kpi_allocator *a, const char *path)
{
    char real[PATH_MAX];
    struct stat sb;
    errno = 0;
    if (!realpath(path, real) || stat(real, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return NULL;
    char *copy = kpi_xstrdup(a, real);
    if (!copy)
        errno = ENOMEM;
    return copy;
}

/* Looks at path: *dir set when it is a folder, else path added to the
 * places looked at. */
static kpi_status try_place(const kpi_allocator *a, const char *path,
                            const char *note, char **dir, char **looked,
                            size_t *len)
{
    *dir = folder_at(a, path);
    if (*dir)
        return KPI_OK;
    if (errno == ENOMEM)
        return KPI_ERR_NOMEM;
    char line[PATH_MAX + 64];
    snprintf(line, sizeof line, "%s%s", path, note);
    return looked_add(a, looked, len, line);
}

kpi_status kpi_example_find_in(const kpi_allocator *a, const char *program,
                               const char *override, char **dir, char **looked)
{
    if (!dir || !looked)
        return KPI_ERR_ARG;
    *dir = NULL;
    *looked = NULL;
    size_t len = 0;
    kpi_status st;
    if (override && *override) {
        /* Only there: a wrong override must not be passed over for
         * another copy without a word. */
        st = try_place(a, override, " (KPI_EXAMPLE_DIR)", dir, looked, &len);
    } else if (!program || program[0] != '/') {
        st = looked_add(a, looked, &len,
                        "(the kpi program's own folder: unknown, "
                        "/proc/self/exe cannot be read)");
    } else {
        /* PREFIX/bin/kpi -> PREFIX/share/..., then BUILD/kpi ->
         * BUILD/share/... The program's path is a real one (the kernel's
         * /proc/self/exe), so cutting names off it is enough. */
        char bin[PATH_MAX], path[PATH_MAX + sizeof EXAMPLE_SUBDIR + 2];
        snprintf(bin, sizeof bin, "%s", program);
        char *slash = strrchr(bin, '/');
        *slash = '\0';
        char *up = strrchr(bin, '/');
        snprintf(path, sizeof path, "%.*s/" EXAMPLE_SUBDIR,
                 up ? (int)(up - bin) : 0, bin);
        st = try_place(a, path, "", dir, looked, &len);
        if (st == KPI_OK && !*dir) {
            snprintf(path, sizeof path, "%s/" EXAMPLE_SUBDIR, bin);
            st = try_place(a, path, "", dir, looked, &len);
        }
    }
    if (st != KPI_OK) {
        kpi_xfree(a, *dir);
        kpi_xfree(a, *looked);
        *dir = *looked = NULL;
        return st;
    }
    return *dir ? KPI_OK : KPI_ERR_NOT_AVAILABLE;
}

kpi_status kpi_example_find(const kpi_allocator *a, char **dir, char **looked)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0)
        exe[n] = '\0';
    return kpi_example_find_in(a, n > 0 ? exe : NULL, getenv("KPI_EXAMPLE_DIR"),
                               dir, looked);
}
