/** How far the best Argus ensemble's ROC AUC must be above the best scikit-learn detector's. */
export const ENSEMBLE_AUC_MARGIN = 0.02;

/** A measured value and what produced it, e.g. { name: 'ensemble', value: 0.81 }. */
export interface NamedValue {
  name: string;
  value: number;
}

export interface ClassifierScore {
  f1: number;
  averagePrecision: number;
}

/** What the detection benchmark measured; a side that did not run is left out. */
export interface DetectionMeasurements {
  /** The best ROC AUC among Argus's ensemble detectors. */
  argusEnsembleAuc?: NamedValue;
  /** The best ROC AUC among the scikit-learn unsupervised detectors. */
  sklearnBestAuc?: NamedValue;
  /** Means over the same folds, headline (unweighted) settings. */
  argusGbdt?: ClassifierScore;
  sklearnHgb?: ClassifierScore;
  /** Fit + score seconds of one isolation forest on each side, same rows, same machine. */
  argusIforestSeconds?: number;
  sklearnIforestSeconds?: number;
}

export type TargetResult = 'met' | 'not met' | 'not measured';

export interface DetectionTargetCheck {
  target: string;
  actual: string;
  result: TargetResult;
}

const verdict = (measured: boolean, pass: boolean): TargetResult =>
  measured ? (pass ? 'met' : 'not met') : 'not measured';

const f3 = (v: number) => v.toFixed(3);
/** F1 and AP of good classifiers differ in the fourth decimal. */
const f4 = (v: number) => v.toFixed(4);

/** The detection benchmark's targets, met or not. They are reported, never tuned for. */
export function checkDetectionTargets(m: DetectionMeasurements): DetectionTargetCheck[] {
  const { argusEnsembleAuc: ours, sklearnBestAuc: theirs, argusGbdt: gbdt, sklearnHgb: hgb } = m;
  const aucNeeded = theirs ? theirs.value + ENSEMBLE_AUC_MARGIN : Number.NaN;
  const oursSeconds = m.argusIforestSeconds;
  const theirSeconds = m.sklearnIforestSeconds;
  return [
    {
      target: `best Argus ensemble ROC AUC >= best scikit-learn detector's + ${ENSEMBLE_AUC_MARGIN}`,
      actual:
        ours && theirs
          ? `${ours.name} ${f3(ours.value)} vs ${theirs.name} ${f3(theirs.value)} (needs ${f3(aucNeeded)})`
          : '-',
      result: verdict(Boolean(ours && theirs), Boolean(ours && ours.value >= aucNeeded)),
    },
    {
      target: 'Argus GBDT mean F1 and AP >= scikit-learn HistGradientBoosting',
      actual:
        gbdt && hgb
          ? `F1 ${f4(gbdt.f1)} vs ${f4(hgb.f1)}, AP ${f4(gbdt.averagePrecision)} vs ${f4(hgb.averagePrecision)}`
          : '-',
      result: verdict(
        Boolean(gbdt && hgb),
        Boolean(gbdt && hgb && gbdt.f1 >= hgb.f1 && gbdt.averagePrecision >= hgb.averagePrecision),
      ),
    },
    {
      target: 'Argus iforest fit+score time < scikit-learn IsolationForest fit+score time',
      actual:
        oursSeconds !== undefined && theirSeconds !== undefined
          ? `${oursSeconds.toFixed(3)} s vs ${theirSeconds.toFixed(3)} s`
          : '-',
      result: verdict(
        oursSeconds !== undefined && theirSeconds !== undefined,
        oursSeconds !== undefined && theirSeconds !== undefined && oursSeconds < theirSeconds,
      ),
    },
  ];
}
