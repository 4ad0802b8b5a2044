/* type_guess.h - which catalogue measure type a case system's own type
 * name most likely means: by a § reference (Barnets lov § 32 stk. 1 and
 * § 43 stk. 1, the old Serviceloven § 52 stk. 3) and by the words of the
 * name. Used by `kpi init` (every guess, with its reason) and, for the
 * sure ones only, by kpi_config_find_type without kpi.ini. */
#ifndef KPI_INPUT_TYPE_GUESS_H
#define KPI_INPUT_TYPE_GUESS_H

#include "input/config.h"

typedef enum kpi_guess_how {
    KPI_GUESS_NONE = 0, /* nothing matched */
    KPI_GUESS_LAW,      /* the § reference (and no word against it) */
    KPI_GUESS_WORDS,    /* the words of the name */
} kpi_guess_how;

#define KPI_GUESS_MAX_CANDIDATES 12

typedef struct kpi_type_guess {
    int type;  /* index into c->types; -1 when none or several */
    bool sure; /* one reading only: safe without kpi.ini */
    kpi_guess_how how;
    /* the § reference as read ("BL § 43, stk. 1, nr. 6"), or "" */
    char law[48];
    /* the words that decided, as the catalogue writes them, or "" */
    char words[64];
    /* when type is -1 but something matched: the types it could be */
    int candidates[KPI_GUESS_MAX_CANDIDATES];
    size_t n_candidates;
} kpi_type_guess;

/* Guesses the type of text[0..len). Never fails; out->type -1 and
 * out->how KPI_GUESS_NONE when nothing matched. */
void kpi_type_guess_of(const kpi_config *c, const char *text, size_t len,
                       kpi_type_guess *out);

#endif
