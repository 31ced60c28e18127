// The activity form: what, for whom, where (a venue, or a place picked on the map), and the event's own
// registration questions, which staff add and remove as a list.
import {
  getFieldsetProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type DefaultValue,
  type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { CheckField, Field, SelectField } from '~/components/form-field'
import { IntentForm } from '~/components/intent-form'
import { DistrictTownFields, PointFields, pickerArea } from '~/components/place-fields'
import { EVENT_CATEGORIES, eventSchema } from '~/models/event/schema'
import { readQuestions } from '~/models/registration/schema'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import { categoryLabel } from '~/utils/labels'
import type { SerializeFrom } from '@remix-run/node'
import type { z } from 'zod'
import type { PickerArea } from '~/components/location-picker.client'
import type { findEventForStaff } from '~/models/event/admin.server'

export type EventFormChoices = {
  venues: Array<{ id: string; name: string; district: { name: string } }>
  brands: Array<{ id: string; name: string }>
  districts: Array<{
    id: string
    name: string
    centerLat: number
    centerLng: number
    outline: PickerArea['outline']
    towns: Array<{ id: string; name: string; centerLat: number; centerLng: number }>
  }>
  organisations: Array<{ id: string; name: string }>
}

type QuestionDefault = { key?: string; label?: string; kind?: string; required?: string; options?: string }
export type EventFormDefaults = Record<string, string | undefined | QuestionDefault[]>

export function EventForm({
  choices,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  choices: EventFormChoices
  defaultValue?: EventFormDefaults
  lastResult?: SubmissionResult<string[]> | null
  submitLabel: string
}) {
  const [form, fields] = useForm<z.input<typeof eventSchema>>({
    id: 'event',
    lastResult,
    // The loader's strings are what the inputs show; conform reads them as the form's own values.
    defaultValue: defaultValue as DefaultValue<z.input<typeof eventSchema>>,
    constraint: getZodConstraint(eventSchema),
    // As every form (app/utils/use-zod-form.ts): checked when sent, then as fields change, never on blur.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventSchema }),
  })
  const placeKind = fields.placeKind.value ?? 'venue'
  // No district chosen yet (a platform admin's new activity): the map shows Shanghai, not the first district.
  const district =
    choices.districts.find((d) => d.id === fields.districtId.value) ?? (choices.districts.length === 1 ? choices.districts[0] : undefined)
  const questions = fields.questions.getFieldList()
  return (
    <IntentForm form={form} intent="save" className="stack-form wide-form">
      <Field label="活动名称" meta={fields.title}>
        <input {...getInputProps(fields.title, { type: 'text' })} />
      </Field>
      <Field label="一句话简介" hint="显示在列表和地图弹窗中" meta={fields.summary}>
        <input {...getInputProps(fields.summary, { type: 'text' })} />
      </Field>
      <Field label="活动介绍" meta={fields.description}>
        <textarea {...getTextareaProps(fields.description)} rows={6} />
      </Field>
      <div className="field-row">
        <SelectField
          label="类别"
          meta={fields.category}
          placeholder="请选择"
          options={EVENT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel[c] }))}
        />
        <SelectField
          label="活动品牌"
          meta={fields.brandId}
          placeholder="无"
          options={choices.brands.map((b) => ({ value: b.id, label: b.name }))}
        />
      </div>
      <Field label="主题" hint="用顿号分隔，例如：天文、航天" meta={fields.topics}>
        <input {...getInputProps(fields.topics, { type: 'text' })} />
      </Field>
      <div className="field-row">
        <Field label="最小年龄" meta={fields.audienceMinAge}>
          <input {...getInputProps(fields.audienceMinAge, { type: 'number' })} inputMode="numeric" />
        </Field>
        <Field label="最大年龄" meta={fields.audienceMaxAge}>
          <input {...getInputProps(fields.audienceMaxAge, { type: 'number' })} inputMode="numeric" />
        </Field>
        <Field label="每份报名最多人数" meta={fields.maxPartySize}>
          <input {...getInputProps(fields.maxPartySize, { type: 'number' })} inputMode="numeric" />
        </Field>
      </div>
      <CheckField label="需要短信验证（报名时向手机号发送验证码，凭验证码确认报名，适合热门活动防抢号）" meta={fields.requiresSmsCode}>
        <input {...getInputProps(fields.requiresSmsCode, { type: 'checkbox' })} />
      </CheckField>
      <CheckField label="示例活动（公众页面注明：日期和名额只是示例，以主办方发布为准）" meta={fields.isExample}>
        <input {...getInputProps(fields.isExample, { type: 'checkbox' })} />
      </CheckField>
      <CheckField label="不接受网上报名（公众页面只展示场次，不显示报名按钮；工作人员仍可代报名）" meta={fields.noOnlineRegistration}>
        <input {...getInputProps(fields.noOnlineRegistration, { type: 'checkbox' })} />
      </CheckField>
      <Field label="适合人群说明" hint="例如：亲子家庭（6–12岁儿童与家长）" meta={fields.audienceNote}>
        <input {...getInputProps(fields.audienceNote, { type: 'text' })} />
      </Field>
      {choices.organisations.length > 1 ? (
        <SelectField
          label="主办单位"
          meta={fields.organisationId}
          placeholder="未指定"
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : null}

      <fieldset className="location-fieldset">
        <legend>举办地点</legend>
        <div className="radio-row">
          {(['venue', 'place'] as const).map((kind) => (
            <label key={kind}>
              <input {...getInputProps(fields.placeKind, { type: 'radio', value: kind })} key={kind} />
              {kind === 'venue' ? '在我管理的场馆' : '在其他地点（广场、村居、学校等）'}
            </label>
          ))}
        </div>
        {fields.placeKind.errors ? <p className="field-error">{fields.placeKind.errors[0]}</p> : null}
        {placeKind === 'venue' ? (
          <Field label="场馆" meta={fields.venueId}>
            <select {...getSelectProps(fields.venueId)}>
              <option value="">请选择</option>
              {choices.venues.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}（{v.district.name}）
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <>
            <Field label="地点名称" meta={fields.placeName}>
              <input {...getInputProps(fields.placeName, { type: 'text' })} />
            </Field>
            <Field label="地址" meta={fields.placeAddress}>
              <input {...getInputProps(fields.placeAddress, { type: 'text' })} />
            </Field>
            <DistrictTownFields districts={choices.districts} district={fields.districtId} town={fields.townId} />
            <PointFields
              lat={fields.lat}
              lng={fields.lng}
              fallbackCenter={district ? { lat: district.centerLat, lng: district.centerLng } : SHANGHAI_CENTER}
              area={district ? pickerArea(district, fields.townId.value) : undefined}
              label="地图选点：点击地图放置活动地点"
            />
          </>
        )}
      </fieldset>

      <fieldset className="questions-fieldset">
        <legend>报名时额外填写的问题</legend>
        <p className="hint">姓名、手机号和人数总会询问。只问活动真正需要的（个人信息最小必要）。</p>
        {questions.map((question, index) => {
          const q = question.getFieldset()
          return (
            <fieldset key={question.key} {...getFieldsetProps(question)} className="question-item">
              <legend>问题 {index + 1}</legend>
              <input {...getInputProps(q.key, { type: 'hidden' })} />
              <div className="field-row">
                <Field label="问题" meta={q.label}>
                  <input {...getInputProps(q.label, { type: 'text' })} />
                </Field>
                <Field label="回答方式" meta={q.kind}>
                  <select {...getSelectProps(q.kind)}>
                    <option value="text">文字</option>
                    <option value="number">数字</option>
                    <option value="choice">选择</option>
                  </select>
                </Field>
              </div>
              <Field label="选项（选择题，用顿号分隔）" meta={q.options}>
                <input {...getInputProps(q.options, { type: 'text' })} />
              </Field>
              <CheckField label="必填" meta={q.required}>
                <input {...getInputProps(q.required, { type: 'checkbox' })} />
              </CheckField>
              <CheckField label="每个孩子分别回答（如孩子年龄、年级：来几个孩子问几次，没有孩子不问）" meta={q.perChild}>
                <input {...getInputProps(q.perChild, { type: 'checkbox' })} />
              </CheckField>
              <button {...form.remove.getButtonProps({ name: fields.questions.name, index })} className="link-button">
                删除问题 {index + 1}
              </button>
            </fieldset>
          )
        })}
        {fields.questions.errors ? <p className="field-error">{fields.questions.errors[0]}</p> : null}
        <button {...form.insert.getButtonProps({ name: fields.questions.name, defaultValue: { kind: 'text' } })}>添加问题</button>
      </fieldset>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </IntentForm>
  )
}

/** The form's values for an activity as stored. */
export function eventFormDefaults(event: SerializeFrom<NonNullable<Awaited<ReturnType<typeof findEventForStaff>>>>) {
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? undefined : String(value))
  return {
    title: event.title,
    summary: event.summary,
    description: event.description,
    category: event.category,
    topics: event.topics.join('、'),
    audienceMinAge: text(event.audienceMinAge),
    audienceMaxAge: text(event.audienceMaxAge),
    audienceNote: text(event.audienceNote),
    placeKind: event.venueId ? 'venue' : 'place',
    venueId: text(event.venueId),
    placeName: text(event.placeName),
    placeAddress: text(event.placeAddress),
    districtId: event.districtId,
    townId: text(event.townId),
    lat: String(event.lat),
    lng: String(event.lng),
    brandId: text(event.brandId),
    organisationId: text(event.organisationId),
    maxPartySize: String(event.maxPartySize),
    requiresSmsCode: event.requiresSmsCode ? 'on' : undefined,
    isExample: event.isExample ? 'on' : undefined,
    noOnlineRegistration: event.registersOnline ? undefined : 'on',
    questions: readQuestions(event.questions).map((q) => ({
      key: q.key,
      label: q.label,
      kind: q.kind,
      required: q.required ? 'on' : undefined,
      perChild: q.perChild ? 'on' : undefined,
      options: q.options?.join('、'),
    })),
  }
}
