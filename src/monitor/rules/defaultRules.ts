/**
 * Rules the monitor runs when the operator gives none: thresholds a mid-sized exchange would start
 * from, in the reference currency (valueUsd when the source prices transfers). Kept as text so it
 * reads like the YAML an operator writes; docs/monitor-rules.example.yaml is the commented copy.
 */
export const DEFAULT_MONITOR_RULES = `
rules:
  - id: dormant-high-value
    type: dormant-high-value
    severity: high
    description: A long-silent account suddenly moves a large amount (account takeover, insider exit).
    dormantFor: 90d
    minValue: 50000

  - id: coordinated-withdrawal
    type: coordinated-withdrawal
    severity: critical
    description: Many accounts in several countries pay one address at once (credential stuffing cashing out).
    minAccounts: 5
    minJurisdictions: 3
    window: 30m
    minValue: 1000
    destination: same
    scope:
      accountKinds: [customer, unknown]

  - id: velocity
    type: velocity
    severity: medium
    description: One account sends too often or too much within an hour.
    window: 1h
    maxCount: 20
    maxValue: 250000
    scope:
      accountKinds: [customer, unknown]

  - id: structuring-10k
    type: structuring
    severity: high
    description: Repeated transfers just under the 10,000 reporting threshold within a day.
    threshold: 10000
    margin: 0.1
    minCount: 3
    window: 24h

  - id: pass-through
    type: pass-through
    severity: medium
    description: Most of a sizeable inbound transfer leaves again within the hour (mule, peel chain).
    window: 1h
    ratio: 0.9
    minValue: 10000
    scope:
      accountKinds: [customer, unknown]

  - id: new-address-high-value
    type: new-address-high-value
    severity: medium
    description: A large first payment to a recipient the account never paid before.
    minValue: 100000
    minAccountAge: 7d
`;
