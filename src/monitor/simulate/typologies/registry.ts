import type { TypologyName } from '../typologyNames.js';
import { coordinatedWithdrawal } from './coordinatedWithdrawal.js';
import { dormantDrain } from './dormantDrain.js';
import { passThrough } from './passThrough.js';
import { peelChain } from './peelChain.js';
import { structuring } from './structuring.js';
import { takeoverBurst } from './takeoverBurst.js';
import type { Typology } from './typology.js';

/** Every typology the simulator can plant; adding one is a file and a line here. */
export const TYPOLOGIES: Readonly<Record<TypologyName, Typology>> = {
  'dormant-drain': dormantDrain,
  'coordinated-withdrawal': coordinatedWithdrawal,
  structuring,
  'peel-chain': peelChain,
  'pass-through': passThrough,
  'takeover-burst': takeoverBurst,
};
