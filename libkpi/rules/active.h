/*
 * active.h - when a measure is active (SPEC §4), internal.
 */
#ifndef KPI_ACTIVE_H
#define KPI_ACTIVE_H

#include "input/dataset.h"

/* true when measure m is active on day d: started on or before d, not
 * ended before d (an ongoing measure has no end), and not a cancelled
 * grant. The assumed end plays no part: on a day up to D the real end
 * is known. */
static inline bool kpi_measure_active_on(const kpi_measure *m, kpi_date d)
{
    return !m->cancelled && m->start <= d &&
           (m->end == KPI_DATE_NONE || d <= m->end);
}

#endif /* KPI_ACTIVE_H */
