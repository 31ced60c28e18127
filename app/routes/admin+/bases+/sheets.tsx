// 考核评分表 (staff): the scoring sheet a district scores a level's yearly reports by (decision 036). The district's
// admins (a platform admin picks the district) edit each criterion: name, points, the figure it reads and its bands.
// A district without its own sheet starts from the level's. The model refuses an edit while this year's reports of
// the level are scored, and says which; every wrong box is said next to it, what was typed kept.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { listLevels } from '~/models/bases/designation.server'
import { figureLabel, SHEET_BLANK_ROWS, SHEET_FIGURES, SHEET_MAX_CRITERIA } from '~/models/bases/labels'
import { getSheet, saveSheet, sheetHistory } from '~/models/bases/sheet.server'
import { districtChoices } from '~/models/choices.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm } from '~/utils/form.server'
import { notFound } from '~/utils/http-errors'
import { useFormReply } from '~/utils/use-form-reply'
import { DistrictPicker } from '../__district-picker'
import { RecordHistory } from './__history'

export const meta: MetaFunction = () => adminMeta('考核评分表')

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  if (staff.role === 'ORG_STAFF') throw notFound()
  const url = new URL(request.url)
  const districts = await districtChoices(staff, { activeOnly: true })
  const levels = (await listLevels({ includeInactive: true })).map(({ key, name, active }) => ({ key, name, active }))
  const district = districts.find((d) => d.id === url.searchParams.get('district')) ?? districts[0]
  const level = levels.find((l) => l.key === url.searchParams.get('level')) ?? levels.find((l) => l.active) ?? levels[0]
  if (!district || !level) throw notFound()
  const [sheet, history] = await Promise.all([getSheet(staff, district.id, level.key), sheetHistory(district.id, level.key)])
  return json({ districts, levels, district, sheet, history }, { headers: { 'Cache-Control': 'private, no-store' } })
}

const text = (max: number) => z.string().max(max).optional()
const sheetPostSchema = z.object({
  intent: z.literal('sheet'),
  districtId: z.string().max(40),
  levelKey: z.string().max(40),
  c: z.record(z.object({ key: text(40), label: text(200), points: text(20), figure: text(40), bands: text(1000) })).default({}),
})

export function action({ request }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => sheetPostSchema,
    access: { staff: requireStaff },
    async submit(value, { actor: staff, done }) {
      const rows: Array<Record<string, string | undefined>> = []
      for (const [index, row] of Object.entries(value.c)) {
        const i = Number(index)
        if (Number.isInteger(i) && i >= 0 && i < SHEET_MAX_CRITERIA + SHEET_BLANK_ROWS) rows[i] = row
      }
      const updated = await saveSheet(
        staff,
        value.districtId,
        value.levelKey,
        Array.from(rows, (row) => row ?? {}),
      )
      return done(updated ? `评分表已保存，本年度 ${updated} 份尚未评分的报告随之更新。` : '评分表已保存。')
    },
  })
}

type Reply = ReturnType<typeof useFormReply>

function typed(reply: Reply, i: number, name: string): string | undefined {
  const c = (reply.result?.initialValue as { c?: Record<string, Record<string, unknown>> } | undefined)?.c
  if (!reply.result?.initialValue) return undefined
  const value = c?.[String(i)]?.[name]
  return typeof value === 'string' ? value : ''
}

function Box({
  reply,
  i,
  name,
  label,
  hint,
  saved,
  children,
}: {
  reply: Reply
  i: number
  name: string
  label: string
  hint?: string
  saved: string
  children?: (props: { id: string; name: string; defaultValue: string; describedBy?: string; invalid?: true }) => React.ReactNode
}) {
  const error = reply.result?.error?.[`c.${i}.${name}`]?.[0]
  const id = `c-${i}-${name}`
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  const props = {
    id,
    name: `c.${i}.${name}`,
    defaultValue: typed(reply, i, name) ?? saved,
    describedBy,
    invalid: error ? (true as const) : undefined,
  }
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children ? (
        children(props)
      ) : (
        <input
          id={id}
          name={props.name}
          type="text"
          defaultValue={props.defaultValue}
          aria-invalid={props.invalid}
          aria-describedby={describedBy}
        />
      )}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export default function AdminBaseSheetPage() {
  const { districts, levels, district, sheet, history } = useLoaderData<typeof loader>()
  const reply = useFormReply('sheet')
  const rows = [...sheet.sheet, ...Array.from({ length: SHEET_BLANK_ROWS }, () => null)]
  const fieldErrors = Object.keys(reply.result?.error ?? {}).filter((k) => k.startsWith('c.'))
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases/reviews">← 基地年度考核</Link>
      </p>
      <h1>
        考核评分表 · {sheet.level.name} · {district.name}
      </h1>
      <Form method="get" className="inline-form filter-bar">
        <DistrictPicker id="sheet-district" districts={districts} value={district.id} />
        <label htmlFor="sheet-level">级别</label>
        <select id="sheet-level" name="level" defaultValue={sheet.level.key}>
          {levels.map((l) => (
            <option key={l.key} value={l.key}>
              {l.name}
              {l.active ? '' : '（已停用）'}
            </option>
          ))}
        </select>
        <button type="submit">查看</button>
      </Form>
      <p className="meta" data-testid="sheet-status">
        {sheet.own
          ? `本区的评分表，共 ${sheet.total} 分${sheet.own.by ? `，${sheet.own.by} 最后修改` : ''}。`
          : sheet.sheet.length
            ? `本区还没有自己的评分表，现用级别的默认评分表，共 ${sheet.total} 分。保存后成为本区的评分表。`
            : '这个级别还没有评分表：设定后才能为它的报告评分。'}{' '}
        开启考核时，报告复制当时的评分表；以往年度的报告不受修改影响。
      </p>
      {sheet.locked ? (
        <div className="notice notice-warn" role="note">
          <p>
            {sheet.year} 年度的评分表已锁定：{sheet.locked}。修改会改变已评分的报告，请在开启下一年度考核前修改。
          </p>
        </div>
      ) : sheet.openReports ? (
        <p className="hint">保存后，本年度 {sheet.openReports} 份尚未评分的报告随之使用新的评分表。</p>
      ) : null}
      <p>
        考核结果档次（优秀、优良、合格）在 <Link to={`/admin/bases/reviews?district=${district.id}`}>基地年度考核</Link>{' '}
        页设定，按评分表总分的百分比计。
      </p>
      <Form key={String(sheet.own?.updatedAt ?? sheet.level.key)} method="post" className="stack-form" aria-labelledby="sheet-form-title">
        <h2 id="sheet-form-title">评分标准</h2>
        <p className="hint">
          每项填写名称和分值（1–100 分的整数）。按平台数据或基地填报给分的项，选择读取的数据，并按从高到低写分档，每档一行：达到值=得分（如
          300=20 表示达到 300 得 20 分）；不写分档的项由评审判断。清空一项的名称、分值和分档即删除这一项。
        </p>
        <CsrfInput />
        <input type="hidden" name="intent" value="sheet" />
        <input type="hidden" name="districtId" value={district.id} />
        <input type="hidden" name="levelKey" value={sheet.level.key} />
        {reply.error && !fieldErrors.length ? (
          <p className="field-error" role="alert">
            {reply.error}
          </p>
        ) : null}
        {rows.map((c, i) => (
          <fieldset key={`${c?.key ?? 'new'}-${i}`} className="sheet-criterion">
            <legend>{c ? `第 ${i + 1} 项` : `新增一项（第 ${i + 1} 项）`}</legend>
            <input type="hidden" name={`c.${i}.key`} value={c?.key ?? ''} />
            <Box reply={reply} i={i} name="label" label="名称" saved={c?.label ?? ''} />
            <Box reply={reply} i={i} name="points" label="分值" saved={c ? String(c.points) : ''} />
            <Box reply={reply} i={i} name="figure" label="读取的数据" saved={c?.figure ?? ''}>
              {(p) => (
                <select id={p.id} name={p.name} defaultValue={p.defaultValue} aria-invalid={p.invalid} aria-describedby={p.describedBy}>
                  <option value="">不读数据（评审判断）</option>
                  {SHEET_FIGURES.map((f) => (
                    <option key={f} value={f}>
                      {figureLabel[f]}
                    </option>
                  ))}
                </select>
              )}
            </Box>
            <Box
              reply={reply}
              i={i}
              name="bands"
              label="分档（每行：达到值=得分，从高到低）"
              saved={(c?.bands ?? []).map((b) => `${b.atLeast}=${b.points}`).join('\n')}
            >
              {(p) => (
                <textarea
                  id={p.id}
                  name={p.name}
                  rows={3}
                  defaultValue={p.defaultValue}
                  aria-invalid={p.invalid}
                  aria-describedby={p.describedBy}
                />
              )}
            </Box>
          </fieldset>
        ))}
        <button type="submit" className="primary">
          保存评分表
        </button>
      </Form>
      <RecordHistory id="sheet-history" entries={history} />
    </article>
  )
}
