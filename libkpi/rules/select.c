/* select.c - the k-th smallest of a set of amounts (select.h). */
#include "rules/select.h"

static void swap(kpi_money *a, kpi_money *b)
{
    kpi_money t = *a;
    *a = *b;
    *b = t;
}

kpi_money kpi_money_select(kpi_money *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* lo <= k < hi; v[lo..hi) still unordered */
    while (hi - lo > 1) {
        kpi_money x = v[lo], y = v[lo + (hi - lo) / 2], z = v[hi - 1];
        kpi_money p = x < y ? (y < z ? y : (x < z ? z : x))
                            : (x < z ? x : (y < z ? z : y));
        /* [lo, less) < p, [less, i) == p, [more, hi) > p */
        size_t less = lo, i = lo, more = hi;
        while (i < more) {
            if (v[i] < p)
                swap(&v[less++], &v[i++]);
            else if (v[i] > p)
                swap(&v[i], &v[--more]);
            else
                i++;
        }
        if (k < less)
            hi = less;
        else if (k >= more)
            lo = more;
        else
            return p;
    }
    return v[k];
}
