import type { Dictionary } from '../ru'

export const effortEn: Dictionary['effort'] = {
  heading: 'Expert effort under judge-guided routing',
  scores: 'Expert scores: {{given}} given of {{planned}} needed; a fixed k would need {{fixedK}} ({{saved}} fewer)',
  calibration: 'Calibration: {{complete}} of {{answers}} answers complete',
  items: 'Items: {{accepted}} accepted on the judge, {{escalated}} sent to experts, {{calibration}} in calibration, {{pending}} pending',
  assisted: 'Assisted: {{submitted}} scores, the expert kept the judge\u2019s score on {{kept}} ({{share}})',
  design: {
    uniform: 'Sample: every expert-scored item, taken as a uniform random sample.',
    calibration: 'Sample: the calibration sample only (a uniform random sample of answers); routed items\u2019 scores are left out.',
    weighted: 'Sample: the calibration sample and the routed items, weighted by 1/π (probabilistic routing).',
  },
}
