/*
 * monthly_price.h - a measure's price per whole month (internal).
 */
#ifndef KPI_MONTHLY_PRICE_H
#define KPI_MONTHLY_PRICE_H

#include "input/dataset.h"

/* The price of measure m per whole month, as KL's disposition table shows
 * it: a month price as it is, a day price for a 30-day month, a week price
 * for 30/7 weeks, a twelfth of a year price (rounded half away from zero).
 * It makes prices of different units comparable (provider prices, price
 * outliers) and is a display value only: no sum is built from it, and a
 * calendar month would make one contract look dearer in October than in
 * November. */
kpi_money kpi_measure_monthly_price(const kpi_measure *m);

#endif /* KPI_MONTHLY_PRICE_H */
