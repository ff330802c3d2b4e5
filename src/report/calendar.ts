/**
 * The calendar month of month m after `start` (YYYY-MM or YYYY-MM-DD), as YYYY-MM.
 * @example monthLabel('2026-02', 36) // '2029-02'
 */
export function monthLabel(start: string, m: number): string {
  const [y, mo] = start.split('-').map(Number);
  const total = y * 12 + (mo - 1) + m;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
