/* status.c - the statuses of service-level targets (kpi_target_status):
 * their export codes, their Danish names and reading a status row back.
 * The one table of them; the targets (catalog/targets.c) write the codes,
 * the workbooks and the mails read them through here. */
#include "base/internal.h"

#include <string.h>

/* The one table of the statuses' codes and Danish names. */
static const struct {
    const char *code, *name;
} statuses[] = {
    [KPI_TARGET_NONE] = {"", ""},
    [KPI_TARGET_GREEN] = {"green", "Grøn"},
    [KPI_TARGET_YELLOW] = {"yellow", "Gul"},
    [KPI_TARGET_RED] = {"red", "Rød"},
};

static bool status_ok(kpi_target_status s)
{
    return (int)s >= KPI_TARGET_NONE && (int)s <= KPI_TARGET_RED;
}

const char *kpi_target_status_code(kpi_target_status s)
{
    return status_ok(s) ? statuses[s].code : "";
}

const char *kpi_target_status_name(kpi_target_status s)
{
    return status_ok(s) ? statuses[s].name : "";
}

kpi_target_status kpi_row_target_status(const kpi_row *row)
{
    if (!row || row->kind != KPI_VALUE_TEXT || !row->text || !row->stat ||
        strcmp(row->stat, "status") != 0)
        return KPI_TARGET_NONE;
    for (int s = KPI_TARGET_GREEN; s <= KPI_TARGET_RED; s++)
        if (strcmp(row->text, statuses[s].code) == 0)
            return (kpi_target_status)s;
    return KPI_TARGET_NONE;
}
