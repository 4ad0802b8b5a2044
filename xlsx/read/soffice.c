/* soffice.c - converting an .xls to .xlsx with LibreOffice headless, so
 * the results of its formulas can be read (freexl 1.0.6 cannot).
 *
 * Each run gets a temporary folder of its own holding its own profile
 * (-env:UserInstallation: without one a second soffice waits for the
 * first, PLATFORM.md) and the output; the run is killed after a time
 * limit, and the folder is removed whatever happens. */
#include "sheet_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

const char *kpi_soffice_find(const kpi_sheets_options *o, char *buf,
                             size_t cap)
{
    if (o && o->soffice) {
        if (!o->soffice[0])
            return NULL;
        snprintf(buf, cap, "%s", o->soffice);
        return access(buf, X_OK) == 0 ? buf : NULL;
    }
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    while (*path) {
        const char *end = strchr(path, ':');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        if (n && n + sizeof "/soffice" < cap) {
            memcpy(buf, path, n);
            memcpy(buf + n, "/soffice", sizeof "/soffice");
            if (access(buf, X_OK) == 0)
                return buf;
        }
        path += n;
        if (*path == ':')
            path++;
    }
    return NULL;
}

/* rm -r dir: LibreOffice's profile is a tree. */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            size_t n = strlen(dir) + strlen(e->d_name) + 2;
            char *p = malloc(n);
            if (!p)
                continue;
            snprintf(p, n, "%s/%s", dir, e->d_name);
            struct stat sb;
            if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
                remove_tree(p);
            else
                unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* Runs argv with stdout and stderr to /dev/null in a process group of its
 * own; kills the group after seconds. Returns the exit status, -1 when
 * it could not start, -2 on the time limit. */
static int run_limited(char *const argv[], int seconds)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    if (posix_spawnattr_init(&at) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return -1;
    }
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&at, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc != 0)
        return -1;
    struct timespec tick = {0, 100 * 1000 * 1000};
    for (long waited = 0;; waited += 100) {
        int status;
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (w < 0 && errno != EINTR)
            return -1;
        if (waited >= (long)seconds * 1000) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -2;
        }
        nanosleep(&tick, NULL);
    }
}

kpi_status kpi_soffice_convert_read(kpi_sheets *b, const char *path,
                                    const kpi_sheets_options *o,
                                    const char *label,
                                    kpi_diagnostics *diags)
{
    char prog[4096];
    if (!kpi_soffice_find(o, prog, sizeof prog))
        return KPI_ERR_NOT_AVAILABLE;
    int seconds = o && o->soffice_timeout > 0 ? o->soffice_timeout : 120;
    char tmp[] = "/tmp/kpi-soffice-XXXXXX";
    if (!mkdtemp(tmp))
        return kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                            "cannot make a temporary folder to convert the "
                            "workbook: %s",
                            strerror(errno)) == KPI_OK
                   ? KPI_ERR_IO
                   : KPI_ERR_NOMEM;
    char profile[sizeof tmp + 40], outdir[sizeof tmp + 8], input[8192];
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile",
             tmp);
    snprintf(outdir, sizeof outdir, "%s/out", tmp);
    /* soffice reads a relative path against its own working folder, which
     * is ours, but an absolute one is safest. */
    if (path[0] == '/') {
        snprintf(input, sizeof input, "%s", path);
    } else {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            cwd[0] = '\0';
        snprintf(input, sizeof input, "%s/%s", cwd, path);
    }
    char *argv[] = {prog,           profile, "--headless", "--norestore",
                    "--convert-to", "xlsx",  "--outdir",   outdir,
                    input,          NULL};
    int rc = run_limited(argv, seconds);
    kpi_status st = KPI_OK;
    char *result = NULL;
    if (rc == 0) {
        DIR *d = opendir(outdir);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL && !result) {
            if (e->d_name[0] == '.')
                continue;
            size_t n = strlen(outdir) + strlen(e->d_name) + 2;
            result = kpi_xmalloc(b->alloc, n);
            if (result)
                snprintf(result, n, "%s/%s", outdir, e->d_name);
            else
                st = KPI_ERR_NOMEM;
        }
        if (d)
            closedir(d);
    }
    if (st == KPI_OK && !result) {
        st = kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                          "kpi cannot read this .xls file itself, and "
                          "converting it with LibreOffice (%s) failed%s; "
                          "open it in Excel and save it as .xlsx",
                          prog,
                          rc == -2 ? " (it took too long)" : "") == KPI_OK
                 ? KPI_ERR_IO
                 : KPI_ERR_NOMEM;
    }
    if (st == KPI_OK) {
        unsigned char *data = NULL;
        size_t len = 0;
        st = kpi_sheets_slurp(b->alloc, result, label, &data, &len, diags);
        if (st == KPI_OK)
            st = kpi_sheets_read_xlsx(b, data, len, label, diags);
        kpi_xfree(b->alloc, data);
    }
    kpi_xfree(b->alloc, result);
    remove_tree(tmp);
    return st;
}
