import { arbitrarySend } from './arbitrarySend.js';
import { arbitraryStorageWrite } from './arbitraryStorageWrite.js';
import { constructorName } from './constructorName.js';
import { controlledDelegatecall } from './controlledDelegatecall.js';
import { defaultStateVisibility, defaultVisibility } from './defaultVisibility.js';
import { deprecatedConstructs } from './deprecatedConstructs.js';
import type { Detector } from './detector.js';
import { dosExternalCallInLoop } from './dosExternalCallInLoop.js';
import { dosUnboundedLoop } from './dosUnboundedLoop.js';
import { ecrecoverZeroCheck } from './ecrecoverZeroCheck.js';
import { floatingPragma } from './floatingPragma.js';
import { frontRunning } from './frontRunning.js';
import { integerOverflow } from './integerOverflow.js';
import { lockedEther } from './lockedEther.js';
import { outdatedCompiler } from './outdatedCompiler.js';
import { reentrancyEth } from './reentrancyEth.js';
import { reentrancyNoEth } from './reentrancyNoEth.js';
import { reentrancyReadOnly } from './reentrancyReadOnly.js';
import { rightToLeftOverride } from './rightToLeftOverride.js';
import { shortAddress } from './shortAddress.js';
import { localVariableShadowing, stateVariableShadowing } from './stateVariableShadowing.js';
import { timestampDependence } from './timestampDependence.js';
import { txOrigin } from './txOrigin.js';
import { uncheckedLowLevelCall } from './uncheckedLowLevelCall.js';
import { uninitializedStoragePointer } from './uninitializedStoragePointer.js';
import { unprotectedSelfdestruct } from './unprotectedSelfdestruct.js';
import { unprotectedStateChange } from './unprotectedStateChange.js';
import { unsafeErc20Call } from './unsafeErc20Call.js';
import { weakRandomness } from './weakRandomness.js';

/** Every detector; adding one is a file beside this one and a line here. */
export const DETECTORS: readonly Detector[] = [
  reentrancyEth,
  reentrancyNoEth,
  reentrancyReadOnly,
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
  dosUnboundedLoop,
  dosExternalCallInLoop,
  lockedEther,
  shortAddress,
  frontRunning,
  stateVariableShadowing,
  localVariableShadowing,
  deprecatedConstructs,
  floatingPragma,
  outdatedCompiler,
  defaultVisibility,
  defaultStateVisibility,
  rightToLeftOverride,
  ecrecoverZeroCheck,
  unsafeErc20Call,
  uninitializedStoragePointer,
  arbitraryStorageWrite,
];

export function detectorMeta(id: string) {
  return DETECTORS.find((d) => d.meta.id === id)?.meta;
}
