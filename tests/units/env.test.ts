// The configuration schema (app/utils/infra/env.server.ts): defaults, good values, each wrong value's message, the
// README's table kept to the schema, and a wrong value stopping the setup's first step without a stack trace.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { envSchema, envWarnings, parseEnv, seedExamples, type EnvSource } from '~/utils/infra/env.server'
import { childEnv } from '../helpers/env'

function parsed(vars: EnvSource) {
  const result = parseEnv(vars)
  if (!result.ok) throw new Error(result.errors.join('\n'))
  return result.env
}

function errors(vars: EnvSource): string[] {
  const result = parseEnv(vars)
  return result.ok ? [] : result.errors
}

describe('configuration', () => {
  it('needs a bucket and its keys for FILE_STORAGE=s3 (decision 034)', () => {
    expect(errors({ FILE_STORAGE: 's3' })).toEqual([
      'S3_BUCKET must be set when FILE_STORAGE=s3',
      'S3_ACCESS_KEY_ID must be set when FILE_STORAGE=s3',
      'S3_SECRET_ACCESS_KEY must be set when FILE_STORAGE=s3',
    ])
    expect(errors({ FILE_STORAGE: 'nfs' })).toEqual(["FILE_STORAGE must be 'local' or 's3', got 'nfs'"])
    expect(
      parsed({
        FILE_STORAGE: 's3',
        S3_BUCKET: 'kepu',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 'b',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toMatchObject({ FILE_STORAGE: 's3', S3_FORCE_PATH_STYLE: true })
  })

  it('has a default for everything a fresh clone needs, and leaves the rest unset', () => {
    expect(parsed({})).toEqual({
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      DATABASE_CONNECT_TIMEOUT_MS: 30000,
      PGLITE_DIR: './data/pglite',
      RETENTION_DAYS: 180,
      REMINDER_HOURS: 24,
      PHONE_CODE_RESEND_SECONDS: 60,
      MAP_TILE_PROVIDER: 'osm',
      MAP_TILE_SUBDOMAINS: 'abc',
      MAP_TILE_MAX_ZOOM: 18,
      MAP_TILE_DATUM: 'WGS84',
      MESSAGE_WORKER: 'in-process',
      MESSAGE_LOG: './data/messages.jsonl',
      SMS_PROVIDER: 'log',
      EMAIL_PROVIDER: 'log',
      MESSAGE_RELAY_INTERVAL_MS: 1000,
      MESSAGE_POLL_INTERVAL_MS: 1000,
      MESSAGE_CONCURRENCY: 10,
      MESSAGE_RETRY_LIMIT: 5,
      MESSAGE_RETRY_DELAY_SECONDS: 30,
      MESSAGE_RETRY_BACKOFF: true,
      MESSAGE_JOB_TIMEOUT_SECONDS: 120,
      MESSAGE_SEND_TIMEOUT_MS: 15000,
      ALIYUN_SMS_ENDPOINT: 'https://dysmsapi.aliyuncs.com',
      TENCENT_SMS_REGION: 'ap-guangzhou',
      TENCENT_SMS_ENDPOINT: 'https://sms.tencentcloudapi.com',
      LOG_LEVEL: 'info',
      PAGE_CACHE_SECONDS: 10,
      FILE_STORAGE: 'local',
      FILE_STORAGE_DIR: './data/files',
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: false,
    })
    // An empty variable (an env file's `FOO=`) is unset, not a wrong value.
    expect(parsed({ DATABASE_URL: '', COOKIE_SECURE: '', PORT: '' })).toMatchObject({
      PORT: 3000,
      DATABASE_URL: undefined,
      COOKIE_SECURE: undefined,
    })
  })

  it('reads numbers as numbers, booleans as booleans and an origin without its slash', () => {
    const env = parsed({
      PORT: '8080',
      DATABASE_URL: 'postgresql://kepu:pw@db.internal:5432/kepu',
      DATABASE_POOL_SIZE: ' 25 ',
      PGLITE_DIR: 'memory://',
      SESSION_SECRET: 'x'.repeat(32),
      COOKIE_SECURE: 'false',
      RETENTION_DAYS: '365',
      PUBLIC_URL: 'https://kepu.example.cn/',
      MAP_TILE_PROVIDER: 'tianditu',
      TIANDITU_KEY: 'k',
      MAP_TILE_URL: 'https://{s}.tiles.example/{z}/{x}/{-y}.png',
      MAP_TILE_SUBDOMAINS: '123',
      MAP_TILE_MAX_ZOOM: '20',
      MAP_TILE_DATUM: 'GCJ02',
      MAP_TILE_ATTRIBUTION: '审图号 测试',
    })
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_POOL_SIZE: 25,
      COOKIE_SECURE: false,
      RETENTION_DAYS: 365,
      PUBLIC_URL: 'https://kepu.example.cn',
      MAP_TILE_MAX_ZOOM: 20,
      MAP_TILE_DATUM: 'GCJ02',
    })
    expect(parsed({ COOKIE_SECURE: 'true', DATABASE_URL: 'postgres://h/db' })).toMatchObject({
      COOKIE_SECURE: true,
      DATABASE_URL: 'postgres://h/db',
    })
  })

  it('names the variable, what it must be and what it was, for each wrong value', () => {
    const cases: [EnvSource, string][] = [
      [{ DATABASE_POOL_SIZE: 'abc' }, "DATABASE_POOL_SIZE must be a whole number from 1 to 100, got 'abc'"],
      [{ DATABASE_POOL_SIZE: '0' }, "DATABASE_POOL_SIZE must be a whole number from 1 to 100, got '0'"],
      [{ DATABASE_POOL_SIZE: '2.5' }, "DATABASE_POOL_SIZE must be a whole number from 1 to 100, got '2.5'"],
      [{ PORT: '70000' }, "PORT must be a whole number from 1 to 65535, got '70000'"],
      [{ RETENTION_DAYS: '-1' }, "RETENTION_DAYS must be a whole number of days, at least 1, got '-1'"],
      [{ COOKIE_SECURE: 'yes' }, "COOKIE_SECURE must be 'true' or 'false', got 'yes'"],
      [{ PUBLIC_URL: 'kepu.example.cn' }, "PUBLIC_URL must be an http(s) origin such as https://kepu.example.cn, got 'kepu.example.cn'"],
      [
        { PUBLIC_URL: 'https://kepu.example.cn/portal' },
        "PUBLIC_URL must be an http(s) origin such as https://kepu.example.cn, got 'https://kepu.example.cn/portal'",
      ],
      [{ MAP_TILE_PROVIDER: 'google' }, "MAP_TILE_PROVIDER must be 'osm', 'tianditu' or 'amap', got 'google'"],
      [{ MAP_TILE_DATUM: 'gcj02' }, "MAP_TILE_DATUM must be 'WGS84' or 'GCJ02', got 'gcj02'"],
      [{ MAP_TILE_MAX_ZOOM: '30' }, "MAP_TILE_MAX_ZOOM must be a whole number from 1 to 22, got '30'"],
      [
        { MAP_TILE_URL: 'https://tiles.example/{z}.png' },
        "MAP_TILE_URL must be an http(s) tile URL with {z}, {x} and {y}, such as https://{s}.tiles.example/{z}/{x}/{y}.png, got 'https://tiles.example/{z}.png'",
      ],
      // Secrets are not printed into logs: the password is masked, the cookie secret's length is all that is said.
      [
        { DATABASE_URL: 'mysql://kepu:hunter2@db/kepu' },
        "DATABASE_URL must be a postgresql:// URL such as postgresql://user@host:5432/db, got 'mysql://kepu:***@db/kepu'",
      ],
      [{ SESSION_SECRET: 'hunter2' }, 'SESSION_SECRET must be at least 32 characters, got 7'],
      // Trusting every hop would let the client's own X-Forwarded-For entry count (decision 014).
      [
        { TRUST_PROXY: 'true' },
        "TRUST_PROXY must be a number of proxies (1-10), 'false', or addresses/CIDR ranges such as 10.0.0.0/8,127.0.0.1 (or loopback, linklocal, uniquelocal), got 'true'",
      ],
    ]
    for (const [vars, message] of cases) expect(errors(vars)).toEqual([message])
    expect(errors({ PORT: 'x', MAP_TILE_DATUM: 'y' })).toHaveLength(2) // every wrong variable at once, not the first only
  })

  it('loads demonstration content on a local start and not on a production one, unless SEED_EXAMPLES says', () => {
    const examples = (source: EnvSource) => seedExamples(parsed(source))
    expect(examples({})).toBe(true) // `npm ci && npm start` on a fresh clone
    expect(examples({ PUBLIC_URL: 'https://kepu.example.cn' })).toBe(false) // a portal with a public address
    expect(examples({ PUBLIC_URL: 'https://kepu.example.cn', SEED_EXAMPLES: 'on' })).toBe(true)
    expect(examples({ SEED_EXAMPLES: 'off' })).toBe(false)
    expect(parseEnv({ SEED_EXAMPLES: 'yes' })).toEqual({ ok: false, errors: ["SEED_EXAMPLES must be 'on' or 'off', got 'yes'"] })
  })

  it('warns about settings that work but not as meant', () => {
    const site = { PUBLIC_URL: 'https://kepu.example.cn' }
    expect(envWarnings(parsed(site))).toEqual([])
    expect(envWarnings(parsed({ ...site, MAP_TILE_PROVIDER: 'tianditu' }))).toEqual([
      'MAP_TILE_PROVIDER=tianditu needs TIANDITU_KEY; using OpenStreetMap tiles',
    ])
    expect(envWarnings(parsed({ ...site, MAP_TILE_PROVIDER: 'tianditu', TIANDITU_KEY: 'k' }))).toEqual([])
    expect(envWarnings(parsed({ ...site, MAP_TILE_PROVIDER: 'amap', MAP_TILE_URL: 'https://t.example/{z}/{x}/{y}.png' }))).toEqual([
      'MAP_TILE_URL is set, so MAP_TILE_PROVIDER=amap is ignored',
    ])
    // Without PUBLIC_URL the portal is local only: said at every start (issue 24).
    expect(envWarnings(parsed({ PORT: '8080' }))).toEqual([
      expect.stringContaining('PUBLIC_URL is not set: links in messages and pages point to http://localhost:8080'),
    ])
  })

  it('reads ALLOWED_HOSTS as lower-case host names and refuses anything else', () => {
    expect(parsed({ ALLOWED_HOSTS: 'Kepu.Intranet, 10.1.2.3,[::1]' }).ALLOWED_HOSTS).toEqual(['kepu.intranet', '10.1.2.3', '[::1]'])
    expect(parseEnv({ ALLOWED_HOSTS: 'https://kepu.intranet' })).toMatchObject({ ok: false })
  })

  it('reads EMBED_FRAME_ANCESTORS as CSP sources and refuses anything that is not an origin', () => {
    expect(parsed({}).EMBED_FRAME_ANCESTORS).toBeUndefined()
    expect(parsed({ EMBED_FRAME_ANCESTORS: 'https://www.example.cn, https://*.gov.cn' }).EMBED_FRAME_ANCESTORS).toBe(
      'https://www.example.cn https://*.gov.cn',
    )
    for (const bad of ["'none'; script-src *", 'https://x.cn/path', ['javascript', 'alert(1)'].join(':')])
      expect(parseEnv({ EMBED_FRAME_ANCESTORS: bad }), bad).toMatchObject({ ok: false })
  })

  it("is what the README's Environment table lists, no more and no less", () => {
    const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8')
    const table = readme
      .split(/^Environment\b.*$/m)[1]
      .split(/\n\s*\n/)
      .find((block) => block.trim().startsWith('|'))!
    const documented = table
      .split('\n')
      .slice(2)
      .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]))
    expect(documented.length).toBeGreaterThan(10)
    expect([...documented].sort()).toEqual(Object.keys(envSchema.shape).sort())
  })

  it("stops setup's first step with the message, exit code 1 and no stack trace", async () => {
    const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx')
    const failed = await promisify(execFile)(tsx, ['scripts/check-env.ts'], {
      env: childEnv({ DATABASE_POOL_SIZE: 'abc', PUBLIC_URL: 'ftp://x' }),
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toContain("DATABASE_POOL_SIZE must be a whole number from 1 to 100, got 'abc'")
    expect(failed?.stderr).toContain('PUBLIC_URL must be')
    expect(failed?.stderr).not.toMatch(/^\s+at /m)
    // Its own PGlite folder: check-env also refuses a folder another process holds, and unit tests running beside this
    // one import modules that open the default ./data/pglite.
    const pgliteDir = mkdtempSync(path.join(tmpdir(), 'kepu-check-env-'))
    try {
      const ok = await promisify(execFile)(tsx, ['scripts/check-env.ts'], {
        env: childEnv({ MAP_TILE_PROVIDER: 'tianditu', TIANDITU_KEY: '', PGLITE_DIR: pgliteDir }),
      })
      expect(ok.stderr.match(/needs TIANDITU_KEY/g)).toHaveLength(1)
    } finally {
      rmSync(pgliteDir, { recursive: true, force: true })
    }
  })
})
