/*
 * jobs.c - a pool of worker processes (jobs.h: kpi_jobs_run).
 *
 * Why processes and not threads: the workbooks are written by
 * libxlsxwriter, which does not promise to be thread-safe (its temporary
 * files draw names from one static seed with srand()/rand(), and the
 * document properties are dated with gmtime()'s one static buffer). A
 * forked worker shares the dataset and the figures, read-only and copy on
 * write, with no copy made up front; it sends its kpi_job_result back
 * through a pipe (one write of less than PIPE_BUF bytes, so whole or not
 * at all) and ends with _exit(), so that neither atexit handlers nor the
 * parent's stdio buffers run twice. Results are kept by job number, so the
 * caller sees them in the same order whatever order the workers end in.
 */
#define _GNU_SOURCE /* pipe2 */
#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct worker {
    pid_t pid;
    int fd; /* the read end of the worker's pipe */
    size_t index;
} worker;

static void run_here(kpi_job_fn fn, void *ctx, size_t i, kpi_job_result *r)
{
    memset(r, 0, sizeof *r);
    fn(ctx, i, r);
}

/* In the worker: job i, its result written to fd, then _exit. */
static void worker_main(pid_t parent, int fd, kpi_job_fn fn, void *ctx,
                        size_t i)
{
    /* A worker outliving a killed kpi would write on into the staging
     * folder: it is killed with its parent. The parent may have died
     * before the request took effect. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(1);
    kpi_job_result r;
    run_here(fn, ctx, i, &r);
    const char *p = (const char *)&r;
    size_t left = sizeof r;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(1);
        p += w;
        left -= (size_t)w;
    }
    _exit(0);
}

/* Starts job i in a worker *w; true when one was started. When none can
 * be (no pipe, fork refused), the job runs here and false says so. */
static bool start(worker *w, size_t i, kpi_job_fn fn, void *ctx,
                  kpi_job_result *r)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        run_here(fn, ctx, i, r);
        return false;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        run_here(fn, ctx, i, r);
        return false;
    }
    if (pid == 0) {
        close(p[0]);
        worker_main(parent, p[1], fn, ctx, i);
    }
    close(p[1]);
    *w = (worker){pid, p[0], i};
    return true;
}

/* Reads what worker w sent and reaps it: its result, or KPI_ERR_IO with
 * the words of how it ended when it sent none. */
static void collect(const worker *w, kpi_job_result *r)
{
    kpi_job_result got;
    size_t have = 0;
    while (have < sizeof got) {
        ssize_t n = read(w->fd, (char *)&got + have, sizeof got - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += (size_t)n;
    }
    close(w->fd);
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (have == sizeof got && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        *r = got;
        return;
    }
    memset(r, 0, sizeof *r);
    r->status = KPI_ERR_IO;
    if (WIFSIGNALED(status))
        snprintf(r->msg, sizeof r->msg,
                 "the process writing it was stopped by signal %d (%s)",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(r->msg, sizeof r->msg,
                 "the process writing it ended without a result");
}

/* Waits until one of the running workers ends, collects it into results
 * and takes it out of ws; returns its job number. */
static size_t finish_one(worker *ws, struct pollfd *pf, size_t *running,
                         kpi_job_result *results)
{
    for (;;) {
        for (size_t k = 0; k < *running; k++)
            pf[k] = (struct pollfd){.fd = ws[k].fd, .events = POLLIN};
        if (poll(pf, *running, -1) < 0 && errno != EINTR)
            break; /* cannot wait for any: take the first in turn */
        for (size_t k = 0; k < *running; k++)
            if (pf[k].revents) {
                size_t index = ws[k].index;
                collect(&ws[k], &results[index]);
                ws[k] = ws[--*running];
                return index;
            }
    }
    size_t index = ws[0].index;
    collect(&ws[0], &results[index]);
    ws[0] = ws[--*running];
    return index;
}

static void run_serial(size_t n, kpi_job_fn fn, void *ctx,
                       kpi_job_result *results, size_t *started)
{
    for (*started = 0; *started < n;) {
        run_here(fn, ctx, *started, &results[*started]);
        if (results[(*started)++].status != KPI_OK)
            break;
    }
}

void kpi_jobs_run(size_t n, unsigned jobs, kpi_job_fn fn, void *ctx,
                  kpi_job_result *results, size_t *started)
{
    if (jobs == 0)
        jobs = kpi_cpus_available();
    if (jobs > n)
        jobs = (unsigned)n;
    worker *ws = jobs > 1 ? calloc(jobs, sizeof *ws) : NULL;
    struct pollfd *pf = ws ? calloc(jobs, sizeof *pf) : NULL;
    if (!pf) {
        free(ws);
        run_serial(n, fn, ctx, results, started);
        return;
    }
    size_t next = 0, running = 0;
    bool failed = false;
    while (running > 0 || (!failed && next < n)) {
        while (!failed && next < n && running < jobs) {
            if (start(&ws[running], next, fn, ctx, &results[next]))
                running++;
            else if (results[next].status != KPI_OK)
                failed = true;
            next++;
        }
        if (running > 0 &&
            results[finish_one(ws, pf, &running, results)].status != KPI_OK)
            failed = true;
    }
    *started = next;
    free(pf);
    free(ws);
}
