/**
 * The one message catalogue: one file per area (`<area>.ts` exporting `{ zh, en }`), merged here.
 * Reason-code and adjustment messages are not here: the API gives them in both languages.
 */
import { common } from './common';
import { signIn } from './sign-in';
import { reviews } from './reviews';
import { claim } from './claim';
import { search } from './search';
import { settlement } from './settlement';
import { rules } from './rules';
import { backtests } from './backtests';
import { preCheck } from './pre-check';
import { campaigns } from './campaigns';
import { returns } from './returns';
import { oldParts } from './old-parts';
import { payment } from './payment';
import { serviceLevels } from './service-levels';
import { goodwill } from './goodwill';

const areas = { common, signIn, reviews, claim, search, settlement, rules, backtests, preCheck, campaigns, returns, oldParts, payment, serviceLevels, goodwill };

type Areas = typeof areas;
export type Language = 'zh' | 'en';
export type Messages = { [A in keyof Areas]: Areas[A]['zh'] };

const pick = (language: Language) => Object.fromEntries(Object.entries(areas).map(([name, area]) => [name, area[language]])) as Messages;

export const catalogue: Record<Language, Messages> = { zh: pick('zh'), en: pick('en') };
