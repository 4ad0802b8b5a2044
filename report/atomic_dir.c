/*
 * atomic_dir.c - a set of files into a folder, all or none
 * (kpi/atomic.h: kpi_atomic_dir).
 *
 * A folder is switched in one step with renameat2(RENAME_EXCHANGE) (Linux
 * 3.15, glibc 2.28). The staging folder in the destination's parent gets
 * the new files and a hard link to every other entry of the destination
 * that is not a folder (hidden ones too), the destination's owner, mode
 * and access lists (ACLs); the exchange then swaps the two names at once:
 * a reader, or a kill at any moment, finds the destination either as it
 * was or with every new file in it. The old folder, now under the staging
 * name, is then emptied: what the new one also holds (the same inode) or
 * replaces is unlinked; what only the old one has is moved over -- its
 * subfolders (they cannot be hard-linked) and any file written into the
 * destination between the linking and the exchange. Those are missing
 * from the destination for that short moment (docs/WORKBOOKS.md, "Writing
 * atomically", lists this and the other gaps).
 *
 * Where the exchange cannot work the files are renamed into the
 * destination one by one, each atomic on its own, after a warning: the
 * destination is a mount point or its parent is not writable (the stage
 * is then inside the destination), the file system lacks RENAME_EXCHANGE,
 * an entry cannot be hard-linked, the staging folder cannot be given the
 * destination's owner or ACLs, or the destination is the current folder
 * (a shell sitting in it would be left in the old, emptied folder).
 */
#define _GNU_SOURCE /* renameat2(), RENAME_EXCHANGE */
#include "packs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

static kpi_status status_of(int err)
{
    return !err ? KPI_OK : err == ENOMEM ? KPI_ERR_NOMEM : KPI_ERR_IO;
}

static void warn_one_by_one(const kpi_notify *nt, const char *path,
                            const char *why)
{
    kpi_notify_problem(nt, KPI_SEVERITY_WARNING, "", 0, NULL,
                       "'%s' cannot be switched in one step (%s); its files "
                       "are replaced one by one",
                       path, why);
}

#define STAGE_PREFIX ".kpi-report."
/* A staging folder untouched this long is taken to be left by a killed
 * run rather than in use by one still running. */
#define STALE_SECONDS 3600

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static bool is_listed(const char *name, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static bool is_dot(const char *name)
{
    return name[0] == '.' &&
           (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

static void dir_clear(kpi_atomic_dir *d)
{
    free(d->stage);
    free(d->path);
    free(d->parent);
    memset(d, 0, sizeof *d);
}

/* Empties and removes the staging folder. It only ever holds what this
 * run put there: the new files and links to files that stay elsewhere. */
static void remove_stage(const kpi_atomic_dir *d)
{
    DIR *dir = opendir(d->stage);
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL)
            if (!is_dot(e->d_name))
                (void)unlinkat(dirfd(dir), e->d_name, 0);
        closedir(dir);
    }
    (void)rmdir(d->stage);
}

/* A killed run leaves its staging folder behind; after an exchange it
 * may hold files of the destination (see the top of the file), so they
 * are pointed out, never removed unasked. */
static void warn_stale(const kpi_atomic_dir *d, const kpi_notify *nt)
{
    DIR *dir = opendir(d->parent);
    if (!dir)
        return;
    time_t now = time(NULL);
    const char *own = strrchr(d->stage, '/') + 1;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        struct stat st;
        if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) != 0 ||
            strcmp(e->d_name, own) == 0 ||
            fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISDIR(st.st_mode) || now - st.st_mtime < STALE_SECONDS)
            continue;
        kpi_notify_problem(nt, KPI_SEVERITY_WARNING, "", 0, NULL,
                           "'%s/%s' was left by an interrupted run; it may "
                           "hold files of the folder next to it: look "
                           "through it, then remove it",
                           d->parent, e->d_name);
    }
    closedir(dir);
}

/* Resolves a destination that does not exist yet: its parent is created
 * and resolved, the name kept. Returns 0, -1 when dir ends in "." or ".."
 * (the caller then just creates it), or an errno value. */
static int resolve_new(kpi_atomic_dir *d, const char *dir, const kpi_notify *nt)
{
    char *copy = strdup(dir);
    if (!copy)
        return ENOMEM;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    char *slash = strrchr(copy, '/');
    const char *base = slash ? slash + 1 : copy;
    const char *parent = ".";
    if (slash == copy)
        parent = "/";
    else if (slash) {
        *slash = '\0';
        parent = copy;
    }
    int err = 0;
    if (*base == '\0' || is_dot(base))
        err = -1;
    else if (kpi_folder_make(parent, &err) == KPI_OK) {
        if (!(d->parent = realpath(parent, NULL)))
            err = errno;
        else if (!(d->path = kpi_file_path(d->parent, base)))
            err = ENOMEM;
    }
    if (err > 0)
        kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "cannot create folder '%s': %s", parent,
                           strerror(err));
    free(copy);
    return err;
}

/* "/a/b" -> "/a", "/a" -> "/", for a resolved path. */
static char *parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash && slash != path ? (size_t)(slash - path) : 1;
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, path, n);
        p[n] = '\0';
    }
    return p;
}

static char *make_stage(const char *in)
{
    char *tmpl = kpi_file_path(in, STAGE_PREFIX "XXXXXX");
    if (tmpl && !mkdtemp(tmpl)) {
        int err = errno;
        free(tmpl);
        errno = err;
        return NULL;
    }
    if (!tmpl)
        errno = ENOMEM;
    return tmpl;
}

kpi_status kpi_atomic_dir_open(kpi_atomic_dir *d, const char *dir,
                               const kpi_notify *nt)
{
    memset(d, 0, sizeof *d);
    struct stat st;
    int err = -1;
    if (lstat(dir, &st) != 0 && errno == ENOENT)
        err = resolve_new(d, dir, nt);
    if (err == -1) { /* it exists (or is made as it is: "x/.") */
        d->existed = true;
        if (kpi_folder_make(dir, &err) == KPI_OK) {
            if (!(d->path = realpath(dir, NULL)))
                err = errno;
            else if (!(d->parent = parent_of(d->path)))
                err = ENOMEM;
        }
        if (err)
            kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                               "cannot create folder '%s': %s", dir,
                               strerror(err));
    }
    if (!err && d->existed) {
        /* A mount point cannot be renamed, and a stage in the parent
         * would be on another file system than the destination. */
        struct stat sp;
        if (stat(d->parent, &sp) != 0 || stat(d->path, &st) != 0)
            err = errno;
        else if (sp.st_dev != st.st_dev || strcmp(d->path, "/") == 0)
            d->fallback = "it is a mount point";
    }
    if (!err && !d->fallback && !(d->stage = make_stage(d->parent))) {
        err = errno;
        if (d->existed && (err == EACCES || err == EPERM || err == EROFS)) {
            /* A shared folder in a parent we may not write to. */
            d->fallback = "its parent folder is not writable";
            err = 0;
        }
    }
    if (!err && d->fallback && !(d->stage = make_stage(d->path)))
        err = errno;
    if (err) {
        if (d->path)
            kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                               "cannot create a temporary folder next to "
                               "'%s': %s; nothing written",
                               dir, strerror(err));
        dir_clear(d);
        return status_of(err);
    }
    if (!d->fallback)
        warn_stale(d, nt);
    return KPI_OK;
}

/* One rename per file; the fallback. */
static int move_each(const kpi_atomic_dir *d, const char *const *names,
                     size_t n, const kpi_notify *nt)
{
    int err = 0;
    size_t moved = 0;
    for (size_t i = 0; i < n && !err; i++) {
        char *from = kpi_file_path(d->stage, names[i]);
        char *to = kpi_file_path(d->path, names[i]);
        if (!from || !to)
            err = ENOMEM;
        else if (rename(from, to) != 0)
            err = errno;
        else
            moved++;
        free(from);
        free(to);
    }
    if (err) {
        kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "cannot move '%s' into '%s': %s", names[moved],
                           d->path, strerror(err));
        if (moved)
            kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                               "%zu of %zu files were replaced before the "
                               "failure",
                               moved, n);
    }
    (void)kpi_fsync_path(d->path);
    remove_stage(d);
    return err;
}

/* A new destination: the stage simply becomes it. Returns EEXIST when
 * the destination appeared meanwhile (then it is joined like any other). */
static int commit_new(kpi_atomic_dir *d, const kpi_notify *nt)
{
    /* mkdtemp made the stage 0700; a folder made by mkdir gets this. */
    mode_t mask = umask(0);
    umask(mask);
    int err = chmod(d->stage, 0777 & ~mask) != 0 ? errno : 0;
    if (!err) {
        (void)kpi_fsync_path(d->stage);
        if (rename(d->stage, d->path) == 0) {
            (void)kpi_fsync_path(d->parent);
            return 0;
        }
        err = errno;
        if (err == EEXIST || err == ENOTEMPTY) {
            d->existed = true;
            return EEXIST;
        }
    }
    kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                       "cannot move the new folder to '%s': %s; nothing "
                       "written",
                       d->path, strerror(err));
    remove_stage(d);
    return err;
}

/* Copies one extended attribute (an ACL) of the destination to the stage,
 * or removes it from the stage (inherited from the parent) when the
 * destination has none. */
static int copy_xattr(const char *from, const char *to, const char *name)
{
    char value[4096]; /* a POSIX ACL of some 500 entries; more: fallback */
    ssize_t len = getxattr(from, name, value, sizeof value);
    if (len >= 0)
        return setxattr(to, name, value, (size_t)len, 0);
    if (errno != ENODATA && errno != ENOTSUP)
        return -1;
    if (removexattr(to, name) == 0 || errno == ENODATA || errno == ENOTSUP)
        return 0;
    return -1;
}

/* Gives the stage the destination's owner, group, mode and ACLs; NULL, or
 * why not. */
static const char *match_folder(const kpi_atomic_dir *d,
                                const struct stat *dest)
{
    struct stat st;
    if (stat(d->stage, &st) != 0)
        return "the temporary folder vanished";
    if ((st.st_uid != dest->st_uid || st.st_gid != dest->st_gid) &&
        chown(d->stage, dest->st_uid, dest->st_gid) != 0)
        return "it belongs to another user or group";
    if (chmod(d->stage, dest->st_mode & 07777) != 0)
        return "its permissions cannot be copied";
    if (copy_xattr(d->path, d->stage, "system.posix_acl_access") != 0 ||
        copy_xattr(d->path, d->stage, "system.posix_acl_default") != 0)
        return "its access lists (ACLs) cannot be copied";
    return NULL;
}

/* Hard-links every entry of the destination that is not a folder and not
 * replaced into the stage. Returns 0 (*why set when an entry cannot be
 * linked: then the fallback), or an errno value when the destination
 * cannot take the new files at all. */
static int link_entries(const kpi_atomic_dir *d, const char *const *names,
                        size_t n, char *why, size_t why_size,
                        const kpi_notify *nt)
{
    DIR *dir = opendir(d->path);
    int stage_fd = open(d->stage, O_RDONLY | O_DIRECTORY);
    int err = 0;
    if (!dir || stage_fd < 0)
        snprintf(why, why_size, "it cannot be read: %s", strerror(errno));
    struct dirent *e;
    while (dir && stage_fd >= 0 && !err && !why[0] &&
           (e = readdir(dir)) != NULL) {
        const char *name = e->d_name;
        struct stat st;
        if (is_dot(name))
            continue;
        if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) /* else removed meanwhile */
                snprintf(why, why_size, "'%s' cannot be read: %s", name,
                         strerror(errno));
        } else if (is_listed(name, names, n)) {
            if (S_ISDIR(st.st_mode)) {
                kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                                   "cannot replace the folder '%s/%s' with a "
                                   "file; nothing written",
                                   d->path, name);
                err = EISDIR;
            }
        } else if (!S_ISDIR(st.st_mode) &&
                   linkat(dirfd(dir), name, stage_fd, name, 0) != 0) {
            snprintf(why, why_size, "'%s' cannot be hard-linked: %s", name,
                     strerror(errno));
        }
    }
    if (stage_fd >= 0)
        close(stage_fd);
    if (dir)
        closedir(dir);
    return err;
}

/* After the exchange: empties the old folder (now at d->stage) into the
 * new destination, first moving what only the old one has, so that its
 * absence is as short as can be, then unlinking the rest. */
static void empty_old(const kpi_atomic_dir *d, const char *const *names,
                      size_t n, const kpi_notify *nt)
{
    DIR *old = opendir(d->stage);
    int new_fd = open(d->path, O_RDONLY | O_DIRECTORY);
    for (int pass = 0; old && new_fd >= 0 && pass < 2; pass++) {
        rewinddir(old);
        struct dirent *e;
        while ((e = readdir(old)) != NULL) {
            const char *name = e->d_name;
            struct stat os, ns;
            if (is_dot(name) ||
                fstatat(dirfd(old), name, &os, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            bool replaced = is_listed(name, names, n);
            bool in_new = fstatat(new_fd, name, &ns, AT_SYMLINK_NOFOLLOW) == 0;
            bool dup = replaced || (in_new && same_file(&os, &ns));
            if (pass == 0 && !dup &&
                (!in_new || (!S_ISDIR(os.st_mode) && !S_ISDIR(ns.st_mode))))
                /* A subfolder, or a file written meanwhile (it may replace
                 * our link to its earlier version). */
                (void)renameat(dirfd(old), name, new_fd, name);
            else if (pass == 1 && dup && !S_ISDIR(os.st_mode))
                (void)unlinkat(dirfd(old), name, 0);
        }
    }
    if (new_fd >= 0) {
        (void)fsync(new_fd);
        close(new_fd);
    }
    if (old)
        closedir(old);
    if (rmdir(d->stage) != 0)
        kpi_notify_problem(nt, KPI_SEVERITY_WARNING, "", 0, NULL,
                           "'%s' keeps what could not be moved back into "
                           "'%s': look through it, then remove it",
                           d->stage, d->path);
    (void)kpi_fsync_path(d->parent);
}

static int commit_swap(kpi_atomic_dir *d, const char *const *names, size_t n,
                       const kpi_notify *nt)
{
    struct stat dest, cwd;
    int lstat_err = lstat(d->path, &dest) != 0 ? errno : 0;
    if (lstat_err || !S_ISDIR(dest.st_mode)) {
        int err = lstat_err ? lstat_err : ENOTDIR;
        kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "'%s' is no longer a folder; nothing written",
                           d->path);
        remove_stage(d);
        return err;
    }
    char why[512] = "";
    const char *reason = NULL;
    if (stat(".", &cwd) == 0 && same_file(&cwd, &dest))
        reason = "it is the current folder";
    else
        reason = match_folder(d, &dest);
    if (reason)
        snprintf(why, sizeof why, "%s", reason);
    else {
        int err = link_entries(d, names, n, why, sizeof why, nt);
        if (err) {
            remove_stage(d);
            return err;
        }
    }
    if (!why[0]) {
        (void)kpi_fsync_path(d->stage);
        if (renameat2(AT_FDCWD, d->stage, AT_FDCWD, d->path, RENAME_EXCHANGE) ==
            0) {
            (void)kpi_fsync_path(d->parent);
            empty_old(d, names, n, nt);
            return 0;
        }
        snprintf(why, sizeof why, "the folders cannot be exchanged: %s",
                 strerror(errno));
    }
    warn_one_by_one(nt, d->path, why);
    return move_each(d, names, n, nt);
}

kpi_status kpi_atomic_dir_commit(kpi_atomic_dir *d, const char *const *names,
                                 size_t count, const kpi_notify *nt)
{
    int err;
    if (!d->stage) {
        dir_clear(d);
        return KPI_ERR_ARG;
    }
    if (d->fallback) {
        warn_one_by_one(nt, d->path, d->fallback);
        err = move_each(d, names, count, nt);
    } else if (d->existed || (err = commit_new(d, nt)) == EEXIST) {
        err = commit_swap(d, names, count, nt);
    }
    dir_clear(d);
    return status_of(err);
}

void kpi_atomic_dir_abort(kpi_atomic_dir *d)
{
    if (d->stage)
        remove_stage(d);
    dir_clear(d);
}
