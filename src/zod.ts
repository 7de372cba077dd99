import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// zod 4 gives each schema its methods when it is built, so `.openapi()` must be added before any
// schema exists: every module takes `z` from here.
extendZodWithOpenApi(z);

export { z };
