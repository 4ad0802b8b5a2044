/*
 * prefetch.h - asking the cache early (internal). At a million measures
 * the arrays by symbol (7 MB each) and the measures (64 MB) are read in
 * an order of their own: by household, by child, by family. Each such
 * read is a cache miss that a loop would wait for one at a time; asked
 * for some iterations ahead, they overlap. A hint only: the results do
 * not depend on it.
 */
#ifndef KPI_PREFETCH_H
#define KPI_PREFETCH_H

#if defined(__GNUC__)
#define KPI_PREFETCH(p) __builtin_prefetch(p)
#else
#define KPI_PREFETCH(p) ((void)(p))
#endif

/* How many iterations ahead the loops ask: enough to cover a miss to
 * memory at their pace, few enough that what is fetched is still there. */
#define KPI_PREFETCH_AHEAD 16

#endif /* KPI_PREFETCH_H */
