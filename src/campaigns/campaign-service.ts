import type { Db, Queryable } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { Principal } from '../auth/principal.js';
import { describe } from '../auth/principal.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/http-errors.js';
import { campaignStatusOn, type CampaignFact, type CampaignStatus } from '../adjudication/campaign-terms.js';
import { CampaignStore, type CampaignVersion, type RecordedStep } from './campaign-store.js';
import type { CampaignStepInput, CampaignVersionInput, NewCampaign } from './campaign-schema.js';

export interface CampaignServiceDeps {
  db: Db;
  ruleBook: () => RuleBook;
  clock: () => Date;
}

/** A campaign as read: its latest version, every version, its steps and its status today. */
export interface CampaignView extends CampaignVersion {
  status: CampaignStatus;
  today: string;
  versions: CampaignVersion[];
  steps: RecordedStep[];
}

/** The campaigns the jobs of a claim name, each in its latest version with its steps: the facts a decision takes. */
export async function campaignFactsFor(db: Queryable, codes: readonly string[]): Promise<CampaignFact[]> {
  if (codes.length === 0) return [];
  const store = new CampaignStore(db);
  const [latest, steps] = await Promise.all([store.latest(codes, db), store.stepsOf(codes, undefined, db)]);
  return latest.map((v) => factOf(v, steps.get(v.code) ?? []));
}

export function factOf(v: CampaignVersion, steps: readonly RecordedStep[]): CampaignFact {
  return { code: v.code, version: v.version, productLine: v.productLine, affected: v.affected, terms: v.terms, steps: steps.map((s) => ({ step: s.step, on: s.on })) };
}

/** Creating, editing (a new version), opening and closing campaigns; nothing recorded is changed. */
export class CampaignService {
  private readonly store: CampaignStore;

  constructor(private readonly deps: CampaignServiceDeps) {
    this.store = new CampaignStore(deps.db);
  }

  todayFor(productLine: string): string {
    const book = this.deps.ruleBook();
    const now = this.deps.clock();
    const zone = book.policyAt(productLine, now.toISOString().slice(0, 10))?.file.timeZone ?? book.policies[0]?.file.timeZone ?? 'UTC';
    return todayIn(zone, now);
  }

  async create(input: NewCampaign, principal: Principal): Promise<CampaignView> {
    if (!this.deps.ruleBook().productLines.includes(input.productLine)) {
      throw new ValidationError([{ path: 'productLine', message: `no product line ${input.productLine}; known: ${this.deps.ruleBook().productLines.join(', ')}` }]);
    }
    const at = this.deps.clock();
    const by = describe(principal);
    const created = await this.deps.db.transaction(async (tx) => {
      const ok = await this.store.insertVersion({ code: input.code, version: 1, kind: input.kind, productLine: input.productLine, title: input.title, affected: input.affected, terms: input.terms, note: input.note, createdBy: by }, at, tx);
      if (ok) await this.store.insertStep(input.code, { seq: 1, step: 'opened', on: input.opensOn, note: input.note, recordedBy: by }, at, tx);
      return ok;
    });
    if (!created) throw new ConflictError('campaign-exists', `campaign ${input.code} exists; edit it with POST /v1/campaigns/${input.code}/versions`, { campaign: input.code });
    return this.get(input.code);
  }

  /** An edit: the next version of the definition. Claims decided before keep the version that decided them. */
  async addVersion(code: string, input: CampaignVersionInput, principal: Principal): Promise<CampaignView> {
    const versions = await this.store.versions(code);
    const latest = versions[versions.length - 1];
    if (!latest) throw new NotFoundError(`no campaign ${code}`);
    const ok = await this.store.insertVersion({ ...latest, ...input, version: latest.version + 1, createdBy: describe(principal) }, this.deps.clock());
    if (!ok) throw new ConflictError('campaign-changed', `campaign ${code} was edited meanwhile; reload it and retry`);
    return this.get(code);
  }

  /** Opens or closes the campaign from a day: an appended step, in order, never before the last one. */
  async addStep(code: string, input: CampaignStepInput, principal: Principal): Promise<CampaignView> {
    const [latest] = await this.store.latest([code]);
    if (!latest) throw new NotFoundError(`no campaign ${code}`);
    const steps = await this.store.steps(code);
    const last = steps[steps.length - 1]!;
    if (last.step === input.step) throw new ConflictError('campaign-step-repeated', `campaign ${code} is already ${input.step} (since ${last.on})`, { step: last.step, on: last.on });
    if (input.on < last.on) throw new ConflictError('campaign-step-out-of-order', `campaign ${code} was ${last.step} on ${last.on}; a later step cannot take effect before it`, { step: last.step, on: last.on });
    const ok = await this.store.insertStep(code, { seq: last.seq + 1, step: input.step, on: input.on, note: input.note, recordedBy: describe(principal) }, this.deps.clock());
    if (!ok) throw new ConflictError('campaign-changed', `campaign ${code} was opened or closed meanwhile; reload it and retry`);
    return this.get(code);
  }

  async get(code: string): Promise<CampaignView> {
    const [versions, steps] = await Promise.all([this.store.versions(code), this.store.steps(code)]);
    const latest = versions[versions.length - 1];
    if (!latest) throw new NotFoundError(`no campaign ${code}`);
    const today = this.todayFor(latest.productLine);
    return { ...latest, status: campaignStatusOn(steps, today), today, versions, steps };
  }

  async list(): Promise<Array<CampaignVersion & { status: CampaignStatus; today: string }>> {
    const latest = await this.store.latest();
    const steps = await this.store.stepsOf(latest.map((v) => v.code));
    return latest.map((v) => {
      const today = this.todayFor(v.productLine);
      return { ...v, status: campaignStatusOn(steps.get(v.code) ?? [], today), today };
    });
  }
}
