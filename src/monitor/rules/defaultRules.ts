/**
 * Rules the monitor runs when the operator gives none: thresholds a mid-sized exchange would start
 * from, in the reference currency (valueUsd when the source prices transfers). Kept as text so it
 * reads like the YAML an operator writes; docs/monitor-rules.example.yaml is the commented copy and
 * says why each threshold is what it is.
 *
 * Shared choices: 1,000 is the smallest value worth an analyst's look (the FATF travel-rule
 * threshold, USD/EUR 1,000); money the operator moves between its own wallets (sweeping a deposit
 * address into the hot wallet, hot/cold rebalancing) is out of scope of every customer rule; and
 * "large" is measured against the account's own usual transfer wherever the account has one.
 */
export const DEFAULT_MONITOR_RULES = `
rules:
  - id: dormant-high-value
    type: dormant-high-value
    severity: high
    description: A long-silent account wakes and moves a large amount to a new address within the hour (account takeover, sold account).
    dormantFor: 30d
    window: 1h
    minValue: 1000
    minTimesUsual: 5
    requireNewRecipient: true
    scope:
      accountKinds: [customer, unknown]
      counterpartyKinds: [external, unknown]

  - id: coordinated-withdrawal
    type: coordinated-withdrawal
    severity: critical
    description: Several accounts in more than one country pay one brand-new address at once (a ring or stuffed credentials cashing out).
    minAccounts: 3
    minJurisdictions: 2
    window: 30m
    minValue: 100
    destination: same
    onlyNewRecipients: true
    scope:
      accountKinds: [customer, unknown]
      counterpartyKinds: [external, unknown]

  - id: takeover-burst
    type: velocity
    severity: high
    description: An account pays five or more addresses it never paid before within an hour (someone else emptying it).
    window: 1h
    maxCount: 4
    onlyNewRecipients: true
    scope:
      accountKinds: [customer, unknown]
      counterpartyKinds: [external, unknown]

  - id: velocity
    type: velocity
    severity: medium
    description: One account sends more than 20 transfers within an hour.
    window: 1h
    maxCount: 20
    scope:
      accountKinds: [customer, unknown]
      counterpartyKinds: [external, customer, contract, unknown]

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
    description: Money from a new sender leaves again for a new recipient within the hour, about as much as came in (money mule).
    window: 1h
    ratio: 0.9
    maxRatio: 1.1
    minValue: 1000
    requireNewSender: true
    requireNewRecipient: true
    scope:
      accountKinds: [customer, unknown]
      counterpartyKinds: [external, customer, unknown]

  - id: peel-chain
    type: pass-through
    severity: high
    description: Outside addresses that each receive value and pass nearly all of it on to a new address within the hour, two or more in a row (peel chain).
    window: 1h
    ratio: 0.9
    maxRatio: 1.1
    minValue: 1000
    requireNewRecipient: true
    minHops: 2
    scope:
      accountKinds: [external, unknown]

  - id: new-address-high-value
    type: new-address-high-value
    severity: medium
    description: A first withdrawal to a new address of at least 100,000 and ten times the account's usual transfer.
    minValue: 100000
    minTimesUsual: 10
    minAccountAge: 7d
    scope:
      counterpartyKinds: [external, unknown]
`;
