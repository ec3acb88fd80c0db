import type { StuffingSource } from '../attemptWindows.js';
import { fired, quiet, type RiskSignal, round, type SignalResult } from '../signal.js';

/**
 * One IP, network or device trying many distinct usernames with few of them getting in. For each
 * source: with d distinct usernames in the window (this attempt's included) and a success rate (share
 * of them that logged in) at most velocity.stuffingMaxSuccessRate, the strength is
 * (d - 1) / (stuffingUsernames - 1), capped at 1: one username is no stuffing, stuffingUsernames is
 * full strength. The signal is the strongest source. A busy office or carrier NAT passes because
 * its many users mostly succeed.
 */
export const credentialStuffingSignal: RiskSignal = {
  id: 'credentialStuffing',
  description:
    'per IP, network and device: (distinct usernames - 1) / (stuffingUsernames - 1) when their success rate <= stuffingMaxSuccessRate',
  trustedDeviceSuppresses: false,
  evaluate({ input, windows, config }) {
    const { stuffingUsernames, stuffingMaxSuccessRate, windowMs } = config.velocity;
    const sources: [StuffingSource, string | undefined, string][] = [
      ['ip', input.ip, `IP ${input.ip}`],
      ['network', input.network, `network ${input.network}`],
      ['device', input.deviceId, 'this device'],
    ];
    let best: SignalResult = quiet('no source tried several usernames with a low success rate');
    for (const [source, key, label] of sources) {
      if (key === undefined) continue;
      const { distinct, succeeded } = windows.usernamesAt(source, key, input.at);
      if (distinct < 2) continue;
      const rate = succeeded / distinct;
      if (rate > stuffingMaxSuccessRate) continue;
      const strength = Math.min(1, (distinct - 1) / (stuffingUsernames - 1));
      if (strength > best.strength) {
        best = fired(
          strength,
          `${label} tried ${distinct} distinct usernames in ${windowMs / 60_000} min, ${succeeded} got in (${round(rate * 100, 0)}%)`,
          { source, distinct, succeeded },
        );
      }
    }
    return best;
  },
};
