/* map.c - the key-figure-to-recipient map (SPEC §6): which figure goes to
 * which recipient group, and each group's cadence and detail. The default
 * is SPEC §6's table: which groups get a figure is in the figure's row of
 * the catalogue (default_groups), cadence and detail are below; the
 * municipality changes them through the map workbook, which the command
 * reads back with kpi_map_set*(). */
#include "base/internal.h"

/* SPEC §6, the table of groups: cadence and detail. The default detail is
 * the most each group may see. */
static const struct {
    kpi_cadence cadence;
    kpi_detail detail;
} default_groups[KPI_GROUP_COUNT] = {
    [KPI_GROUP_FAGUDVALG] = {KPI_CADENCE_QUARTERLY, KPI_DETAIL_BREAKDOWNS},
    [KPI_GROUP_DIREKTION] = {KPI_CADENCE_MONTHLY, KPI_DETAIL_PROVIDER_KIND},
    [KPI_GROUP_FAGCHEF] = {KPI_CADENCE_MONTHLY, KPI_DETAIL_ALL},
    [KPI_GROUP_AFDELINGSLEDER] = {KPI_CADENCE_MONTHLY, KPI_DETAIL_ALL},
    [KPI_GROUP_SAGSBEHANDLER] = {KPI_CADENCE_MONTHLY, KPI_DETAIL_ALL},
};

struct kpi_map {
    kpi_allocator alloc_store;
    const kpi_allocator *alloc;
    size_t n_figures; /* kpi_catalog_figure_count() */
    unsigned *groups; /* per catalogue figure: a bit per kpi_group */
    kpi_cadence cadence[KPI_GROUP_COUNT];
    kpi_detail detail[KPI_GROUP_COUNT];
};

static bool group_ok(kpi_group g)
{
    return (int)g >= 0 && (int)g < KPI_GROUP_COUNT;
}

/* The catalogue index of a figure id, or -1. */
static long figure_index(const char *id)
{
    if (!id)
        return -1;
    size_t n = kpi_catalog_figure_count();
    for (size_t i = 0; i < n; i++)
        if (strcmp(kpi_catalog_figure(i)->id, id) == 0)
            return (long)i;
    return -1;
}

kpi_status kpi_map_new(const kpi_allocator *allocator, kpi_map **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    kpi_map *map = kpi_xcalloc(allocator, 1, sizeof *map);
    if (!map)
        return KPI_ERR_NOMEM;
    map->alloc = kpi_allocator_keep(&map->alloc_store, allocator);
    map->n_figures = kpi_catalog_figure_count();
    map->groups = kpi_xcalloc(map->alloc, map->n_figures, sizeof *map->groups);
    if (!map->groups) {
        kpi_map_free(map);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < map->n_figures; i++)
        map->groups[i] = kpi_catalog_figure(i)->default_groups;
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        map->cadence[g] = default_groups[g].cadence;
        map->detail[g] = default_groups[g].detail;
    }
    *out = map;
    return KPI_OK;
}

void kpi_map_free(kpi_map *map)
{
    if (!map)
        return;
    kpi_xfree(map->alloc, map->groups);
    kpi_xfree_keeper(map->alloc, map);
}

bool kpi_map_get(const kpi_map *map, const char *figure_id, kpi_group g)
{
    if (!map || !group_ok(g))
        return false;
    long f = figure_index(figure_id);
    return f >= 0 && ((map->groups[f] >> g) & 1u) != 0;
}

kpi_status kpi_map_set(kpi_map *map, const char *figure_id, kpi_group g,
                       bool on)
{
    if (!map || !group_ok(g))
        return KPI_ERR_ARG;
    long f = figure_index(figure_id);
    if (f < 0)
        return KPI_ERR_ARG;
    if (on)
        map->groups[f] |= 1u << g;
    else
        map->groups[f] &= ~(1u << g);
    return KPI_OK;
}

kpi_cadence kpi_map_cadence(const kpi_map *map, kpi_group g)
{
    if (!map || !group_ok(g))
        return KPI_CADENCE_MONTHLY;
    return map->cadence[g];
}

void kpi_map_set_cadence(kpi_map *map, kpi_group g, kpi_cadence c)
{
    if (!map || !group_ok(g) || (int)c < 0 || (int)c > KPI_CADENCE_YEARLY)
        return;
    map->cadence[g] = c;
}

kpi_detail kpi_map_detail(const kpi_map *map, kpi_group g)
{
    if (!map || !group_ok(g))
        return KPI_DETAIL_TOTALS;
    return map->detail[g];
}

kpi_status kpi_map_set_detail(kpi_map *map, kpi_group g, kpi_detail d)
{
    if (!map || !group_ok(g) || (int)d < 0)
        return KPI_ERR_ARG;
    if ((int)d > (int)kpi_group_max_detail(g))
        return KPI_ERR_RANGE;
    map->detail[g] = d;
    return KPI_OK;
}
