// The fields every session of a series shares (times, seats, registration window): in the form that makes a series
// and in the one that changes all its sessions still to come.
import { getInputProps } from '@conform-to/react'
import { Field, type AnyFieldMeta } from '~/components/form-field'

export function SeriesTimesFields({
  fields,
}: {
  fields: Record<'startTime' | 'endTime' | 'capacity' | 'opensDaysBefore' | 'closesHoursBefore', AnyFieldMeta>
}) {
  return (
    <>
      <div className="field-row">
        <Field label="开始时间" meta={fields.startTime}>
          <input {...getInputProps(fields.startTime, { type: 'time' })} />
        </Field>
        <Field label="结束时间" meta={fields.endTime}>
          <input {...getInputProps(fields.endTime, { type: 'time' })} />
        </Field>
        <Field label="每场名额" meta={fields.capacity}>
          <input {...getInputProps(fields.capacity, { type: 'number' })} inputMode="numeric" />
        </Field>
      </div>
      <div className="field-row">
        <Field label="报名提前几天开放（可不填）" hint="不填：现在就开放报名" meta={fields.opensDaysBefore}>
          <input
            {...getInputProps(fields.opensDaysBefore, { type: 'number', ariaDescribedBy: fields.opensDaysBefore.descriptionId })}
            inputMode="numeric"
          />
        </Field>
        <Field label="开始前几小时截止报名（可不填）" hint="不填：活动开始时截止" meta={fields.closesHoursBefore}>
          <input
            {...getInputProps(fields.closesHoursBefore, { type: 'number', ariaDescribedBy: fields.closesHoursBefore.descriptionId })}
            inputMode="numeric"
          />
        </Field>
      </div>
    </>
  )
}
