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
/* The string of a symbol ("" for KPI_SYM_NONE). */
const char *kpi_symtab_str(const kpi_symtab *t, kpi_sym sym);
/* One past the largest symbol handed out: the size of a sym-indexed array. */
size_t kpi_symtab_size(const kpi_symtab *t);

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

#endif /* KPI_INTERNAL_H */
