/* cpus.c - kpi_cpus_available: how many threads or workers to use. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "base/internal.h"

#include <sched.h>
#include <unistd.h>

unsigned kpi_cpus_available(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}
