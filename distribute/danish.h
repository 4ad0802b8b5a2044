/*
 * danish.h - key-figure values and periods written the Danish way for the
 * text of the distribution mails: "1.234.567 kr.", "81,5 %", "42",
 * "12,3 dage", "rød". Periods in Danish are libkpi's kpi_period_text
 * (KPI_PERIOD_STYLE_TEXT). Workbooks get their Danish formats from Excel
 * number formats; a mail body is plain text.
 */
#ifndef KPI_DISTRIBUTE_DANISH_H
#define KPI_DISTRIBUTE_DANISH_H

#include "kpi.h"

#include <stddef.h>
#include <stdint.h>

/* An integer with '.' between thousands: -1234567 -> "-1.234.567". */
void kpi_danish_integer(int64_t v, char *buf, size_t size);

/* A headline row's value as the mail shows it, by the headline's format
 * (kpi_headline.format, the one the recipient overview writes with):
 * money in whole kroner (rounded half away from zero) with " kr."; a
 * share (KPI_HEADLINE_PERCENT) in percent with one decimal ("81,5 %");
 * other reals with one decimal ("12,3"); counts as integers;
 * KPI_HEADLINE_DAYS with " dage"; the status words green/yellow/red as
 * "grøn"/"gul"/"rød". */
void kpi_danish_value(const kpi_row *row, kpi_headline_format format, char *buf,
                      size_t size);

/* A target status in running text: "grøn", "gul", "rød" ("" for
 * KPI_TARGET_NONE). */
void kpi_danish_status(kpi_target_status s, char *buf, size_t size);

#endif
