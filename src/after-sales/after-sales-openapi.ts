import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOldPartPaths } from './old-part-openapi.js';
import { registerPaymentPaths } from './payment-openapi.js';
import { registerServiceLevelPaths } from './service-level-openapi.js';
import { registerGoodwillPaths } from './goodwill-openapi.js';
import { registerReturnPaths } from './return-openapi.js';

/** The after-sales operations (issue 14), each flow in its own file. */
export function registerAfterSalesPaths(registry: OpenAPIRegistry): void {
  registerOldPartPaths(registry);
  registerPaymentPaths(registry);
  registerServiceLevelPaths(registry);
  registerGoodwillPaths(registry);
  registerReturnPaths(registry);
}
