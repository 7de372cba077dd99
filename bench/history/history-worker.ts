import { workerData } from 'piscina';
import { buildRuleBook, type RuleBookOptions } from '../../src/rules/rule-book.js';
import type { SourceFile } from '../../src/rules/validation/validate-files.js';
import { historyRows, type HistoryChunk } from './history-rows.js';

/** A history worker: builds the rule book once, then decides and lays out chunks of generated claims. */
const { files, options } = workerData as { files: SourceFile[]; options: RuleBookOptions };
const book = buildRuleBook(files, options);

export default function chunk(task: { seed: number; start: number; n: number }): Promise<HistoryChunk> {
  return historyRows(book, task.seed, task.start, task.n);
}
