/**
 * The calendar month of month m after `start` (YYYY-MM or YYYY-MM-DD), as YYYY-MM.
 * @example monthLabel('2026-02', 36) // '2029-02'
 */
export function monthLabel(start: string, m: number): string {
  const [y, mo] = start.split('-').map(Number);
  const total = y * 12 + (mo - 1) + m;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/**
 * Months from `start` (YYYY-MM or YYYY-MM-DD) to `date` (YYYY-MM): the inverse of monthLabel.
 * @example monthsFrom('2010-07', '2013-07') // 36
 */
export function monthsFrom(start: string, date: string): number {
  const [ys, ms] = start.split('-').map(Number);
  const [yd, md] = date.split('-').map(Number);
  return (yd - ys) * 12 + (md - ms);
}
