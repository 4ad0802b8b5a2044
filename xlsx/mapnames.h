/*
 * mapnames.h - the names the recipient map workbook is written with
 * (mapbook.c) and read back by (read/map.c): its file, sheets and the
 * headings the reader looks for. The group columns are headed by
 * kpi_group_name(). Change a name here and both sides follow.
 */
#ifndef KPI_XLSX_MAPNAMES_H
#define KPI_XLSX_MAPNAMES_H

/* The file names, KPI_MAP_FILE and KPI_OVERVIEW_FILE, are public. */
#include "kpi/xlsx.h"

#define KPI_MAP_SHEET_FIGURES "Nøgletal"
#define KPI_MAP_SHEET_GROUPS "Modtagergrupper"

/* Nøgletal: the key column and the first column. */
#define KPI_MAP_HEAD_CODE "Kode"
#define KPI_MAP_HEAD_NAME "Nøgletal"
/* Modtagergrupper. */
#define KPI_MAP_HEAD_GROUP "Modtagergruppe"
#define KPI_MAP_HEAD_CADENCE "Kadence"
#define KPI_MAP_HEAD_DETAIL "Detaljeringsgrad"

/* The mark the map is written with (U+2713). */
#define KPI_MAP_MARK "\xE2\x9C\x93"

#endif
