/*
 * internal.h - helpers shared by libkpi's own files: an interning symbol
 * table and text conversion. Not installed; not part of the API. (The
 * allocation wrappers, diagnostics and kpi_text_fold are in kpi.h, for
 * the libraries built on libkpi.)
 */
#ifndef KPI_INTERNAL_H
#define KPI_INTERNAL_H

#include "kpi.h"

#include <stdarg.h>
#include <string.h>

/* ---- allocation, diagnostics -----------------------------------------
 * The allocation wrappers (kpi_xmalloc, ..., kpi_grow) and
 * kpi_diagnostics_add are public (kpi.h): the readers built on libkpi use
 * them too. kpi_diag_add is libkpi's own short name for the latter. */
#define kpi_diag_add kpi_diagnostics_add
#define kpi_diag_vadd kpi_diagnostics_vadd
/* Drops the diagnostics from index count on (a reader that reads its
 * file again). */
void kpi_diagnostics_truncate(kpi_diagnostics *d, size_t count);

/* An object that is allocated with its caller's allocator keeps a copy of
 * it (its alloc_store; its alloc points there, or is NULL for malloc), so
 * the caller's struct need not outlive the object (kpi_dataset,
 * kpi_figures, kpi_symtab, kpi_diagnostics, kpi_map, kpi_privacy).
 * kpi_allocator_keep copies *a into *store: the value for alloc. */
const kpi_allocator *kpi_allocator_keep(kpi_allocator *store,
                                        const kpi_allocator *a);
/* Frees obj, whose own alloc is `kept`, through a copy of it: freeing obj
 * frees the allocator it holds. */
void kpi_xfree_keeper(const kpi_allocator *kept, void *obj);

/* ---- symbols (symtab.c) ----------------------------------------------
 * Interned strings: each distinct string gets a dense index from 1 up;
 * 0 is the empty string / no value. Grouping by child, caseworker or
 * provider uses these indices as array subscripts. */
typedef uint32_t kpi_sym;
#define KPI_SYM_NONE 0u

typedef struct kpi_symtab kpi_symtab;

kpi_symtab *kpi_symtab_new(const kpi_allocator *a);
void kpi_symtab_free(kpi_symtab *t);
/* Interns s[0..len); an empty string gives KPI_SYM_NONE. *added (may be
 * NULL) tells whether the string was new. KPI_ERR_NOMEM on failure. */
kpi_status kpi_symtab_intern(kpi_symtab *t, const char *s, size_t len,
                             kpi_sym *out, bool *added);
/* A text to intern: s[0..len). */
typedef struct kpi_symtab_text {
    const char *s;
    size_t len;
} kpi_symtab_text;
/* Interns texts[0..n) one after another, as n calls of kpi_symtab_intern
 * would (the same symbols in out[0..n)), but fetches the slots and
 * strings of the texts ahead while it compares the current one: the
 * lookups of a million distinct ids are cache misses, which then overlap
 * instead of following one another. KPI_ERR_NOMEM stops at the text that
 * failed, the texts before it interned. */
kpi_status kpi_symtab_intern_many(kpi_symtab *t, const kpi_symtab_text *texts,
                                  size_t n, kpi_sym *out);
/* Stores s[0..len) as a new symbol without making it findable: interning
 * the same text later gives another symbol. For keys known (or checked
 * afterwards) to be unique, such as measure ids: a million of them in
 * the hash table cost a cache miss each. Empty gives KPI_SYM_NONE. */
kpi_status kpi_symtab_append(kpi_symtab *t, const char *s, size_t len,
                             kpi_sym *out);
/* Sizes the hash table for n symbols at once, so that interning them
 * does not rehash all those before again and again; the symbols are the
 * same either way. KPI_ERR_NOMEM leaves the table as it was (a caller
 * guessing n may go on without). */
kpi_status kpi_symtab_reserve(kpi_symtab *t, size_t n);
/* Frees the hash table, not the strings: a loaded dataset's symbols are
 * only read (the slots of a million children and families are 16 MB of
 * the export's peak). Interning again rebuilds it first. */
void kpi_symtab_seal(kpi_symtab *t);
/* The string of a symbol ("" for KPI_SYM_NONE). */
const char *kpi_symtab_str(const kpi_symtab *t, kpi_sym sym);
/* One past the largest symbol handed out: the size of a sym-indexed array. */
size_t kpi_symtab_size(const kpi_symtab *t);

/* ---- the monthly amount of SPEC §4 (money.c) -------------------------
 * The one place the formula is written: what a price commits for `days`
 * active days of a calendar month of `year` with days_in_month days is
 * price x days / the days of the unit (1 for a day, 7 for a week,
 * days_in_month for a month, the days of the year for a year), rounded
 * half away from zero to whole øre; 0 for an unknown unit. Inline, with
 * the month's length passed in, because the economy figures apply it to
 * every month of every measure. */
static inline kpi_money kpi_amount_of_days(kpi_money price, kpi_unit unit,
                                           int64_t days, int year,
                                           int days_in_month)
{
    int64_t unit_days = 0;
    switch (unit) {
    case KPI_UNIT_MONTH:
        unit_days = days_in_month;
        break;
    case KPI_UNIT_DAY:
        unit_days = 1;
        break;
    case KPI_UNIT_WEEK:
        unit_days = 7;
        break;
    case KPI_UNIT_YEAR:
        unit_days = kpi_date_days_in_year(year);
        break;
    }
    /* Two cases are exact without the division, which costs more than
     * the rest of the walk: a day price, and a whole unit (a whole month
     * at a month price). */
    if (unit_days == 1)
        return price * days;
    if (days == unit_days)
        return price;
    return unit_days > 0 ? kpi_div_round(price * days, unit_days) : 0;
}

/* What a price commits in each of n consecutive calendar months (SPEC
 * §4) for the days start..end (end KPI_DATE_NONE: open), each month's
 * amount kpi_amount_of_days: out[k] for the k-th month after `first`,
 * whose first day is first_day (kpi_month_first_day(first), passed in so
 * a loop over a million measures does not recompute it). Only the months
 * the days overlap are written, out[*lo .. *hi) (empty when *lo == *hi);
 * the others are left as they are. The one walk over months that
 * kpi_measure_month_amount, kpi_measure_year_amount and the disposal of a
 * measure (rules/disposal.h) share. */
void kpi_month_amounts(kpi_money price, kpi_unit unit, kpi_date start,
                       kpi_date end, kpi_month first, kpi_date first_day, int n,
                       kpi_money *out, int *lo, int *hi);

/* ---- text (text.c) --------------------------------------------------- */
/* Converts Windows-1252 text to UTF-8 into a new buffer (*out, *out_len,
 * NUL-terminated, caller frees with kpi_xfree). KPI_ERR_INPUT when the text
 * holds a byte Windows-1252 does not define (0x81 0x8D 0x8F 0x90 0x9D) or a
 * NUL; *bad_offset (may be NULL) is then set to its offset. */
kpi_status kpi_text_cp1252_to_utf8(const kpi_allocator *a, const char *s,
                                   size_t len, char **out, size_t *out_len,
                                   size_t *bad_offset);
/* true when s[0..len) is valid UTF-8. */
bool kpi_text_is_utf8(const char *s, size_t len);
/* The offset in s[0..len) of the first byte that cannot be in a text file
 * (NUL and the C0 controls other than TAB, LF, FF, CR and ^Z), or
 * (size_t)-1 when there is none; then *utf8, when true on entry, stays
 * true when s is valid UTF-8 (false on entry: not checked). One pass for
 * both checks (csvfile.c runs it over every byte of a file). */
size_t kpi_text_check(const char *s, size_t len, bool *utf8);
/* Whether byte c (below 0x20) is a control a text file may hold: TAB,
 * LF, FF, CR and ^Z (which old DOS tools append). kpi_text_check's rule,
 * and csvfile.c's sixteen-byte check's. */
static inline bool kpi_text_control_allowed(unsigned char c)
{
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0x1A;
}
/* true when s[0..n) are ASCII digits, all of them (n 0: true). Inline: the
 * dates of a million rows are read with it. */
static inline bool kpi_text_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

#endif /* KPI_INTERNAL_H */
