import { z } from 'zod';

const port = z.number().int().min(0).max(65_535);
const positiveMs = z.number().int().positive();

export const WebhookEndpointSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Shared secret for the HMAC-SHA256 signature; at least 16 characters. */
  secret: z.string().min(16, 'expected a secret of at least 16 characters'),
  timeoutMs: positiveMs.default(5_000),
  maxAttempts: z.number().int().min(1).max(50).default(6),
  backoff: z
    .strictObject({
      baseMs: positiveMs.default(500),
      maxMs: positiveMs.default(60_000),
    })
    .prefault({}),
  headers: z.record(z.string(), z.string()).default({}),
});
export type WebhookEndpoint = z.output<typeof WebhookEndpointSchema>;

export const ConfigSchema = z.strictObject({
  store: z
    .strictObject({
      driver: z.enum(['sqlite', 'postgres']).default('sqlite'),
      sqlite: z
        .strictObject({
          path: z.string().min(1).default('.argus/argus.db'),
          /** 'normal' survives a killed process; 'full' also survives power loss, at a write-speed cost. */
          synchronous: z.enum(['normal', 'full']).default('normal'),
        })
        .prefault({}),
      postgres: z
        .strictObject({
          url: z.string().min(1).default('postgres://127.0.0.1:5432/argus'),
          schema: z
            .string()
            .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case SQL identifier')
            .default('argus'),
          poolSize: z.number().int().min(1).max(100).default(10),
        })
        .prefault({}),
    })
    .prefault({}),
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: port.default(7070),
      /** Reads need a key too unless this is false (writes always do). */
      requireKeyForReads: z.boolean().default(true),
      rateLimit: z
        .strictObject({
          max: z.number().int().positive().default(600),
          windowMs: positiveMs.default(60_000),
        })
        .prefault({}),
      bodyLimitBytes: z.number().int().positive().default(1_048_576),
      /** Serve the demo login page at /demo/login (public); `argus serve --demo` turns it on. */
      demoLogin: z.boolean().default(false),
    })
    .prefault({}),
  respond: z
    .strictObject({
      /** YAML policy file; relative to the config file. */
      policyFile: z.string().min(1).optional(),
      /** Same detector and subject within this window fold into one alert. */
      dedupeWindowMs: positiveMs.default(600_000),
      webhooks: z.record(z.string().min(1), WebhookEndpointSchema).default({}),
      coldStorage: z
        .strictObject({
          /** Vault address per asset symbol; Argus only records and sends instructions, it never holds keys. */
          vaults: z.record(z.string().min(1), z.string().min(1)).default({}),
        })
        .prefault({}),
      dispatcher: z
        .strictObject({
          pollMs: positiveMs.default(250),
          concurrency: z.number().int().min(1).max(256).default(16),
        })
        .prefault({}),
    })
    .prefault({}),
  monitor: z
    .strictObject({
      /** YAML rules for the transaction monitor; relative to the config file. Built-in defaults when absent. */
      rulesFile: z.string().min(1).optional(),
      /** Unsupervised detector behind the model score (see `argus ml score --help` for the names). */
      detector: z.string().min(1).default('iforest'),
      /**
       * A calibrated score at or above this raises an alert: 0.9999 is "above 99.99% of training",
       * about one transfer in 10,000. An anomaly score is not a typology: at 0.999 a mid-sized
       * exchange would get a thousand alerts a month that mostly describe whales and odd hours.
       */
      alertThreshold: z.number().gt(0).max(1).default(0.9999),
      /**
       * Least value (reference currency: valueUsd, else amount) of a transfer the model may alert on.
       * 10,000 is the cash-reporting threshold (FinCEN CTR): an unusual transfer worth less is left to
       * the rules, which see patterns across transfers; 0 alerts on any value.
       */
      modelAlertMinValue: z.number().finite().nonnegative().default(10_000),
      /**
       * After a model alert on an account, no further model alert on it for this long (ms of event
       * time): an account that is always extreme (a whale, a market maker) would otherwise score at
       * the top on every transfer, and analysts work one case per customer. 0 turns it off.
       */
      modelAlertCooldownMs: z.number().int().nonnegative().default(86_400_000),
      /** A model trained on analysts' verdicts (`argus ml train-feedback --out`); relative to the config file. */
      feedbackModelFile: z.string().min(1).optional(),
      /** Its probability at or above this raises an alert. */
      feedbackThreshold: z.number().gt(0).max(1).default(0.5),
      /** Feature rows collected before the first model is trained; rules work from the first event. */
      warmupEvents: z.number().int().min(100).default(20_000),
      retrain: z
        .strictObject({
          everyEvents: z.number().int().min(1_000).default(250_000),
          everyMs: positiveMs.default(3_600_000),
          /** Recent feature rows kept for training. */
          windowSize: z.number().int().min(1_000).max(2_000_000).default(50_000),
        })
        .prefault({}),
      drift: z
        .strictObject({
          /** PSI at or above this raises a drift alert (0.1-0.2 is moderate, above 0.2 significant). */
          psiThreshold: z.number().positive().default(0.2),
          /** Scores compared against the training distribution. */
          window: z.number().int().min(100).default(10_000),
        })
        .prefault({}),
      /** Beyond this many accounts the least recently active is forgotten, so memory stays bounded. */
      maxAccounts: z.number().int().min(1_000).default(2_000_000),
      /** Per-account history and the model are saved here on exit and loaded at start; relative to the config file. */
      stateDir: z.string().min(1).default('.argus/monitor'),
    })
    .prefault({}),
  graph: z
    .strictObject({
      /**
       * Build the transaction graph from the transfers the monitor ingests, alert on exposure to
       * labelled addresses, and feed the monitor's counterparty_risk feature from it.
       */
      enabled: z.boolean().default(true),
      /** Chains whose graph is kept (lower-case names, e.g. ethereum); empty keeps every known chain seen. */
      chains: z.array(z.string().min(1)).default([]),
      /** Alert the moment a transfer touches a labelled address (sanctioned, hacker, phishing, ...). */
      directExposure: z.boolean().default(true),
      indirectExposure: z
        .strictObject({
          enabled: z.boolean().default(true),
          /**
           * An address that receives funds alerts when its risk score (see `argus screen`) rises to
           * this: 0.5 is about half its inflow traced to a hack, or a third to a sanctioned source.
           */
          threshold: z.number().gt(0).max(1).default(0.5),
          /** How far back the confirming screen traces funds. */
          hops: z.number().int().min(1).max(8).default(3),
          /** Explaining paths kept per source in the alert. */
          paths: z.number().int().min(1).max(50).default(3),
        })
        .prefault({}),
      /**
       * Nodes with more inflows than this (exchange hot wallets, bridges, pools) commingle funds past
       * attribution: a screen does not trace through them, and the running estimate passes on only
       * their diluted haircut share, not poison taint. 0: no limit.
       */
      hubInDegree: z.number().int().min(0).default(1_000),
      /** The graph is saved to the store this often while the monitor runs (wall clock), and on exit. */
      saveEveryMs: positiveMs.default(600_000),
      privacy: z
        .strictObject({
          /** Addresses whose linkability is watched (your own wallets), each as { chain, address }. */
          watch: z
            .array(
              z.strictObject({ chain: z.string().min(1).default('ethereum'), address: z.string().min(1) }),
            )
            .default([]),
          /** A watched address alerts when this share of its activity or more is linked to other addresses. */
          threshold: z.number().min(0).max(1).default(0.3),
          /** How often (event time, ms) linkability is recomputed; clustering the graph takes seconds at scale. */
          checkEveryMs: positiveMs.default(3_600_000),
        })
        .prefault({}),
    })
    .prefault({}),
  auth: z
    .strictObject({
      /**
       * What each signal adds to the risk score when it fires at full strength (see `argus auth
       * signals`). The score is 1 - Π(1 - weight·strength), so one strong signal is enough and weak
       * ones add up without passing 1. Set a weight to 0 to turn a signal off. Defaults: a known
       * user travelling (impossible travel, new country, IP, network and device all at once) scores
       * about 0.85 and is challenged, not denied; a VPN is a holiday as often as an attack.
       */
      weights: z
        .strictObject({
          keystroke: z.number().min(0).max(1).default(0.5),
          newDevice: z.number().min(0).max(1).default(0.3),
          newIp: z.number().min(0).max(1).default(0.1),
          newNetwork: z.number().min(0).max(1).default(0.2),
          newCountry: z.number().min(0).max(1).default(0.25),
          impossibleTravel: z.number().min(0).max(1).default(0.6),
          userFailureVelocity: z.number().min(0).max(1).default(0.5),
          ipFailureVelocity: z.number().min(0).max(1).default(0.5),
          credentialStuffing: z.number().min(0).max(1).default(0.85),
          breachedPassword: z.number().min(0).max(1).default(0.6),
          bot: z.number().min(0).max(1).default(0.7),
          stepUpRequired: z.number().min(0).max(1).default(1),
        })
        .prefault({}),
      /** Score at or above which a second factor is demanded; below it the login is allowed. */
      challengeAt: z.number().min(0).max(1).default(0.3),
      /** Score at or above which the login is refused outright. */
      denyAt: z.number().min(0).max(1).default(0.9),
      /** Speed between consecutive logins above which travel is impossible (km/h; Okta uses 805). */
      impossibleTravelKmh: z.number().positive().default(805),
      velocity: z
        .strictObject({
          /** Window for failed-attempt counts, ms. */
          windowMs: positiveMs.default(900_000),
          /** Failed attempts per user in the window at which the signal is at full strength. */
          userFailures: z.number().int().min(1).default(5),
          /** Failed attempts per IP in the window at which the signal is at full strength. */
          ipFailures: z.number().int().min(1).default(20),
          /** Distinct usernames tried from one IP, network or device in the window: stuffing at full strength. */
          stuffingUsernames: z.number().int().min(2).default(10),
          /** ... when the success rate among them is at most this. */
          stuffingMaxSuccessRate: z.number().min(0).max(1).default(0.2),
        })
        .prefault({}),
      keystroke: z
        .strictObject({
          /** Genuine samples collected before the keystroke signal is used. */
          enrolSamples: z.number().int().min(2).max(50).default(5),
        })
        .prefault({}),
      /** Bot signs read from keystroke timing (skipped when the browser's timer is coarse). */
      bot: z
        .strictObject({
          /** Coefficient of variation of down-down intervals below which typing is machine-regular (people: 0.3-0.6). */
          maxIntervalCv: z.number().min(0).max(1).default(0.1),
          /** Mean down-down interval below which typing is faster than people type, ms. */
          minMeanIntervalMs: z.number().min(0).default(30),
        })
        .prefault({}),
      /** Memory bounds of the risk engine (least recently used entries go first). */
      memory: z
        .strictObject({
          /** Parsed user profiles kept in memory. */
          profiles: z.number().int().min(1).default(10_000),
          /** Keys (users, IPs, networks, devices) each velocity window tracks. */
          windowKeys: z.number().int().min(1).default(50_000),
        })
        .prefault({}),
      /**
       * A local k-anonymity breached-password list: files named by the first five hex digits of the
       * SHA-1 (as the Pwned Passwords range API serves them: "SUFFIX:COUNT" lines), or one file of
       * "HASH:COUNT" lines. Relative to the config file; no check when absent.
       */
      breachedPasswords: z.string().min(1).optional(),
      /** How long a device that passed a challenge is trusted, ms (30 days). */
      trustedDeviceMs: positiveMs.default(30 * 86_400_000),
      /** TOTP issuer shown in authenticator apps, and the WebAuthn relying party. */
      issuer: z.string().min(1).default('Argus'),
      webauthn: z
        .strictObject({
          /** The relying party id: the site's domain, e.g. example.com. */
          rpId: z.string().min(1).default('localhost'),
          /** Origins allowed to answer a challenge, e.g. https://login.example.com. */
          origins: z.array(z.string().min(1)).default(['http://localhost:7070']),
        })
        .prefault({}),
      /** Key file that encrypts TOTP secrets at rest (created on first use); relative to the config file. */
      secretKeyFile: z.string().min(1).default('.argus/auth-secret.key'),
    })
    .prefault({}),
  intel: z
    .strictObject({
      /**
       * What `argus intel ingest` reads when no spec is given: osv:<path>, nvd:, nvd:<path>,
       * feed:<url or file>, text:<dir> (see `argus intel ingest --help`). Paths are relative to the
       * config file.
       */
      sources: z.array(z.string().min(1)).default([]),
      /** Extra package and protocol names for entity extraction (YAML or JSON); relative to the config file. */
      gazetteerFile: z.string().min(1).optional(),
      /** Early warning: an EWMA z-score over mention counts per entity and bucket. */
      bursts: z
        .strictObject({
          bucket: z.enum(['week', 'day', 'month']).default('week'),
          /** z at or above which a bucket starts a burst (a burst lasts while z stays at or above 1). */
          zThreshold: z.number().min(1).default(3),
          /** Fewest mentions in a bucket that can start a burst. */
          minCount: z.number().int().min(1).default(3),
          /** Weight of the newest bucket in the baseline mean and variance. */
          alpha: z.number().gt(0).max(1).default(0.1),
          /** Buckets of history the baseline needs before a burst can start. */
          warmup: z.number().int().min(1).default(4),
          /**
           * Only a burst that starts in one of the latest buckets alerts (the open one and the one
           * before it by default), so re-reading old writing does not raise old news.
           */
          recentBuckets: z.number().int().min(1).max(52).default(2),
        })
        .prefault({}),
      /** NVD API key (50 instead of 5 requests per 30 s). A secret: set ARGUS_INTEL__NVD_API_KEY rather than a shared file. */
      nvdApiKey: z.string().min(1).optional(),
      /**
       * Your projects' folders (lockfiles, package.json, foundry.toml), checked against OSV advisories
       * by `argus intel watch-advisories`; relative to the config file.
       */
      projects: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  audit: z
    .strictObject({
      /**
       * Folders the server may audit on request (POST /v1/audit/reports/scan reads the server's disk),
       * with everything below them; relative to the config file. Empty: the server's working directory
       * only. In the environment, comma-separated: ARGUS_AUDIT__SCAN_ROOTS=/srv/contracts,/srv/vendor.
       */
      scanRoots: z
        .preprocess(
          (value) =>
            typeof value === 'string'
              ? value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : value,
          z.array(z.string().min(1)),
        )
        .default([]),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
});

export type ArgusConfig = z.output<typeof ConfigSchema>;
export type ArgusConfigInput = z.input<typeof ConfigSchema>;
