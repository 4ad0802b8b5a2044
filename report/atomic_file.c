/*
 * atomic_file.c - one file written whole or not at all, the two path
 * helpers of kpi/atomic.h, and the fsync by path kpireport shares.
 */
#include "packs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void atomic_clear(kpi_atomic_file *f)
{
    free(f->path);
    free(f->tmp_path);
    f->path = NULL;
    f->tmp_path = NULL;
    f->fp = NULL;
}

/* Records a failure's errno value and gives its status. */
static kpi_status failed(kpi_atomic_file *f, int err)
{
    f->error = err;
    return err == ENOMEM ? KPI_ERR_NOMEM : KPI_ERR_IO;
}

kpi_status kpi_atomic_file_open(kpi_atomic_file *f, const char *path)
{
    f->path = NULL;
    f->tmp_path = NULL;
    f->fp = NULL;
    f->error = 0;

    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dir_len = (size_t)(base - path);
    if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return failed(f, EISDIR);

    /* The temporary file must live in the destination's folder: rename()
     * is only atomic within one file system. The leading dot hides it from
     * a plain ls while it is being written. */
    static const char suffix[] = ".XXXXXX";
    size_t len = dir_len + 1 + strlen(base) + sizeof suffix;
    f->path = malloc(strlen(path) + 1);
    f->tmp_path = malloc(len);
    if (!f->path || !f->tmp_path) {
        atomic_clear(f);
        return failed(f, ENOMEM);
    }
    strcpy(f->path, path);
    memcpy(f->tmp_path, path, dir_len);
    snprintf(f->tmp_path + dir_len, len - dir_len, ".%s%s", base, suffix);

    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        int err = errno;
        atomic_clear(f);
        return failed(f, err);
    }
    /* mkstemp creates the file 0600; give the result the permissions a
     * plain fopen() would, so that the file is as shareable as any other
     * the user writes. Reading the umask means setting it back at once. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(f->fp = fdopen(fd, "wb"))) {
        int err = errno;
        close(fd);
        unlink(f->tmp_path);
        atomic_clear(f);
        return failed(f, err);
    }
    return KPI_OK;
}

int kpi_fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return errno;
    int err = fsync(fd) != 0 ? errno : 0;
    close(fd);
    return err;
}

/* Makes the rename itself durable. Best effort: some file systems refuse
 * to sync a directory, and the file is already in place by then. */
static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    if (!slash) {
        dir = malloc(2);
        if (dir)
            strcpy(dir, ".");
    } else {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        dir = malloc(n + 1);
        if (dir) {
            memcpy(dir, path, n);
            dir[n] = '\0';
        }
    }
    if (!dir)
        return;
    (void)kpi_fsync_path(dir);
    free(dir);
}

kpi_status kpi_atomic_file_commit(kpi_atomic_file *f)
{
    if (!f->fp) {
        atomic_clear(f);
        f->error = EINVAL;
        return KPI_ERR_ARG;
    }
    int err = 0;
    errno = 0;
    /* fflush and ferror catch a full disk that buffered writes hid; fsync
     * makes sure the data is on disk before the name points at it. */
    if (fflush(f->fp) != 0 || ferror(f->fp))
        err = errno ? errno : EIO;
    else if (fsync(fileno(f->fp)) != 0)
        err = errno;
    if (fclose(f->fp) != 0 && !err)
        err = errno ? errno : EIO;
    f->fp = NULL;
    if (!err && rename(f->tmp_path, f->path) != 0)
        err = errno;
    if (err)
        unlink(f->tmp_path);
    else
        sync_folder(f->path);
    atomic_clear(f);
    return err ? failed(f, err) : KPI_OK;
}

void kpi_atomic_file_abort(kpi_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path)
        unlink(f->tmp_path);
    atomic_clear(f);
}

kpi_status kpi_folder_make(const char *dir, int *error)
{
    int err = 0;
    char *p = *dir ? strdup(dir) : NULL;
    for (char *s = p ? p + 1 : NULL; s; s++) {
        bool end = *s == '\0';
        if (*s != '/' && !end)
            continue;
        *s = '\0';
        struct stat st;
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            err = errno;
        else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
            err = ENOTDIR;
        if (end || err)
            break;
        *s = '/';
    }
    if (!p)
        err = *dir ? ENOMEM : ENOENT; /* mkdir("") says ENOENT */
    free(p);
    if (error)
        *error = err;
    return !err ? KPI_OK : err == ENOMEM ? KPI_ERR_NOMEM : KPI_ERR_IO;
}

char *kpi_file_path(const char *dir, const char *name)
{
    if (!dir || !name)
        return NULL;
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* kpi/atomic.h: written whole, or no file. */
int kpi_file_create_new(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        return errno;
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int err = errno ? errno : EIO;
            close(fd);
            unlink(path); /* no half a kpi.ini */
            return err;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        int err = errno;
        unlink(path);
        return err;
    }
    return 0;
}
