/* sendlog.c - the send log (see sendlog.h). */
#include "sendlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char log_header[] = "time\tmonth\trecipient\temail\tmessage_"
                                 "id\tstatus\tqueue_id\tserver_reply\n";

typedef struct entry {
    char *month, *key, *email, *time, *id;
    kpi_sendlog_state state;
} entry;

struct kpi_sendlog {
    int fd;
    entry *entries;
    size_t n, cap;
    size_t complete; /* bytes up to and with the last newline */
};

/* A record's fields as parsed or appended: pointer and length. */
typedef struct field {
    const char *s;
    size_t n;
} field;

static int add_entry(kpi_sendlog *log, field time, field month, field key,
                     field email, field id, kpi_sendlog_state state)
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
    e->month = strndup(month.s, month.n);
    e->key = strndup(key.s, key.n);
    e->email = strndup(email.s, email.n);
    e->time = strndup(time.s, time.n);
    e->id = strndup(id.s, id.n);
    e->state = state;
    if (!e->month || !e->key || !e->email || !e->time || !e->id) {
        free(e->month);
        free(e->key);
        free(e->email);
        free(e->time);
        free(e->id);
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
        /* The header: this kpi's, or the five fields of an older one. */
        if (line_no == 1 && (strncmp(line, "sent_at\t", 8) == 0 ||
                             strncmp(line, "time\t", 5) == 0))
            continue;
        if (n == 0)
            continue;
        field f[8];
        size_t k = 0;
        const char *p = line;
        while (k < 8) {
            const char *tab = memchr(p, '\t', (size_t)(nl - p));
            f[k].s = p;
            f[k].n = (size_t)((tab ? tab : nl) - p);
            k++;
            if (!tab)
                break;
            p = tab + 1;
        }
        kpi_sendlog_state state = KPI_SENDLOG_SENT; /* an older line */
        if (k >= 6 && f[5].n == 7 && !memcmp(f[5].s, "attempt", 7))
            state = KPI_SENDLOG_UNCERTAIN;
        else if (k >= 6 && f[5].n == 6 && !memcmp(f[5].s, "failed", 6))
            state = KPI_SENDLOG_NONE;
        else if (k >= 6 && !(f[5].n == 4 && !memcmp(f[5].s, "sent", 4)))
            k = 0;
        if (k < 5) {
            snprintf(err, err_size,
                     "%s:%lu: expected the tab-separated fields time, "
                     "month, recipient, email, message_id, status "
                     "(attempt, sent or failed), queue_id and server_reply",
                     path, line_no);
            return EINVAL;
        }
        int e = add_entry(log, f[0], f[1], f[2], f[3], f[4], state);
        if (e)
            return e;
    }
    size_t complete = len;
    while (complete > 0 && text[complete - 1] != '\n')
        complete--;
    log->complete = complete;
    return 0;
}

int kpi_sendlog_open(const char *path, bool read_only, kpi_sendlog **out,
                     char *err, size_t err_size)
{
    *out = NULL;
    if (err_size)
        err[0] = '\0';
    kpi_sendlog *log = calloc(1, sizeof *log);
    if (!log)
        return ENOMEM;
    log->fd = read_only ? open(path, O_RDONLY)
                        : open(path, O_RDWR | O_CREAT | O_APPEND, 0666);
    if (log->fd < 0 && read_only && errno == ENOENT) {
        *out = log; /* nothing sent yet */
        return 0;
    }
    if (log->fd < 0) {
        int e = errno;
        snprintf(err, err_size, "cannot open '%s': %s", path, strerror(e));
        free(log);
        return e;
    }
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (!read_only && fcntl(log->fd, F_SETLK, &lk) != 0) {
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
    if (e == 0 && len == 0 && !read_only) {
        e = write_all(log->fd, log_header, sizeof log_header - 1);
        if (e == 0 && fsync(log->fd) != 0)
            e = errno;
    } else if (e == 0) {
        e = parse(log, path, text, len, err, err_size);
        /* A line cut short by a crash was never a record (its message
         * counts as not sent); cut it off so the next line starts clean. */
        if (e == 0 && !read_only && log->complete < len &&
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

kpi_sendlog_state kpi_sendlog_state_of(const kpi_sendlog *log,
                                       const char *month, const char *key,
                                       const char *email, const char **when,
                                       const char **message_id)
{
    for (size_t i = log->n; i-- > 0;) {
        const entry *e = &log->entries[i];
        if (!strcmp(e->month, month) && !strcmp(e->key, key) &&
            !strcmp(e->email, email)) {
            if (when)
                *when = e->time;
            if (message_id)
                *message_id = e->id;
            return e->state;
        }
    }
    return KPI_SENDLOG_NONE;
}

static bool field_ok(const char *s)
{
    return !strpbrk(s, "\t\r\n");
}

int kpi_sendlog_append(kpi_sendlog *log, const char *time, const char *month,
                       const char *key, const char *email,
                       const char *message_id, const char *status,
                       const char *queue_id, const char *reply)
{
    if (!queue_id)
        queue_id = "";
    if (!reply)
        reply = "";
    if (!field_ok(time) || !field_ok(month) || !field_ok(key) ||
        !field_ok(email) || !field_ok(message_id) || !field_ok(status) ||
        !field_ok(queue_id))
        return EINVAL;
    size_t n = strlen(time) + strlen(month) + strlen(key) + strlen(email) +
               strlen(message_id) + strlen(status) + strlen(queue_id) +
               strlen(reply) + 9;
    char *line = malloc(n);
    if (!line)
        return ENOMEM;
    snprintf(line, n, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", time, month, key,
             email, message_id, status, queue_id, reply);
    /* The server's words are kept, but never as a field or line break. */
    for (char *p = line + n - 2 - strlen(reply); *p && p < line + n - 2; p++)
        if (*p == '\t' || *p == '\r' || *p == '\n')
            *p = ' ';
    /* One write() with O_APPEND: the line lands whole or (on a full
     * disk) is reported; fsync before the dialogue goes on. */
    int e = write_all(log->fd, line, n - 1);
    free(line);
    if (e == 0 && fsync(log->fd) != 0)
        e = errno;
    if (e)
        return e;
    kpi_sendlog_state state = !strcmp(status, "attempt") ? KPI_SENDLOG_UNCERTAIN
                              : !strcmp(status, "sent")  ? KPI_SENDLOG_SENT
                                                         : KPI_SENDLOG_NONE;
    return add_entry(log, (field){time, strlen(time)},
                     (field){month, strlen(month)}, (field){key, strlen(key)},
                     (field){email, strlen(email)},
                     (field){message_id, strlen(message_id)}, state);
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
        free(log->entries[i].time);
        free(log->entries[i].id);
    }
    free(log->entries);
    free(log);
}
