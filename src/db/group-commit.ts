interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<T> {
  /** Items written in one statement at most. */
  maxBatch: number;
  /** Items of the same key never share a batch (a later one waits for the next): each sees the one before committed. */
  key?: (item: T) => string;
}

/**
 * Group commit of concurrent writes: while one batch is on its way to the database, the items that
 * arrive meanwhile wait and go together in the next one, so they share a statement and a commit
 * instead of each paying its own. Each item resolves only when its batch is committed, with its own
 * result; a lone item goes at once. Reads batch the same way, sharing a round trip instead of a commit.
 * One item the database refuses does not take the others with it:
 * a batch that fails is written again item by item, and only the refused one is rejected.
 */
export class GroupCommit<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private writing = false;

  /** `write` stores a batch in one statement and returns each item's result in the order given. */
  constructor(
    private readonly write: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.writeBatch(this.nextBatch());
    } finally {
      this.writing = false;
      // An item that came while the last batch's answers were being handed on goes now.
      if (this.waiting.length > 0) void this.writeWaiting();
    }
  }

  private nextBatch(): Array<Waiting<T, R>> {
    const { key, maxBatch } = this.options;
    if (!key) return this.waiting.splice(0, maxBatch);
    const batch: Array<Waiting<T, R>> = [];
    const keys = new Set<string>();
    const later: Array<Waiting<T, R>> = [];
    for (const w of this.waiting) {
      const k = key(w.item);
      if (batch.length < maxBatch && !keys.has(k)) {
        keys.add(k);
        batch.push(w);
      } else later.push(w);
    }
    this.waiting = later;
    return batch;
  }

  private async writeBatch(batch: Array<Waiting<T, R>>): Promise<void> {
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i] as R));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await Promise.all(batch.map((w) => this.write([w.item]).then((results) => w.resolve(results[0] as R), w.reject)));
    }
  }
}
