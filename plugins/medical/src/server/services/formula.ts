/**
 * Calculated analytes: a formula over other tests' codes, numbers, + - * / and parentheses
 * (e.g. Friedewald's LDL: `CHOL - HDL - TG / 2.2`). Parsed by a small recursive-descent parser,
 * never `eval`.
 */

type Node = { n: number } | { code: string } | { op: '+' | '-' | '*' | '/'; a: Node; b: Node } | { neg: Node };

export class FormulaError extends Error {}

function tokenize(src: string): string[] {
  const tokens = src.match(/\s*([A-Za-z][A-Za-z0-9_.-]*|\d+(?:\.\d+)?|[-+*/()])\s*/gy);
  if (!tokens || tokens.join('').length !== src.length) throw new FormulaError('unexpected character');
  return tokens.map((t) => t.trim());
}

export function parseFormula(src: string): Node {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const expr = (): Node => {
    let a = term();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++] as '+' | '-';
      a = { op, a, b: term() };
    }
    return a;
  };
  const term = (): Node => {
    let a = factor();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++] as '*' | '/';
      a = { op, a, b: factor() };
    }
    return a;
  };
  const factor = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw new FormulaError('unexpected end');
    if (t === '-') return { neg: factor() };
    if (t === '(') {
      const e = expr();
      if (tokens[i++] !== ')') throw new FormulaError('missing )');
      return e;
    }
    if (/^\d/.test(t)) return { n: Number(t) };
    if (/^[A-Za-z]/.test(t)) return { code: t };
    throw new FormulaError(`unexpected ${t}`);
  };
  const tree = expr();
  if (i !== tokens.length) throw new FormulaError(`unexpected ${tokens[i]}`);
  return tree;
}

/** The test codes a formula reads. */
export function formulaInputs(node: Node): string[] {
  if ('n' in node) return [];
  if ('code' in node) return [node.code];
  if ('neg' in node) return formulaInputs(node.neg);
  return [...new Set([...formulaInputs(node.a), ...formulaInputs(node.b)])];
}

/** The formula's value, or null when an input is missing or it divides by zero. */
export function evaluateFormula(node: Node, values: ReadonlyMap<string, number>): number | null {
  if ('n' in node) return node.n;
  if ('code' in node) return values.get(node.code) ?? null;
  if ('neg' in node) {
    const v = evaluateFormula(node.neg, values);
    return v === null ? null : -v;
  }
  const a = evaluateFormula(node.a, values);
  const b = evaluateFormula(node.b, values);
  if (a === null || b === null) return null;
  if (node.op === '+') return a + b;
  if (node.op === '-') return a - b;
  if (node.op === '*') return a * b;
  return b === 0 ? null : a / b;
}
