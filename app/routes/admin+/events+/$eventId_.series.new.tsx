// Sessions from a pattern (issue 19): staff type the weekdays, times, first and last day, seats and registration
// window, press 预览 to see every date it makes (listed holidays already unticked), untick any others, and press
// 创建. Works without JavaScript: both buttons post the same form, told apart by `intent`. Nothing is saved until
// the person has seen the dates: a 创建 whose pattern no longer matches the preview shows the new dates instead.
import { getCollectionProps, getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotices } from '~/components/action-notices'
import { CsrfInput } from '~/components/csrf-input'
import { Field, FormErrors } from '~/components/form-field'
import {
  checkSeriesPattern,
  MAX_SERIES_SESSIONS,
  seriesPatternFields,
  seriesPatternSchema,
  splitDates,
  WEEKDAYS,
} from '~/models/event/series-schema'
import { createSeries, findEventForSeries, previewSeries, type SeriesPreview } from '~/models/event/series.server'
import { SeriesTimesFields } from '~/routes/admin+/events+/__series-fields'
import { adminMeta } from '~/utils/admin-meta'
import { requireStaff } from '~/utils/auth.server'
import { handleForm, type Stay } from '~/utils/form.server'
import { formatSessionTime } from '~/utils/format'
import { orNotFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => adminMeta(`${data?.event.title ?? '活动'} · 按规律添加场次`)

async function loadEvent(request: Request, eventId: string | undefined) {
  const staff = await requireStaff(request)
  const event = orNotFound(await findEventForSeries(staff, eventId ?? ''), '找不到这个活动，或不在你的管理范围内。')
  return { staff, event }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await loadEvent(request, params.eventId)
  return json({ event, maxSessions: MAX_SERIES_SESSIONS })
}

const dateList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([])

/** 预览 sends the pattern; 创建 also sends the dates the preview showed and those still ticked. */
const seriesPageSchema = z
  .discriminatedUnion('intent', [
    seriesPatternFields.extend({ intent: z.literal('preview') }),
    seriesPatternFields.extend({ intent: z.literal('create'), shown: dateList, dates: dateList }),
  ])
  .superRefine(checkSeriesPattern)

/** What the page keeps after a post: the dates the pattern makes, and the days still ticked when 创建 was refused. */
type SeriesPageData = { preview: SeriesPreview; ticked?: string[] }

export async function action({ request, params }: ActionFunctionArgs) {
  return handleForm(request, {
    schema: () => seriesPageSchema,
    access: { staff: (request) => loadEvent(request, params.eventId) },
    async submit(value, { actor: { staff, event }, done }): Promise<Response | Stay<SeriesPageData>> {
      let preview: SeriesPreview | undefined
      try {
        preview = previewSeries(value)
        const same = value.intent === 'create' && value.shown.join() === preview.days.map((d) => d.date).join()
        if (value.intent === 'preview' || !same) {
          const message = value.intent === 'create' ? '规律改过了：请核对下面按新规律生成的日期，再点“创建”。' : undefined
          return { data: { preview }, message }
        }
        // A day typed into the skip list is left out even if its box was still ticked.
        const skip = new Set(splitDates(value.skipDates))
        const created = await createSeries(
          staff,
          event.id,
          value,
          value.dates.filter((d) => !skip.has(d)),
        )
        return done(`已创建 ${created.sessions} 个场次。`, `/admin/events/${event.id}/series/${created.id}`)
      } catch (error) {
        // A refusal of the ticked days keeps the preview on the page, with the message beside the list.
        if (!(error instanceof Refusal) || !preview) throw error
        return { refusal: error, data: { preview, ticked: value.intent === 'create' ? value.dates : undefined } }
      }
    },
  })
}

export default function NewSeriesPage() {
  const { event, maxSessions } = useLoaderData<typeof loader>()
  const { result, data, message } = useFormReply<typeof action>()
  const [form, fields] = useZodForm(seriesPatternSchema, {
    id: 'series',
    lastResult: result,
    shouldRevalidate: 'onInput',
  })
  const preview = data?.preview
  return (
    <article className="admin-page">
      <p className="meta">
        <Link to={`/admin/events/${event.id}`}>← {event.title}</Link>
      </p>
      <h1>按规律添加场次</h1>
      <p className="lead">
        例如“每周六 14:00–15:30，12 月到来年 1 月”。先预览生成的日期，取消勾选要跳过的日期（如节假日），再创建；一个系列最多 {maxSessions}{' '}
        个场次。以后可以一次修改或取消这个系列所有未开始的场次。
      </p>
      {event.status === 'CANCELLED' ? (
        <p className="notice notice-warn">活动已取消，不能添加场次。</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack-form series-form">
          <CsrfInput />
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset
            className={fields.weekdays.errors ? 'grade-checks has-error' : 'grade-checks'}
            aria-describedby={fields.weekdays.errorId}
          >
            <legend>每周哪几天</legend>
            {getCollectionProps(fields.weekdays, { type: 'checkbox', options: WEEKDAYS.map((w) => String(w.value)) }).map((props) => (
              <label key={props.key} className="check-inline">
                <input {...props} key={props.key} /> {WEEKDAYS.find((w) => String(w.value) === props.value)?.label}
              </label>
            ))}
            {fields.weekdays.errors ? (
              <p id={fields.weekdays.errorId} className="field-error">
                {fields.weekdays.errors[0]}
              </p>
            ) : null}
          </fieldset>
          <div className="field-row">
            <Field label="开始日期" meta={fields.fromDate}>
              <input {...getInputProps(fields.fromDate, { type: 'date' })} />
            </Field>
            <Field label="结束日期（含当天）" meta={fields.untilDate}>
              <input {...getInputProps(fields.untilDate, { type: 'date' })} />
            </Field>
          </div>
          <SeriesTimesFields fields={fields} />
          <Field label="跳过的日期（可不填）" hint="节假日等，如 2026-12-25、2027-01-01；预览时也可以直接取消勾选" meta={fields.skipDates}>
            <textarea {...getTextareaProps(fields.skipDates, { ariaDescribedBy: fields.skipDates.descriptionId })} rows={2} />
          </Field>
          <div className="button-row">
            <button type="submit" name="intent" value="preview" className={preview ? undefined : 'primary'}>
              预览
            </button>
          </div>

          {preview ? (
            <section aria-labelledby="preview-heading" className="admin-section series-preview">
              <h2 id="preview-heading">将生成的场次</h2>
              <ActionNotices message={message} />
              <p>
                共 {preview.days.length} 个日期，勾选的 <strong>{preview.sessions}</strong> 个将创建为场次（上海时间）。
                {preview.past ? ` 另有 ${preview.past} 个日期已过，不会创建。` : ''}
                {preview.notInPattern.length ? ` 跳过列表中的 ${preview.notInPattern.join('、')} 不在这个规律里。` : ''}
              </p>
              {/* A new list (and fresh ticks) whenever the dates change. */}
              <fieldset
                key={preview.days.map((d) => d.date).join()}
                className={form.allErrors.dates ? 'series-dates has-error' : 'series-dates'}
                aria-describedby={form.allErrors.dates ? 'series-dates-error' : undefined}
              >
                <legend>取消勾选要跳过的日期</legend>
                {form.allErrors.dates ? (
                  <p id="series-dates-error" className="field-error">
                    {form.allErrors.dates[0]}
                  </p>
                ) : null}
                <ul>
                  {preview.days.map((d) => (
                    <li key={d.date}>
                      <input type="hidden" name="shown" value={d.date} />
                      <label className="check-inline">
                        <input
                          type="checkbox"
                          name="dates"
                          value={d.date}
                          defaultChecked={data?.ticked ? data.ticked.includes(d.date) : !d.skipped}
                        />{' '}
                        {formatSessionTime(d.startsAt, d.endsAt)}
                        {d.skipped ? '（已列为跳过）' : ''}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <div className="button-row">
                <button type="submit" name="intent" value="create" className="primary">
                  创建勾选的场次
                </button>
              </div>
            </section>
          ) : null}
        </Form>
      )}
    </article>
  )
}
