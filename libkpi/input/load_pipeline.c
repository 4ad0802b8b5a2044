/* load_pipeline.c - measures.csv on two threads (kpi_load_options.threads).
 *
 * Interning the texts of a million measures (a hash lookup each for the
 * child and the family, ~1.1 million distinct ids, a cache miss each)
 * was nearly half of loading. The thread that reads the file runs every
 * row as before, but kpi_table_text only checks a text and copies it into
 * a batch; a second thread interns the batch's texts in the order the
 * serial reader would have (row by row, in the order the row asked), so
 * the symbols are numbered the same, then sets them in the records and
 * appends the records to ds->measures. Every message is made on the
 * reading thread, in the same order as before. The texts are copies (the
 * fields are in csvfile.c's record buffer, reused for every record), so
 * no batch points into the mapped file that csvfile.c releases behind it.
 *
 * The two threads share only the ring of batches, handed over under one
 * mutex: the reader fills batch produced % RING, the interner works on
 * batch consumed % RING. During the pass only the interner touches
 * ds->syms and ds->measures, only the reader the rest of the dataset
 * (ds->ids, ds->warnings, the diagnostics). */
#include "input/load.h"

#include <pthread.h>
#include <string.h>

#define BATCH_ROWS 4096
#define RING 4
/* kpi_table_text calls a row makes at most (measures: 6). */
#define ROW_TEXTS 8

typedef struct pipe_text {
    uint32_t off, len; /* in the batch's bytes */
    int col;
} pipe_text;

typedef struct pipe_row {
    kpi_measure m;
    const char *id; /* m's id (in ds->ids' blocks, which never move) */
    uint32_t first; /* its texts: texts[first .. first + n) */
    uint8_t n;
    bool keep; /* the row stores m */
} pipe_row;

typedef struct batch {
    pipe_row rows[BATCH_ROWS];
    pipe_text texts[BATCH_ROWS * ROW_TEXTS];
    size_t n_rows, n_texts;
    char *bytes;
    size_t used, cap;
} batch;

struct kpi_pipeline {
    kpi_dataset *ds;
    batch *ring[RING];
    pthread_mutex_t mu;
    pthread_cond_t filled;  /* the interner waits for a batch */
    pthread_cond_t emptied; /* the reader waits for room */
    bool mu_live, filled_live, emptied_live;
    pthread_t thread;
    /* under mu */
    size_t produced, consumed;
    bool done;         /* the reader hands over no more */
    kpi_status failed; /* the interner's NOMEM: it stopped */
    /* the interner's own: whether the kept records' ids ascend so far
     * (measures_unique's first test, done here off the reading thread) */
    kpi_key_order order;
    /* and the batch's texts for kpi_symtab_intern_many, their symbols */
    kpi_symtab_text texts[BATCH_ROWS * ROW_TEXTS];
    kpi_sym syms[BATCH_ROWS * ROW_TEXTS];
    /* the reader's own */
    batch *cur;
    pipe_row *row; /* the open row, or NULL */
};

/* Sets the texts of m: syms[k] is the text of column cols[k]; the family
 * is the child's when none was given (as measures_row does). */
static void measure_texts(kpi_measure *m, const int *cols, const kpi_sym *syms,
                          size_t n)
{
    for (size_t k = 0; k < n; k++) {
        kpi_sym s = syms[k];
        switch (cols[k]) {
        case MC_CHILD_ID:
            m->child = s;
            break;
        case MC_FAMILY_ID:
            m->family = s;
            break;
        case MC_LEGAL_BASIS:
            m->legal_basis = s;
            break;
        case MC_PROVIDER:
            m->provider = s;
            break;
        case MC_CASEWORKER:
            m->caseworker = s;
            break;
        case MC_TEAM:
            m->team = s;
            break;
        default:
            break;
        }
    }
    if (!m->family) /* none given, or the child's text (measures_row) */
        m->family = m->child;
}

/* Interns batch b's texts and appends its kept records (the interner).
 * All the batch's texts at once, in the order of the rows: the symbols
 * are those of interning row by row, and kpi_symtab_intern_many fetches
 * the texts ahead while it looks up one. */
static kpi_status intern_batch(kpi_pipeline *p, batch *b)
{
    kpi_dataset *ds = p->ds;
    /* the texts of the ended rows (a row left open has no place here) */
    size_t n =
        b->n_rows ? b->rows[b->n_rows - 1].first + b->rows[b->n_rows - 1].n : 0;
    for (size_t k = 0; k < n; k++)
        p->texts[k] =
            (kpi_symtab_text){b->bytes + b->texts[k].off, b->texts[k].len};
    if (kpi_symtab_intern_many(ds->syms, p->texts, n, p->syms) != KPI_OK)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < b->n_rows; i++) {
        pipe_row *r = &b->rows[i];
        if (!r->keep)
            continue;
        int cols[ROW_TEXTS];
        for (uint8_t k = 0; k < r->n; k++)
            cols[k] = b->texts[r->first + k].col;
        measure_texts(&r->m, cols, &p->syms[r->first], r->n);
        kpi_key_order_next(&p->order, r->id);
        kpi_measure *slot = KPI_ARRAY_PUSH(ds->alloc, &ds->measures);
        if (!slot)
            return KPI_ERR_NOMEM;
        *slot = r->m;
    }
    return KPI_OK;
}

static void *interner(void *arg)
{
    kpi_pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->consumed == p->produced && !p->done)
            pthread_cond_wait(&p->filled, &p->mu);
        if (p->consumed == p->produced)
            break; /* done, and every batch interned */
        batch *b = p->ring[p->consumed % RING];
        pthread_mutex_unlock(&p->mu);
        kpi_status st = intern_batch(p, b);
        pthread_mutex_lock(&p->mu);
        if (st != KPI_OK) {
            p->failed = st;
            pthread_cond_signal(&p->emptied);
            break;
        }
        p->consumed++;
        pthread_cond_signal(&p->emptied);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void pipeline_free(kpi_pipeline *p)
{
    const kpi_allocator *a = p->ds->alloc;
    for (size_t i = 0; i < RING; i++) {
        if (p->ring[i])
            kpi_xfree(a, p->ring[i]->bytes);
        kpi_xfree(a, p->ring[i]);
    }
    if (p->emptied_live)
        pthread_cond_destroy(&p->emptied);
    if (p->filled_live)
        pthread_cond_destroy(&p->filled);
    if (p->mu_live)
        pthread_mutex_destroy(&p->mu);
    kpi_xfree(a, p);
}

kpi_status kpi_pipeline_start(kpi_dataset *ds, kpi_pipeline **out)
{
    *out = NULL;
    kpi_pipeline *p = kpi_xcalloc(ds->alloc, 1, sizeof *p);
    if (!p)
        return KPI_ERR_NOMEM;
    p->ds = ds;
    kpi_key_order_init(&p->order);
    for (size_t i = 0; i < RING; i++)
        if (!(p->ring[i] = kpi_xcalloc(ds->alloc, 1, sizeof *p->ring[i])))
            goto nomem;
    if (!(p->mu_live = pthread_mutex_init(&p->mu, NULL) == 0) ||
        !(p->filled_live = pthread_cond_init(&p->filled, NULL) == 0) ||
        !(p->emptied_live = pthread_cond_init(&p->emptied, NULL) == 0) ||
        pthread_create(&p->thread, NULL, interner, p) != 0) {
        /* No second thread to be had (EAGAIN): read on this one. */
        pipeline_free(p);
        return KPI_OK;
    }
    p->cur = p->ring[0];
    *out = p;
    return KPI_OK;
nomem:
    pipeline_free(p);
    return KPI_ERR_NOMEM;
}

static pipe_row *open_row(kpi_pipeline *p)
{
    if (!p->row) {
        batch *b = p->cur;
        p->row = &b->rows[b->n_rows];
        memset(p->row, 0, sizeof *p->row);
        p->row->first = (uint32_t)b->n_texts;
    }
    return p->row;
}

bool kpi_pipeline_text(kpi_pipeline *p, int col, const char *s, size_t len)
{
    pipe_row *r = open_row(p);
    batch *b = p->cur;
    if (r->n == ROW_TEXTS || len > UINT32_MAX)
        return false;
    if (b->used + len > b->cap && kpi_grow(p->ds->alloc, (void **)&b->bytes,
                                           &b->cap, b->used + len, 1) != KPI_OK)
        return false;
    memcpy(b->bytes + b->used, s, len);
    b->texts[b->n_texts++] = (pipe_text){(uint32_t)b->used, (uint32_t)len, col};
    b->used += len;
    r->n++;
    return true;
}

void kpi_pipeline_keep(kpi_pipeline *p, const kpi_measure *m)
{
    pipe_row *r = open_row(p);
    r->m = *m;
    r->id = kpi_symtab_str(p->ds->ids, m->id);
    r->keep = true;
}

/* Hands the reader's batch to the interner and waits for room for the
 * next one. */
static kpi_status hand_over(kpi_pipeline *p)
{
    pthread_mutex_lock(&p->mu);
    p->produced++;
    pthread_cond_signal(&p->filled);
    while (p->produced - p->consumed == RING && !p->failed)
        pthread_cond_wait(&p->emptied, &p->mu);
    kpi_status st = p->failed;
    pthread_mutex_unlock(&p->mu);
    batch *b = p->ring[p->produced % RING];
    b->n_rows = b->n_texts = b->used = 0;
    p->cur = b;
    return st;
}

kpi_status kpi_pipeline_row_end(kpi_pipeline *p)
{
    if (!p->row)
        return KPI_OK;
    p->row = NULL;
    if (++p->cur->n_rows < BATCH_ROWS)
        return KPI_OK;
    return hand_over(p);
}

kpi_status kpi_pipeline_finish(kpi_pipeline *p, bool *ascending)
{
    *ascending = false;
    if (!p)
        return KPI_OK;
    pthread_mutex_lock(&p->mu);
    if (p->cur->n_rows && !p->failed) {
        p->produced++;
        p->cur = NULL;
    }
    p->done = true;
    pthread_cond_signal(&p->filled);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    kpi_status st = p->failed;
    *ascending = kpi_key_order_holds(&p->order);
    pipeline_free(p);
    return st;
}
