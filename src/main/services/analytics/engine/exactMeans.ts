/**
 * Means that are equal as fractions must be equal as numbers, or ranks lose their ties: 1/3 + 2/3 and 2/3 + 1/3
 * summed in floating point can differ in the last bit. Scores are small integers or halves, so every item mean is
 * a multiple of 1/(base · m) (m = the item's number of scores): with `scale` = base · lcm(every m), a mean times
 * `scale` is an integer, sums of such integers are exact in any order, and one division at the end gives the same
 * double for equal fractions (IEEE division is correctly rounded).
 */

const MAX_SCALE = 1 << 20

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))
const isWhole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9

/**
 * The scale that makes every mean of `values` over `divisors` scores an integer, or 0 when there is none small
 * enough (scores on a finer grid than 1/16, or too many distinct score counts): then sums stay plain floats.
 */
export function exactScale(values: Iterable<number>, divisors: Iterable<number>): number {
  const list = [...values]
  let base = 0
  for (let b = 1; b <= 16 && base === 0; b++) if (list.every((v) => isWhole(v * b))) base = b
  if (base === 0) return 0
  let lcm = 1
  for (const d of divisors) {
    if (d <= 0) continue
    lcm = (lcm / gcd(lcm, d)) * d
    if (base * lcm > MAX_SCALE) return 0
  }
  return base * lcm
}

/** A mean (or a judge score) in units of 1/scale: an exact integer when scale > 0. */
export const toUnits = (value: number, scale: number): number => (scale > 0 ? Math.round(value * scale) : value)

/** The mean of `count` values whose units sum to `units`. */
export const fromUnits = (units: number, count: number, scale: number): number => (scale > 0 ? units / (scale * count) : units / count)
