import { arbitrarySend } from './arbitrarySend.js';
import { constructorName } from './constructorName.js';
import { controlledDelegatecall } from './controlledDelegatecall.js';
import type { Detector } from './detector.js';
import { integerOverflow } from './integerOverflow.js';
import { reentrancyEth } from './reentrancyEth.js';
import { reentrancyNoEth } from './reentrancyNoEth.js';
import { timestampDependence } from './timestampDependence.js';
import { txOrigin } from './txOrigin.js';
import { uncheckedLowLevelCall } from './uncheckedLowLevelCall.js';
import { unprotectedSelfdestruct } from './unprotectedSelfdestruct.js';
import { unprotectedStateChange } from './unprotectedStateChange.js';
import { weakRandomness } from './weakRandomness.js';

/** Every detector; adding one is a file beside this one and a line here. */
export const DETECTORS: readonly Detector[] = [
  reentrancyEth,
  reentrancyNoEth,
  uncheckedLowLevelCall,
  txOrigin,
  unprotectedSelfdestruct,
  timestampDependence,
  weakRandomness,
  integerOverflow,
  arbitrarySend,
  unprotectedStateChange,
  constructorName,
  controlledDelegatecall,
];

export function detectorMeta(id: string) {
  return DETECTORS.find((d) => d.meta.id === id)?.meta;
}
