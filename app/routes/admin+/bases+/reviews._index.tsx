// 年度考核 (staff): the year's reports in the staff member's scope. The district (its admin, or a platform admin who
// picks a district) opens the year's reports with a deadline, sets its result bands, sees each base's figures so far
// projected against its sheet (a base on course for 不合格 flagged), the bases not yet submitted and reminds them.
// A base's staff see their own reports.
import { getFormProps, getInputProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { DataTable } from '~/components/data-table'
import { Field, FormErrors } from '~/components/form-field'
import { bandsSchema, openReportsSchema } from '~/models/bases/admin-schema'
import { figureLabel, reviewStatusLabel } from '~/models/bases/labels'
import { earlyWarning, getBands, listReviews } from '~/models/bases/review.server'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { prisma } from '~/utils/infra/db.server'
import { districtScope } from '~/utils/permissions.server'
import { shanghaiDateKey } from '~/utils/shanghai-time'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'
import { DistrictPicker } from '../__district-picker'
import { reviewsAction } from './__review-actions.server'

export const meta: MetaFunction = () => adminMeta('基地年度考核')

/** A deadline this many days away or closer (or past) puts a base not yet submitted on the reminder list. */
const NEAR_DAYS = 14
const DAY = 86_400_000

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request)
  const url = new URL(request.url)
  const now = new Date()
  const thisYear = Number(shanghaiDateKey(now).slice(0, 4))
  const asked = Number(url.searchParams.get('year'))
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear
  const isReviewer = staff.role !== 'ORG_STAFF'
  const districts = isReviewer
    ? await prisma.district.findMany({
        where: { ...districtScope(staff), active: true },
        orderBy: { code: 'asc' },
        select: { id: true, name: true },
      })
    : []
  const wanted = url.searchParams.get('district')
  const district = districts.find((d) => d.id === wanted) ?? districts[0] ?? null
  const reviews = await listReviews(staff, year, district?.id)
  const warnings = district && year === thisYear ? await earlyWarning(district.id, year, now) : []
  const bands = district ? await getBands(district.id) : null
  const notSubmitted = reviews
    .filter((r) => r.status === 'OPEN' || r.status === 'RETURNED')
    .map((r) => ({
      id: r.id,
      venue: r.venue.name,
      deadline: r.deadline,
      days: Math.ceil((r.deadline.getTime() - now.getTime()) / DAY),
      remindedAt: r.remindedAt,
    }))
  return json(
    {
      year,
      thisYear,
      district,
      districts,
      isReviewer,
      bands,
      reviews: reviews.map(({ sheet: _sheet, ...r }) => r),
      notSubmitted,
      warnings,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export const action = ({ request }: ActionFunctionArgs) => reviewsAction(request)

const WARNING_FIGURES = ['openDays', 'activities', 'checkedIn', 'schoolPupils', 'passportStamps', 'volunteerHours'] as const

export default function AdminBaseReviewsPage() {
  const { year, thisYear, district, districts, isReviewer, bands, reviews, notSubmitted, warnings } = useLoaderData<typeof loader>()
  const openReply = useFormReply('open')
  const [openForm, openFields] = useZodForm(openReportsSchema, {
    id: 'open-reports-form',
    lastResult: openReply.result,
    defaultValue: { year: String(year), deadline: `${year + 1}-01-31` },
  })
  const bandsReply = useFormReply('bands')
  const [bandsForm, bandsFields] = useZodForm(bandsSchema, {
    id: 'bands-form',
    lastResult: bandsReply.result,
    defaultValue: bands ? { excellent: String(bands.excellent), good: String(bands.good), pass: String(bands.pass) } : {},
  })
  const remindReply = useFormReply('remind')
  const near = notSubmitted.filter((n) => n.days <= NEAR_DAYS)
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to="/admin/bases">← 科普基地</Link>
      </p>
      <h1>
        基地年度考核 {year}
        {district ? ` · ${district.name}` : ''}
      </h1>
      <Form method="get" className="inline-form filter-bar">
        {districts.length > 1 ? <DistrictPicker id="reviews-district" districts={districts} value={district?.id} /> : null}
        <label htmlFor="reviews-year">年度</label>
        <select id="reviews-year" name="year" defaultValue={year}>
          {[thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button type="submit">查看</button>
      </Form>

      <DataTable caption={<>考核报告（{reviews.length}）</>} headings={['基地', '区', '级别', '状态', '截止', '自评', '区评', '结果']}>
        {reviews.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/admin/bases/reviews/${r.id}`}>{r.venue.name}</Link>
            </td>
            <td>{r.district.name}</td>
            <td>{r.level.name}</td>
            <td>{reviewStatusLabel[r.status]}</td>
            <td>{shanghaiDateKey(new Date(r.deadline))}</td>
            <td>{r.selfTotal ?? '—'}</td>
            <td>{r.districtTotal ?? '—'}</td>
            <td>{r.result ?? '—'}</td>
          </tr>
        ))}
      </DataTable>

      {isReviewer && district ? (
        <>
          <section className="admin-section" aria-labelledby="not-submitted">
            <h2 id="not-submitted">尚未提交（{notSubmitted.length}）</h2>
            {notSubmitted.length ? (
              <>
                <ul data-testid="not-submitted">
                  {notSubmitted.map((n) => (
                    <li key={n.id} className={n.days <= NEAR_DAYS ? 'warn' : undefined}>
                      <Link to={`/admin/bases/reviews/${n.id}`}>{n.venue}</Link>：截止 {shanghaiDateKey(new Date(n.deadline))}
                      {n.days < 0 ? `，已逾期 ${-n.days} 天` : `，还有 ${n.days} 天`}
                      {n.remindedAt ? `（${shanghaiDateKey(new Date(n.remindedAt))} 已提醒）` : ''}
                    </li>
                  ))}
                </ul>
                {near.length ? (
                  <p className="notice notice-warn">
                    {near.length} 个基地临近截止（{NEAR_DAYS} 天内）或已逾期。
                  </p>
                ) : null}
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="remind" />
                  <input type="hidden" name="districtId" value={district.id} />
                  <input type="hidden" name="year" value={year} />
                  <button type="submit">发邮件提醒尚未提交的基地</button>
                  <ActionNotices error={remindReply.error} />
                </Form>
              </>
            ) : (
              <p>没有尚未提交的报告。</p>
            )}
          </section>

          {warnings.length ? (
            <section className="admin-section" aria-labelledby="early-warning">
              <h2 id="early-warning">预警：今年至今的平台数据，按全年推算</h2>
              <p className="hint">
                按已过天数推算全年，只计评分表中读取平台数据的项目；推算得分低于合格线（{bands?.pass}%）的基地标为「可能不合格」。
              </p>
              <DataTable headings={['基地', '级别', ...WARNING_FIGURES.map((k) => `${figureLabel[k]}（至今 / 推算）`), '推算得分', '预警']}>
                {warnings.map((w) => (
                  <tr key={w.venueId} data-testid="warning-row">
                    <th scope="row">{w.venueName}</th>
                    <td>{w.levelName}</td>
                    {WARNING_FIGURES.map((k) => (
                      <td key={k}>
                        {w.measured[k]} / {w.projected[k]}
                      </td>
                    ))}
                    <td>
                      {w.projectedPoints} / {w.measurablePoints}
                      {w.percent !== null ? `（${w.percent}%）` : ''}
                    </td>
                    <td>{w.atRisk ? <span className="pill pill-draft">可能不合格</span> : '—'}</td>
                  </tr>
                ))}
              </DataTable>
            </section>
          ) : null}

          <section className="admin-section" aria-labelledby="open-reports">
            <h2 id="open-reports">开启年度考核</h2>
            <p className="hint">为本区每个有效（含整改中）且当年在有效期内的基地认定开启一份报告；已开启的不会重复。</p>
            <Form method="post" {...getFormProps(openForm)} className="stack-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="open" />
              <input type="hidden" name="districtId" value={district.id} />
              <FormErrors id={openForm.errorId} errors={openForm.errors} />
              <Field label="考核年度" meta={openFields.year}>
                <input {...getInputProps(openFields.year, { type: 'text' })} inputMode="numeric" />
              </Field>
              <Field label="截止日期" meta={openFields.deadline}>
                <input {...getInputProps(openFields.deadline, { type: 'date' })} />
              </Field>
              <button type="submit" className="primary">
                开启报告
              </button>
            </Form>
          </section>

          <section className="admin-section" aria-labelledby="result-bands">
            <h2 id="result-bands">考核结果档次（占总分的百分比）</h2>
            <p className="hint">
              各级别的评分标准（分值、读取的数据、分档）在 <Link to={`/admin/bases/sheets?district=${district.id}`}>考核评分表</Link>{' '}
              页设定。
            </p>
            <Form method="post" {...getFormProps(bandsForm)} className="stack-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="bands" />
              <input type="hidden" name="districtId" value={district.id} />
              <FormErrors id={bandsForm.errorId} errors={bandsForm.errors} />
              <Field label="优秀 ≥（%）" meta={bandsFields.excellent}>
                <input {...getInputProps(bandsFields.excellent, { type: 'text' })} inputMode="numeric" />
              </Field>
              <Field label="优良 ≥（%）" meta={bandsFields.good}>
                <input {...getInputProps(bandsFields.good, { type: 'text' })} inputMode="numeric" />
              </Field>
              <Field label="合格 ≥（%）" hint="低于合格线为不合格" meta={bandsFields.pass}>
                <input {...getInputProps(bandsFields.pass, { type: 'text' })} inputMode="numeric" />
              </Field>
              <button type="submit">保存档次</button>
            </Form>
          </section>
        </>
      ) : null}
    </article>
  )
}
