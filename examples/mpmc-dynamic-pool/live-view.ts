// A status block kept at the bottom of a terminal, under the program's log.
//
// On a terminal (a TTY), `show` redraws the block in place: the cursor goes back up over the
// block's lines, clears them (ANSI "cursor up" and "erase line") and writes the new ones, in one
// write so that the screen does not flicker. `log` prints a line above the block the same way.
// Elsewhere (a pipe, a file, CI) nothing is redrawn: `live` is false, and the caller prints plain
// status lines with `log` instead.

const cursorUpAndEraseLine = '\x1b[1A\x1b[2K';

/** Where the view writes: a terminal (`isTTY`, `columns`) or any other stream. */
export interface Output {
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  write(text: string): unknown;
}

export class LiveView {
  /** The status block's lines on screen now. */
  private block: readonly string[] = [];

  constructor(private readonly output: Output) {}

  /** Whether the block is redrawn in place (the output is a terminal). */
  get live(): boolean {
    return this.output.isTTY === true;
  }

  /** Prints `line` (and a newline) above the status block. */
  log(line: string): void {
    this.output.write(this.erase() + line + '\n' + this.draw());
  }

  /** Replaces the status block with `lines`, cut to the terminal's width so that none wraps. */
  show(lines: readonly string[]): void {
    const width = Math.max(20, (this.output.columns ?? 80) - 1);
    const erase = this.erase();
    this.block = lines.map((line) => (line.length > width ? line.slice(0, width) : line));
    this.output.write(erase + this.draw());
  }

  /** Leaves the block on screen as it is: what is printed next goes below it. */
  end(): void {
    this.block = [];
  }

  private erase(): string {
    return cursorUpAndEraseLine.repeat(this.block.length);
  }

  private draw(): string {
    return this.block.map((line) => line + '\n').join('');
  }
}
