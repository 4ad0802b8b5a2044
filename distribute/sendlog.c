/* sendlog.c - the send log (see sendlog.h). */
#include "sendlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char log_header[] =
    "sent_at\tmonth\trecipient\temail\tmessage_id\n";

typedef struct entry {
    char *month, *key, *email;
} entry;

struct kpi_sendlog {
    int fd;
    entry *entries;
    size_t n, cap;
    size_t complete; /* bytes up to and with the last newline */
};

static int add_entry(kpi_sendlog *log, const char *month, size_t mlen,
                     const char *key, size_t klen, const char *email,
                     size_t elen)
{
    if (log->n == log->cap) {
        size_t cap = log->cap ? log->cap * 2 : 16;
        entry *e = realloc(log->entries, cap * sizeof *e);
        if (!e)
            return ENOMEM;
        log->entries = e;
        log->cap = cap;
    }
    entry *e = &log->entries[log->n];
    e->month = strndup(month, mlen);
    e->key = strndup(key, klen);
    e->email = strndup(email, elen);
    if (!e->month || !e->key || !e->email) {
        free(e->month);
        free(e->key);
        free(e->email);
        return ENOMEM;
    }
    log->n++;
    return 0;
}

/* Reads the whole file into a NUL-terminated buffer. */
static int slurp(int fd, char **out, size_t *len)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return errno;
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (n + 1 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return ENOMEM;
            }
            buf = p;
            cap *= 2;
        }
        ssize_t r = pread(fd, buf + n, cap - n - 1, (off_t)n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            free(buf);
            return err;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

static int write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

static int parse(kpi_sendlog *log, const char *path, const char *text,
                 size_t len, char *err, size_t err_size)
{
    unsigned long line_no = 0;
    size_t i = 0;
    while (i < len) {
        const char *line = text + i;
        const char *nl = memchr(line, '\n', len - i);
        line_no++;
        if (!nl)
            break; /* cut short by a crash: not a record */
        size_t n = (size_t)(nl - line);
        i += n + 1;
        if (line_no == 1 && strncmp(line, "sent_at\t", 8) == 0)
            continue;
        if (n == 0)
            continue;
        const char *f[5];
        size_t flen[5];
        size_t k = 0;
        const char *p = line;
        while (k < 5) {
            const char *tab = memchr(p, '\t', (size_t)(nl - p));
            f[k] = p;
            flen[k] = (size_t)((tab ? tab : nl) - p);
            k++;
            if (!tab)
                break;
            p = tab + 1;
        }
        if (k < 5) {
            snprintf(err, err_size,
                     "%s:%lu: expected 5 tab-separated fields "
                     "(sent_at, month, recipient, email, message_id)",
                     path, line_no);
            return EINVAL;
        }
        int e = add_entry(log, f[1], flen[1], f[2], flen[2], f[3], flen[3]);
        if (e)
            return e;
    }
    size_t complete = len;
    while (complete > 0 && text[complete - 1] != '\n')
        complete--;
    log->complete = complete;
    return 0;
}

int kpi_sendlog_open(const char *path, kpi_sendlog **out, char *err,
                     size_t err_size)
{
    *out = NULL;
    if (err_size)
        err[0] = '\0';
    kpi_sendlog *log = calloc(1, sizeof *log);
    if (!log)
        return ENOMEM;
    log->fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0666);
    if (log->fd < 0) {
        int e = errno;
        snprintf(err, err_size, "cannot open '%s': %s", path, strerror(e));
        free(log);
        return e;
    }
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(log->fd, F_SETLK, &lk) != 0) {
        int e = errno;
        snprintf(err, err_size,
                 "'%s' is locked: another 'kpi distribute --send' is running",
                 path);
        kpi_sendlog_close(log);
        return e;
    }
    char *text = NULL;
    size_t len = 0;
    int e = slurp(log->fd, &text, &len);
    if (e == 0 && len == 0) {
        e = write_all(log->fd, log_header, sizeof log_header - 1);
        if (e == 0 && fsync(log->fd) != 0)
            e = errno;
    } else if (e == 0) {
        e = parse(log, path, text, len, err, err_size);
        /* A line cut short by a crash was never a record (its message
         * counts as not sent); cut it off so the next line starts clean. */
        if (e == 0 && log->complete < len &&
            (ftruncate(log->fd, (off_t)log->complete) != 0 ||
             fsync(log->fd) != 0))
            e = errno;
    }
    free(text);
    if (e) {
        if (err_size && !err[0])
            snprintf(err, err_size, "cannot read '%s': %s", path, strerror(e));
        kpi_sendlog_close(log);
        return e;
    }
    *out = log;
    return 0;
}

bool kpi_sendlog_has(const kpi_sendlog *log, const char *month, const char *key,
                     const char *email)
{
    for (size_t i = 0; i < log->n; i++) {
        const entry *e = &log->entries[i];
        if (!strcmp(e->month, month) && !strcmp(e->key, key) &&
            !strcmp(e->email, email))
            return true;
    }
    return false;
}

static bool field_ok(const char *s)
{
    return !strpbrk(s, "\t\r\n");
}

int kpi_sendlog_append(kpi_sendlog *log, const char *sent_at, const char *month,
                       const char *key, const char *email,
                       const char *message_id)
{
    if (!field_ok(sent_at) || !field_ok(month) || !field_ok(key) ||
        !field_ok(email) || !field_ok(message_id))
        return EINVAL;
    size_t n = strlen(sent_at) + strlen(month) + strlen(key) + strlen(email) +
               strlen(message_id) + 6;
    char *line = malloc(n);
    if (!line)
        return ENOMEM;
    snprintf(line, n, "%s\t%s\t%s\t%s\t%s\n", sent_at, month, key, email,
             message_id);
    /* One write() with O_APPEND: the line lands whole or (on a full
     * disk) is reported; fsync before the next message is sent. */
    int e = write_all(log->fd, line, n - 1);
    free(line);
    if (e == 0 && fsync(log->fd) != 0)
        e = errno;
    if (e)
        return e;
    return add_entry(log, month, strlen(month), key, strlen(key), email,
                     strlen(email));
}

void kpi_sendlog_close(kpi_sendlog *log)
{
    if (!log)
        return;
    if (log->fd >= 0)
        close(log->fd); /* releases the fcntl lock */
    for (size_t i = 0; i < log->n; i++) {
        free(log->entries[i].month);
        free(log->entries[i].key);
        free(log->entries[i].email);
    }
    free(log->entries);
    free(log);
}
