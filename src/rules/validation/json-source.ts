import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export type JsonPath = ReadonlyArray<string | number>;

export interface SourcePosition {
  line: number;
  column: number;
}

/** A JSON file with a map from JSON paths to line and column, for messages a policy owner can act on. */
export class JsonSource {
  private readonly lineStarts: number[];
  readonly syntaxErrors: Array<SourcePosition & { message: string }>;
  readonly value: unknown;
  private readonly tree: Node | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
    const errors: ParseError[] = [];
    this.tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    this.syntaxErrors = errors.map((e) => ({ ...this.position(e.offset), message: syntaxMessage(printParseErrorCode(e.error)) }));
    this.value = this.syntaxErrors.length === 0 ? JSON.parse(text) : undefined;
  }

  position(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] as number) + 1 };
  }

  /** Every number literal as written, with its JSON path: `1800.00` stays `1800.00`, which JSON.parse reads as 1800. */
  numberLiterals(): Array<{ path: Array<string | number>; raw: string; value: number }> {
    const out: Array<{ path: Array<string | number>; raw: string; value: number }> = [];
    const walk = (node: Node, path: Array<string | number>) => {
      if (node.type === 'number') out.push({ path, raw: this.text.slice(node.offset, node.offset + node.length), value: node.value as number });
      if (node.type === 'object') for (const prop of node.children ?? []) if (prop.children?.[1]) walk(prop.children[1], [...path, prop.children[0]!.value as string]);
      if (node.type === 'array') (node.children ?? []).forEach((child, i) => walk(child, [...path, i]));
    };
    if (this.tree) walk(this.tree, []);
    return out;
  }

  /** Where the value at `path` starts; the nearest existing ancestor when the path is missing. */
  locate(path: JsonPath): SourcePosition {
    if (!this.tree) return { line: 1, column: 1 };
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.tree, path.slice(0, n) as Array<string | number>);
      if (node) {
        // For a property, point at its key: that is what a person looks for.
        const target = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : node;
        return this.position(target.offset);
      }
    }
    return { line: 1, column: 1 };
  }
}

function syntaxMessage(code: string): string {
  const messages: Record<string, string> = {
    CommaExpected: 'a comma is missing',
    ColonExpected: 'a colon is missing',
    PropertyNameExpected: 'a property name is expected (a trailing comma?)',
    ValueExpected: 'a value is expected (a trailing comma?)',
    CloseBraceExpected: 'a closing } is missing',
    CloseBracketExpected: 'a closing ] is missing',
    EndOfFileExpected: 'unexpected text after the end of the JSON',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'a string is not closed',
    InvalidSymbol: 'invalid character',
  };
  return `not valid JSON: ${messages[code] ?? code}`;
}

export function formatPath(path: JsonPath): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}
