/**
 * Label selectors in the string form of `kubectl -l` (k8s.io/apimachinery
 * labels.Parse): equality (`a=b`, `a==b`, `a!=b`), set-based (`a in (x,y)`,
 * `a notin (x)`), existence (`a`, `!a`), requirements joined by commas.
 */

export type Operator = 'in' | 'notin' | 'exists' | 'doesnotexist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector = Requirement[];

/** Splits at commas that are not inside a parenthesised value set. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function parseRequirement(text: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (setMatch) {
    const values = setMatch[3].split(',').map((value) => value.trim());
    return { key: setMatch[1], operator: setMatch[2] as Operator, values };
  }
  const notEqual = /^([^=!\s]+)\s*!=\s*(\S*)$/.exec(text);
  if (notEqual) return { key: notEqual[1], operator: 'notin', values: [notEqual[2]] };

  const equal = /^([^=!\s]+)\s*==?\s*(\S*)$/.exec(text);
  if (equal) return { key: equal[1], operator: 'in', values: [equal[2]] };

  const absent = /^!\s*([^=!\s()]+)$/.exec(text);
  if (absent) return { key: absent[1], operator: 'doesnotexist', values: [] };

  if (/^[^=!\s()]+$/.test(text)) return { key: text, operator: 'exists', values: [] };

  throw new Error(`unable to parse requirement: "${text}": use key=value, key!=value, key in (a,b), key notin (a), key or !key`);
}

/** Parses a selector string; an empty string selects everything. */
export function parseSelector(text: string): Selector {
  return splitRequirements(text).map(parseRequirement);
}

/** Returns whether a label set satisfies every requirement of the selector. */
export function matchesSelector(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const set = labels ?? {};
  return selector.every((requirement) => {
    const has = Object.hasOwn(set, requirement.key);
    switch (requirement.operator) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'in':
        return has && requirement.values.includes(set[requirement.key]);
      case 'notin':
        return !has || !requirement.values.includes(set[requirement.key]);
    }
  });
}
