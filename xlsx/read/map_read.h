/*
 * map_read.h - reading back the recipient map a municipality edited
 * (noegletal-modtagere.xlsx, written by kpi_mapbook_write; SPEC §6, §8).
 *
 * Sheet 'Nøgletal': the header row is the first row with a cell "Kode";
 * every recipient group must have its column there (headed by its Danish
 * name or its code). Each row with a Kode is a key figure of the
 * catalogue; its cells in the group columns are marks: ✓ ✔ x ja 1 TRUE
 * SAND (or a TRUE cell, the number 1) give the figure to the group; an
 * empty cell, nej, 0, FALSE, FALSK take it away; anything else is an
 * error. Rows without a Kode (the theme headings) are skipped.
 * Sheet 'Modtagergrupper': the header row is the first with a cell
 * "Modtagergruppe", and it must have "Kadence" and "Detaljeringsgrad";
 * each row names a group (name or code) with its cadence and detail (the
 * Danish names of kpi_cadence_name / kpi_detail_name, or the codes).
 *
 * What is not in the file keeps the value `map` had when called (SPEC §6's
 * default when it came from kpi_map_new): a deleted figure row keeps its
 * default marks, so a figure added by a newer kpi shows up in an old map;
 * a deleted group row keeps its cadence and detail. To take a figure from
 * every group, clear its marks.
 */
#ifndef KPI_MAP_READ_H
#define KPI_MAP_READ_H

#include "kpi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads the workbook at path (.xlsx or .xls; a .csv has one sheet and is
 * refused, since both sheets are required) into map. On a
 * problem the first one is written to err as
 * "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 7: column 'Fagudvalg':
 * 'y' is not a mark: ..." (the file's base name) and map is left partly
 * changed: discard it. Returns KPI_OK, KPI_ERR_INPUT (the content),
 * KPI_ERR_IO (cannot be read), KPI_ERR_NOMEM, KPI_ERR_ARG. */
kpi_status kpi_map_read(const char *path, kpi_map *map, char *err,
                        size_t err_size);

/* The same for a book already open (kpi_sheets_open or _open_buffer);
 * label names it in the messages ("noegletal-modtagere.xlsx"). The fuzz
 * target reads maps from memory through this. */
typedef struct kpi_sheets kpi_sheets;
kpi_status kpi_map_read_book(const kpi_sheets *book, const char *label,
                             kpi_map *map, char *err, size_t err_size);

#ifdef __cplusplus
}
#endif

#endif /* KPI_MAP_READ_H */
