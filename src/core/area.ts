import { z } from 'zod';

export const AREAS = ['audit', 'monitor', 'graph', 'intel', 'auth', 'respond'] as const;
export const AreaSchema = z.enum(AREAS);
export type Area = z.infer<typeof AreaSchema>;
