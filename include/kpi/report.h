/*
 * kpi/report.h - the monthly report (kpireport): every workbook of SPEC
 * §8 for one month into a folder, all of them or none, and the recipient
 * packs it holds.
 *
 * The report is the recipient map (noegletal-modtagere.xlsx), the
 * recipient overview (modtageroverblik.xlsx), the economy workbook
 * (oekonomi-YYYY-MM.xlsx) and one pack per recipient
 * (lis-GROUP[-NAME]-YYYY-MM.xlsx). A pack holds what the map gives its
 * recipient's group, at the group's detail, for the part of the dataset
 * the recipient may see (SPEC §7): a team leader's pack is computed on
 * their team's subset of the dataset, a caseworker's on their own cases;
 * fagudvalg and direktion get small numbers suppressed. `kpi report`
 * writes every pack; `kpi distribute` (kpi/distribute.h) mails those of
 * kpi.ini's [recipient] sections.
 *
 *     kpi_report_options o = {.dataset_dir = "data", .outdir = "out",
 *                             .notify = {.problem = print, .wrote = list}};
 *     kpi_status st = kpi_report_write(ds, figs, month, &o);
 *
 * Problems and warnings go to o.notify as they are found (kpi/notify.h);
 * nothing is printed. Ownership: every object returned through an out
 * parameter belongs to the caller and is freed by the function named
 * with it; inputs are only read.
 */
#ifndef KPI_REPORT_H
#define KPI_REPORT_H

#include "kpi.h"
#include "kpi/notify.h"
#include "kpi/xlsx.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* The report run                                                      */

typedef struct kpi_report_options {
    /* The dataset's folder, where an edited noegletal-modtagere.xlsx (or
     * .xls) is the map to use (kpi_map_load); NULL: SPEC §6's default. */
    const char *dataset_dir;
    const char *outdir; /* created when missing */
    /* Problems and warnings; wrote() gets "OUTDIR/NAME" for each workbook
     * once all of them are in place, in the order above. */
    kpi_notify notify;
    /* The sizes every workbook is written to (kpi/xlsx.h); zeroed: kpi's
     * defaults. */
    kpi_book_limits limits;
    /* How many workbooks are written at once, each in a worker process of
     * its own; 0: one per CPU this process may use; 1: one after the
     * other in this process. The workbooks, the messages and the all or
     * nothing are the same whatever the number. */
    unsigned jobs;
    /* The history's forecasts for "Prognosens udvikling" (kpi/history.h,
     * kpi_history_trajectory); NULL: no history. Borrowed. */
    const struct kpi_trajectory *trajectory;
    /* Where the comparison's problems go (dataset_dir's sammenligning/
     * and kpi.ini's [compare], kpi_comparison_load), for the caller to
     * print grouped with kpi_diagnostics_print_grouped; NULL: each
     * through notify. An error there stops the report (nothing written:
     * KPI_ERR_INPUT; with diags the caller says so, after printing them);
     * with a sammenligning/ folder the economy workbook and the
     * fagudvalg's and direktion's packs get the sheet "Sammenligning". */
    kpi_diagnostics *diags;
} kpi_report_options;

/* Writes every workbook of report month m into o->outdir, all or none
 * (kpi_atomic_dir): the map and the recipients are checked before
 * anything is written, and OUTDIR takes the new workbooks in one step
 * once every one is complete; other files in OUTDIR are kept. Returns
 * KPI_OK; KPI_ERR_INPUT when the map or kpi.ini's recipients are wrong
 * (nothing written); KPI_ERR_IO or KPI_ERR_NOMEM when a workbook or the
 * folder cannot be written (nothing half-written: see kpi/atomic.h for
 * the one exception), also when a sheet would have more rows than
 * o->limits allow; KPI_ERR_ARG for NULL arguments. A workbook that
 * cannot be written is reported through o->notify with its name and
 * kpixlsx's words ("cannot write 'oekonomi-2026-10.xlsx': sheet 'Data':
 * ..."). */
kpi_status kpi_report_write(const kpi_dataset *dataset,
                            const kpi_figures *figures, kpi_month m,
                            const kpi_report_options *o);

/* The map the report and the distribution use: the dataset folder's
 * noegletal-modtagere.xlsx (or .xls) when there is one (the
 * municipality's edited copy, SPEC §8), else SPEC §6's default. A map that
 * cannot be read is reported through n ("noegletal-modtagere.xlsx: sheet
 * 'Nøgletal': row 7: ...") and is KPI_ERR_INPUT; KPI_ERR_NOMEM. On
 * success *out is the caller's: kpi_map_free(). */
kpi_status kpi_map_load(const char *dataset_dir, const kpi_notify *n,
                        kpi_map **out);

/* What `kpi export` writes (docs/COMPARE.md): every row of figures and
 * the comparison rows of dataset_dir's sammenligning/ when there is one;
 * or, shared, only what the fagudvalg's pack shows (the map of
 * kpi_map_load, its detail and suppression: kpi_export_write_shared),
 * which needs kpi.ini's [municipality] name. Problems of the comparison
 * files or the name go to diags, those of the map through n;
 * KPI_ERR_INPUT, KPI_ERR_NOMEM. A NULL dataset_dir (not shared): the
 * figures alone (dataset and diags may then be NULL). On success *out is the caller's: kpi_export_job_free();
 * it borrows dataset and figures. */
typedef struct kpi_export_job kpi_export_job;
kpi_status kpi_export_job_new(const char *dataset_dir,
                              const kpi_dataset *dataset,
                              const kpi_figures *figures, kpi_month m,
                              bool shared, const kpi_notify *n,
                              kpi_diagnostics *diags, kpi_export_job **out);
/* Writes the job's rows to out (kpi_export_write's format). */
kpi_status kpi_export_job_write(const kpi_export_job *job, FILE *out);
/* Writes them to the file at path, whole or not at all (kpi_atomic_file:
 * a failed write leaves what was there). *err is the errno of a failed
 * open, write or rename, else 0; KPI_ERR_IO, KPI_ERR_NOMEM. */
kpi_status kpi_export_job_write_file(const kpi_export_job *job,
                                     const char *path, int *err);
/* NULL does nothing. */
void kpi_export_job_free(kpi_export_job *job);

/* The comparison of dir's sammenligning/ for the packs
 * (kpi_comparison_load over figures; *out NULL without the folder): its
 * problems into diags for the caller to print grouped, or, with diags
 * NULL, each through n. On KPI_OK *out is the caller's:
 * kpi_comparison_free(). */
kpi_status kpi_report_comparison_load(const kpi_dataset *dataset,
                                      const kpi_figures *figures,
                                      const char *dir, kpi_month m,
                                      const kpi_notify *n,
                                      kpi_diagnostics *diags,
                                      kpi_comparison **out);

/* The administration's note for month m (kpi_note_read: the dataset
 * folder's bemaerkninger-YYYY-MM.txt) into *out, NULL when there is none;
 * the caller frees it with free(). A note that is not UTF-8 is reported
 * through n at its file and line and is KPI_ERR_INPUT; one that cannot be
 * read KPI_ERR_INPUT too (the dataset's problem, as for any of its
 * files); KPI_ERR_NOMEM. */
kpi_status kpi_note_load(const char *dataset_dir, kpi_month m,
                         const kpi_notify *n, char **out);

/* ------------------------------------------------------------------ */
/* Packs                                                               */

/* One pack: who it is for and its file name. The strings belong to the
 * pack (kpi_packs_free). */
typedef struct kpi_pack {
    char *key; /* [recipient KEY]'s key; for a default pack a slug
                  ("team-oest", "anne-soerensen") or NULL for a
                  whole group's pack */
    kpi_group group;
    char *name;       /* display name ("Anne Sørensen", "Team Øst");
                         NULL for a whole group's pack */
    char *email;      /* NULL for a default pack */
    char *team;       /* afdelingsleder: their team; else NULL */
    char *caseworker; /* sagsbehandler: themselves; else NULL */
    char *role;       /* KPI_ROLE_OEKONOMICHEF or NULL (kpi.ini's role) */
    char *file_name;  /* "lis-afdelingsleder-leder_nord-2026-10.xlsx" */
} kpi_pack;

/* The packs of report month m: one per [recipient] section of kpi.ini in
 * file order, or, when kpi.ini has none, one per group (fagudvalg,
 * direktion, fagchef), one per team (afdelingsleder) and one per
 * caseworker (sagsbehandler), in that order. Each [recipient] passes
 * kpi_recipient_check's KPI_RECIPIENT_PACK step; two packs may not get
 * one file name. Every problem is reported through n and gives
 * KPI_ERR_INPUT; KPI_ERR_NOMEM; KPI_ERR_IO when the pack template cannot
 * be had. On success the caller owns *out (count packs):
 * kpi_packs_free(). */
kpi_status kpi_packs_list(const kpi_dataset *dataset, kpi_month m,
                          const kpi_notify *n, kpi_pack **out, size_t *count);
/* Frees count packs and the array; NULL does nothing. */
void kpi_packs_free(kpi_pack *packs, size_t count);

/* What the packs of one month are rendered from. The pointers are only
 * borrowed: they must outlive every view made from the source. */
typedef struct kpi_pack_source {
    const kpi_dataset *dataset;
    const kpi_figures *figures; /* the whole dataset's, for month */
    const kpi_map *map;         /* NULL: SPEC §6's default */
    kpi_month month;
    kpi_book_limits limits; /* the packs' sizes; zeroed: the defaults */
    /* The administration's note for the month (kpi_note_read; NULL:
     * none): the fagudvalg's and the direktion's packs print it on their
     * Overblik (kpi_pack_view_input). */
    const char *note;
    /* The history's forecasts (kpi_book_input.trajectory); NULL: none. */
    const struct kpi_trajectory *trajectory;
    /* The comparison (kpi_book_input.comparison; kpi_comparison_load
     * over figures); NULL: none. The packs show its rows as
     * kpi_comparison_row_visible and _row_mark decide. */
    const kpi_comparison *comparison;
} kpi_pack_source;

/* What one pack is rendered from. The fields are read-only for the
 * caller: kpi_pack_view_open() fills them and kpi_pack_view_close() frees
 * what the view owns (subset, figures, privacy); a caller that changes,
 * frees or keeps one past the close breaks the view. */
typedef struct kpi_pack_view {
    kpi_pack_source source;  /* a copy of the source it was opened on */
    const kpi_pack *pack;    /* the pack (borrowed) */
    kpi_dataset *subset;     /* the team's or caseworker's part; NULL when
                                the pack sees the whole dataset */
    kpi_figures *figures;    /* the subset's own figures; NULL when the
                                pack uses the source's figures */
    const kpi_figures *used; /* the figures the pack shows */
    kpi_privacy *privacy;    /* what of them it may show */
} kpi_pack_view;

/* Prepares pack p: the subset and its figures when p has a team or a
 * caseworker, else the source's figures; the privacy from the map's detail
 * for p's group. p must outlive *v. On failure *v needs
 * kpi_pack_view_close() too. KPI_ERR_ARG for NULL arguments. */
kpi_status kpi_pack_view_open(const kpi_pack_source *src, const kpi_pack *p,
                              kpi_pack_view *v);
/* Frees what *v holds; safe on a zeroed view. */
void kpi_pack_view_close(kpi_pack_view *v);

/* The workbook engine's input for what v may show (kpi/xlsx.h): the
 * subset or the dataset, v's figures, month and limits, and the privacy
 * hooks (hidden rows, "<5", no child ids but for a caseworker);
 * recipient NULL. *in points into v. */
void kpi_pack_view_input(const kpi_pack_view *v, kpi_book_input *in);

/* Renders v's pack to path (created or replaced, not atomically: the
 * caller stages). On a problem its words go to err (err_size bytes; may
 * be NULL/0). KPI_ERR_ARG for NULL arguments or a view not opened. */
kpi_status kpi_pack_write(const kpi_pack_view *v, const char *path, char *err,
                          size_t err_size);

#ifdef __cplusplus
}
#endif

#endif /* KPI_REPORT_H */
