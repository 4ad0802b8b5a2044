/*
 * packs.h - the recipient packs of SPEC §8 (lis-GROUP[-NAME]-YYYY-MM.xlsx)
 * and the recipient map the report uses.
 *
 * A pack holds what the map gives its recipient's group, at the group's
 * detail, for the part of the dataset the recipient may see (SPEC §7): a
 * team leader's pack is computed on their team's subset of the dataset, a
 * caseworker's on their own cases; fagudvalg and direktion get small
 * numbers suppressed. `kpi report` writes every pack; `kpi distribute`
 * writes the packs of kpi.ini's [recipient] sections and mails them.
 *
 *     cli_pack *packs; size_t n;
 *     if (cli_packs_list(ds, m, &packs, &n) == 0) {
 *         for (size_t i = 0; i < n; i++) {
 *             cli_pack_view v;
 *             if (cli_pack_view_open(ds, figs, map, &packs[i], m, &v) == KPI_OK)
 *                 cli_pack_write(ds, &packs[i], &v, m, tmp_path, err, sizeof err);
 *             cli_pack_view_close(&v);
 *         }
 *         cli_packs_free(packs, n);
 *     }
 */
#ifndef KPI_CLI_PACKS_H
#define KPI_CLI_PACKS_H

#include "kpi.h"

#include <stddef.h>

/* One pack: who it is for and its file name. Strings malloc'ed. */
typedef struct cli_pack {
    char *key;        /* [recipient KEY]'s key; for a default pack a slug
                         ("team-oest", "anne-soerensen") or NULL for a
                         whole group's pack */
    kpi_group group;
    char *name;       /* display name ("Anne Sørensen", "Team Øst");
                         NULL for a whole group's pack */
    char *email;      /* NULL for a default pack */
    char *team;       /* afdelingsleder: their team; else NULL */
    char *caseworker; /* sagsbehandler: themselves; else NULL */
    char *file_name;  /* "lis-afdelingsleder-leder_nord-2026-10.xlsx" */
} cli_pack;

/* The packs of report month m: one per [recipient] section of kpi.ini in
 * file order, or, when kpi.ini has none, one per group (fagudvalg,
 * direktion, fagchef), one per team (afdelingsleder) and one per
 * caseworker (sagsbehandler), in that order. A recipient section without
 * a group, an afdelingsleder without team or a sagsbehandler without
 * caseworker is an error "kpi.ini:LINE: [recipient KEY]: ..." printed to
 * stderr (return 1). Returns 0, 1 (invalid input) or 3 (out of memory). */
int cli_packs_list(const kpi_dataset *ds, kpi_month m, cli_pack **out,
                   size_t *n);
void cli_packs_free(cli_pack *packs, size_t n);

/* What one pack is rendered from. */
typedef struct cli_pack_view {
    kpi_dataset *subset;     /* the team's or caseworker's part; NULL when
                                the pack sees the whole dataset */
    kpi_figures *figures;    /* the subset's own figures; NULL when the
                                pack uses the caller's figures */
    const kpi_figures *used; /* the figures the pack shows */
    kpi_privacy *privacy;    /* what of them it may show */
} cli_pack_view;

/* Prepares pack p: the subset and its figures when p has a team or a
 * caseworker, else the caller's figures `all`; the privacy from the map's
 * detail for p's group. On failure *v needs cli_pack_view_close() too. */
kpi_status cli_pack_view_open(const kpi_dataset *ds, const kpi_figures *all,
                              const kpi_map *map, const cli_pack *p,
                              kpi_month m, cli_pack_view *v);
void cli_pack_view_close(cli_pack_view *v);

/* Renders pack p to path (created or replaced, not atomically: the caller
 * stages). On a problem the message goes to err. */
kpi_status cli_pack_write(const kpi_dataset *ds, const cli_pack *p,
                          const cli_pack_view *v, kpi_month m,
                          const char *path, char *err, size_t err_size);

/* Prints a problem of kpi_recipient_check (a kpi_recipient_problem_fn)
 * as kpi.ini's own messages: "kpi.ini:LINE: KEY: MESSAGE". */
void cli_print_recipient_problem(void *ctx, unsigned long line,
                                 const char *key, const char *message);

/* The map the report and the distribution use: the dataset folder's
 * noegletal-modtagere.xlsx when there is one (the municipality's edited
 * copy, SPEC §8), else SPEC §6's default. Errors are printed to stderr
 * ("noegletal-modtagere.xlsx: sheet 'Nøgletal': row 7: ..."). Returns 0,
 * 1 (the map cannot be read) or 3. */
int cli_map_load(const char *dataset_dir, kpi_map **out);

#endif
