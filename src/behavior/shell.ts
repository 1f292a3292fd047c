/**
 * A parser for the subset of POSIX shell found in container commands:
 * simple commands, `;` `&&` `||` `|` `&` and newlines, redirections,
 * `while`/`until`/`for`/`if` compounds, `{ }` groups and `( )` subshells.
 * Expansions (`$VAR`, `$(...)`) are kept as literal text in the words.
 */

export interface Redirect {
  op: string;
  target: string;
}

export type Command =
  | { type: 'simple'; words: string[]; redirects: Redirect[] }
  | { type: 'loop'; until: boolean; condition: Script; body: Script }
  | { type: 'for'; items: string[]; body: Script }
  | { type: 'if'; branches: Array<{ condition: Script; body: Script }>; otherwise?: Script }
  | { type: 'group'; body: Script };

export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

export interface AndOrList {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
  background: boolean;
}

export type Script = AndOrList[];

type Token = { kind: 'word'; value: string; quoted: boolean } | { kind: 'op'; value: string };

export class ShellSyntaxError extends Error {}

const OPERATORS = ['&&', '||', ';;', '>>', '2>&1', '>&2', '&>', '2>', ';', '&', '|', '(', ')', '<', '>', '\n'];

/** Splits shell text into words and operators. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === ' ' || char === '\t' || char === '\r') {
      i++;
      continue;
    }
    if (char === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (char === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (operator !== undefined) {
      tokens.push({ kind: 'op', value: operator });
      i += operator.length;
      continue;
    }
    const [word, quoted, next] = readWord(text, i);
    tokens.push({ kind: 'word', value: word, quoted });
    i = next;
  }
  return tokens;
}

function readWord(text: string, start: number): [string, boolean, number] {
  let word = '';
  let quoted = false;
  let i = start;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '(' && /^[A-Za-z_]\w*=$/.test(word)) {
      // A bash array assignment, NAME=( ... ), is kept as one word.
      const end = matchParen(text, i);
      word += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (' \t\r\n;&|()<>'.includes(char)) break;
    if (char === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated single quote');
      word += text.slice(i + 1, end);
      quoted = true;
      i = end + 1;
    } else if (char === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) i++;
        word += text[i];
        i++;
      }
      if (i >= text.length) throw new ShellSyntaxError('unterminated double quote');
      quoted = true;
      i++;
    } else if (char === '\\') {
      word += text[i + 1] ?? '';
      i += 2;
    } else if (char === '$' && text[i + 1] === '(') {
      const end = matchParen(text, i + 1);
      word += text.slice(i, end + 1);
      i = end + 1;
    } else if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated backquote');
      word += text.slice(i, end + 1);
      i = end + 1;
    } else {
      word += char;
      i++;
    }
  }
  return [word, quoted, i];
}

function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new ShellSyntaxError('unterminated $(');
}

const RESERVED = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac']);

/** Parses shell text into a script; throws ShellSyntaxError for text outside the supported subset. */
export function parseShell(text: string): Script {
  const parser = new Parser(tokenize(text));
  const script = parser.parseList([]);
  if (!parser.atEnd()) throw new ShellSyntaxError(`unexpected ${parser.describe()}`);
  return script;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  describe(): string {
    const token = this.tokens[this.index];
    return token === undefined ? 'end of input' : `"${token.value}"`;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private isWord(value: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === 'word' && !token.quoted && token.value === value;
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === 'op' && token.value === value;
  }

  private expectWord(value: string): void {
    if (!this.isWord(value)) throw new ShellSyntaxError(`expected "${value}", found ${this.describe()}`);
    this.index++;
  }

  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.index++;
  }

  /** Parses and-or lists until end of input, `)`, or one of the reserved words in `stop`. */
  parseList(stop: string[]): Script {
    const script: Script = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token === undefined || this.isOp(')')) break;
      if (token.kind === 'word' && !token.quoted && (stop.includes(token.value) || RESERVED.has(token.value))) break;
      const list = this.parseAndOr();
      if (this.isOp('&')) {
        list.background = true;
        this.index++;
      }
      script.push(list);
    }
    return script;
  }

  private parseAndOr(): AndOrList {
    const list: AndOrList = { first: this.parsePipeline(), rest: [], background: false };
    while (this.isOp('&&') || this.isOp('||')) {
      const op = this.peek()!.value as '&&' | '||';
      this.index++;
      while (this.isOp('\n')) this.index++;
      list.rest.push({ op, pipeline: this.parsePipeline() });
    }
    return list;
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    if (this.isWord('!')) {
      negated = true;
      this.index++;
    }
    const commands = [this.parseCommand()];
    while (this.isOp('|')) {
      this.index++;
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    if (this.isWord('while') || this.isWord('until')) {
      const until = this.isWord('until');
      this.index++;
      const condition = this.parseList(['do']);
      this.expectWord('do');
      const body = this.parseList(['done']);
      this.expectWord('done');
      return { type: 'loop', until, condition, body };
    }
    if (this.isWord('for')) {
      this.index++;
      this.index++; // the loop variable
      const items: string[] = [];
      if (this.isWord('in')) {
        this.index++;
        while (this.peek()?.kind === 'word') items.push(this.tokens[this.index++]!.value);
      }
      this.skipNewlines();
      this.expectWord('do');
      const body = this.parseList(['done']);
      this.expectWord('done');
      return { type: 'for', items, body };
    }
    if (this.isWord('if')) {
      this.index++;
      const branches: Array<{ condition: Script; body: Script }> = [];
      let otherwise: Script | undefined;
      for (;;) {
        const condition = this.parseList(['then']);
        this.expectWord('then');
        const body = this.parseList(['elif', 'else', 'fi']);
        branches.push({ condition, body });
        if (this.isWord('elif')) {
          this.index++;
          continue;
        }
        if (this.isWord('else')) {
          this.index++;
          otherwise = this.parseList(['fi']);
        }
        this.expectWord('fi');
        break;
      }
      return otherwise === undefined ? { type: 'if', branches } : { type: 'if', branches, otherwise };
    }
    if (this.isWord('{')) {
      this.index++;
      const body = this.parseList(['}']);
      this.expectWord('}');
      return { type: 'group', body };
    }
    if (this.isOp('(')) {
      this.index++;
      const body = this.parseList([]);
      if (!this.isOp(')')) throw new ShellSyntaxError(`expected ")", found ${this.describe()}`);
      this.index++;
      return { type: 'group', body };
    }
    return this.parseSimple();
  }

  private parseSimple(): Command {
    const words: string[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token === undefined) break;
      if (token.kind === 'op' && ['>', '>>', '<', '2>', '&>'].includes(token.value)) {
        this.index++;
        const target = this.peek();
        if (target === undefined || target.kind !== 'word') throw new ShellSyntaxError('missing redirection target');
        redirects.push({ op: token.value, target: target.value });
        this.index++;
        continue;
      }
      if (token.kind === 'op' && (token.value === '2>&1' || token.value === '>&2')) {
        this.index++;
        continue;
      }
      if (token.kind !== 'word') break;
      if (words.length === 0 && !token.quoted && RESERVED.has(token.value)) break;
      words.push(token.value);
      this.index++;
    }
    if (words.length === 0 && redirects.length === 0) throw new ShellSyntaxError(`unexpected ${this.describe()}`);
    return { type: 'simple', words, redirects };
  }
}
