/*
 * The C reference for npm run bench: a straightforward single-threaded C program of
 * supportcast's model (docs/model.md), written from the document, not from the TypeScript.
 * It reads the compiled model that bench/reference/export-model.ts writes, simulates every
 * trial month by month with the same draws per incident (labour, outage, direct cost, on-site,
 * after-hours, prevention, response wait, escalation), its own xoshiro256++ generator and its
 * own Poisson (inversion; PTRS above 10), gamma (Marsaglia–Tsang), normal (polar) and
 * triangular samplers, keeps every trial-month like the engine, and prints each option's
 * yearly total cost (mean, P50, P90) so the bench can check it is the same model.
 *
 *   gcc -O2 -march=native -o reference reference.c -lm && ./reference < model.txt
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { FIXED = 0, LOGNORMAL = 1, TRIANGULAR = 2 };
typedef struct { int kind; double a, b, c; } Amount;

typedef struct {
  int rate; double units, dispersion; Amount labor, outage, direct; double people;
  int revenue, onsite, afterhours, preventable, covered;
} Class;
typedef struct {
  int fee[7]; /* per employee, device, server, site, flat, minimum, onboarding */
  double increase; int outOfScope, coversOnsite, prevention; Amount response;
} Managed;

static uint64_t s[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next(void) {
  uint64_t r = rotl(s[0] + s[3], 23) + s[0], t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return r;
}
static inline double uniform(void) { return (next() >> 11) * 0x1.0p-53; }
static void seed(uint64_t x) {
  for (int i = 0; i < 4; i++) { uint64_t z = (x += 0x9e3779b97f4a7c15ULL); z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL; z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL; s[i] = z ^ (z >> 31); }
}
static double spare; static int hasSpare;
static double normal(void) {
  if (hasSpare) { hasSpare = 0; return spare; }
  double u, v, q;
  do { u = 2 * uniform() - 1; v = 2 * uniform() - 1; q = u * u + v * v; } while (q >= 1 || q == 0);
  double f = sqrt(-2 * log(q) / q);
  spare = v * f; hasSpare = 1;
  return u * f;
}
static double triangular(double u, double lo, double mode, double hi) {
  if (hi <= lo) return lo;
  double cut = (mode - lo) / (hi - lo);
  return u < cut ? lo + sqrt(u * (hi - lo) * (mode - lo)) : hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
}
static double draw(const Amount *x) {
  if (x->kind == FIXED) return x->a;
  if (x->kind == LOGNORMAL) return exp(x->a + x->b * normal());
  return triangular(uniform(), x->a, x->b, x->c);
}
static double gammaDraw(double k) { /* Marsaglia–Tsang, scale 1 */
  if (k < 1) return gammaDraw(k + 1) * pow(uniform(), 1 / k);
  double d = k - 1.0 / 3, c = 1 / sqrt(9 * d);
  for (;;) {
    double x, v;
    do { x = normal(); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    double u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}
static long poisson(double lambda) {
  if (lambda <= 0) return 0;
  if (lambda < 10) { /* inversion by sequential search */
    double p = exp(-lambda), F = p, u = uniform(); long k = 0;
    while (u > F && k < 1000) { k++; p *= lambda / k; F += p; }
    return k;
  }
  /* PTRS, Hörmann (1993) */
  double slam = sqrt(lambda), loglam = log(lambda), b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b, inva = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    double U = uniform() - 0.5, V = uniform(), us = 0.5 - fabs(U);
    long k = (long)floor((2 * a / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (log(V) + log(inva) - log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1)) return k;
  }
}
static double responseWait(const Amount *r, double z) {
  if (r->kind == FIXED) return r->a;
  if (r->kind == LOGNORMAL) return exp(r->a + r->b * z);
  return triangular(0.5 * erfc(-z / sqrt(2)), r->a, r->b, r->c);
}
static int64_t cents(double x) { return llround(x * 100); }
static double billed(double hours, double minimum, double increment) {
  double h = increment > 0 ? ceil(hours / increment - 1e-9) * increment : hours;
  return h > minimum ? h : minimum;
}
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
static double quantile7(double *v, long n, double p) { /* R type 7 on sorted values */
  double h = (n - 1) * p; long lo = (long)floor(h); double f = h - lo;
  return lo + 1 < n ? v[lo] + f * (v[lo + 1] - v[lo]) : v[n - 1];
}
#define READ(fmt, ...) do { if (scanf(fmt, __VA_ARGS__) < 1) { fprintf(stderr, "reference: bad model file\n"); exit(2); } } while (0)
static void readAmount(Amount *x) { READ("%d %lf %lf %lf", &x->kind, &x->a, &x->b, &x->c); }

int main(int argc, char **argv) {
  long trials; int months; long long seedValue;
  double employees, devices, servers, sites; int loaded;
  READ("%ld %d %lld", &trials, &months, &seedValue);
  if (argc > 1) trials = atol(argv[1]);
  READ("%lf %lf %lf %lf %d", &employees, &devices, &servers, &sites, &loaded);
  int nc; READ("%d", &nc);
  Class *cl = calloc(nc, sizeof *cl);
  for (int i = 0; i < nc; i++) {
    Class *c = &cl[i];
    READ("%d %lf %lf", &c->rate, &c->units, &c->dispersion);
    readAmount(&c->labor); readAmount(&c->outage); readAmount(&c->direct);
    READ("%lf %d %d %d %d %d", &c->people, &c->revenue, &c->onsite, &c->afterhours, &c->preventable, &c->covered);
  }
  int bfRate, bfTrip; double ahMult, minHours, increment; Amount bfResponse;
  READ("%d %lf %lf %lf %d", &bfRate, &ahMult, &minHours, &increment, &bfTrip); readAmount(&bfResponse);
  int nm; READ("%d", &nm);
  Managed *mg = calloc(nm, sizeof *mg);
  for (int i = 0; i < nm; i++) {
    for (int f = 0; f < 7; f++) READ("%d", &mg[i].fee[f]);
    READ("%lf %d %d %d", &mg[i].increase, &mg[i].outOfScope, &mg[i].coversOnsite, &mg[i].prevention);
    readAmount(&mg[i].response);
  }
  int hasHybrid; READ("%d", &hasHybrid);
  double staff = 0, hoursPerStaff = 0; int staffCost = 0, escalation = 0, hyPrevention = 0; Amount hyResponse = {0};
  if (hasHybrid) { READ("%lf %d %lf %d %d", &staff, &staffCost, &hoursPerStaff, &escalation, &hyPrevention); readAmount(&hyResponse); }
  int hasBad; READ("%d", &hasBad);
  double badShape = 0; int *applies = calloc(nc, sizeof *applies);
  if (hasBad) { READ("%lf", &badShape); for (int i = 0; i < nc; i++) READ("%d", &applies[i]); }
  int ni; READ("%d", &ni);
  Amount *inputs = calloc(ni, sizeof *inputs);
  for (int i = 0; i < ni; i++) readAmount(&inputs[i]);

  int options = 1 + nm + (hasHybrid ? 1 : 0);
  double *monthly = malloc(sizeof(double) * options * trials * months);
  double *horizon = malloc(sizeof(double) * options * trials);
  double *x = malloc(sizeof(double) * ni);
  double *labor = NULL, *outage = NULL, *direct = NULL, *z = NULL; unsigned char *flags = NULL; double *uPrev = NULL, *uEsc = NULL;
  long cap = 0;
  int64_t *spend = malloc(sizeof(int64_t) * options);
  double *dtCost = malloc(sizeof(double) * options), *dirCost = malloc(sizeof(double) * options), *hTotal = malloc(sizeof(double) * options);
  seed((uint64_t)seedValue);
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);

  for (long t = 0; t < trials; t++) {
    for (int i = 0; i < ni; i++) x[i] = draw(&inputs[i]);
    for (int o = 0; o < options; o++) hTotal[o] = 0;
    double bad = 1;
    for (int m = 0; m < months; m++) {
      if (hasBad && m % 12 == 0) bad = gammaDraw(badShape) / badShape;
      int year = m / 12;
      for (int o = 0; o < options; o++) { spend[o] = 0; dtCost[o] = 0; dirCost[o] = 0; }
      /* Fixed fees. */
      for (int i = 0; i < nm; i++) {
        const int *f = mg[i].fee;
        double fee = x[f[0]] * employees + x[f[1]] * devices + x[f[2]] * servers + x[f[3]] * sites + x[f[4]];
        if (fee < x[f[5]]) fee = x[f[5]];
        spend[1 + i] += cents(fee * pow(1 + mg[i].increase, year));
      }
      int hy = 1 + nm;
      double capacity = staff * hoursPerStaff;
      if (hasHybrid) spend[hy] += cents(staff * x[staffCost]);
      for (int ci = 0; ci < nc; ci++) {
        const Class *c = &cl[ci];
        double lambda = x[c->rate] * c->units * (hasBad && applies[ci] ? bad : 1);
        if (c->dispersion > 0 && lambda > 0) lambda *= gammaDraw(1 / c->dispersion) * c->dispersion;
        long n = poisson(lambda);
        if (n > cap) {
          cap = n * 2;
          labor = realloc(labor, sizeof(double) * cap); outage = realloc(outage, sizeof(double) * cap); direct = realloc(direct, sizeof(double) * cap);
          z = realloc(z, sizeof(double) * cap); flags = realloc(flags, cap); uPrev = realloc(uPrev, sizeof(double) * cap); uEsc = realloc(uEsc, sizeof(double) * cap);
        }
        /* The eight draws of each incident. */
        for (long k = 0; k < n; k++) {
          labor[k] = draw(&c->labor); outage[k] = draw(&c->outage); direct[k] = draw(&c->direct);
          flags[k] = (uniform() < x[c->onsite] ? 1 : 0) | (uniform() < x[c->afterhours] ? 2 : 0);
          uPrev[k] = uniform(); z[k] = normal(); uEsc[k] = uniform();
        }
        double loadedCost = x[loaded], revenue = x[c->revenue], pre = x[c->preventable];
        for (long k = 0; k < n; k++) {
          int onsite = flags[k] & 1, after = flags[k] & 2;
          double mult = after ? ahMult : 1;
          /* Break-fix: every incident billed. */
          double wait = responseWait(&bfResponse, z[k]), down = wait + outage[k];
          int64_t bfBill = cents(billed(labor[k], minHours, increment) * x[bfRate] * mult + (onsite ? x[bfTrip] : 0));
          spend[0] += bfBill;
          dtCost[0] += c->people * down * loadedCost + revenue * down; dirCost[0] += direct[k];
          for (int i = 0; i < nm; i++) {
            const Managed *g = &mg[i];
            if (uPrev[k] < pre * x[g->prevention]) continue;
            double w = responseWait(&g->response, z[k]), d = w + outage[k];
            if (!c->covered || (onsite && !g->coversOnsite))
              spend[1 + i] += cents(billed(labor[k], minHours, increment) * x[g->outOfScope] * mult + (onsite && !g->coversOnsite ? x[bfTrip] : 0));
            dtCost[1 + i] += c->people * d * loadedCost + revenue * d; dirCost[1 + i] += direct[k];
          }
          if (hasHybrid && !(uPrev[k] < pre * x[hyPrevention])) {
            double w;
            if (uEsc[k] >= x[escalation] && labor[k] <= capacity) { capacity -= labor[k]; w = responseWait(&hyResponse, z[k]); }
            else { spend[hy] += bfBill; w = wait; }
            double d = w + outage[k];
            dtCost[hy] += c->people * d * loadedCost + revenue * d; dirCost[hy] += direct[k];
          }
        }
      }
      for (int o = 0; o < options; o++) {
        double sp = spend[o] / 100.0;
        monthly[((long)o * trials + t) * months + m] = sp;
        hTotal[o] += sp + dtCost[o] + dirCost[o];
        if (m == 0 && o >= 1 && o <= nm) hTotal[o] += cents(x[mg[o - 1].fee[6]]) / 100.0;
      }
    }
    for (int o = 0; o < options; o++) horizon[(long)o * trials + t] = hTotal[o];
  }
  /* Summaries as a straightforward program makes them: sort everything. */
  double yearly = 12.0 / months;
  printf("{\"trials\": %ld, \"options\": [", trials);
  for (int o = 0; o < options; o++) {
    double *h = horizon + (long)o * trials, sum = 0;
    for (long t = 0; t < trials; t++) sum += h[t];
    qsort(h, trials, sizeof(double), cmp);
    double *mo = monthly + (long)o * trials * months, msum = 0;
    for (long i = 0; i < trials * months; i++) msum += mo[i];
    qsort(mo, trials * months, sizeof(double), cmp);
    printf("%s{\"mean\": %.2f, \"p50\": %.2f, \"p90\": %.2f, \"monthly_mean\": %.2f, \"monthly_p90\": %.2f}", o ? ", " : "", sum / trials * yearly,
           quantile7(h, trials, 0.5) * yearly, quantile7(h, trials, 0.9) * yearly, msum / (trials * months), quantile7(mo, trials * months, 0.9));
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("], \"simulate_ms\": %.1f}\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
  return 0;
}
