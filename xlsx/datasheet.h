/*
 * datasheet.h - the long-form Data sheet of SPEC §8 (every visible row of
 * kpi's figures: kpi_id, period, breakdown, stat, value, as `kpi export`),
 * the last sheet of the engine's workbooks (render.c) and of the map and
 * overview (mapbook.c).
 */
#ifndef KPI_XLSX_DATASHEET_H
#define KPI_XLSX_DATASHEET_H

#include "kpi/xlsx.h"
#include "look.h"

#include <xlsxwriter.h>

/* Fills ws (a new, empty sheet) with in->figures' rows that in's
 * row_visible hook lets through, masked values as their text; header
 * formats the heading row. Frozen heading, autofilter, heading repeated on
 * printed pages. With a template t (may be NULL), the legend lines of the
 * marks the sheet shows stand in column G, beside the long form (a line
 * under it would be read as data). The first failure is recorded in *o. */
void kpi_xlsx_book_data_sheet_write(lxw_worksheet *ws, const kpi_book_input *in,
                                    const kpi_book_template *t,
                                    lxw_format *header, look_outcome *o);

#endif
