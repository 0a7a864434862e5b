// The Beta distribution, as far as the measure needs it: a rate's credible interval (the heat
// map) and the probability that one rate beats another (the learned windows). Pure arithmetic;
// the algorithms are the textbook ones (Lanczos' log-gamma; the regularised incomplete beta by
// Lentz's continued fraction, Numerical Recipes 3rd ed. §6.4), checked in the tests against
// independent Monte Carlo and numeric integration.

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i + 1);
  const t = z + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** The Beta(a, b) density at x. */
export function betaPdf(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - logBeta(a, b));
}

function continuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-14) break;
  }
  return h;
}

/** P(X ≤ x) for X ~ Beta(a, b): the regularised incomplete beta function I_x(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - logBeta(a, b));
  // The continued fraction converges fast on this side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(x, a, b)) / a;
  return 1 - (front * continuedFraction(1 - x, b, a)) / b;
}

/** The p-quantile of Beta(a, b): Newton's steps on the CDF from the mean, each kept inside a
 *  bracket that halves when a step would leave it (a few CDF evaluations where plain bisection
 *  took 60: the heat map asks for 210 of them per request), to 1e-12. */
export function betaQuantile(p: number, a: number, b: number): number {
  let low = 0;
  let high = 1;
  let x = a / (a + b);
  for (let i = 0; i < 200; i++) {
    const error = betaCdf(x, a, b) - p;
    if (error < 0) low = x;
    else high = x;
    const density = betaPdf(x, a, b);
    let next = density > 0 ? x - error / density : Number.NaN;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - x) < 1e-12 || high - low < 1e-12) return next;
    x = next;
  }
  return x;
}

/** The central credible interval holding `mass` of Beta(a, b). */
export function betaInterval(a: number, b: number, mass = 0.9): { low: number; high: number } {
  const tail = (1 - mass) / 2;
  return { low: betaQuantile(tail, a, b), high: betaQuantile(1 - tail, a, b) };
}

/** P(X > Y) for independent X ~ Beta(a1, b1), Y ~ Beta(a2, b2): ∫ f_X(x) F_Y(x) dx, by
 *  Simpson's rule over [0, 1] on a grid fine enough for posteriors of thousands of calls. */
export function probabilityGreater(a1: number, b1: number, a2: number, b2: number, steps = 4000): number {
  const h = 1 / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const x = i * h;
    const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * betaPdf(x, a1, b1) * betaCdf(x, a2, b2);
  }
  return Math.min(1, Math.max(0, (sum * h) / 3));
}
