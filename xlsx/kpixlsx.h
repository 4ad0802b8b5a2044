/*
 * kpixlsx.h - moved to include/kpi/xlsx.h (the workbook engine's public
 * header). This forward stays only for the files of xlsx/read/ that still
 * include the old name (map_dump.c, test_map_read.c: branch house-readers
 * owns them); remove it when they include "kpi/xlsx.h".
 */
#include "kpi/xlsx.h"
