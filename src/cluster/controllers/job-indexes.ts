/** Completion index sets in the API's interval text form (`1,3-5,7`), as the Job controller writes them. */

export function parseIndexes(text: string | undefined): Set<number> {
  const result = new Set<number>();
  if (!text) return result;
  for (const part of text.split(',')) {
    const [first, last] = part.split('-').map((value) => Number(value.trim()));
    if (!Number.isInteger(first)) continue;
    const end = Number.isInteger(last) ? last : first;
    for (let index = first; index <= end; index++) result.add(index);
  }
  return result;
}

export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = -1;
  let previous = -1;
  for (const index of sorted) {
    if (start >= 0 && index === previous + 1) {
      previous = index;
      continue;
    }
    if (start >= 0) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
    start = index;
    previous = index;
  }
  if (start >= 0) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
  return parts.join(',');
}
