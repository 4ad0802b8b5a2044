/* monthly_price.c - a measure's price per whole month (monthly_price.h). */
#include "rules/monthly_price.h"

kpi_money kpi_measure_monthly_price(const kpi_measure *m)
{
    switch ((kpi_unit)m->unit) {
    case KPI_UNIT_MONTH:
        return m->price;
    case KPI_UNIT_DAY:
        return m->price * 30;
    case KPI_UNIT_WEEK:
        return kpi_div_round(m->price * 30, 7);
    case KPI_UNIT_YEAR:
        return kpi_div_round(m->price, 12);
    }
    return m->price;
}
