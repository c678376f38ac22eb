/**
 * Whole percentages that add up to exactly 100 (Hamilton's largest-remainder method): each part
 * gets the floor of its exact percentage, and the points still missing go to the parts with the
 * largest remainders (ties: the larger part, then the earlier one). All zeros give all zeros.
 */
export function largestRemainder(values: readonly number[], total = 100): number[] {
  const sum = values.reduce((a, v) => a + v, 0);
  if (sum <= 0) return values.map(() => 0);
  const exact = values.map((v) => (v * total) / sum);
  const out = exact.map(Math.floor);
  let missing = total - out.reduce((a, v) => a + v, 0);
  const order = exact.map((e, i) => ({ i, rem: e - Math.floor(e), v: values[i] ?? 0 }))
    .sort((a, b) => b.rem - a.rem || b.v - a.v || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    missing--;
  }
  return out;
}
