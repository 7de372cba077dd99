import type { PolicyFile } from './policy-schema.js';
import { closestWord } from '../rules/validation/suggest.js';

/** The failure mode that says "none of the listed ones": a policy may offer it; a person then looks (WA-OTHER-MODE). */
export const OTHER_FAILURE_MODE = 'other';

/** The failure modes a claim may name for a component: its own list, or every mode of the line ("any", or no list). */
export function failureModesOf(policy: PolicyFile, component: string): readonly string[] {
  const modes = policy.components[component]?.failureModes;
  return modes === undefined || modes === 'any' ? policy.failureModes : modes;
}

/** A value a request names that the product line's vocabulary does not hold. */
export interface VocabularyIssue {
  /** Dotted path in the request, e.g. `jobs.0.failureMode`. */
  path: string;
  value: string;
  message: string;
  /** The closest valid value, when one is close. */
  suggestion: string | null;
  /** The valid values, when the list is short (else follow `list`). */
  allowed?: string[];
}

const SHORT_LIST = 30;

function issue(path: string, value: string, noun: string, known: readonly string[], context = ''): VocabularyIssue {
  const suggestion = closestWord(value, known);
  return {
    path,
    value,
    message: `unknown ${noun} "${value}"${context}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    suggestion,
    ...(known.length <= SHORT_LIST ? { allowed: [...known] } : {}),
  };
}

export interface VocabularyChecker {
  component(path: string, component: string): boolean;
  failureMode(path: string, component: string, mode: string): void;
  partNumber(path: string, partNumber: string): void;
  operation(path: string, code: string): void;
  readonly issues: VocabularyIssue[];
}

/** A policy version's words, listed once: every claim is checked against them. */
interface Words {
  components: readonly string[];
  parts: readonly string[];
  operations: readonly string[];
}
const wordsOf = new WeakMap<PolicyFile, Words>();
function words(policy: PolicyFile): Words {
  let known = wordsOf.get(policy);
  if (known === undefined) {
    known = { components: Object.keys(policy.components), parts: policy.parts.map((p) => p.partNumber), operations: Object.keys(policy.labour.operations) };
    wordsOf.set(policy, known);
  }
  return known;
}

/** Collects the unknown values a request names, checked against one policy version. */
export function vocabularyChecker(policy: PolicyFile): VocabularyChecker {
  const issues: VocabularyIssue[] = [];
  const { components, parts, operations } = words(policy);
  return {
    issues,
    component(path, component) {
      if (policy.components[component] !== undefined) return true;
      issues.push(issue(path, component, 'component', components));
      return false;
    },
    failureMode(path, component, mode) {
      const modes = failureModesOf(policy, component);
      if (!modes.includes(mode)) issues.push(issue(path, mode, 'failure mode', modes, ` for component ${component}`));
    },
    partNumber(path, partNumber) {
      if (!parts.includes(partNumber)) issues.push(issue(path, partNumber, 'part number', parts));
    },
    operation(path, code) {
      if (!operations.includes(code)) issues.push(issue(path, code, 'labour operation', operations));
    },
  };
}

/** The jobs' part of a claim the vocabulary closes over. */
export interface VocabularyJob {
  component: string;
  failureMode: string;
  causalPart: { partNumber: string };
  consequentialParts: ReadonlyArray<{ partNumber: string }>;
  labour: ReadonlyArray<{ operationCode: string }>;
}

/** Every unknown component, failure mode, part number and labour operation in a claim's jobs. */
export function claimVocabularyIssues(jobs: readonly VocabularyJob[], policy: PolicyFile): VocabularyIssue[] {
  const check = vocabularyChecker(policy);
  jobs.forEach((job, i) => {
    const at = `jobs.${i}`;
    if (check.component(`${at}.component`, job.component)) check.failureMode(`${at}.failureMode`, job.component, job.failureMode);
    check.partNumber(`${at}.causalPart.partNumber`, job.causalPart.partNumber);
    job.consequentialParts.forEach((p, k) => check.partNumber(`${at}.consequentialParts.${k}.partNumber`, p.partNumber));
    job.labour.forEach((l, k) => check.operation(`${at}.labour.${k}.operationCode`, l.operationCode));
  });
  return check.issues;
}
