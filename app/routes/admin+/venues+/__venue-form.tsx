// The venue form, for new and existing venues. Every input has a label; the map picker and the latitude and
// longitude inputs move together.
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import { DistrictTownFields, PointFields, pickerArea } from '~/components/place-fields'
import { VENUE_LEVELS, VENUE_TYPES, venueSchema } from '~/models/venue/schema'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import { venueLevelLabel, venueTypeLabel } from '~/utils/labels'
import { useZodForm } from '~/utils/use-zod-form'
import type { SubmissionResult } from '@conform-to/react'
import type { PickerArea } from '~/components/location-picker.client'

export type VenueFormChoices = {
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

export function VenueForm({
  choices,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  choices: VenueFormChoices
  defaultValue?: Record<string, string | undefined>
  lastResult?: SubmissionResult<string[]> | null
  submitLabel: string
}) {
  const [form, fields] = useZodForm(venueSchema, {
    id: 'venue',
    lastResult,
    defaultValue,
  })
  // No district chosen yet (a platform admin's new venue): the map shows Shanghai, not the first district.
  const chosenDistrict =
    choices.districts.find((d) => d.id === fields.districtId.value) ?? (choices.districts.length === 1 ? choices.districts[0] : undefined)
  const center = chosenDistrict ? { lat: chosenDistrict.centerLat, lng: chosenDistrict.centerLng } : SHANGHAI_CENTER
  return (
    <Form method="post" {...getFormProps(form)} className="stack-form wide-form">
      <CsrfInput />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label="场馆名称" meta={fields.name}>
        <input {...getInputProps(fields.name, { type: 'text' })} />
      </Field>
      <div className="field-row">
        <SelectField
          label="类型"
          meta={fields.type}
          placeholder="请选择"
          options={VENUE_TYPES.map((t) => ({ value: t, label: venueTypeLabel[t] }))}
        />
        <SelectField
          label="级别"
          meta={fields.level}
          placeholder="无"
          options={VENUE_LEVELS.map((l) => ({ value: l, label: venueLevelLabel[l] }))}
        />
        <Field label="认定年份" hint="新认定的基地计入当年目标" meta={fields.recognisedYear}>
          <input {...getInputProps(fields.recognisedYear, { type: 'number' })} inputMode="numeric" />
        </Field>
      </div>
      <DistrictTownFields districts={choices.districts} district={fields.districtId} town={fields.townId} />
      {choices.organisations.length > 1 ? (
        <SelectField
          label="运营单位"
          meta={fields.organisationId}
          placeholder="未指定"
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : null}
      <Field label="地址" meta={fields.address}>
        <input {...getInputProps(fields.address, { type: 'text' })} autoComplete="street-address" />
      </Field>
      <fieldset className="location-fieldset">
        <legend>位置</legend>
        <p className="hint" id="picker-hint">
          在地图上点击放置图钉，可拖动图钉微调；也可以直接填写纬度和经度（WGS-84）。
        </p>
        <PointFields
          lat={fields.lat}
          lng={fields.lng}
          fallbackCenter={center}
          area={chosenDistrict ? pickerArea(chosenDistrict, fields.townId.value) : undefined}
          label="地图选点：点击地图放置场馆位置"
        />
      </fieldset>
      <Field label="开放时间" hint="例如：周二至周日 9:00–16:30，周一闭馆" meta={fields.openingHours}>
        <input {...getInputProps(fields.openingHours, { type: 'text' })} />
      </Field>
      <div className="field-row">
        <Field label="联系电话" meta={fields.phone}>
          <input {...getInputProps(fields.phone, { type: 'tel' })} />
        </Field>
        <Field label="网址" meta={fields.website}>
          <input {...getInputProps(fields.website, { type: 'url' })} />
        </Field>
      </div>
      <Field label="无障碍与适老设施" hint="例如：无障碍通道、电梯、轮椅借用" meta={fields.accessibility}>
        <input {...getInputProps(fields.accessibility, { type: 'text' })} />
      </Field>
      <Field label="简介" meta={fields.description}>
        <textarea {...getTextareaProps(fields.description)} rows={4} />
      </Field>
      <CheckField label="向公众开放" meta={fields.openToPublic}>
        <input {...getInputProps(fields.openToPublic, { type: 'checkbox' })} />
      </CheckField>
      <CheckField label="接待学校团体参观（馆校合作）" meta={fields.takesSchoolVisits}>
        <input {...getInputProps(fields.takesSchoolVisits, { type: 'checkbox' })} />
      </CheckField>
      <CheckField label="科普护照盖章点" meta={fields.stampsPassport}>
        <input {...getInputProps(fields.stampsPassport, { type: 'checkbox' })} />
      </CheckField>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  )
}
