/*
 * jobs.h - kpireport's pool of worker processes (jobs.c): independent
 * pieces of work, such as the workbooks of one report, run on the cores
 * there are.
 */
#ifndef KPI_REPORT_JOBS_H
#define KPI_REPORT_JOBS_H

#include "kpi.h"

#include <stddef.h>

/* What one job tells the caller: its status, an errno where one explains
 * it (0: none) and its own words (may be ""). */
typedef struct kpi_job_result {
    kpi_status status;
    int err;
    char msg[512];
} kpi_job_result;

/* One job: work number i of ctx; fills *r (zeroed before the call: a job
 * that sets nothing succeeded). */
typedef void (*kpi_job_fn)(void *ctx, size_t i, kpi_job_result *r);

/* Runs fn(ctx, i, &results[i]) for i = 0 … n-1 in that order of starting,
 * at most `jobs` at once (0: kpi_cpus_available(), kpi.h). With one job at a
 * time, or one piece of work, every job runs in this process, one after
 * the other; otherwise each in a worker process of its own (fork), so
 * that no library below needs to be thread-safe and a job's memory dies
 * with it. A worker is killed when this process dies (PR_SET_PDEATHSIG).
 * After the first job that fails no new one is started; the ones running
 * are waited for. *started is the number of jobs started (0 … n): results
 * [0 … *started-1] are set, and when a job failed the first failure in
 * index order is among them, as a serial run would have found it. A worker
 * that dies without a result (a signal, a crash) is KPI_ERR_IO with words
 * that say so. Where a worker cannot be created (fork refused), its job
 * runs in this process. */
void kpi_jobs_run(size_t n, unsigned jobs, kpi_job_fn fn, void *ctx,
                  kpi_job_result *results, size_t *started);

#endif
