// The fair-booking page's forms: the district's rule, a phone's look-up and lifting its no-show block. Each posts
// its intent and is checked in the browser with the schema the page's intent union uses.
import { getInputProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Field } from '~/components/form-field'
import { IntentForm } from '~/components/intent-form'
import { fairRuleFormSchema, liftSchema, phoneLookupSchema } from '~/models/registration/fair-booking-schema'
import { useZodForm } from '~/utils/use-zod-form'

type Result = SubmissionResult<string[]> | undefined
type Defaults = Record<string, string | undefined>

/**
 * Checked when saved, then again on each keystroke, never on leaving a field: a part's numbers are checked together,
 * so emptying N leaves "fill D too" under N until D is emptied. Checked on leaving D, that message went away on the
 * press of 保存规则 itself (the press takes the focus from D), the button moved up by its height before the release,
 * and the click was lost: no POST, the old rule still in force while the form showed empty numbers.
 */
export function RuleForm({ districtId, lastResult, defaultValue }: { districtId: string; lastResult: Result; defaultValue: Defaults }) {
  const [form, fields] = useZodForm(fairRuleFormSchema, {
    id: `rule-${districtId}`,
    lastResult,
    defaultValue,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const number = (name: 'maxActive' | 'windowDays' | 'noShowLimit' | 'noShowWindowDays' | 'blockDays') => (
    <input {...getInputProps(fields[name], { type: 'number' })} inputMode="numeric" />
  )
  return (
    <IntentForm form={form} intent="rule">
      <input type="hidden" name="districtId" value={districtId} />
      <fieldset>
        <legend>有效预约上限：每个手机号在本区 D 天内最多 N 个有效预约（已确认或候补中）</legend>
        <div className="field-row">
          <Field label="最多有效预约数 N" hint="例如 5；留空则不限" meta={fields.maxActive}>
            {number('maxActive')}
          </Field>
          <Field label="天数 D" hint="例如 30：从现在起 D 天内开始、尚未结束的场次" meta={fields.windowDays}>
            {number('windowDays')}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>爽约限制：M 天内爽约 K 次（确认后未签到）后 X 天内不能在本区报名</legend>
        <div className="field-row">
          <Field label="爽约次数 K" hint="例如 3；留空则不限制" meta={fields.noShowLimit}>
            {number('noShowLimit')}
          </Field>
          <Field label="统计天数 M" hint="K 次爽约的场次在 M 天之内" meta={fields.noShowWindowDays}>
            {number('noShowWindowDays')}
          </Field>
          <Field label="限制天数 X" hint="从第 K 次爽约的活动日起算" meta={fields.blockDays}>
            {number('blockDays')}
          </Field>
        </div>
      </fieldset>
      <p className="hint">只在场馆会为到场的人签到时开启爽约限制：没有签到的已确认报名，活动结束后都算爽约。</p>
      <button type="submit" className="primary">
        保存规则
      </button>
    </IntentForm>
  )
}

export function LookupForm({ districtId, lastResult }: { districtId: string; lastResult: Result }) {
  const [form, fields] = useZodForm(phoneLookupSchema, { id: 'lookup', lastResult })
  return (
    <IntentForm form={form} intent="lookup" className="stack-form">
      <input type="hidden" name="districtId" value={districtId} />
      <Field label="手机号" hint="查询会记入审计日志" meta={fields.phone}>
        <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="off" />
      </Field>
      <button type="submit">查询爽约记录</button>
    </IntentForm>
  )
}

export function LiftForm({ districtId, lastResult, phone }: { districtId: string; lastResult: Result; phone?: string }) {
  const [form, fields] = useZodForm(liftSchema, { id: 'lift', lastResult, defaultValue: { phone } })
  return (
    <IntentForm form={form} intent="lift" className="stack-form">
      <input type="hidden" name="districtId" value={districtId} />
      <Field label="要解除限制的手机号" meta={fields.phone}>
        <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="off" />
      </Field>
      <Field label="解除原因" hint="例如：已核实当天因病未能到场。会记入审计日志" meta={fields.reason}>
        <textarea {...getTextareaProps(fields.reason)} rows={2} />
      </Field>
      <button type="submit" className="danger">
        解除爽约限制
      </button>
    </IntentForm>
  )
}
