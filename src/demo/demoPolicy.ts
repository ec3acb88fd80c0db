/** The policy the demo runs with; also a worked example of the policy language. */
export const demoPolicyYaml = `
rules:
  - name: hold withdrawals to sanctioned addresses
    match:
      area: graph
      detector: sanctioned-*
    actions:
      - { type: hold-transfer, reason: counterparty is on a sanctions list }
      - { type: webhook, endpoint: ops }
      - { type: notify }
    stop: true

  - name: hold high-risk withdrawals
    match:
      area: monitor
      severity: { gte: high }
      score: { gte: 0.8 }
      subject: { kind: account }
    actions:
      - { type: hold-transfer }
      - { type: webhook, endpoint: ops }

  - name: sweep the hot wallet when many accounts drain it at once
    match:
      detector: coordinated-withdrawals
      severity: critical
    actions:
      - { type: cold-storage, endpoint: custody }

  - name: second factor for suspicious logins
    match:
      area: auth
      score: { gte: 0.7 }
    actions:
      - { type: step-up, factor: any }

  - name: tell the on-call engineer
    match:
      severity: { gte: medium }
    actions:
      - { type: notify, channel: log }
`;
